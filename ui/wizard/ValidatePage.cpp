// SPDX-License-Identifier: Apache-2.0
#include "wizard/ValidatePage.h"

#include "io/ActivityLog.h"

#include "credentials/CredentialImporter.h"
#include "i18n/DisplayFormat.h"
#include "ims/ImsValidator.h"
#include "policy/AdobePolicy.h"
#include "services/KeyMaterial.h"
#include "setup/SetupState.h"
#include "time/Clock.h"
#include "wizard/CertificateTrustDialog.h"
#include "wizard/SetupWizard.h"

#include "wizard/Theme.h"
#include <QAbstractButton>
#include <QCheckBox>
#include <QDir>
#include <QFrame>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace bp::ui {

namespace {

// In an anonymous namespace so another UI file may define its own lcUi for the same category.
Q_LOGGING_CATEGORY(lcUi, "bpsetup.ui")

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

// Enough of a secret to tell two apart (adobe-ims.md §8: last four characters), never enough to use it.
QString secretHint(const SecretString &secret)
{
    const QByteArray &bytes = secret.revealUtf8();
    if (bytes.size() < 16)
        return QString();
    return QStringLiteral("…") + QString::fromUtf8(bytes.right(4));
}

} // namespace

ValidatePage::ValidatePage(SetupState *state, QWidget *parent) : BasePage(state, parent)
{
    setObjectName(QStringLiteral("validatePage"));
}

ValidatePage::~ValidatePage()
{
    cancelValidation();
}

void ValidatePage::buildUi()
{
    m_summaryLabel = new QLabel(this);
    m_summaryLabel->setObjectName(QStringLiteral("summaryLabel"));
    m_summaryLabel->setWordWrap(true);
    m_summaryLabel->setTextFormat(Qt::RichText);
    m_summaryLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // Said again here, next to the check: a JWT credential that validates today is still on its way out.
    m_jwtNotice = new QLabel(this);
    m_jwtNotice->setObjectName(QStringLiteral("jwtRetirementNotice"));
    m_jwtNotice->setWordWrap(true);
    m_jwtNotice->setTextFormat(Qt::PlainText);
    m_jwtNotice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    Theme::setPanelTone(m_jwtNotice, Theme::Tone::Warning);
    m_jwtNotice->hide();

    m_aemKeyNotice = new QLabel(this);
    m_aemKeyNotice->setObjectName(QStringLiteral("aemKeyNotice"));
    m_aemKeyNotice->setWordWrap(true);
    Theme::setPanelTone(m_aemKeyNotice, Theme::Tone::Info);
    m_aemKeyNotice->hide();

    m_validateButton = new QPushButton(this);
    m_validateButton->setObjectName(QStringLiteral("validateButton"));
    // Focused on entry, and an auto-default button, so Enter validates while Next is still disabled.
    m_validateButton->setAutoDefault(true);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("validateProgress"));
    m_progress->setRange(0, 0); // busy: IMS gives no progress, only an answer
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(m_progress->sizeHint().height());
    m_progress->hide();
    m_cancelButton = new QPushButton(this);
    m_cancelButton->setObjectName(QStringLiteral("validateCancelButton"));
    m_cancelButton->hide();
    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("validateStatusLabel"));
    m_statusLabel->setWordWrap(true);
    m_statusLabel->setTextFormat(Qt::PlainText);

    m_resultPanel = new QFrame(this);
    m_resultPanel->setObjectName(QStringLiteral("resultPanel"));
    m_resultLabel = new QLabel(m_resultPanel);
    m_resultLabel->setObjectName(QStringLiteral("resultLabel"));
    m_resultLabel->setWordWrap(true);
    m_resultLabel->setTextFormat(Qt::RichText);
    m_resultLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *resultLayout = new QVBoxLayout(m_resultPanel);
    resultLayout->setContentsMargins(8, 6, 8, 6);
    resultLayout->addWidget(m_resultLabel);
    m_resultPanel->hide();

    m_overrideCheck = new QCheckBox(this);
    m_overrideCheck->setObjectName(QStringLiteral("overrideCheck"));
    m_overrideNote = new QLabel(this);
    m_overrideNote->setObjectName(QStringLiteral("overrideNote"));
    m_overrideNote->setWordWrap(true);
    m_overrideNote->setTextFormat(Qt::PlainText);
    m_overrideNote->hide();

    auto *actionRow = new QHBoxLayout;
    actionRow->addWidget(m_validateButton);
    actionRow->addWidget(m_progress, 1);
    actionRow->addWidget(m_cancelButton);
    actionRow->addStretch(0);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summaryLabel);
    layout->addWidget(m_jwtNotice);
    layout->addWidget(m_aemKeyNotice);
    layout->addSpacing(6);
    layout->addLayout(actionRow);
    layout->addWidget(m_statusLabel);
    layout->addWidget(m_resultPanel);
    layout->addStretch(1);
    layout->addWidget(m_overrideCheck);
    layout->addWidget(m_overrideNote);

    setTabOrder(m_validateButton, m_cancelButton);
    setTabOrder(m_cancelButton, m_overrideCheck);

    connect(m_validateButton, &QPushButton::clicked, this, &ValidatePage::startValidation);
    connect(m_cancelButton, &QPushButton::clicked, this, &ValidatePage::cancelValidation);
    // clicked, not toggled: only the user's click asks for a reason; unticking it in code must not.
    connect(m_overrideCheck, &QCheckBox::clicked, this, &ValidatePage::onOverrideClicked);
}

void ValidatePage::initializePage()
{
    ensureBuilt();
    cancelValidation();
    m_key.reset();
    resetResult();
    m_overrideCheck->setChecked(false);
    m_overrideReason.clear();
    state()->credentialValidated = false;
    state()->validationOverridden = false;
    state()->validationOverrideReason.clear();
    state()->credentialRejected = false;
    state()->validationFailure.clear();
    updateOverrideNote();
    updateSummary();
    updateJwtNotice();
    const bool aemKey = keyHeldByAem();
    m_aemKeyNotice->setVisible(aemKey);
    m_validateButton->setVisible(!aemKey);
    m_overrideCheck->setVisible(!aemKey);
    if (!aemKey)
        m_validateButton->setFocus();
    emit completeChanged();
}

void ValidatePage::cleanupPage()
{
    cancelValidation();
    // Leaving backwards: the Credentials page hands over the key details again on its Next.
    m_key.reset();
    state()->privateKeyPassphrase.clear();
    BasePage::cleanupPage();
}

bool ValidatePage::isComplete() const
{
    if (!isBuilt() || isBusy())
        return false;
    return m_validated || keyHeldByAem() || (m_overrideCheck->isChecked() && !m_overrideReason.isEmpty());
}

bool ValidatePage::validatePage()
{
    if (!isComplete())
        return false;
    state()->credentialValidated = m_validated;
    state()->validationOverridden = !m_validated && !keyHeldByAem() && m_overrideCheck->isChecked();
    state()->validationOverrideReason = state()->validationOverridden ? m_overrideReason : QString();
    return true;
}

bool ValidatePage::keyHeldByAem() const
{
    const Credential &c = state()->credential;
    return c.kind == CredentialKind::ServiceAccountJwt && c.privateKeyHeldByAem;
}

void ValidatePage::startValidation()
{
    ensureBuilt();
    if (isBusy() || keyHeldByAem())
        return;
    resetResult();
    state()->credentialRejected = false;
    state()->validationFailure.clear();
    const Credential &credential = state()->credential;

    if (credential.kind == CredentialKind::ServiceAccountJwt && !m_key) {
        // The key comes from the file the user chose, or (a saved connection) from the keychain.
        KeyMaterialRequest request;
        request.keyPath = state()->privateKeyPemPath;
        if (request.keyPath.isEmpty())
            request.keyPem = state()->privateKeyPem;
        request.passphrase = state()->privateKeyPassphrase;
        auto loaded = loadKeyMaterial(request, state()->clock->nowUtc());
        // The loaded key is kept below for retries. The passphrase stays in SetupState (a SecretString) only
        // until the Finish page has stored it in the keychain or the wizard ends.
        if (!loaded) {
            showResult(
                false,
                esc(loaded.error().fullText()) + QStringLiteral("<br>") +
                    esc(tr("Go back to the previous page to choose the key or enter its passphrase.")));
            return;
        }
        m_key = std::move(loaded.value().key);
    }

    const QUrl imsUrl = state()->imsUrl.isValid() ? state()->imsUrl : ImsValidator::defaultImsUrl();
    auto *validator = new ImsValidator(*state()->clock, this);
    validator->setNetworkSettings(state()->connection.network);
    validator->setCredential(credential, m_key ? &*m_key : nullptr, imsUrl);
    m_validator = validator;
    connect(validator, &Task::progressChanged, this, [this, validator](qint64, qint64, const QString &label) {
        if (validator == m_validator)
            m_statusLabel->setText(label);
    });
    connect(validator, &Task::finished, this, [this, guard = QPointer<ImsValidator>(validator)] {
        if (guard && guard == m_validator)
            onValidationFinished();
    });

    m_statusLabel->setText(tr("Contacting Adobe IMS at %1 …").arg(imsUrl.host()));
    setBusy(true);
    validator->start();
}

void ValidatePage::cancelValidation()
{
    if (!m_validator)
        return;
    ImsValidator *validator = m_validator;
    m_validator = nullptr;
    validator->disconnect(this);
    validator->cancel();
    validator->deleteLater();
    if (isBuilt()) {
        setBusy(false);
        m_statusLabel->setText(tr("Validation cancelled. Nothing was sent to AEM."));
    }
}

void ValidatePage::onValidationFinished()
{
    ImsValidator *validator = m_validator;
    m_validator = nullptr;
    validator->deleteLater();
    setBusy(false);
    m_statusLabel->clear();

    const ValidationOutcome &outcome = validator->outcome();
    // A certificate trusted on this page (a TLS-inspecting proxy's for Adobe IMS) that IMS answered through,
    // whatever it said: remember it.
    SetupWizard *w = qobject_cast<SetupWizard *>(wizard());
    const QString trustProblem =
        w ? CertificateTrustDialog::rememberUsed(state(), w->trustStorePath(), validator->pinsUsed())
          : QString();
    if (validator->succeeded()) {
        m_validated = true;
        state()->credentialValidated = true;
        const QString tokenType =
            outcome.tokenType.isEmpty() ? QStringLiteral("bearer") : outcome.tokenType.toLower();
        QString text =
            tr("IMS issued a %1 token valid for %2").arg(tokenType, formatDuration(outcome.expiresInSeconds));
        const int secrets = int(state()->credential.clientSecrets.size());
        if (outcome.secretIndexUsed >= 0 && secrets > 0)
            text += tr("; secret %1 of %2 accepted").arg(outcome.secretIndexUsed + 1).arg(secrets);
        text += QLatin1Char('.');
        QString html = QStringLiteral("<b>%1</b><br>%2").arg(esc(tr("The credential is valid.")), esc(text));
        if (outcome.secretIndexUsed > 0)
            html += QStringLiteral("<br>") +
                    esc(tr("The first secret was refused: delete it in Developer Console once "
                           "nothing uses it any more."));
        if (outcome.clockSkewKnown && AdobePolicy::clockSkewMatters(outcome.clockSkewSeconds))
            html += QStringLiteral("<br>") +
                    esc(tr("This computer's clock differs from Adobe's by %1; synchronise "
                           "it (NTP).")
                            .arg(formatDuration(qAbs(outcome.clockSkewSeconds))));
        if (!trustProblem.isEmpty())
            html += QStringLiteral("<br>") +
                    esc(tr("The certificate is trusted for this session only, because it could not be "
                           "saved: %1")
                            .arg(trustProblem));
        showResult(true, html);
        m_overrideCheck->setChecked(false);
        m_overrideReason.clear();
        updateOverrideNote();
        emit completeChanged();
        // The useful next step now is Next.
        if (QAbstractButton *next = wizard()->button(QWizard::NextButton))
            next->setFocus();
        return;
    }

    const Error &e = validator->error();
    if (e.code == ErrorCode::Cancelled) {
        m_statusLabel->setText(tr("Validation cancelled."));
        return;
    }
    const bool imsDecided = e.code == ErrorCode::Rejected;
    const bool answered = imsDecided || e.code == ErrorCode::NotIms || e.code == ErrorCode::Http;
    QString html = answered ? QStringLiteral("<b>%1</b>").arg(esc(e.userMessage))
                            : QStringLiteral("<b>%1</b><br>%2")
                                  .arg(esc(tr("The credential could not be checked.")), esc(e.userMessage));
    if (!e.remedy.isEmpty())
        html += QStringLiteral("<br>") + esc(e.remedy);
    QStringList details;
    if (answered)
        details << (e.httpStatus > 0
                        ? tr("IMS answer: %1 (%2)").arg(e.stableId(), httpStatusText(e.httpStatus))
                        : tr("IMS answer: %1").arg(e.stableId()));
    if (!outcome.imsDescription.isEmpty())
        details << tr("Description: %1").arg(outcome.imsDescription);
    if (!outcome.debugId.isEmpty())
        details << tr("Debug id for Adobe support: %1").arg(outcome.debugId);
    if (answered && !imsDecided)
        details << tr(
            "This answer did not come from Adobe IMS deciding on the credential; the credential may still "
            "be fine.");
    if (!details.isEmpty())
        html +=
            QStringLiteral("<br><small>%1</small>")
                .arg(esc(details.join(QLatin1Char('\n'))).replace(QLatin1Char('\n'), QStringLiteral("<br>")));
    showResult(false, html);
    // An untrusted certificate for Adobe IMS (usually a proxy that inspects TLS): the same dialog the Connect
    // page shows for AEM; Trust validates again at once, Cancel leaves the failure above.
    if (CertificateTrustDialog::offer(e, state(), this, [this] { startValidation(); }, {}))
        m_statusLabel->setText(tr("The certificate of %1 is not trusted.").arg(e.certificate->host));
    // Kept for the Finish page and the activity log: what IMS said, never what was sent.
    state()->credentialRejected = imsDecided;
    state()->validationFailure = e.userMessage;
    if (answered)
        state()->validationFailure += QLatin1Char(' ') + details.constFirst();
}

void ValidatePage::setBusy(bool busy)
{
    m_progress->setVisible(busy);
    m_cancelButton->setVisible(busy);
    m_validateButton->setEnabled(!busy);
    m_overrideCheck->setEnabled(!busy);
    if (busy)
        m_cancelButton->setFocus();
    else if (m_validateButton->isVisible() && !m_validated)
        m_validateButton->setFocus();
    emit completeChanged();
}

void ValidatePage::resetResult()
{
    m_validated = false;
    state()->credentialValidated = false;
    m_resultPanel->hide();
    m_resultLabel->clear();
    m_statusLabel->clear();
    emit completeChanged();
}

void ValidatePage::showResult(bool success, const QString &html)
{
    Theme::setPanelTone(m_resultPanel, success ? Theme::Tone::Success : Theme::Tone::Error);
    m_resultPanel->setProperty("success", success);
    m_resultLabel->setText(html);
    m_resultPanel->show();
}

void ValidatePage::onOverrideClicked(bool checked)
{
    if (!checked) {
        m_overrideReason.clear();
        state()->validationOverridden = false;
        updateOverrideNote();
        emit completeChanged();
        return;
    }
    bool ok = false;
    const QString reason =
        QInputDialog::getText(
            this, tr("Continue without validation"),
            tr("Why can the credential not be validated now? The reason is written to the log."),
            QLineEdit::Normal, QString(), &ok)
            .trimmed();
    if (!ok || reason.isEmpty()) {
        m_overrideCheck->setChecked(false);
        return;
    }
    m_overrideReason = reason;
    state()->validationOverridden = true;
    state()->validationOverrideReason = reason;
    // The reason, the client ID (public) and what IMS had answered; the credential's secrets stay out.
    QString entry = tr("Continued without validating the credential with client ID %1 for %2; reason: %3.")
                        .arg(state()->credential.clientId,
                             state()->connection.baseUrl.toString(QUrl::RemoveUserInfo), reason);
    if (!state()->validationFailure.isEmpty())
        entry += QLatin1Char(' ') + (state()->credentialRejected ? tr("Adobe IMS had rejected it: %1")
                                                                 : tr("The last check had said: %1"))
                                        .arg(state()->validationFailure);
    qCInfo(lcUi).noquote() << "Credential validation overridden; reason:" << reason;
    const ActivityLog log(state()->activityLogPath);
    const Result<bool> logged = log.append(state()->clock->nowUtc(), QStringLiteral("validate"), entry);
    m_logProblem = logged ? QString() : logged.error().fullText();
    updateOverrideNote();
    emit completeChanged();
}

void ValidatePage::updateOverrideNote()
{
    m_overrideNote->setVisible(!m_overrideReason.isEmpty());
    QString note = state()->credentialRejected
                       ? tr("Adobe IMS rejected this credential; continuing without validation (reason: %1). "
                            "Publishing to Brand Portal will fail until the credential is fixed.")
                             .arg(m_overrideReason)
                       : tr("Continuing without validation (reason: %1). Test the connection after the "
                            "configuration is applied.")
                             .arg(m_overrideReason);
    // Where the reason went, so a desktop user can find it again (not only on stderr).
    note += QLatin1Char('\n') +
            (m_logProblem.isEmpty()
                 ? tr("The reason is recorded in %1.")
                       .arg(QDir::toNativeSeparators(ActivityLog(state()->activityLogPath).path()))
                 : m_logProblem);
    m_overrideNote->setText(note);
}

void ValidatePage::updateSummary()
{
    const Credential &c = state()->credential;
    const auto row = [](const QString &label, const QString &value) {
        return QStringLiteral("<tr><td style=\"padding-right:12px\"><b>%1</b></td><td>%2</td></tr>")
            .arg(esc(label), esc(value));
    };
    QString rows;
    rows += row(tr("Kind"), Credential::kindDisplayName(c.kind));
    rows += row(tr("Client ID"), c.clientId);
    rows += row(tr("Organization"), c.orgId);
    if (c.kind == CredentialKind::ServiceAccountJwt) {
        rows += row(tr("Technical account"), c.technicalAccountId);
        rows += row(tr("Metascopes"), c.metascopes.join(QStringLiteral(", ")));
    } else {
        rows += row(tr("Scopes"), c.scopes.join(QStringLiteral(", ")));
    }
    QStringList hints;
    for (const SecretString &secret : c.clientSecrets)
        hints << secretHint(secret);
    QString secrets;
    if (c.clientSecrets.size() >= 2)
        secrets = tr("two (rotation): IMS is asked with the first, then the second");
    else if (c.clientSecrets.size() == 1)
        secrets = tr("one");
    hints.removeAll(QString());
    if (!hints.isEmpty())
        secrets += tr(" — ending in %1").arg(hints.join(QStringLiteral(", ")));
    rows += row(tr("Client secrets"), secrets);
    if (c.kind == CredentialKind::ServiceAccountJwt)
        rows +=
            row(tr("Private key"), c.privateKeyHeldByAem ? tr("held by AEM")
                                   : state()->privateKeyPemPath.isEmpty() && !state()->privateKeyPem.isEmpty()
                                       ? tr("stored in the keychain")
                                       : QDir::toNativeSeparators(state()->privateKeyPemPath));
    const QUrl ims = state()->imsUrl.isValid() ? state()->imsUrl : ImsValidator::defaultImsUrl();
    rows += row(tr("Adobe IMS"), ims.toString());
    m_summaryLabel->setText(QStringLiteral("<table>%1</table>").arg(rows));
}

void ValidatePage::updateJwtNotice()
{
    const bool jwt = state()->credential.kind == CredentialKind::ServiceAccountJwt;
    m_jwtNotice->setVisible(jwt);
    m_jwtNotice->setText(
        jwt ? tr("⚠ %1").arg(CredentialImporter::jwtRetirementWarning(state()->clock->today())) : QString());
}

void ValidatePage::retranslate()
{
    setTitle(tr("Validate credentials"));
    setSubTitle(tr("Ask Adobe IMS for a token with these credentials before anything is changed on AEM. The "
                   "token is thrown away."));
    m_aemKeyNotice->setText(tr(
        "AEM generated this credential's key pair, so its private key exists only inside AEM and cannot be "
        "used to validate from here. AEM's own IMS health check tests the credential after the "
        "configuration is applied. Click Next to continue."));
    m_validateButton->setText(tr("&Validate with Adobe IMS"));
    m_cancelButton->setText(tr("Cancel"));
    m_cancelButton->setToolTip(tr("Stop validating"));
    m_overrideCheck->setText(tr("C&ontinue without validation (support staff working offline)"));
    if (isBuilt() && state()->credential.kind != CredentialKind::Unknown)
        updateSummary();
    updateJwtNotice();
    updateOverrideNote();
    m_validateButton->setAccessibleDescription(
        tr("Asks Adobe IMS for a token with this credential; nothing is sent to AEM."));
    m_overrideCheck->setAccessibleDescription(
        tr("For support staff without access to Adobe IMS: asks for a reason, which is recorded."));
}

} // namespace bp::ui
