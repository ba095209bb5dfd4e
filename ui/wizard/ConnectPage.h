// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "aem/InstanceDetector.h"
#include "profiles/ProfileManager.h"
#include "services/SavedConnection.h"
#include "wizard/BasePage.h"

#include <QHash>
#include <QPointer>

class QAction;
class QComboBox;
class QFormLayout;
class QFrame;
class QGroupBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QToolButton;
class QWidget;

namespace bp::ui {

class CertificateTrustDialog;
class SetupWizard;

// Asks where AEM is and how to log in, then reads the instance with InstanceDetector. validatePage() starts
// the detection and returns false; when it succeeds the page writes SetupState and calls wizard()->next().
class ConnectPage : public BasePage
{
    Q_OBJECT
public:
    ConnectPage(SetupState *state, QWidget *parent = nullptr);
    ~ConnectPage() override;

    void initializePage() override;
    void cleanupPage() override;
    bool validatePage() override;
    bool isComplete() const override;

    bool isBusy() const { return m_detector != nullptr; }
    // True while the secrets of a chosen profile are read from the keychain.
    bool isReadingSecrets() const { return m_secretRead != nullptr; }

public slots:
    // Opens the Manage profiles dialog (window-modal); the profile list is reloaded when it closes.
    void openProfilesDialog();

protected:
    void buildUi() override;
    void retranslate() override;

private:
    enum class AuthKind
    {
        Password = 0,
        BearerToken = 1
    };
    enum class ManualChoice
    {
        NotKnown = 0,
        CloudService = 1,
        Aem65 = 2,
        Aem65Lts = 3
    };

    void updateAuthFields();
    void updateManualVersionFields();
    void setBusy(bool busy);
    void clearMessages();
    void showFieldError(QLabel *label, QWidget *field, const QString &message);
    void showError(const QString &message);
    bool collectConnection(AemConnection &connection);
    void loadPins(NetworkSettings &network);
    bool manualVersion(AemVersion &version, QString &problem) const;
    void startDetection();
    void cancelDetection();
    void onDetectionFinished();
    void askToTrust(const CertificateInfo &certificate, const QString &errorMessage);
    void browseCaFile();
    SetupWizard *setupWizard() const;
    void reloadProfiles();
    void onProfileChosen(int index);
    void applyProfile(const QString &name);
    void rememberTrustedCertificate(const QHash<QString, QString> &pinsUsed);
    void cancelSecretRead();
    void onSecretsRead();
    void updateBanner();
    void showProfileHint(const QString &message, bool warning);

    // Saved connections and the keychain.
    QFrame *m_banner;
    QLabel *m_bannerLabel;
    QLabel *m_profileLabel;
    QComboBox *m_profileCombo;
    QPushButton *m_manageProfilesButton;
    QLabel *m_profileHint;

    // Inputs.
    QFormLayout *m_form;
    QLabel *m_urlLabel;
    QLineEdit *m_urlEdit;
    QLabel *m_urlError;
    QLabel *m_authLabel;
    QComboBox *m_authCombo;
    QLabel *m_userLabel;
    QLineEdit *m_userEdit;
    QLabel *m_passwordLabel;
    QLineEdit *m_passwordEdit;
    QToolButton *m_revealPasswordButton;
    QLabel *m_tokenLabel;
    QLineEdit *m_tokenEdit;
    QLabel *m_authError;
    QGroupBox *m_networkBox;
    QLabel *m_caFileLabel;
    QLineEdit *m_caFileEdit;
    QPushButton *m_caBrowseButton;
    QLabel *m_caFileError;
    QLabel *m_proxyLabel;
    QLineEdit *m_proxyEdit;
    QLabel *m_proxyError;
    QLabel *m_demoNotice;

    // Manual version, shown only when no source revealed the version.
    QWidget *m_manualVersionBox;
    QLabel *m_manualVersionLabel;
    QComboBox *m_manualVersionCombo;
    QLineEdit *m_manualVersionEdit;
    QLabel *m_manualVersionError;

    // Progress and result.
    QProgressBar *m_progress;
    QLabel *m_statusLabel;
    QPushButton *m_cancelButton;
    QFrame *m_errorPanel;
    QLabel *m_errorLabel;

    AemConnection m_connection;            // what the running/last detection used
    QPointer<InstanceDetector> m_detector; // non-null while a detection runs
    QPointer<CertificateTrustDialog> m_trustDialog;
    bool m_advanceAllowed = false; // set right before wizard()->next() after a successful detection
    bool m_versionUnreadable = false;
    bool m_filledFromState = false;
    QPointer<SavedConnectionLoader> m_secretRead; // non-null while a chosen profile's secrets are read
    QString m_readingProfile;
    QString m_profilesProblem; // from loading the profiles file, for the banner
    bool m_profilesWired = false;
    bool m_fillingFromProfile = false; // suppresses "edited" handling while a profile fills the fields
};

} // namespace bp::ui
