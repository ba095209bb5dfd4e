// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/CertificateInfo.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QPushButton;

namespace bp::ui {

// Shows a certificate the server presented that is not trusted, and lets the user trust exactly that
// certificate for exactly that host:port. There is deliberately no "ignore all errors" option, and the
// default button is Cancel so that pressing Enter never trusts anything.
class CertificateTrustDialog : public QDialog
{
    Q_OBJECT
public:
    explicit CertificateTrustDialog(const CertificateInfo &certificate, QWidget *parent = nullptr);

    const CertificateInfo &certificate() const { return m_certificate; }
    QPushButton *trustButton() const { return m_trustButton; }
    QPushButton *cancelButton() const { return m_cancelButton; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    CertificateInfo m_certificate;
    QLabel *m_intro;
    QLabel *m_subjectCaption;
    QLabel *m_subject;
    QLabel *m_issuerCaption;
    QLabel *m_issuer;
    QLabel *m_validityCaption;
    QLabel *m_validity;
    QLabel *m_fingerprintCaption;
    QLabel *m_fingerprint;
    QLabel *m_problemsCaption;
    QLabel *m_problems;
    QLabel *m_advice;
    QDialogButtonBox *m_buttons;
    QPushButton *m_trustButton;
    QPushButton *m_cancelButton;
};

} // namespace bp::ui
