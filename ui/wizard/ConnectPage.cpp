// SPDX-License-Identifier: Apache-2.0
#include "wizard/ConnectPage.h"

#include "aem/ManualVersion.h"
#include "profiles/ProfileManager.h"
#include "services/SavedConnection.h"
#include "services/TrustedCertificates.h"
#include "setup/SetupState.h"
#include "time/Clock.h"
#include "wizard/CertificateTrustDialog.h"
#include "wizard/ClipboardGuard.h"
#include "wizard/ProfilesDialog.h"
#include "wizard/SetupWizard.h"

#include "wizard/Theme.h"
#include <QComboBox>
#include <QDate>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QFrame>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace bp::ui {

namespace {

// Secrets of a profile, in the order the keychain is asked.
const QList<SecretKind> &profileSecretKinds()
{
    return ProfileManager::allSecretKinds();
}

} // namespace

ConnectPage::ConnectPage(SetupState *state, QWidget *parent) : BasePage(state, parent)
{
    setObjectName(QStringLiteral("connectPage"));
}

ConnectPage::~ConnectPage()
{
    cancelDetection();
    cancelSecretRead();
}

void ConnectPage::buildUi()
{
    m_demoNotice = new QLabel(this);
    m_demoNotice->setObjectName(QStringLiteral("demoNotice"));
    m_demoNotice->setWordWrap(true);
    Theme::setPanelTone(m_demoNotice, Theme::Tone::Warning);
    m_demoNotice->hide();

    // Non-modal: a keychain that cannot be used only means secrets will not be saved.
    m_banner = new QFrame(this);
    m_banner->setObjectName(QStringLiteral("keychainBanner"));
    Theme::setPanelTone(m_banner, Theme::Tone::Warning);
    m_bannerLabel = new QLabel(m_banner);
    m_bannerLabel->setObjectName(QStringLiteral("keychainBannerLabel"));
    m_bannerLabel->setWordWrap(true);
    m_bannerLabel->setTextFormat(Qt::PlainText);
    m_bannerLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->setContentsMargins(8, 4, 8, 4);
    bannerLayout->addWidget(m_bannerLabel, 1);
    m_banner->hide();

    m_profileLabel = new QLabel(this);
    m_profileCombo = new QComboBox(this);
    m_profileCombo->setObjectName(QStringLiteral("profileCombo"));
    m_profileCombo->addItem(QString()); // "New connection", set in retranslate()
    m_profileLabel->setBuddy(m_profileCombo);
    m_manageProfilesButton = new QPushButton(this);
    m_manageProfilesButton->setObjectName(QStringLiteral("manageProfilesButton"));
    m_manageProfilesButton->setAutoDefault(false);
    m_profileHint = new QLabel(this);
    m_profileHint->setObjectName(QStringLiteral("profileHint"));
    m_profileHint->setWordWrap(true);
    m_profileHint->setTextFormat(Qt::PlainText);
    m_profileHint->hide();

    // Created in tab order; setTabOrder below makes it explicit.
    m_urlLabel = new QLabel(this);
    m_urlEdit = new QLineEdit(this);
    m_urlEdit->setObjectName(QStringLiteral("urlEdit"));
    m_urlEdit->setPlaceholderText(QStringLiteral("https://author.example.com:4502"));
    m_urlEdit->setInputMethodHints(Qt::ImhUrlCharactersOnly | Qt::ImhNoAutoUppercase);
    m_urlLabel->setBuddy(m_urlEdit);
    m_urlError = BasePage::makeErrorLabel(QStringLiteral("urlError"), this);
    // Only the URL is a registered field: it is plain, non-secret text. The '*' makes it mandatory.
    registerField(QStringLiteral("aemUrl*"), m_urlEdit);

    m_authLabel = new QLabel(this);
    m_authCombo = new QComboBox(this);
    m_authCombo->setObjectName(QStringLiteral("authCombo"));
    m_authCombo->addItem(QString(), static_cast<int>(AuthKind::Password));
    m_authCombo->addItem(QString(), static_cast<int>(AuthKind::BearerToken));
    m_authLabel->setBuddy(m_authCombo);

    m_userLabel = new QLabel(this);
    m_userEdit = new QLineEdit(this);
    m_userEdit->setObjectName(QStringLiteral("userEdit"));
    m_userEdit->setInputMethodHints(Qt::ImhNoAutoUppercase | Qt::ImhNoPredictiveText);
    m_userLabel->setBuddy(m_userEdit);

    m_passwordLabel = new QLabel(this);
    m_passwordEdit = new QLineEdit(this);
    m_passwordEdit->setObjectName(QStringLiteral("passwordEdit"));
    m_passwordEdit->setEchoMode(QLineEdit::Password);
    m_passwordEdit->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
    m_passwordLabel->setBuddy(m_passwordEdit);
    m_revealPasswordButton = new QToolButton(this);
    m_revealPasswordButton->setObjectName(QStringLiteral("revealPasswordButton"));
    m_revealPasswordButton->setCheckable(true);
    m_revealPasswordButton->setToolButtonStyle(Qt::ToolButtonTextOnly);

    m_tokenLabel = new QLabel(this);
    m_tokenEdit = new QLineEdit(this);
    m_tokenEdit->setObjectName(QStringLiteral("tokenEdit"));
    m_tokenEdit->setEchoMode(QLineEdit::Password);
    m_tokenEdit->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
    m_tokenLabel->setBuddy(m_tokenEdit);
    m_authError = BasePage::makeErrorLabel(QStringLiteral("authError"), this);

    m_networkBox = new QGroupBox(this);
    m_networkBox->setObjectName(QStringLiteral("networkBox"));
    m_caFileLabel = new QLabel(m_networkBox);
    m_caFileEdit = new QLineEdit(m_networkBox);
    m_caFileEdit->setObjectName(QStringLiteral("caFileEdit"));
    m_caFileLabel->setBuddy(m_caFileEdit);
    m_caBrowseButton = new QPushButton(m_networkBox);
    m_caBrowseButton->setObjectName(QStringLiteral("caBrowseButton"));
    m_caBrowseButton->setAutoDefault(false);
    m_caFileError = BasePage::makeErrorLabel(QStringLiteral("caFileError"), m_networkBox);
    m_proxyLabel = new QLabel(m_networkBox);
    m_proxyEdit = new QLineEdit(m_networkBox);
    m_proxyEdit->setObjectName(QStringLiteral("proxyEdit"));
    m_proxyLabel->setBuddy(m_proxyEdit);
    m_proxyError = BasePage::makeErrorLabel(QStringLiteral("proxyError"), m_networkBox);

    m_manualVersionBox = new QWidget(this);
    m_manualVersionBox->setObjectName(QStringLiteral("manualVersionBox"));
    m_manualVersionLabel = new QLabel(m_manualVersionBox);
    m_manualVersionLabel->setWordWrap(true);
    m_manualVersionCombo = new QComboBox(m_manualVersionBox);
    m_manualVersionCombo->setObjectName(QStringLiteral("manualVersionCombo"));
    m_manualVersionCombo->addItem(QString(), static_cast<int>(ManualChoice::NotKnown));
    m_manualVersionCombo->addItem(QString(), static_cast<int>(ManualChoice::CloudService));
    m_manualVersionCombo->addItem(QString(), static_cast<int>(ManualChoice::Aem65));
    m_manualVersionCombo->addItem(QString(), static_cast<int>(ManualChoice::Aem65Lts));
    m_manualVersionLabel->setBuddy(m_manualVersionCombo);
    m_manualVersionEdit = new QLineEdit(m_manualVersionBox);
    m_manualVersionEdit->setObjectName(QStringLiteral("manualVersionEdit"));
    m_manualVersionError = BasePage::makeErrorLabel(QStringLiteral("manualVersionError"), m_manualVersionBox);
    m_manualVersionBox->hide();

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("connectProgress"));
    m_progress->setRange(0, 0); // busy indicator: detection requests run in parallel
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(m_progress->sizeHint().height());
    m_cancelButton = new QPushButton(this);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_cancelButton->setAutoDefault(false);
    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("statusLabel"));
    m_statusLabel->setWordWrap(true);
    m_statusLabel->setTextFormat(Qt::PlainText);

    m_errorPanel = new QFrame(this);
    m_errorPanel->setObjectName(QStringLiteral("errorPanel"));
    Theme::setPanelTone(m_errorPanel, Theme::Tone::Error);
    auto *errorIcon = new QLabel(m_errorPanel);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    errorIcon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxCritical).pixmap(iconSize, iconSize));
    errorIcon->setAlignment(Qt::AlignTop);
    m_errorLabel = new QLabel(m_errorPanel);
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextFormat(Qt::PlainText);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *errorLayout = new QHBoxLayout(m_errorPanel);
    errorLayout->setContentsMargins(8, 6, 8, 6);
    errorLayout->addWidget(errorIcon, 0, Qt::AlignTop);
    errorLayout->addWidget(m_errorLabel, 1);
    m_errorPanel->hide();

    // Layout.
    auto *form = new QFormLayout;
    m_form = form;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    // Each field error sits directly under its field, in the same form row.
    const auto withError = [](QWidget *field, QLabel *error) {
        auto *column = new QVBoxLayout;
        column->setContentsMargins(0, 0, 0, 0);
        column->setSpacing(2);
        column->addWidget(field);
        column->addWidget(error);
        return column;
    };
    auto *profileRow = new QHBoxLayout;
    profileRow->setContentsMargins(0, 0, 0, 0);
    profileRow->addWidget(m_profileCombo, 1);
    profileRow->addWidget(m_manageProfilesButton);
    auto *profileColumn = new QVBoxLayout;
    profileColumn->setContentsMargins(0, 0, 0, 0);
    profileColumn->setSpacing(2);
    profileColumn->addLayout(profileRow);
    profileColumn->addWidget(m_profileHint);
    form->addRow(m_profileLabel, profileColumn);
    form->addRow(m_urlLabel, withError(m_urlEdit, m_urlError));
    form->addRow(m_authLabel, m_authCombo);
    form->addRow(m_userLabel, m_userEdit);
    auto *passwordRow = new QHBoxLayout;
    passwordRow->setContentsMargins(0, 0, 0, 0);
    passwordRow->addWidget(m_passwordEdit, 1);
    passwordRow->addWidget(m_revealPasswordButton);
    form->addRow(m_passwordLabel, passwordRow);
    form->addRow(m_tokenLabel, m_tokenEdit);
    form->addRow(QString(), m_authError);

    auto *networkForm = new QFormLayout(m_networkBox);
    networkForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *caRow = new QHBoxLayout;
    caRow->setContentsMargins(0, 0, 0, 0);
    caRow->addWidget(m_caFileEdit, 1);
    caRow->addWidget(m_caBrowseButton);
    auto *caColumn = new QVBoxLayout;
    caColumn->setContentsMargins(0, 0, 0, 0);
    caColumn->setSpacing(2);
    caColumn->addLayout(caRow);
    caColumn->addWidget(m_caFileError);
    networkForm->addRow(m_caFileLabel, caColumn);
    networkForm->addRow(m_proxyLabel, withError(m_proxyEdit, m_proxyError));

    auto *manualLayout = new QGridLayout(m_manualVersionBox);
    manualLayout->setContentsMargins(0, 0, 0, 0);
    manualLayout->addWidget(m_manualVersionLabel, 0, 0, 1, 2);
    manualLayout->addWidget(m_manualVersionCombo, 1, 0);
    manualLayout->addWidget(m_manualVersionEdit, 1, 1);
    manualLayout->addWidget(m_manualVersionError, 2, 0, 1, 2);
    manualLayout->setColumnStretch(1, 1);

    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_cancelButton);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_demoNotice);
    layout->addWidget(m_banner);
    layout->addLayout(form);
    layout->addWidget(m_networkBox);
    layout->addWidget(m_manualVersionBox);
    layout->addLayout(progressRow);
    layout->addWidget(m_statusLabel);
    layout->addWidget(m_errorPanel);
    layout->addStretch(1);

    setTabOrder(m_profileCombo, m_manageProfilesButton);
    setTabOrder(m_manageProfilesButton, m_urlEdit);
    setTabOrder(m_urlEdit, m_authCombo);
    setTabOrder(m_authCombo, m_userEdit);
    setTabOrder(m_userEdit, m_passwordEdit);
    setTabOrder(m_passwordEdit, m_revealPasswordButton);
    setTabOrder(m_revealPasswordButton, m_tokenEdit);
    setTabOrder(m_tokenEdit, m_caFileEdit);
    setTabOrder(m_caFileEdit, m_caBrowseButton);
    setTabOrder(m_caBrowseButton, m_proxyEdit);
    setTabOrder(m_proxyEdit, m_manualVersionCombo);
    setTabOrder(m_manualVersionCombo, m_manualVersionEdit);
    setTabOrder(m_manualVersionEdit, m_cancelButton);

    // Signals.
    // activated, not currentIndexChanged: only the user's choice loads a profile, not a reload of the list.
    connect(m_profileCombo, &QComboBox::activated, this, &ConnectPage::onProfileChosen);
    connect(m_manageProfilesButton, &QPushButton::clicked, this, &ConnectPage::openProfilesDialog);
    connect(m_authCombo, &QComboBox::currentIndexChanged, this, [this] {
        updateAuthFields();
        m_authError->hide();
    });
    connect(m_revealPasswordButton, &QToolButton::toggled, this, [this](bool reveal) {
        m_passwordEdit->setEchoMode(reveal ? QLineEdit::Normal : QLineEdit::Password);
        retranslate();
    });
    connect(m_urlEdit, &QLineEdit::textEdited, this, [this] {
        m_urlError->hide();
        // A different instance: a version chosen for the previous one no longer applies.
        if (m_versionUnreadable) {
            m_versionUnreadable = false;
            m_manualVersionBox->hide();
            m_statusLabel->clear();
        }
    });
    connect(m_userEdit, &QLineEdit::textEdited, m_authError, &QWidget::hide);
    connect(m_passwordEdit, &QLineEdit::textEdited, m_authError, &QWidget::hide);
    connect(m_tokenEdit, &QLineEdit::textEdited, m_authError, &QWidget::hide);
    connect(m_caFileEdit, &QLineEdit::textEdited, m_caFileError, &QWidget::hide);
    connect(m_proxyEdit, &QLineEdit::textEdited, m_proxyError, &QWidget::hide);
    connect(m_caBrowseButton, &QPushButton::clicked, this, &ConnectPage::browseCaFile);
    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        cancelDetection();
        m_statusLabel->setText(tr("Connection cancelled. Nothing was changed on AEM."));
        m_urlEdit->setFocus();
    });
    connect(m_manualVersionCombo, &QComboBox::currentIndexChanged, this, [this] {
        m_manualVersionError->hide();
        updateManualVersionFields();
    });
    connect(m_manualVersionEdit, &QLineEdit::textEdited, m_manualVersionError, &QWidget::hide);
    updateAuthFields();
    updateManualVersionFields();
    m_progress->hide();
    m_cancelButton->hide();
    m_statusLabel->hide();
}

SetupWizard *ConnectPage::setupWizard() const
{
    return qobject_cast<SetupWizard *>(wizard());
}

void ConnectPage::initializePage()
{
    ensureBuilt();
    m_demoNotice->setVisible(state()->isDemo());
    if (!m_profilesWired) {
        m_profilesWired = true;
        if (SetupWizard *w = setupWizard()) {
            for (QLineEdit *secret : {m_passwordEdit, m_tokenEdit})
                w->clipboardGuard()->registerField(secret);
            connect(w, &SetupWizard::keychainProbeFinished, this, &ConnectPage::updateBanner);
        }
        // The profiles file is read here, on the first visit, never before the first page has painted.
        reloadProfiles();
    }
    // Fill from the shared state once (demo defaults, or a connection the CLI/caller prepared). Later visits
    // keep what the user typed.
    if (!m_filledFromState) {
        m_filledFromState = true;
        const AemConnection &c = state()->connection;
        if (c.baseUrl.isValid() && m_urlEdit->text().isEmpty())
            m_urlEdit->setText(c.baseUrl.toString(QUrl::RemoveUserInfo));
        if (!c.user.isEmpty())
            m_userEdit->setText(c.user);
        if (!c.password.isEmpty())
            m_passwordEdit->setText(QString::fromUtf8(c.password.revealUtf8()));
        if (!c.bearerToken.isEmpty()) {
            m_tokenEdit->setText(QString::fromUtf8(c.bearerToken.revealUtf8()));
            if (c.password.isEmpty())
                m_authCombo->setCurrentIndex(static_cast<int>(AuthKind::BearerToken));
        }
        m_caFileEdit->setText(c.network.caFile);
        m_proxyEdit->setText(c.network.proxyUrl);
    }
    // Re-evaluate: QWizardPage caches the complete state and only re-emits on a change.
    emit completeChanged();
    if (m_urlEdit->text().isEmpty())
        m_urlEdit->setFocus();
    else if (m_authCombo->currentIndex() == static_cast<int>(AuthKind::Password) &&
             m_passwordEdit->text().isEmpty())
        m_passwordEdit->setFocus();
    else
        m_urlEdit->setFocus();
}

void ConnectPage::cleanupPage()
{
    // Back was pressed. Stop any running detection; keep what the user typed (QWizardPage::cleanupPage()
    // would reset the registered URL field to its initial value).
    cancelDetection();
    cancelSecretRead();
    if (m_trustDialog)
        m_trustDialog->reject();
}

bool ConnectPage::isComplete() const
{
    return !isBusy() && !isReadingSecrets() && BasePage::isComplete();
}

bool ConnectPage::validatePage()
{
    if (m_advanceAllowed) {
        m_advanceAllowed = false;
        return true;
    }
    if (isBusy())
        return false;

    clearMessages();
    AemConnection connection;
    if (!collectConnection(connection))
        return false;

    if (m_versionUnreadable) {
        const auto choice = static_cast<ManualChoice>(m_manualVersionCombo->currentData().toInt());
        if (choice == ManualChoice::NotKnown && state()->instance.baseUrl == connection.baseUrl) {
            // The user accepts an unknown version: continue with what detection found. The route page
            // explains what this means and offers Back.
            state()->connection = connection;
            return true;
        }
        AemVersion version;
        QString problem;
        if (choice != ManualChoice::NotKnown && !manualVersion(version, problem)) {
            showFieldError(m_manualVersionError, m_manualVersionEdit, problem);
            return false;
        }
    }

    m_connection = connection;
    startDetection();
    return false;
}

bool ConnectPage::collectConnection(AemConnection &connection)
{
    bool ok = true;
    QWidget *firstInvalid = nullptr;

    const Result<QUrl> url = parseAemUrl(m_urlEdit->text().trimmed());
    if (!url) {
        showFieldError(m_urlError, m_urlEdit, url.error().fullText());
        ok = false;
        firstInvalid = m_urlEdit;
    } else {
        connection.baseUrl = url.value();
    }

    if (m_authCombo->currentIndex() == static_cast<int>(AuthKind::Password)) {
        if (m_userEdit->text().trimmed().isEmpty() || m_passwordEdit->text().isEmpty()) {
            QWidget *field = m_userEdit->text().trimmed().isEmpty() ? static_cast<QWidget *>(m_userEdit)
                                                                    : static_cast<QWidget *>(m_passwordEdit);
            showFieldError(m_authError, field,
                           tr("Enter the user name and password of an AEM administrator."));
            ok = false;
            if (!firstInvalid)
                firstInvalid = field;
        } else {
            connection.user = m_userEdit->text().trimmed();
            connection.password = SecretString(m_passwordEdit->text());
        }
    } else {
        if (m_tokenEdit->text().trimmed().isEmpty()) {
            showFieldError(m_authError, m_tokenEdit,
                           tr("Paste a local development or service token from the AEM Developer Console."));
            ok = false;
            if (!firstInvalid)
                firstInvalid = m_tokenEdit;
        } else {
            connection.bearerToken = SecretString(m_tokenEdit->text().trimmed());
        }
    }

    const QString caFile = m_caFileEdit->text().trimmed();
    const Result<QList<QSslCertificate>> cas =
        caFile.isEmpty() ? Result<QList<QSslCertificate>>(QList<QSslCertificate>()) : loadCaFile(caFile);
    if (!cas) {
        showFieldError(m_caFileError, m_caFileEdit, cas.error().fullText());
        ok = false;
        if (!firstInvalid)
            firstInvalid = m_caFileEdit;
    }
    connection.network.caFile = caFile;

    const QString proxy = m_proxyEdit->text().trimmed();
    if (!proxy.isEmpty() && proxy.compare(QLatin1String("none"), Qt::CaseInsensitive) != 0) {
        const Result<QUrl> proxyUrl = parseProxyUrl(proxy);
        if (!proxyUrl) {
            showFieldError(m_proxyError, m_proxyEdit, proxyUrl.error().fullText());
            ok = false;
            if (!firstInvalid)
                firstInvalid = m_proxyEdit;
        }
    }
    connection.network.proxyUrl =
        proxy.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0 ? QStringLiteral("none") : proxy;

    if (firstInvalid)
        firstInvalid->setFocus();
    if (ok)
        loadPins(connection.network);
    return ok;
}

void ConnectPage::loadPins(NetworkSettings &network)
{
    if (SetupWizard *w = setupWizard()) {
        TrustedCertificates trusted(w->trustStorePath(), *state()->clock);
        trusted.addSavedPins(network);
    }
    for (auto it = state()->sessionPins.cbegin(); it != state()->sessionPins.cend(); ++it)
        network.pinnedSha256.insert(it.key(), it.value());
}

bool ConnectPage::manualVersion(AemVersion &version, QString &problem) const
{
    const auto choice = static_cast<ManualChoice>(m_manualVersionCombo->currentData().toInt());
    if (choice == ManualChoice::NotKnown)
        return false;
    // The one manual-version rule (the CLI's --aem-version uses it too); the list only says which kind.
    const Result<AemVersion> parsed = parseManualVersion(
        choice == ManualChoice::CloudService ? QStringLiteral("cloud") : m_manualVersionEdit->text());
    const Deployment wanted = choice == ManualChoice::CloudService ? Deployment::CloudService
                              : choice == ManualChoice::Aem65      ? Deployment::Aem65
                                                                   : Deployment::Aem65Lts;
    if (!parsed || parsed.value().deployment() != wanted) {
        problem = choice == ManualChoice::Aem65
                      ? tr("Enter the exact 6.5 version including the service pack, for example 6.5.21.0.")
                      : tr("Enter the exact 6.5 LTS version, for example 6.6.1.");
        return false;
    }
    version = parsed.value();
    return true;
}

void ConnectPage::startDetection()
{
    auto *detector = new InstanceDetector(m_connection, *state()->clock, this);
    if (m_versionUnreadable) {
        AemVersion version;
        QString problem;
        if (manualVersion(version, problem))
            detector->setManualVersion(version);
    }
    m_detector = detector;

    connect(detector, &Task::progressChanged, this,
            [this, detector](qint64 done, qint64 total, const QString &label) {
                if (detector != m_detector)
                    return;
                m_statusLabel->setText(total > 0 ? tr("%1 (%2 of %3)").arg(label).arg(done).arg(total)
                                                 : label);
            });
    // The slot may delete the detector and move the wizard on: Task never emits finished() inside start().
    connect(detector, &Task::finished, this, [this, guard = QPointer<InstanceDetector>(detector)] {
        if (guard && guard == m_detector)
            onDetectionFinished();
    });

    m_statusLabel->setText(tr("Connecting to %1 …").arg(hostPortKey(m_connection.baseUrl)));
    setBusy(true);
    detector->start();
}

void ConnectPage::cancelDetection()
{
    if (!m_detector)
        return;
    InstanceDetector *detector = m_detector;
    m_detector = nullptr;
    detector->disconnect(this);
    detector->cancel();
    detector->deleteLater();
    setBusy(false);
}

void ConnectPage::onDetectionFinished()
{
    InstanceDetector *detector = m_detector;
    m_detector = nullptr;
    detector->deleteLater();
    setBusy(false);

    const Result<AemInstance> &result = detector->result();
    if (result.ok()) {
        const AemInstance &instance = result.value();
        state()->connection = m_connection;
        state()->setDetected(instance, state()->clock->today());
        rememberTrustedCertificate(detector->snapshot().pinsUsed);
        if (!instance.version.isValid()) {
            m_versionUnreadable = true;
            m_manualVersionBox->show();
            m_statusLabel->setText(tr("Connected, but no source revealed the AEM version (the dispatcher or "
                                      "permissions may block them). Choose the version below and click Next, "
                                      "or leave it as \"Not known\" to continue and see what was found."));
            m_manualVersionCombo->setFocus();
            return;
        }
        m_statusLabel->setText(tr("Connected."));
        m_advanceAllowed = true;
        wizard()->next();
        m_advanceAllowed = false;
        return;
    }

    const Error &error = result.error();
    if (error.code == ErrorCode::Cancelled) {
        m_statusLabel->setText(tr("Connection cancelled. Nothing was changed on AEM."));
        return;
    }
    const CertificateInfo &certificate = detector->untrustedCertificate();
    if (error.code == ErrorCode::Tls && !certificate.isNull() &&
        m_connection.network.pinnedSha256.value(certificate.host) != certificate.sha256) {
        askToTrust(certificate, error.fullText());
        return;
    }
    showError(error.fullText());
}

void ConnectPage::askToTrust(const CertificateInfo &certificate, const QString &errorMessage)
{
    m_statusLabel->setText(tr("The server's certificate is not trusted."));
    auto *dialog = new CertificateTrustDialog(certificate, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_trustDialog = dialog;
    connect(dialog, &QDialog::accepted, this, [this, certificate] {
        // Trusted for this session; saved to the trust store once a connection worked with it.
        state()->sessionPins.insert(certificate.host, certificate.sha256);
        m_connection.network.pinnedSha256.insert(certificate.host, certificate.sha256);
        startDetection();
    });
    connect(dialog, &QDialog::rejected, this, [this, errorMessage] {
        showError(tr("%1\nThe certificate was not trusted. Ask your administrator for the CA certificate and "
                     "select it under \"Extra CA certificates\", or trust the certificate after checking its "
                     "fingerprint.")
                      .arg(errorMessage));
    });
    dialog->open();
}

void ConnectPage::rememberTrustedCertificate(const QHash<QString, QString> &pinsUsed)
{
    SetupWizard *w = setupWizard();
    const QString key = hostPortKey(m_connection.baseUrl);
    const QString pin = state()->sessionPins.value(key);
    if (!w || pin.isEmpty())
        return;
    TrustedCertificates trusted(w->trustStorePath(), *state()->clock);
    const Result<bool> saved = trusted.rememberIfUsed(m_connection.baseUrl, pin, pinsUsed);
    if (!saved)
        m_statusLabel->setText(
            tr("The certificate is trusted for this session only, because it could not be saved: %1")
                .arg(saved.error().fullText()));
}

void ConnectPage::reloadProfiles()
{
    SetupWizard *w = setupWizard();
    ProfileManager *manager = w ? w->profileManager() : nullptr;
    // Without a keychain service object (tests of other pages, embedding) saved connections are not offered.
    m_form->setRowVisible(m_profileLabel, manager != nullptr);
    // setRowVisible() shows every widget of the row's layout, the empty hint too.
    m_profileHint->setVisible(manager && !m_profileHint->text().isEmpty());
    if (!manager)
        return;

    const QString current = m_profileCombo->currentIndex() > 0 ? m_profileCombo->currentText() : QString();
    while (m_profileCombo->count() > 1)
        m_profileCombo->removeItem(1);

    const ProfileList all = manager->list();
    m_profilesProblem.clear();
    if (all.readOnly)
        m_profilesProblem = tr("The saved connections were written by a newer bpsetup: they can be used, but "
                               "not changed.");
    else if (all.problem.isError())
        m_profilesProblem = all.problem.fullText();
    for (const Profile &profile : all.profiles)
        m_profileCombo->addItem(profile.name, profile.name);
    const int index = current.isEmpty() ? 0 : m_profileCombo->findData(current);
    m_profileCombo->setCurrentIndex(index < 0 ? 0 : index);
    m_manageProfilesButton->setEnabled(m_profileCombo->count() > 1);
    updateBanner();
}

void ConnectPage::updateBanner()
{
    if (!isBuilt())
        return;
    QStringList lines;
    if (SetupWizard *w = setupWizard()) {
        if (w->secretStore() && w->keychainProbed() && w->keychainStatus() != SecretStatus::Ok)
            lines << tr("%1 Until then, passwords and secrets are not saved; everything else works.")
                         .arg(w->keychainMessage());
    }
    if (!m_profilesProblem.isEmpty())
        lines << m_profilesProblem;
    m_bannerLabel->setText(lines.join(QLatin1Char('\n')));
    m_banner->setVisible(!lines.isEmpty());
}

void ConnectPage::showProfileHint(const QString &message, bool warning)
{
    m_profileHint->setText(message);
    Theme::setErrorText(m_profileHint, warning);
    m_profileHint->setAccessibleDescription(message);
    m_profileHint->setVisible(!message.isEmpty());
}

void ConnectPage::onProfileChosen(int index)
{
    cancelSecretRead();
    showProfileHint(QString(), false);
    SetupWizard *w = setupWizard();
    ProfileManager *manager = w ? w->profileManager() : nullptr;
    if (!manager)
        return;
    if (index <= 0) {
        state()->loadedProfile.clear();
        return;
    }
    applyProfile(m_profileCombo->itemData(index).toString());
}

void ConnectPage::applyProfile(const QString &name)
{
    SetupWizard *w = setupWizard();
    clearMessages();
    if (m_versionUnreadable) {
        m_versionUnreadable = false;
        m_manualVersionBox->hide();
    }
    auto *loader =
        new SavedConnectionLoader(w->profileManager(), name, profileSecretKinds(), *state()->clock, this);
    m_secretRead = loader;
    m_readingProfile = name;
    connect(loader, &Task::finished, this, &ConnectPage::onSecretsRead);
    m_statusLabel->setText(
        tr("Reading the saved passwords of \"%1\" from %2 …").arg(name, w->secretStore()->backendName()));
    m_statusLabel->show();
    m_progress->show();
    emit completeChanged();
    loader->start();
}

void ConnectPage::cancelSecretRead()
{
    if (!m_secretRead)
        return;
    SavedConnectionLoader *loader = m_secretRead;
    m_secretRead = nullptr;
    loader->disconnect(this);
    loader->cancel();
    loader->deleteLater();
    m_progress->hide();
    m_statusLabel->clear();
    m_statusLabel->hide();
    emit completeChanged();
}

void ConnectPage::onSecretsRead()
{
    SavedConnectionLoader *loader = m_secretRead;
    if (!loader || !loader->isFinished())
        return;
    m_secretRead = nullptr;
    loader->deleteLater();
    m_progress->hide();
    m_statusLabel->clear();
    m_statusLabel->hide();
    emit completeChanged();

    if (!loader->succeeded() && loader->error().id == QLatin1String("profile-unknown")) {
        showProfileHint(tr("This saved connection no longer exists."), true);
        reloadProfiles();
        return;
    }
    const SavedConnection &saved = loader->result();
    const Profile &profile = saved.profile;
    m_urlEdit->setText(profile.aemUrl.toString(QUrl::RemoveUserInfo));
    m_userEdit->setText(profile.aemUser);
    m_passwordEdit->clear();
    m_tokenEdit->clear();
    // The profile does not say how it signed in; a user name means a password login. The keychain answer
    // switches to the token when only a token is stored.
    m_authCombo->setCurrentIndex(
        static_cast<int>(profile.aemUser.isEmpty() ? AuthKind::BearerToken : AuthKind::Password));
    if (!profile.pinnedSha256.isEmpty() && profile.aemUrl.isValid())
        state()->sessionPins.insert(hostPortKey(profile.aemUrl), profile.pinnedSha256);
    // The Credentials page reads these when it is first shown, so a returning admin retypes nothing.
    state()->credential = saved.credential;
    state()->credential.warnings.clear();
    state()->privateKeyPemPath.clear();
    state()->privateKeyPem = saved.privateKeyPem;
    state()->privateKeyPassphrase = saved.keyPassphrase;
    if (saved.imsUrl.isValid())
        state()->imsUrl = saved.imsUrl;
    state()->loadedProfile = profile.name;

    const bool password = m_authCombo->currentIndex() == static_cast<int>(AuthKind::Password);
    if (!loader->succeeded()) {
        // Locked, no service, refused, timed out: say so. It is not "nothing stored", and the user types the
        // password this time.
        showProfileHint(
            tr("The saved passwords of \"%1\" could not be read: %2 Type the %3 below.")
                .arg(m_readingProfile, loader->error().fullText(), password ? tr("password") : tr("token")),
            true);
        (password ? m_passwordEdit : m_tokenEdit)->setFocus();
        return;
    }
    const SecretString &aemPassword = saved.connection.password;
    const SecretString &aemToken = saved.connection.bearerToken;
    if (!aemPassword.isEmpty()) {
        m_authCombo->setCurrentIndex(static_cast<int>(AuthKind::Password));
        m_passwordEdit->setText(QString::fromUtf8(aemPassword.revealUtf8()));
    } else if (!aemToken.isEmpty()) {
        m_authCombo->setCurrentIndex(static_cast<int>(AuthKind::BearerToken));
        m_tokenEdit->setText(QString::fromUtf8(aemToken.revealUtf8()));
    }
    if (aemPassword.isEmpty() && aemToken.isEmpty()) {
        showProfileHint(password ? tr("No password stored for this profile: type it below.")
                                 : tr("No token stored for this profile: paste it below."),
                        false);
        (password ? m_passwordEdit : m_tokenEdit)->setFocus();
    } else {
        showProfileHint(tr("Loaded \"%1\" with its saved secrets.").arg(m_readingProfile), false);
        m_urlEdit->setFocus();
    }
}

void ConnectPage::openProfilesDialog()
{
    SetupWizard *w = setupWizard();
    ProfileManager *manager = w ? w->profileManager() : nullptr;
    if (!manager)
        return;
    auto *dialog = new ProfilesDialog(manager, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, this, [this] {
        reloadProfiles();
        // The loaded profile may have been renamed or deleted.
        if (m_profileCombo->findData(state()->loadedProfile) < 0)
            state()->loadedProfile.clear();
    });
    dialog->open();
}

void ConnectPage::browseCaFile()
{
    const QString file =
        QFileDialog::getOpenFileName(this, tr("Select CA certificates"), m_caFileEdit->text(),
                                     tr("PEM certificates (*.pem *.crt *.cer);;All files (*)"));
    if (!file.isEmpty()) {
        m_caFileEdit->setText(file);
        m_caFileError->hide();
    }
}

void ConnectPage::setBusy(bool busy)
{
    m_progress->setVisible(busy);
    m_cancelButton->setVisible(busy);
    m_statusLabel->setVisible(busy || !m_statusLabel->text().isEmpty());
    for (QWidget *input :
         {static_cast<QWidget *>(m_profileCombo), static_cast<QWidget *>(m_manageProfilesButton),
          static_cast<QWidget *>(m_urlEdit), static_cast<QWidget *>(m_authCombo),
          static_cast<QWidget *>(m_userEdit), static_cast<QWidget *>(m_passwordEdit),
          static_cast<QWidget *>(m_revealPasswordButton), static_cast<QWidget *>(m_tokenEdit),
          static_cast<QWidget *>(m_networkBox), static_cast<QWidget *>(m_manualVersionBox)}) {
        input->setEnabled(!busy);
    }
    if (busy)
        m_cancelButton->setFocus();
    emit completeChanged();
}

void ConnectPage::clearMessages()
{
    for (QLabel *label : {m_urlError, m_authError, m_caFileError, m_proxyError, m_manualVersionError})
        label->hide();
    m_errorPanel->hide();
    m_errorLabel->clear();
}

void ConnectPage::showFieldError(QLabel *label, QWidget *field, const QString &message)
{
    label->setText(tr("⚠ %1").arg(message));
    label->show();
    label->setAccessibleDescription(message);
    field->setAccessibleDescription(message);
}

void ConnectPage::showError(const QString &message)
{
    m_errorLabel->setText(message);
    m_errorPanel->show();
    m_statusLabel->clear();
    m_statusLabel->hide();
}

void ConnectPage::updateAuthFields()
{
    const bool password = m_authCombo->currentIndex() == static_cast<int>(AuthKind::Password);
    m_form->setRowVisible(m_userLabel, password);
    m_form->setRowVisible(m_passwordLabel, password);
    m_form->setRowVisible(m_tokenLabel, !password);
}

void ConnectPage::updateManualVersionFields()
{
    const auto choice = static_cast<ManualChoice>(m_manualVersionCombo->currentData().toInt());
    const bool needsExact = choice == ManualChoice::Aem65 || choice == ManualChoice::Aem65Lts;
    m_manualVersionEdit->setEnabled(needsExact);
    m_manualVersionEdit->setPlaceholderText(choice == ManualChoice::Aem65Lts ? QStringLiteral("6.6.1")
                                            : needsExact                     ? QStringLiteral("6.5.21.0")
                                                                             : QString());
    if (!needsExact)
        m_manualVersionEdit->clear();
}

void ConnectPage::retranslate()
{
    setTitle(tr("Connect to AEM"));
    setSubTitle(
        tr("Enter the address of your AEM author instance and an administrator login. Connecting only "
           "reads from AEM."));
    m_demoNotice->setText(tr("Demo mode: the fields below are filled in for the built-in simulator."));
    m_profileLabel->setText(tr("&Saved connection:"));
    m_profileCombo->setItemText(0, tr("New connection"));
    m_manageProfilesButton->setText(tr("&Manage…"));
    m_manageProfilesButton->setToolTip(tr("Rename or delete saved connections"));
    m_urlLabel->setText(tr("AEM author &URL:"));
    m_authLabel->setText(tr("Sign in &with:"));
    m_authCombo->setItemText(static_cast<int>(AuthKind::Password), tr("User name and password"));
    m_authCombo->setItemText(static_cast<int>(AuthKind::BearerToken),
                             tr("Bearer token (AEM as a Cloud Service)"));
    m_userLabel->setText(tr("Us&er name:"));
    m_passwordLabel->setText(tr("&Password:"));
    const bool revealed = m_revealPasswordButton->isChecked();
    m_revealPasswordButton->setText(revealed ? tr("H&ide") : tr("Sh&ow"));
    m_revealPasswordButton->setToolTip(revealed ? tr("Hide the password") : tr("Show the password"));
    m_revealPasswordButton->setAccessibleName(m_revealPasswordButton->toolTip());
    m_tokenLabel->setText(tr("&Token:"));
    m_tokenEdit->setPlaceholderText(tr("Developer Console token"));
    m_networkBox->setTitle(tr("Certificates and proxy (optional)"));
    m_caFileLabel->setText(tr("Extra &CA certificates:"));
    m_caFileEdit->setPlaceholderText(tr("PEM file, in addition to the system certificates"));
    m_caBrowseButton->setText(tr("B&rowse…"));
    m_proxyLabel->setText(tr("Pro&xy:"));
    m_proxyEdit->setPlaceholderText(tr("system proxy"));
    m_proxyEdit->setToolTip(tr("Leave empty for the system proxy, type \"none\" for a direct connection, or "
                               "http://host:port"));
    m_manualVersionLabel->setText(tr("AEM &version (chosen manually):"));
    m_manualVersionCombo->setItemText(static_cast<int>(ManualChoice::NotKnown),
                                      tr("Not known — continue without it"));
    m_manualVersionCombo->setItemText(static_cast<int>(ManualChoice::CloudService),
                                      tr("AEM as a Cloud Service"));
    m_manualVersionCombo->setItemText(static_cast<int>(ManualChoice::Aem65),
                                      tr("6.5.x — enter exact service pack"));
    m_manualVersionCombo->setItemText(static_cast<int>(ManualChoice::Aem65Lts), tr("6.5 LTS (6.6.x)"));
    m_manualVersionEdit->setAccessibleName(tr("Exact AEM version"));
    m_cancelButton->setText(tr("Cancel"));
    m_cancelButton->setToolTip(tr("Stop connecting"));
    // What each control is for, for screen readers (and as tooltips).
    m_profileCombo->setAccessibleDescription(
        tr("A connection saved earlier fills in the fields below; its secrets come from the keychain."));
    m_authCombo->setAccessibleDescription(
        tr("How bpsetup signs in to AEM: a user and password, or a bearer token (AEM as a Cloud Service)."));
    m_userEdit->setAccessibleDescription(tr("An AEM administrator, such as admin."));
    m_passwordEdit->setAccessibleDescription(tr("The AEM user's password; it is never written to a file."));
    m_caBrowseButton->setAccessibleDescription(
        tr("Choose a PEM file of CA certificates to trust in addition to the system's."));
}

} // namespace bp::ui
