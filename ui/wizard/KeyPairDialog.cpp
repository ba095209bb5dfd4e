// SPDX-License-Identifier: Apache-2.0
#include "wizard/KeyPairDialog.h"

#include "net/CertificateInfo.h"

#include "services/KeyPairFiles.h"
#include "wizard/Theme.h"
#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>

#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLayout>
#include <QLocale>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTimer>
#include <QVBoxLayout>

namespace bp::ui {

KeyPairDialog::KeyPairDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("keyPairDialog"));
    setModal(true);

    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    m_retiredNote = new QLabel(this);
    m_retiredNote->setObjectName(QStringLiteral("keyPairRetiredNote"));
    m_retiredNote->setWordWrap(true);
    Theme::setPanelTone(m_retiredNote, Theme::Tone::Warning);

    m_daysLabel = new QLabel(this);
    m_daysSpin = new QSpinBox(this);
    m_daysSpin->setObjectName(QStringLiteral("validityDaysSpin"));
    m_daysSpin->setRange(1, 3650); // KeyPairGenerator's limits
    m_daysSpin->setValue(365);     // what Developer Console's own pairs last
    m_daysLabel->setBuddy(m_daysSpin);
    m_generateButton = new QPushButton(this);
    m_generateButton->setObjectName(QStringLiteral("generateButton"));
    m_generateButton->setDefault(true);

    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("keyPairStatusLabel"));
    m_statusLabel->setWordWrap(true);
    m_statusLabel->setTextFormat(Qt::PlainText);

    m_resultBox = new QWidget(this);
    m_resultBox->setObjectName(QStringLiteral("keyPairResultBox"));
    m_expiryLabel = new QLabel(m_resultBox);
    m_expiryLabel->setObjectName(QStringLiteral("keyPairExpiryLabel"));
    m_expiryLabel->setTextFormat(Qt::PlainText);
    m_fingerprintLabel = new QLabel(m_resultBox);
    m_fingerprintLabel->setObjectName(QStringLiteral("keyPairFingerprintLabel"));
    m_fingerprintLabel->setTextFormat(Qt::PlainText);
    m_fingerprintLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_uploadNote = new QLabel(m_resultBox);
    m_uploadNote->setObjectName(QStringLiteral("keyPairUploadNote"));
    m_uploadNote->setWordWrap(true);
    m_saveButton = new QPushButton(m_resultBox);
    m_saveButton->setObjectName(QStringLiteral("saveKeyPairButton"));
    m_copyButton = new QPushButton(m_resultBox);
    m_copyButton->setObjectName(QStringLiteral("copyCertificateButton"));
    m_resultBox->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_buttons->setObjectName(QStringLiteral("keyPairButtons"));
    // Close is not the default: Enter generates, then saves.
    m_buttons->button(QDialogButtonBox::Close)->setAutoDefault(false);

    auto *form = new QFormLayout;
    auto *daysRow = new QHBoxLayout;
    daysRow->addWidget(m_daysSpin);
    daysRow->addWidget(m_generateButton);
    daysRow->addStretch(1);
    form->addRow(m_daysLabel, daysRow);

    auto *resultLayout = new QVBoxLayout(m_resultBox);
    resultLayout->setContentsMargins(0, 0, 0, 0);
    resultLayout->addWidget(m_expiryLabel);
    resultLayout->addWidget(m_fingerprintLabel);
    resultLayout->addWidget(m_uploadNote);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_saveButton);
    actions->addWidget(m_copyButton);
    actions->addStretch(1);
    resultLayout->addLayout(actions);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_retiredNote);
    layout->addLayout(form);
    layout->addWidget(m_statusLabel);
    layout->addWidget(m_resultBox);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    setTabOrder(m_daysSpin, m_generateButton);
    setTabOrder(m_generateButton, m_saveButton);
    setTabOrder(m_saveButton, m_copyButton);

    connect(m_generateButton, &QPushButton::clicked, this, &KeyPairDialog::generate);
    connect(m_saveButton, &QPushButton::clicked, this, &KeyPairDialog::chooseFileAndSave);
    connect(m_copyButton, &QPushButton::clicked, this, &KeyPairDialog::copyCertificate);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    retranslate();
    resize(560, sizeHint().height());
}

KeyPairDialog::~KeyPairDialog() = default; // GeneratedKeyPair's SecretString wipes the key

QString KeyPairDialog::certificatePathFor(const QString &keyPath)
{
    return KeyPairPaths::forKeyFile(keyPath).certificate;
}

void KeyPairDialog::generate()
{
    if (m_generating)
        return;
    m_generating = true;
    m_error.clear();
    m_generateButton->setEnabled(false);
    m_daysSpin->setEnabled(false);
    m_statusLabel->setText(tr("Generating an RSA 2048 key pair…"));
    // Generation blocks for ~0.1 s; QtConcurrent is not linked, so let the status text paint first.
    QTimer::singleShot(0, this, &KeyPairDialog::generateNow);
}

void KeyPairDialog::generateNow()
{
    Result<GeneratedKeyPair> generated = KeyPairGenerator::generate(m_daysSpin->value());
    m_generating = false;
    m_generateButton->setEnabled(true);
    m_daysSpin->setEnabled(true);
    m_savedKeyPath.clear();
    m_savedCertificatePath.clear();
    m_copied = false;
    if (!generated) {
        m_pair.reset();
        m_error = generated.error().fullText();
    } else {
        m_pair = std::move(generated.value());
    }
    updateResult();
    if (m_pair) {
        // Now the useful default action is saving.
        m_saveButton->setDefault(true);
        m_saveButton->setFocus();
    }
}

void KeyPairDialog::chooseFileAndSave()
{
    if (!m_pair)
        return;
    const QString start = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                              .filePath(QStringLiteral("private.key"));
    const QString path = QFileDialog::getSaveFileName(this, tr("Save the private key"),
                                                      m_savedKeyPath.isEmpty() ? start : m_savedKeyPath,
                                                      tr("Private keys (*.key *.pem);;All files (*)"));
    if (!path.isEmpty())
        saveTo(path);
}

bool KeyPairDialog::saveTo(const QString &keyPath)
{
    if (!m_pair)
        return false;
    m_error.clear();
    // The file dialog already asked before replacing, so an existing file is replaced (created fresh, 0600).
    const KeyPairPaths paths = KeyPairPaths::forKeyFile(keyPath);
    const Result<bool> written = writeKeyPair(paths, *m_pair, true);
    if (!written) {
        m_error = written.error().fullText();
        updateResult();
        return false;
    }
    m_savedKeyPath = paths.privateKey;
    m_savedCertificatePath = paths.certificate;
    updateResult();
    emit keyPairSaved(m_savedKeyPath, m_savedCertificatePath);
    return true;
}

void KeyPairDialog::copyCertificate()
{
    if (!m_pair)
        return;
    // The certificate is public; the private key is never offered to the clipboard.
    QApplication::clipboard()->setText(QString::fromLatin1(m_pair->certificatePem));
    m_copied = true;
    updateResult();
}

void KeyPairDialog::updateResult()
{
    m_resultBox->setVisible(m_pair.has_value());
    m_generateButton->setText(m_pair ? tr("&Generate again") : tr("&Generate"));
    if (!m_error.isEmpty()) {
        m_statusLabel->setText(tr("⚠ %1").arg(m_error));
    } else if (!m_savedCertificatePath.isEmpty()) {
        m_statusLabel->setText(
            tr("Saved the private key to %1 (readable only by you) and the certificate to %2.")
                .arg(QDir::toNativeSeparators(m_savedKeyPath),
                     QDir::toNativeSeparators(m_savedCertificatePath)));
    } else if (m_copied) {
        m_statusLabel->setText(tr("The certificate is on the clipboard. Save the private key too: without it "
                                  "the certificate is useless."));
    } else if (m_pair) {
        m_statusLabel->setText(tr("Key pair generated. Save it before closing this window: Adobe never sees "
                                  "the private key, so it cannot be downloaded again."));
    } else {
        m_statusLabel->clear();
    }
    if (!m_pair)
        return;
    m_expiryLabel->setText(
        tr("Certificate valid until %1.").arg(CertificateInfo::displayTime(m_pair->notAfter)));
    // Two halves on two lines: one unbreakable 95-character line would make the dialog very wide.
    const QString fingerprint = CertificateInfo::displayFingerprint(m_pair->sha256);
    const int half = int(fingerprint.size()) / 2 + 1;
    m_fingerprintLabel->setText(tr("SHA-256 fingerprint: %1").arg(fingerprint.left(half)) +
                                QLatin1Char('\n') + fingerprint.mid(half));
    // The result appeared below the fixed-size form: grow so nothing is squeezed.
    layout()->activate();
    const int needed = layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width())
                                                     : layout()->totalSizeHint().height();
    if (needed > height())
        resize(width(), needed);
}

void KeyPairDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void KeyPairDialog::retranslate()
{
    setWindowTitle(tr("Generate a key pair"));
    m_intro->setText(tr("Creates a new RSA 2048 private key and a self-signed certificate for a Service "
                        "Account (JWT) credential. The private key stays on this computer; only the "
                        "certificate is uploaded."));
    m_retiredNote->setText(tr("Adobe retired JWT credentials: since 2025-06-30 Developer Console no longer "
                              "accepts new certificates for them. Use this only if your credential still "
                              "accepts a certificate, and plan the move to OAuth Server-to-Server."));
    m_daysLabel->setText(tr("&Valid for:"));
    m_daysSpin->setSuffix(tr(" days"));
    m_uploadNote->setText(tr("Upload the certificate to the credential in Adobe Developer Console "
                             "(Credential details → Public keys → Upload public key), then use the saved "
                             "private key in this wizard."));
    m_saveButton->setText(tr("&Save…"));
    m_copyButton->setText(tr("&Copy certificate"));
    updateResult();
}

} // namespace bp::ui
