// SPDX-License-Identifier: Apache-2.0
#include "setup/SetupState.h"

#include "apply/CreatePrerequisites.h"
#include "apply/CreateSession.h"
#include "demo/DemoEnvironment.h"
#include "ims/ImsValidator.h"
#include "time/Clock.h"

namespace bp {

SetupState::SetupState(QObject *parent) : QObject(parent), clock(&Clock::system()) {}

SetupState::~SetupState()
{
    resetCreateSession();
}

void SetupState::useDemo(DemoEnvironment *environment)
{
    demo = environment;
    connection.baseUrl = environment->aemUrl();
    connection.user = environment->demoUser();
    connection.password = environment->demoPassword();
    imsUrl = environment->imsUrl();
}

QList<Prerequisite> SetupState::instancePrerequisites() const
{
    CreateFacts facts;
    facts.credentialKind = CredentialKind::OAuthServerToServer;
    facts.credentialValidated = true;
    facts.hotfixPackageGiven = !hotfixPackagePath.isEmpty();
    facts.runModesReadable = true; // read by the plan; nothing to say about them before it
    return createPrerequisites(instance, facts, clock->today());
}

bool SetupState::appliesConfiguration() const
{
    return mode == Mode::Setup && SetupActions::applies(action);
}

CreateInputs SetupState::createInputs() const
{
    CreateInputs in;
    in.connection = connection;
    in.credential = credential;
    in.imsUrl = imsUrl.isValid() ? imsUrl : ImsValidator::defaultImsUrl();
    in.tenant = tenant;
    if (instance.versionChosenManually)
        in.manualVersion = instance.version;
    in.hotfixPackagePath = hotfixPackagePath;
    in.rotateSecret = action == SetupAction::RotateSecret;
    in.removeJwtKeyAlias = removeJwtKeyAlias;
    in.waitForIdleSeconds = waitForIdleSeconds;
    return in;
}

void SetupState::resetCreateSession()
{
    // The run is a child of the session, and its tasks use the session's steps: delete it (which cancels
    // what it runs) before the steps go.
    delete applyRun.data();
    applyRun.clear();
    createSession.reset();
}

void SetupState::setDetected(const AemInstance &detected, const QDate &today)
{
    instance = detected;
    decision = RouteSelector::select(instance, today);
    action = SetupActions::defaultAction(instance, decision);
    emit changed();
}

} // namespace bp
