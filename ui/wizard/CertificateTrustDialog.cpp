// SPDX-License-Identifier: Apache-2.0
#include "wizard/CertificateTrustDialog.h"

#include "services/TrustedCertificates.h"
#include "setup/SetupState.h"
#include "time/Clock.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace bp::ui {

namespace {

QLabel *makeValueLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setTextFormat(Qt::PlainText);
    return label;
}

} // namespace

CertificateTrustDialog::CertificateTrustDialog(const CertificateInfo &certificate, QWidget *parent)
    : QDialog(parent), m_certificate(certificate)
{
    setObjectName(QStringLiteral("certificateTrustDialog"));
    setModal(true);
    setMinimumWidth(600);

    m_intro = new QLabel(this);
    m_intro->setObjectName(QStringLiteral("introLabel"));
    m_intro->setWordWrap(true);
    m_intro->setTextFormat(Qt::PlainText);

    m_subjectCaption = new QLabel(this);
    m_subject = makeValueLabel(QStringLiteral("subjectLabel"), this);
    m_issuerCaption = new QLabel(this);
    m_issuer = makeValueLabel(QStringLiteral("issuerLabel"), this);
    m_validityCaption = new QLabel(this);
    m_validity = makeValueLabel(QStringLiteral("validityLabel"), this);
    m_fingerprintCaption = new QLabel(this);
    m_fingerprint = makeValueLabel(QStringLiteral("fingerprintLabel"), this);
    m_fingerprint->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_problemsCaption = new QLabel(this);
    m_problems = makeValueLabel(QStringLiteral("problemsLabel"), this);

    m_advice = new QLabel(this);
    m_advice->setObjectName(QStringLiteral("adviceLabel"));
    m_advice->setWordWrap(true);
    m_advice->setTextFormat(Qt::PlainText);

    m_buttons = new QDialogButtonBox(this);
    m_trustButton = m_buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_trustButton->setObjectName(QStringLiteral("trustButton"));
    m_cancelButton = m_buttons->addButton(QDialogButtonBox::Cancel);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    // Enter must not trust a certificate by accident.
    m_trustButton->setAutoDefault(false);
    m_trustButton->setDefault(false);
    m_cancelButton->setAutoDefault(true);
    m_cancelButton->setDefault(true);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->addRow(m_subjectCaption, m_subject);
    form->addRow(m_issuerCaption, m_issuer);
    form->addRow(m_validityCaption, m_validity);
    form->addRow(m_fingerprintCaption, m_fingerprint);
    form->addRow(m_problemsCaption, m_problems);

    auto *icon = new QLabel(this);
    const int iconSize = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    icon->setPixmap(
        style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this).pixmap(iconSize, iconSize));
    auto *introRow = new QHBoxLayout;
    introRow->addWidget(icon, 0, Qt::AlignTop);
    introRow->addWidget(m_intro, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(introRow);
    layout->addSpacing(6);
    layout->addLayout(form);
    layout->addSpacing(6);
    layout->addWidget(m_advice);
    layout->addWidget(m_buttons);

    retranslate();
    m_cancelButton->setFocus();
}

CertificateTrustDialog *CertificateTrustDialog::offer(const Error &error, SetupState *state, QWidget *parent,
                                                      std::function<void()> trusted,
                                                      std::function<void()> rejected)
{
    if (error.code != ErrorCode::Tls || !error.certificate || error.certificate->isNull() || !state)
        return nullptr;
    const CertificateInfo certificate = *error.certificate;
    // Pinned already and still refused: another problem than trust (the dialog would loop).
    if (state->connection.network.pinnedSha256.value(certificate.host) == certificate.sha256)
        return nullptr;
    auto *dialog = new CertificateTrustDialog(certificate, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, parent, [state, certificate, trusted = std::move(trusted)] {
        // For this session; saved to the trust store by rememberUsed() once a request worked with it.
        state->sessionPins.insert(certificate.host, certificate.sha256);
        state->connection.network.pinnedSha256.insert(certificate.host, certificate.sha256);
        if (trusted)
            trusted();
    });
    connect(dialog, &QDialog::rejected, parent, [rejected = std::move(rejected)] {
        if (rejected)
            rejected();
    });
    dialog->open();
    return dialog;
}

QString CertificateTrustDialog::rememberUsed(SetupState *state, const QString &trustStorePath,
                                             const QHash<QString, QString> &pinsUsed)
{
    if (!state)
        return QString();
    TrustedCertificates trusted(trustStorePath, *state->clock);
    QStringList problems;
    for (auto it = pinsUsed.cbegin(); it != pinsUsed.cend(); ++it) {
        if (state->sessionPins.value(it.key()) != it.value())
            continue; // trusted earlier (saved already) or by a profile
        const Result<bool> saved = trusted.rememberIfUsed(it.key(), it.value(), pinsUsed);
        if (!saved)
            problems << saved.error().fullText();
    }
    problems.removeDuplicates();
    return problems.join(QLatin1Char(' '));
}

void CertificateTrustDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void CertificateTrustDialog::retranslate()
{
    const QString host = m_certificate.host;
    setWindowTitle(tr("Untrusted certificate"));
    switch (m_certificate.peer) {
    case PeerKind::Aem:
        m_intro->setText(
            tr("The server %1 presented a certificate that this computer does not trust. Only trust it if "
               "you know this certificate belongs to your AEM instance, for example because your "
               "administrator gave you its fingerprint.")
                .arg(host));
        break;
    case PeerKind::Ims:
        // Adobe's own certificate is always trusted: an untrusted one for IMS is a proxy that inspects TLS
        // (its own CA), or someone in the middle.
        m_intro->setText(
            tr("%1 (Adobe IMS, where the credentials are checked) presented a certificate that this computer "
               "does not trust. Adobe's own certificate is trusted everywhere, so this one most likely comes "
               "from a proxy that inspects TLS traffic on your network. Only trust it if your network team "
               "confirms its fingerprint; otherwise ask them for the proxy's CA certificate.")
                .arg(host));
        break;
    case PeerKind::Other:
        m_intro->setText(
            tr("The server %1 presented a certificate that this computer does not trust. Only "
               "trust it if you know this certificate belongs to that server, for example because "
               "your administrator gave you its fingerprint.")
                .arg(host));
        break;
    }
    m_subjectCaption->setText(tr("Subject:"));
    m_issuerCaption->setText(tr("Issuer:"));
    m_validityCaption->setText(tr("Valid:"));
    m_fingerprintCaption->setText(tr("SHA-256 fingerprint:"));
    m_problemsCaption->setText(tr("Problems:"));

    m_subject->setText(m_certificate.subject.isEmpty() ? tr("(none)") : m_certificate.subject);
    QString issuer = m_certificate.issuer.isEmpty() ? tr("(none)") : m_certificate.issuer;
    if (m_certificate.selfSigned)
        issuer = tr("%1 (self-signed)").arg(issuer);
    m_issuer->setText(issuer);

    m_validity->setText(tr("from %1 to %2")
                            .arg(CertificateInfo::displayTime(m_certificate.notBefore),
                                 CertificateInfo::displayTime(m_certificate.notAfter)));
    m_fingerprint->setText(CertificateInfo::displayFingerprint(m_certificate.sha256));
    m_problems->setText(m_certificate.problems.isEmpty() ? tr("(none reported)")
                                                         : m_certificate.problems.join(QLatin1Char('\n')));

    m_advice->setText(
        tr("If you trust it, bpsetup remembers this certificate for %1 only. If the server later "
           "presents a different certificate, you will be asked again.")
            .arg(host));
    m_trustButton->setText(tr("&Trust this certificate for %1").arg(host));
}

} // namespace bp::ui
