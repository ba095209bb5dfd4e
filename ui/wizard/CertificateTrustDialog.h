// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "errors/Error.h"
#include "net/CertificateInfo.h"

#include <QDialog>
#include <QHash>

#include <functional>

class QDialogButtonBox;
class QLabel;
class QPushButton;

namespace bp {
class SetupState;
}

namespace bp::ui {

// Shows a certificate the server presented that is not trusted, and lets the user trust exactly that
// certificate for exactly that host:port. There is deliberately no "ignore all errors" option, and the
// default button is Cancel so that pressing Enter never trusts anything.
class CertificateTrustDialog : public QDialog
{
    Q_OBJECT
public:
    explicit CertificateTrustDialog(const CertificateInfo &certificate, QWidget *parent = nullptr);

    // The one way a page offers to trust a certificate (the Connect page for AEM, the Validate page for Adobe
    // IMS, any page whose request met one): for an error that carries a certificate not pinned yet for its
    // host, opens the dialog (window-modal, deleted on close). Trust pins exactly that certificate for
    // exactly that host:port for this session (SetupState::sessionPins and state->connection.network, which
    // every later request of the wizard uses) and calls trusted; Cancel calls rejected (either may be empty).
    // Returns the dialog, or null when the error is not such a failure.
    static CertificateTrustDialog *offer(const Error &error, SetupState *state, QWidget *parent,
                                         std::function<void()> trusted, std::function<void()> rejected);
    // After requests succeeded: saves to the trust store each certificate trusted in this session that
    // pinsUsed (host:port -> pin, from the client that made them) shows was used for exactly its host, so a
    // certificate trusted by mistake for a request that then failed is never remembered. Returns what went
    // wrong saving, empty when nothing did.
    static QString rememberUsed(SetupState *state, const QString &trustStorePath,
                                const QHash<QString, QString> &pinsUsed);

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
