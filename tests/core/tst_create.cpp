// SPDX-License-Identifier: Apache-2.0
// The create path against the simulator: the plan (detection, IMS validation, prerequisites, every step's
// read) for each version gate and credential, with zero writes.
#include "apply/CreateSession.h"
#include "ManualClock.h"
#include "sim/SimContentBuilder.h"
#include "sim/Simulator.h"
#include "TestSupport.h"

#include <QDir>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace bp;

namespace {

Credential oauthCredential(const sim::Simulator &s, bool wrongSecret = false)
{
    Credential c;
    c.kind = CredentialKind::OAuthServerToServer;
    c.clientId = s.imsClientId();
    c.orgId = s.imsOrgId();
    c.scopes = sim::SimContentBuilder::oauthScopes().split(QLatin1Char(','));
    c.clientSecrets = {
        SecretString(wrongSecret ? QStringLiteral("p8e-not-the-secret") : s.clientSecretsForTests().first())};
    return c;
}

Credential jwtCredential(const sim::Simulator &s)
{
    Credential c;
    c.kind = CredentialKind::ServiceAccountJwt;
    c.clientId = s.jwtClientId();
    c.orgId = s.imsOrgId();
    c.technicalAccountId = s.jwtTechnicalAccountId();
    c.metascopes = s.jwtMetascopes();
    c.clientSecrets = {SecretString(s.jwtClientSecretForTests())};
    return c;
}

CreateInputs inputsFor(const sim::Simulator &s, const QString &tenant, Credential credential)
{
    CreateInputs in;
    in.connection.baseUrl = s.aemUrl();
    in.connection.user = QStringLiteral("admin");
    in.connection.password = SecretString(QStringLiteral("admin"));
    in.imsUrl = s.imsUrl();
    in.tenant = tenant;
    in.credential = std::move(credential);
    return in;
}

} // namespace

class TestCreate : public QObject
{
    Q_OBJECT

private slots:
    void planWritesNothing_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<bool>("hotfix");
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("credential"); // oauth, wrong-secret, jwt
        QTest::addColumn<QString>("blocking");
        QTest::addColumn<QString>("actions"); // per step, when not blocked
        const QString fresh = QStringLiteral("create,create,create,create");
        QTest::newRow("6.5.22.0") << "6.5.22.0" << false << "none"
                                  << "oauth"
                                  << "" << fresh;
        QTest::newRow("6.6.3 LTS") << "6.6.3" << false << "none"
                                   << "oauth"
                                   << "" << fresh;
        QTest::newRow("6.5.17.0 with hotfix") << "6.5.17.0" << true << "none"
                                              << "oauth"
                                              << "" << fresh;
        QTest::newRow("6.5.17.0 without hotfix") << "6.5.17.0" << false << "none"
                                                 << "oauth"
                                                 << "hotfix-required"
                                                 << "";
        QTest::newRow("6.5.8.0") << "6.5.8.0" << false << "none"
                                 << "oauth"
                                 << "oauth-not-available"
                                 << "";
        QTest::newRow("6.5.3.0") << "6.5.3.0" << false << "none"
                                 << "oauth"
                                 << "version-too-old"
                                 << "";
        QTest::newRow("jwt credential") << "6.5.22.0" << false << "none"
                                        << "jwt"
                                        << "jwt-credential"
                                        << "";
        QTest::newRow("rejected secret") << "6.5.22.0" << false << "none"
                                         << "wrong-secret"
                                         << "credential-not-validated"
                                         << "";
        // The queue check, four agents, the legacy cloud service and the replication user, then the create
        // steps: every deletion is in the plan before anything is deleted.
        QTest::newRow("legacy gateway")
            << "6.5.22.0" << false << "legacy-gateway"
            << "oauth"
            << ""
            << "unchanged,delete,delete,delete,delete,delete,delete,create,create,"
               "create,create";
        QTest::newRow("legacy gateway, 6.5.17.0") << "6.5.17.0" << false << "legacy-gateway"
                                                  << "oauth"
                                                  << "hotfix-required"
                                                  << "";
        QTest::newRow("cloud service") << "cloud" << false << "none"
                                       << "oauth"
                                       << "cloud-service"
                                       << "";
    }
    void planWritesNothing()
    {
        QFETCH(QString, version);
        QFETCH(bool, hotfix);
        QFETCH(QString, state);
        QFETCH(QString, credential);
        QFETCH(QString, blocking);
        QFETCH(QString, actions);
        sim::SimulatorOptions o;
        o.aemVersion = version;
        o.imsHotfixInstalled = hotfix;
        o.state = sim::Simulator::parseState(state).value();
        auto simulator = test::startSimulator(o);
        QVERIFY(simulator);

        const CreateInputs in =
            inputsFor(*simulator, QStringLiteral("bpdemo"),
                      credential == QLatin1String("jwt")
                          ? jwtCredential(*simulator)
                          : oauthCredential(*simulator, credential == QLatin1String("wrong-secret")));
        QTemporaryDir backups;
        test::ManualClock clock;
        clock.setAutoAdvanceWaits(true);
        CreateSession session(in, WritePolicy::Refuse, clock, BackupStore(backups.path()));
        std::unique_ptr<Task> planTask(session.makePlanTask());
        QSignalSpy finished(planTask.get(), &Task::finished);
        planTask->start();
        QVERIFY(finished.wait(30000));
        QVERIFY2(planTask->succeeded(), qPrintable(planTask->error().fullText()));

        const Plan &plan = session.plan();
        QStringList blockingIds;
        for (const Prerequisite &p : plan.blockingPrerequisites())
            blockingIds << p.id;
        QCOMPARE(blockingIds.join(QLatin1Char(',')), blocking);
        // The simulated 6.5 / LTS author reports its run modes (an author), so the plan has nothing to say
        // about them.
        if (version != QLatin1String("cloud"))
            for (const Prerequisite &p : plan.prerequisites)
                QVERIFY2(p.id != QLatin1String("run-modes-unknown"), qPrintable(p.message));
        QStringList stepActions;
        for (const StepDescription &s : plan.steps)
            stepActions << changeActionId(s.action);
        QCOMPARE(stepActions.join(QLatin1Char(',')), actions);
        if (!plan.blocking()) {
            QVERIFY(!plan.fingerprint.isEmpty());
            QVERIFY(plan.toText().contains(QStringLiteral("https://bpdemo.brand-portal.adobe.com")));
        }
        // A secret never appears in the plan, in either form.
        const QString secret = simulator->clientSecretsForTests().first();
        QVERIFY(!plan.toText().contains(secret));
        QVERIFY(!QJsonDocument(plan.toJson()).toJson().contains(secret.toUtf8()));
        // Planning is read-only: nothing reached the simulated author, nothing was even attempted.
        QCOMPARE(simulator->writeRequestCount(), 0);
        QCOMPARE(session.writeCount(), 0);
    }

    // Instances where no new configuration may be written, found while planning: nothing is written.
    void refusedInstances_data()
    {
        QTest::addColumn<bool>("publish");
        QTest::addColumn<QStringList>("blocked");
        QTest::addColumn<QString>("blocking");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("publish instance") << true << QStringList() << "publish-instance"
                                          << "author";
        QTest::newRow("console blocked")
            << false << QStringList{QStringLiteral("/system/console")} << "console-blocked"
            << "/system/console/configMgr";
        QTest::newRow("crypto blocked")
            << false << QStringList{QStringLiteral("/system/console/crypto")} << "console-blocked"
            << "/system/console/crypto";
    }
    void refusedInstances()
    {
        QFETCH(bool, publish);
        QFETCH(QStringList, blocked);
        QFETCH(QString, blocking);
        QFETCH(QString, mentions);
        sim::SimulatorOptions o;
        o.publish = publish;
        o.blockedPrefixes = blocked;
        auto simulator = test::startSimulator(o);
        QVERIFY(simulator);
        QTemporaryDir backups;
        test::ManualClock clock;
        CreateSession session(inputsFor(*simulator, QStringLiteral("bpdemo"), oauthCredential(*simulator)),
                              WritePolicy::Refuse, clock, BackupStore(backups.path()));
        std::unique_ptr<Task> planTask(session.makePlanTask());
        QSignalSpy finished(planTask.get(), &Task::finished);
        planTask->start();
        QVERIFY(finished.wait(30000));
        QVERIFY2(planTask->succeeded(), qPrintable(planTask->error().fullText()));
        QStringList ids;
        for (const Prerequisite &p : session.plan().blockingPrerequisites())
            ids << p.id;
        QCOMPARE(ids.join(QLatin1Char(',')), blocking);
        QVERIFY2(session.plan().toText().contains(mentions), qPrintable(session.plan().toText()));
        QVERIFY(session.plan().steps.isEmpty());
        QCOMPARE(simulator->writeRequestCount(), 0);
    }

    void dryRunWritesNothing()
    {
        auto simulator = test::startSimulator(sim::SimulatorOptions{});
        QVERIFY(simulator);
        const CreateInputs in = inputsFor(*simulator, QStringLiteral("https://bpdemo.brand-portal.adobe.com"),
                                          oauthCredential(*simulator));
        QTemporaryDir backups;
        test::ManualClock clock;
        CreateSession session(in, WritePolicy::Refuse, clock, BackupStore(backups.path()));
        std::unique_ptr<Task> planTask(session.makePlanTask());
        QSignalSpy planned(planTask.get(), &Task::finished);
        planTask->start();
        QVERIFY(planned.wait(30000));
        QVERIFY(planTask->succeeded());
        ApplyRun *run = session.makeApplyRun(true, session.plan().fingerprint);
        QSignalSpy finished(run, &Task::finished);
        run->start();
        QVERIFY(finished.wait(30000));
        QVERIFY2(run->succeeded(), qPrintable(run->error().fullText()));
        for (const StepOutcome &o : run->outcomes())
            QCOMPARE(o.status, StepStatus::DryRun);
        QCOMPARE(simulator->writeRequestCount(), 0);
        QCOMPARE(session.writeCount(), 0);
        QVERIFY(QDir(backups.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot).isEmpty());
    }

    // Plan, then apply for real on a clean 6.5.22.0: every step applied and verified by reading back, a
    // backup saved first; planning again finds nothing to do.
    void applyCreatesAndConverges()
    {
        auto simulator = test::startSimulator(sim::SimulatorOptions{});
        QVERIFY(simulator);
        const CreateInputs in = inputsFor(*simulator, QStringLiteral("bpdemo"), oauthCredential(*simulator));
        QTemporaryDir backups;
        test::ManualClock clock;
        clock.setAutoAdvanceWaits(true);
        CreateSession session(in, WritePolicy::Allow, clock, BackupStore(backups.path()));
        std::unique_ptr<Task> planTask(session.makePlanTask());
        QSignalSpy planned(planTask.get(), &Task::finished);
        planTask->start();
        QVERIFY(planned.wait(30000));
        QVERIFY(planTask->succeeded());
        ApplyRun *run = session.makeApplyRun(false, session.plan().fingerprint);
        QSignalSpy finished(run, &Task::finished);
        run->start();
        QVERIFY(finished.wait(30000));
        QVERIFY2(run->succeeded(), qPrintable(run->error().fullText()));
        QVERIFY(run->backupSaved());
        QVERIFY(simulator->writeRequestCount() > 0);

        CreateSession again(in, WritePolicy::Refuse, clock, BackupStore(backups.path()));
        std::unique_ptr<Task> second(again.makePlanTask());
        QSignalSpy planned2(second.get(), &Task::finished);
        second->start();
        QVERIFY(planned2.wait(30000));
        QVERIFY(second->succeeded());
        QStringList actions;
        for (const StepDescription &s : again.plan().steps)
            actions << s.id + QLatin1Char('=') + changeActionId(s.action);
        QVERIFY2(again.plan().isEmpty(), qPrintable(actions.join(QLatin1Char(' '))));
    }

    void badTenantIsRefusedBeforeAnyRequest()
    {
        CreateInputs in;
        in.tenant = QStringLiteral("https://downloads-na1.brand-portal.adobe.com");
        QCOMPARE(CreateSession::checkInputs(in).error().id, QStringLiteral("tenant-download-host"));
    }
};

QTEST_GUILESS_MAIN(TestCreate)
#include "tst_create.moc"
