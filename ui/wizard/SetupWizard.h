// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "secrets/SecretStore.h"
#include "wizard/RollbackJob.h"

#include <QPointer>
#include <QWizard>

namespace bp {
class ProfileManager;
class SetupState;
} // namespace bp

namespace bp::ui {

class ClipboardGuard;
class ConnectPage;
class StepList;

// The setup wizard. It does not own the SetupState: the caller (runGui, or a test) owns it and it must
// outlive the wizard. Every connection the pages start owns its own network settings (HttpClient).
class SetupWizard : public QWizard
{
    Q_OBJECT
public:
    enum PageId
    {
        WelcomePageId,
        ConnectPageId,
        RoutePageId,
        CredentialsPageId,
        ValidatePageId,
        ReviewPageId,
        ApplyPageId,
        TestPageId,
        DiagnosePageId,
        VerifyPageId,
        FinishPageId,
    };
    Q_ENUM(PageId)

    SetupWizard(SetupState *state, QWidget *parent = nullptr);
    ~SetupWizard() override;

    int nextId() const override;
    // The page after id on the path the state describes now (nextId() is nextIdAfter(currentId())).
    int nextIdAfter(int id) const;
    // The pages visited, then the ones the path leads to from here (the side list of steps).
    QList<int> plannedSteps() const;
    static QString stepName(int id);
    // While the Apply page writes to AEM, Cancel (and Escape, and closing) first asks to stop the apply and
    // stays on the page, which then offers Roll back: closing mid-apply must not leave it unexplained.
    void reject() override;
    // What closing now would throw away, in words for the question Cancel asks; empty when nothing is lost.
    QString workLostOnClose() const;

    SetupState *setupState() const { return m_state; }

    // Where certificates the user trusted are pinned. Defaults to TrustStore::defaultPath(); tests point it
    // at a temporary directory so they never touch the user's configuration.
    QString trustStorePath() const;
    void setTrustStorePath(const QString &path);

    // The keychain for saved connections (not owned; must outlive the wizard). Without one (the default),
    // saved connections are not offered at all. Set it before the wizard is shown; runGui passes
    // SecretStore::createSystemStore(), tests a MemorySecretStore.
    void setSecretStore(SecretStore *store);
    SecretStore *secretStore() const { return m_secretStore; }
    // The profiles file. Defaults to ProfileStore::defaultPath(); tests use a temporary directory.
    QString profilesPath() const;
    void setProfilesPath(const QString &path);
    // Saved connections (profiles + keychain), or null without a secret store. Owned by the wizard.
    ProfileManager *profileManager();

    // The keychain probe, started after the first paint so it never delays it. Until it answers,
    // keychainProbed() is false.
    bool keychainProbed() const { return m_keychainProbed; }
    SecretStatus keychainStatus() const { return m_keychainStatus; }
    const QString &keychainMessage() const { return m_keychainMessage; }

    ClipboardGuard *clipboardGuard() const { return m_clipboardGuard; }

    // How the Apply page's Roll back restores a backup: RollbackSessionJob (the core's RollbackSession) by
    // default; tests may inject their own. Unset, Roll back is shown disabled.
    void setRollbackFactory(RollbackFactory factory) { m_rollbackFactory = std::move(factory); }
    const RollbackFactory &rollbackFactory() const { return m_rollbackFactory; }

signals:
    void keychainProbeFinished();

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool event(QEvent *event) override;

private:
    void retranslate();
    void startKeychainProbe();
    void updateSteps();
    void showHelp();
    void fitHeader();

    SetupState *m_state;
    QString m_trustStorePath;
    ConnectPage *m_connectPage = nullptr;
    StepList *m_stepList = nullptr;
    SecretStore *m_secretStore = nullptr;
    QString m_profilesPath;
    ProfileManager *m_profileManager = nullptr;
    QPointer<SecretJob> m_probeJob;
    bool m_painted = false;
    bool m_keychainProbed = false;
    SecretStatus m_keychainStatus = SecretStatus::Failed;
    QString m_keychainMessage;
    ClipboardGuard *m_clipboardGuard;
    RollbackFactory m_rollbackFactory;
};

} // namespace bp::ui
