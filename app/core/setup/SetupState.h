// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "aem/AemConnection.h"
#include "aem/AemInstance.h"
#include "change/ChangeTypes.h"
#include "credentials/Credential.h"
#include "secrets/SecretString.h"
#include "setup/RouteSelector.h"
#include "setup/SetupActions.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <memory>

namespace bp {

class ApplyRun;
class Clock;
class CreateSession;
class DemoEnvironment;
struct CreateInputs;

// What the user is doing, shared by the wizard pages and the CLI. Pages read it in initializePage() and
// write it in validatePage(); they never talk to each other, and state that more than one page needs lives
// here, not in the wizard or in another page's fields.
class SetupState : public QObject
{
    Q_OBJECT
public:
    enum class Mode
    {
        Setup,
        Diagnose
    };
    Q_ENUM(Mode)

    explicit SetupState(QObject *parent = nullptr);
    ~SetupState() override;

    Mode mode = Mode::Setup;
    AemConnection connection;
    AemInstance instance;
    RouteDecision decision;
    // What the user chose on the Route page among SetupActions::offered() (the recommended one after
    // detection).
    SetupAction action = SetupAction::None;
    // Demo mode only: the built-in simulator behind an interface (owned by runGui or a test, outlives the
    // wizard). Null otherwise.
    DemoEnvironment *demo = nullptr;
    bool isDemo() const { return demo != nullptr; }
    // Demo mode: the connection, the demo login and Adobe IMS all point at the demo environment.
    void useDemo(DemoEnvironment *environment);
    // The clock everything the wizard starts uses (tests set a manual one). Never null.
    Clock *clock;

    // The saved connection the Connect page loaded (its name is the Finish page's default), or empty.
    QString loadedProfile;
    // Certificates trusted in this session (host:port -> SHA-256), saved to the trust store only once a
    // connection succeeded with them.
    QHash<QString, QString> sessionPins;

    // Developer Console credential: written by the Credentials page, validated by the Validate page. The
    // client secrets inside are SecretString.
    Credential credential;
    // JWT: the private key file. Only the path is kept; the key is read again where it is needed.
    QString privateKeyPemPath;
    // JWT: the private key PEM itself, when it came from the keychain (a saved connection) rather than a
    // file. Used instead of privateKeyPemPath while that is empty.
    SecretString privateKeyPem;
    // JWT with an encrypted key: held only until the validation run has signed its JWT, then cleared.
    SecretString privateKeyPassphrase;
    // Adobe IMS to validate against; empty means ImsValidator::defaultImsUrl(). The simulator's in demo mode.
    QUrl imsUrl;
    bool credentialValidated = false;  // IMS issued a token for exactly this credential
    bool validationOverridden = false; // support staff chose to continue without validation (reason logged)
    // Why they did (as typed), for the Finish page and the activity log.
    QString validationOverrideReason;
    // The last validation of this credential that did not succeed: credentialRejected when Adobe IMS itself
    // refused it (an invalid client or secret), and what the page showed (no secret in it). Both cleared by a
    // new validation run.
    bool credentialRejected = false;
    QString validationFailure;
    // The activity log (ActivityLog); empty means ActivityLog::defaultPath() (tests use a temporary one).
    QString activityLogPath;

    // Create path (Route, Review, Apply, Test and Finish pages).
    // The Brand Portal tenant as the user gave it (a bare name or https://<tenant>.brand-portal.adobe.com);
    // parseTenantUrl() checks it. Filled from the instance when detection found one.
    QString tenant;
    // The OAuth compatibility hotfix package the user chose (AEM 6.5.11.0-6.5.20.0 without the hotfix), or
    // empty. Its installation becomes the plan's first step.
    QString hotfixPackagePath;
    // JWT upgrade: the user accepted the plan's offer to remove the leftover key alias (Review page).
    bool removeJwtKeyAlias = false;
    // Legacy OAuth Gateway or broken upgrade: how long the next plan waits for the old agents' queues to
    // drain (the Review page's Wait button; 0: refuse at once while an item is queued).
    int waitForIdleSeconds = 0;
    // Where apply saves its backups; empty means BackupStore::defaultRoot() (tests use a temporary one).
    QString backupsRoot;
    // The create session of this run: made (and planned) by the Review page, applied by the Apply page, read
    // by the Test and Finish pages. Null before the first review; replaced by every new review.
    std::unique_ptr<CreateSession> createSession;
    // The latest apply run of createSession (owned by it), or null.
    QPointer<ApplyRun> applyRun;
    // The backups the apply runs of this wizard run saved, oldest first.
    QStringList backupIds;

    // Stores a detection result and the route that follows from it.
    void setDetected(const AemInstance &detected, const QDate &today);

    // The create path's prerequisites that the instance alone decides (version gate, hotfix, an existing
    // configuration), before any credential is given: createPrerequisites() for a valid OAuth
    // Server-to-Server credential. The plan repeats the check with the real credential and run modes.
    QList<Prerequisite> instancePrerequisites() const;
    // Setting up with an action `apply` carries out (create, upgrade, rotate secret): the Route page then
    // asks for the tenant (prefilled from the configuration) and the credential pages follow. Keep and the
    // Cloud Service checklist only verify.
    bool appliesConfiguration() const;
    // The inputs of a CreateSession for what the pages collected.
    CreateInputs createInputs() const;
    // Drops the create session and its apply run (cancelling whatever still runs).
    void resetCreateSession();

signals:
    void changed();
};

} // namespace bp
