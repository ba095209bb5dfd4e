// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "crypto/PrivateKey.h"

#include <QDialog>

#include <optional>

class QDialogButtonBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QWidget;

namespace bp::ui {

// Generates an RSA 2048 key pair with a self-signed certificate (KeyPairGenerator) for a Service Account
// (JWT) credential, shows its expiry and fingerprint, and saves it: the private key with mode 0600 from the
// first byte, the certificate next to it. The key lives only in this dialog (SecretString) until saved.
class KeyPairDialog : public QDialog
{
    Q_OBJECT
public:
    explicit KeyPairDialog(QWidget *parent = nullptr);
    ~KeyPairDialog() override;

    bool hasKeyPair() const { return m_pair.has_value(); }
    QString savedKeyPath() const { return m_savedKeyPath; }
    QString savedCertificatePath() const { return m_savedCertificatePath; }

    // Where the certificate goes for a key saved at keyPath: Developer Console's own names when the key is
    // private.key, otherwise the key's base name with .crt.
    static QString certificatePathFor(const QString &keyPath);

public slots:
    // Shows "Generating…", then generates on the next event-loop turn so the text is painted first.
    void generate();
    // Writes the key (0600, replacing any file there) and the certificate. False with the reason shown.
    bool saveTo(const QString &keyPath);

signals:
    void keyPairSaved(const QString &keyPath, const QString &certificatePath);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void generateNow();
    void chooseFileAndSave();
    void copyCertificate();
    void updateResult();

    QLabel *m_intro;
    QLabel *m_retiredNote;
    QLabel *m_daysLabel;
    QSpinBox *m_daysSpin;
    QPushButton *m_generateButton;
    QLabel *m_statusLabel;
    QWidget *m_resultBox;
    QLabel *m_expiryLabel;
    QLabel *m_fingerprintLabel;
    QLabel *m_uploadNote;
    QPushButton *m_saveButton;
    QPushButton *m_copyButton;
    QDialogButtonBox *m_buttons;

    std::optional<GeneratedKeyPair> m_pair;
    QString m_error; // from the last generate or save; shown in the status line
    QString m_savedKeyPath;
    QString m_savedCertificatePath;
    bool m_generating = false;
    bool m_copied = false;
};

} // namespace bp::ui
