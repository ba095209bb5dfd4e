// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "aem/AemInstance.h"
#include "aem/InstanceDetector.h"
#include "credentials/Credential.h"
#include "secrets/SecretString.h"
#include "setup/RouteSelector.h"

#include <QObject>
#include <QUrl>

namespace bp {

namespace sim {
class Simulator;
}

// What the user is doing, shared by the wizard pages and the CLI. Pages read it in initializePage() and
// write it in validatePage(); they never talk to each other.
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

    explicit SetupState(QObject *parent = nullptr) : QObject(parent) {}

    Mode mode = Mode::Setup;
    AemConnection connection;
    AemInstance instance;
    RouteDecision decision;
    bool demo = false;
    // Demo mode only: the in-process simulator (owned by runGui or a test, outlives the wizard), so the
    // Credentials page can offer its throwaway credential files. Null otherwise.
    sim::Simulator *demoSimulator = nullptr;

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

    // Stores a detection result and the route that follows from it.
    void setDetected(const AemInstance &detected, const QDate &today);

signals:
    void changed();
};

} // namespace bp
