// SPDX-License-Identifier: Apache-2.0
// The change engine (plan -> backup -> apply -> verify -> rollback) over fake steps on an in-memory
// "instance", and the pure parts of the create path (tenant URLs, the apply recipe).
#include "apply/ApplyRecipe.h"
#include "apply/CreatePrerequisites.h"
#include "apply/TenantUrl.h"
#include "change/ApplyRun.h"
#include "change/ChangeStep.h"
#include "ManualClock.h"
#include "policy/AdobePolicy.h"
#include "tasks/FunctionTask.h"

#include <QFile>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace bp;

namespace {

struct FakeInstance
{
    QMap<QString, QString> data;
    int writes = 0;
    QSet<QString> failApply;   // keys whose apply writes, then reports a failure (a write that half landed)
    QSet<QString> failRestore; // keys whose restore fails
    QString backupRootSeenAtFirstWrite;
    std::function<void()> onFirstWrite;
};

// A task that only ends when cancelled (a step in flight).
class PendingTask : public Task
{
public:
    using Task::Task;

protected:
    void run() override {}
};

// Sets key to value (empty value: deletes it).
class FakeStep : public ChangeStep
{
public:
    FakeStep(FakeInstance &instance, QString key, QString value, bool hang = false)
        : m_inst(instance), m_key(std::move(key)), m_value(std::move(value)), m_hang(hang)
    {
    }
    QString id() const override { return QStringLiteral("fake-") + m_key; }
    Task *makeRead() override
    {
        return new FunctionTask([this]() -> Result<bool> {
            m_exists = m_inst.data.contains(m_key);
            m_current = m_inst.data.value(m_key);
            return true;
        });
    }
    StepDescription describe() const override
    {
        StepDescription d;
        d.id = id();
        d.title = QStringLiteral("Fake ") + m_key;
        d.target = m_key;
        if (m_value.isEmpty())
            d.action = m_exists ? ChangeAction::Delete : ChangeAction::Unchanged;
        else if (!m_exists)
            d.action = ChangeAction::Create;
        else
            d.action = m_current == m_value ? ChangeAction::Unchanged : ChangeAction::Update;
        if (d.action != ChangeAction::Unchanged)
            d.changes.append({m_key, m_current, m_value, m_exists, !m_value.isEmpty(), false});
        return d;
    }
    BackupRecord backupRecord() const override
    {
        BackupRecord r;
        r.stepId = id();
        r.kind = QStringLiteral("fake");
        r.target = m_key;
        r.existed = m_exists;
        if (m_exists)
            r.before.insert(QStringLiteral("value"), m_current);
        return r;
    }
    QByteArray fingerprint() const override { return (m_exists ? "1" : "0") + m_current.toUtf8(); }
    Task *makeApply(BackupRecord *record) override
    {
        if (m_hang)
            return new PendingTask;
        return new FunctionTask([this, record]() -> Result<bool> {
            if (m_inst.writes == 0 && m_inst.onFirstWrite)
                m_inst.onFirstWrite();
            ++m_inst.writes;
            if (m_value.isEmpty())
                m_inst.data.remove(m_key);
            else
                m_inst.data.insert(m_key, m_value);
            record->applied.insert(QStringLiteral("written"), true);
            if (m_inst.failApply.contains(m_key))
                return Error(ErrorCode::Http, QStringLiteral("AEM answered HTTP 500."), QString(), 500);
            return true;
        });
    }
    Task *makeVerify() override
    {
        return new FunctionTask([this]() -> Result<bool> {
            if (m_inst.data.value(m_key) != m_value)
                return Error(ErrorCode::Rejected, QStringLiteral("reads back differently"));
            return true;
        });
    }

private:
    FakeInstance &m_inst;
    QString m_key;
    QString m_value;
    bool m_hang;
    bool m_exists = false;
    QString m_current;
};

class FakeRestorer : public Restorer
{
public:
    explicit FakeRestorer(FakeInstance &instance) : m_inst(instance) {}
    Task *makeRestore(const BackupRecord &record, const Backup &) override
    {
        return new FunctionTask([this, record]() -> Result<bool> {
            if (m_inst.failRestore.contains(record.target))
                return Error(ErrorCode::Http, QStringLiteral("restore refused"));
            ++m_inst.writes;
            if (record.existed)
                m_inst.data.insert(record.target, record.before.value(QStringLiteral("value")).toString());
            else
                m_inst.data.remove(record.target);
            return true;
        });
    }

private:
    FakeInstance &m_inst;
};

bool runToEnd(Task &task)
{
    QSignalSpy finished(&task, &Task::finished);
    task.start();
    return finished.wait(5000) && finished.count() == 1;
}

} // namespace

class TestChange : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_inst = FakeInstance();
        m_inst.data = {{QStringLiteral("a"), QStringLiteral("old-a")},
                       {QStringLiteral("c"), QStringLiteral("same")},
                       {QStringLiteral("d"), QStringLiteral("to-delete")}};
        m_original = m_inst.data;
        qDeleteAll(m_steps);
        m_steps = {new FakeStep(m_inst, QStringLiteral("a"), QStringLiteral("new-a")),
                   new FakeStep(m_inst, QStringLiteral("b"), QStringLiteral("new-b")),
                   new FakeStep(m_inst, QStringLiteral("c"), QStringLiteral("same")),
                   new FakeStep(m_inst, QStringLiteral("d"), QString())};
    }
    void cleanup()
    {
        qDeleteAll(m_steps);
        m_steps.clear();
    }

    void appliesInOrderWithBackupFirst()
    {
        ApplyRun run(m_steps, options(), store(), m_clock);
        m_inst.onFirstWrite = [this] {
            // The backup is on disk before the first write.
            const QStringList ids = QDir(m_dir->path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
            QCOMPARE(ids.size(), 1);
            QVERIFY(QFile::exists(m_dir->path() + QLatin1Char('/') + ids.first() +
                                  QStringLiteral("/backup.json")));
        };
        QVERIFY(runToEnd(run));
        QVERIFY2(run.succeeded(), qPrintable(run.error().fullText()));
        QCOMPARE(m_inst.data.value(QStringLiteral("a")), QStringLiteral("new-a"));
        QCOMPARE(m_inst.data.value(QStringLiteral("b")), QStringLiteral("new-b"));
        QVERIFY(!m_inst.data.contains(QStringLiteral("d")));
        QCOMPARE(m_inst.writes, 3);
        QCOMPARE(statuses(run), ids("done,done,unchanged,done"));
        QVERIFY(run.wroteAnything());
        const QFileInfo folder(run.backupFolder());
        QCOMPARE(folder.permissions() & 0x0077, QFileDevice::Permissions()); // nobody else may read it
        QCOMPARE(QFileInfo(run.backupFolder() + QStringLiteral("/backup.json")).permissions() &
                     (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());

        // Rolling the backup back restores the original state exactly.
        Result<Backup> b = store().load(run.backup().id);
        QVERIFY(b.ok());
        FakeRestorer restorer(m_inst);
        RollbackRun rollback(b.value(), restorer);
        QVERIFY(runToEnd(rollback));
        QVERIFY(rollback.succeeded());
        QCOMPARE(m_inst.data, m_original);
    }

    void dryRunWritesNothing()
    {
        ApplyRun::Options o = options();
        o.dryRun = true;
        ApplyRun run(m_steps, o, store(), m_clock);
        QVERIFY(runToEnd(run));
        QVERIFY(run.succeeded());
        QCOMPARE(m_inst.writes, 0);
        QCOMPARE(statuses(run), ids("dry-run,dry-run,unchanged,dry-run"));
        QVERIFY(!run.wroteAnything());
        QVERIFY(QDir(m_dir->path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot).isEmpty());
    }

    void stalePlanIsRefused()
    {
        ApplyRun::Options dry = options();
        dry.dryRun = true;
        ApplyRun planRun(m_steps, dry, store(), m_clock);
        QVERIFY(runToEnd(planRun));
        const QString fingerprint = planRun.fingerprint();
        m_inst.data.insert(QStringLiteral("a"), QStringLiteral("changed-by-someone"));
        ApplyRun::Options o = options();
        o.expectedFingerprint = fingerprint;
        ApplyRun run(m_steps, o, store(), m_clock);
        QVERIFY(runToEnd(run));
        QCOMPARE(run.error().id, QStringLiteral("stale-plan"));
        QCOMPARE(run.error().code, ErrorCode::Unsupported);
        QCOMPARE(m_inst.writes, 0);
    }

    void emptyPlanWritesNoBackup()
    {
        m_inst.data = {{QStringLiteral("a"), QStringLiteral("new-a")},
                       {QStringLiteral("b"), QStringLiteral("new-b")},
                       {QStringLiteral("c"), QStringLiteral("same")}};
        ApplyRun run(m_steps, options(), store(), m_clock);
        QVERIFY(runToEnd(run));
        QVERIFY(run.succeeded());
        QCOMPARE(m_inst.writes, 0);
        QCOMPARE(statuses(run), ids("unchanged,unchanged,unchanged,unchanged"));
        QVERIFY(!run.backupSaved());
    }

    void backupFailureWritesNothing()
    {
        // The backup root lies under a regular file: it can never be created (also as root).
        QFile blocker(m_dir->path() + QStringLiteral("/file"));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        ApplyRun run(m_steps, options(), BackupStore(blocker.fileName() + QStringLiteral("/backups")),
                     m_clock);
        QVERIFY(runToEnd(run));
        QCOMPARE(run.error().code, ErrorCode::Storage);
        QCOMPARE(m_inst.writes, 0);
        QVERIFY(!run.wroteAnything());
        QVERIFY(run.error().remedy.contains(QStringLiteral("Nothing was changed")));
    }

    void failureStopsAndRollbackRestores_data()
    {
        QTest::addColumn<QString>("failingKey");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("first step") << "a" << ids("failed,skipped,skipped,skipped");
        QTest::newRow("second step") << "b" << ids("done,failed,skipped,skipped");
        QTest::newRow("last step") << "d" << ids("done,done,unchanged,failed");
    }
    void failureStopsAndRollbackRestores()
    {
        QFETCH(QString, failingKey);
        QFETCH(QStringList, expected);
        m_inst.failApply.insert(failingKey);
        ApplyRun run(m_steps, options(), store(), m_clock);
        QVERIFY(runToEnd(run));
        QCOMPARE(run.error().code, ErrorCode::PartialApply);
        QCOMPARE(run.error().id, QStringLiteral("apply-step-failed"));
        QVERIFY(run.error().userMessage.contains(QStringLiteral("Fake ") + failingKey));
        QVERIFY(run.error().remedy.contains(run.backup().id));
        QCOMPARE(statuses(run), expected);

        Result<Backup> b = store().load(run.backup().id);
        QVERIFY(b.ok());
        // Only the steps whose apply started are rolled back; the failed one included (it half landed).
        int started = 0;
        for (const BackupRecord &r : b.value().records)
            started += r.applyStarted ? 1 : 0;
        QCOMPARE(started, int(expected.count(QStringLiteral("done")) + 1));
        FakeRestorer restorer(m_inst);
        RollbackRun rollback(b.value(), restorer);
        QVERIFY(runToEnd(rollback));
        QVERIFY(rollback.succeeded());
        QCOMPARE(m_inst.data, m_original);
    }

    void rerunAfterFailureConverges()
    {
        m_inst.failApply.insert(QStringLiteral("b"));
        {
            ApplyRun run(m_steps, options(), store(), m_clock);
            QVERIFY(runToEnd(run));
            QVERIFY(!run.succeeded());
        }
        m_inst.failApply.clear();
        ApplyRun again(m_steps, options(), store(), m_clock);
        QVERIFY(runToEnd(again));
        QVERIFY(again.succeeded());
        QCOMPARE(m_inst.data, (QMap<QString, QString>{{QStringLiteral("a"), QStringLiteral("new-a")},
                                                      {QStringLiteral("b"), QStringLiteral("new-b")},
                                                      {QStringLiteral("c"), QStringLiteral("same")}}));
    }

    void rollbackContinuesPastAFailure()
    {
        ApplyRun run(m_steps, options(), store(), m_clock);
        QVERIFY(runToEnd(run));
        QVERIFY(run.succeeded());
        m_inst.failRestore.insert(QStringLiteral("b"));
        FakeRestorer restorer(m_inst);
        RollbackRun rollback(run.backup(), restorer);
        QVERIFY(runToEnd(rollback));
        QCOMPARE(rollback.error().code, ErrorCode::RollbackFailed);
        QCOMPARE(rollback.error().id, QStringLiteral("rollback-incomplete"));
        QVERIFY(rollback.error().userMessage.contains(QStringLiteral("b (")));
        // Everything else came back.
        QCOMPARE(m_inst.data.value(QStringLiteral("a")), QStringLiteral("old-a"));
        QCOMPARE(m_inst.data.value(QStringLiteral("d")), QStringLiteral("to-delete"));
    }

    void cancelDuringAStep()
    {
        QList<ChangeStep *> steps = {m_steps[0],
                                     new FakeStep(m_inst, QStringLiteral("b"), QStringLiteral("x"), true)};
        ApplyRun run(steps, options(), store(), m_clock);
        QSignalSpy finished(&run, &Task::finished);
        QSignalSpy changed(&run, &ApplyRun::stepChanged);
        run.start();
        QTRY_VERIFY(run.outcomes().value(1).status == StepStatus::Applying);
        run.cancel();
        if (finished.isEmpty())
            QVERIFY(finished.wait(2000));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(run.state(), Task::State::Cancelled);
        QCOMPARE(run.error().id, QStringLiteral("apply-cancelled"));
        QVERIFY(run.error().remedy.contains(run.backup().id));
        QCOMPARE(statuses(run), ids("done,cancelled"));
        delete steps[1];
    }

    void failingTestsFailTheRun()
    {
        ApplyRun run(m_steps, options(), store(), m_clock);
        run.setTests([](QList<TestOutcome> *out) {
            return new FunctionTask([out]() -> Result<bool> {
                out->append(
                    {QStringLiteral("agent-test:one"), QStringLiteral("/one"), true, {}, {}, 0, 0, {}, 0});
                out->append({QStringLiteral("agent-test:two"),
                             QStringLiteral("/two"),
                             false,
                             QStringLiteral("Replication test failed"),
                             QStringLiteral("fix it"),
                             0,
                             0,
                             {},
                             0});
                return true;
            });
        });
        QVERIFY(runToEnd(run));
        QCOMPARE(run.error().id, QStringLiteral("tests-failed"));
        QCOMPARE(run.error().code, ErrorCode::Rejected);
        QCOMPARE(run.tests().size(), 2);
    }

    void planJsonRoundTrip()
    {
        Plan p;
        p.aemUrl = QStringLiteral("https://author.example.com");
        p.aemVersion = QStringLiteral("6.5.22.0");
        p.route = QStringLiteral("create-configuration");
        p.createdUtc = m_clock.nowUtc();
        p.fingerprint = QStringLiteral("abc");
        p.prerequisites.append(
            {QStringLiteral("hotfix-required"), true, QStringLiteral("m"), QStringLiteral("r"), {}});
        StepDescription s;
        s.id = QStringLiteral("ims-customizer");
        s.action = ChangeAction::Create;
        s.changes.append({QStringLiteral("auth.ims.client.secret"), QString(), QStringLiteral("plain!"),
                          false, true, true});
        p.steps.append(s);
        const QByteArray json = QJsonDocument(p.toJson()).toJson();
        QVERIFY(!json.contains("plain!")); // a secret never leaves as a value
        Result<Plan> back = Plan::fromJson(QJsonDocument::fromJson(json).object());
        QVERIFY(back.ok());
        QVERIFY(back.value().blocking());
        QCOMPARE(back.value().steps.first().changes.first().after, QStringLiteral("***"));
        QVERIFY(!p.toText().contains(QStringLiteral("plain!")));
        QVERIFY(p.toText().contains(QStringLiteral("BLOCKED")));
    }

    void malformedPlansAreRefused_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("empty") << QByteArray("{}");
        QTest::newRow("wrong schema")
            << QByteArray(R"({"schemaVersion":2,"steps":[],"prerequisites":[],"fingerprint":""})");
        QTest::newRow("steps not array")
            << QByteArray(R"({"schemaVersion":1,"steps":{},"prerequisites":[],"fingerprint":""})");
        QTest::newRow("step not object")
            << QByteArray(R"({"schemaVersion":1,"steps":[1],"prerequisites":[],"fingerprint":""})");
    }
    void malformedPlansAreRefused()
    {
        QFETCH(QByteArray, json);
        Result<Plan> p = Plan::fromJson(QJsonDocument::fromJson(json).object());
        QVERIFY(!p.ok());
        QCOMPARE(p.error().id, QStringLiteral("plan-invalid"));
    }

    void backupIdsAndList()
    {
        const QString id = Backup::newId(m_clock.nowUtc());
        QVERIFY(Backup::isValidId(id));
        QVERIFY(id.startsWith(QStringLiteral("20261201-090000-")));
        const QStringList bads = {QStringLiteral("../x"), QString(), QStringLiteral("20261201-090000-zzzzzz"),
                                  id + QStringLiteral("/..")};
        for (const QString &bad : bads)
            QVERIFY(!Backup::isValidId(bad));
        ApplyRun run(m_steps, options(), store(), m_clock);
        QVERIFY(runToEnd(run));
        // A damaged backup is listed with its problem, not skipped.
        const QString damagedId = QStringLiteral("20250101-000000-abcdef");
        QDir().mkpath(store().folder(damagedId));
        QFile f(store().folder(damagedId) + QStringLiteral("/backup.json"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{not json");
        f.close();
        const QList<BackupSummary> list = store().list();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list[0].id, run.backup().id);
        QCOMPARE(list[0].objectCount, 4);
        QVERIFY(list[0].problem.isEmpty());
        QCOMPARE(list[1].id, damagedId);
        QVERIFY(!list[1].problem.isEmpty());
        QCOMPARE(store().load(QStringLiteral("20250101-000000-000000")).error().id,
                 QStringLiteral("backup-unknown"));
        QCOMPARE(store().load(damagedId).error().id, QStringLiteral("backup-damaged"));
    }

    void tenantUrls_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("url");   // empty: refused
        QTest::addColumn<QString>("error"); // expected id
        QTest::newRow("bare name") << "acme"
                                   << "https://acme.brand-portal.adobe.com"
                                   << "";
        QTest::newRow("url") << "https://acme.brand-portal.adobe.com"
                             << "https://acme.brand-portal.adobe.com"
                             << "";
        QTest::newRow("trailing slash") << "https://acme.brand-portal.adobe.com/"
                                        << "https://acme.brand-portal.adobe.com"
                                        << "";
        QTest::newRow("upper case") << "https://ACME.brand-portal.adobe.com"
                                    << "https://acme.brand-portal.adobe.com"
                                    << "";
        QTest::newRow("http") << "http://acme.brand-portal.adobe.com"
                              << ""
                              << "tenant-invalid";
        QTest::newRow("path") << "https://acme.brand-portal.adobe.com/x"
                              << ""
                              << "tenant-invalid";
        QTest::newRow("query") << "https://acme.brand-portal.adobe.com/?a=1"
                               << ""
                               << "tenant-invalid";
        QTest::newRow("port") << "https://acme.brand-portal.adobe.com:8443"
                              << ""
                              << "tenant-invalid";
        QTest::newRow("two labels") << "https://a.b.brand-portal.adobe.com"
                                    << ""
                                    << "tenant-invalid";
        QTest::newRow("other host") << "https://acme.example.com"
                                    << ""
                                    << "tenant-invalid";
        QTest::newRow("download host") << "https://downloads-na1.brand-portal.adobe.com"
                                       << ""
                                       << "tenant-download-host";
        QTest::newRow("empty") << ""
                               << ""
                               << "tenant-invalid";
        QTest::newRow("bad label") << "-acme"
                                   << ""
                                   << "tenant-invalid";
    }
    void tenantUrls()
    {
        QFETCH(QString, input);
        QFETCH(QString, url);
        QFETCH(QString, error);
        Result<TenantUrl> r = parseTenantUrl(input);
        if (url.isEmpty()) {
            QVERIFY(!r.ok());
            QCOMPARE(r.error().id, error);
            QVERIFY(!r.error().remedy.isEmpty());
        } else {
            QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().userMessage));
            QCOMPARE(r.value().url, url);
        }
    }

    void applyRecipe()
    {
        const ApplyRecipe recipe = ApplyRecipe::builtIn();
        QCOMPARE(recipe.text(QStringLiteral("configMgrPath")), QStringLiteral("/system/console/configMgr"));
        QCOMPARE(recipe.confidence(QStringLiteral("configMgrPath")), QStringLiteral("D"));
        QCOMPARE(recipe.confidence(QStringLiteral("cryptoPath")), QStringLiteral("C"));
        const auto props = recipe.properties(QStringLiteral("providerProperties"));
        QCOMPARE(props.first().first, QStringLiteral("name")); // the file's order, not alphabetical
        QCOMPARE(recipe.list(QStringLiteral("closeConnectionProperties")).size(), 2);

        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("r.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"apply":{"agentWaitMs":{"value":100,"confidence":"I"}}})");
        file.close();
        Result<ApplyRecipe> over = ApplyRecipe::fromFile(file.fileName());
        QVERIFY(over.ok());
        QCOMPARE(over.value().number(QStringLiteral("agentWaitMs")), 100);
        QCOMPARE(over.value().text(QStringLiteral("csrfPath")), recipe.text(QStringLiteral("csrfPath")));

        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(R"({"agentWaitMs":{"value":"soon"}})");
        file.close();
        QCOMPARE(ApplyRecipe::fromFile(file.fileName()).error().id, QStringLiteral("recipe-invalid"));
    }

    // The version gates, the credential kind and the instance role, decided before any write.
    void createPrerequisites_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<bool>("hotfixInstalled");
        QTest::addColumn<bool>("hotfixGiven");
        QTest::addColumn<QString>("credential"); // oauth, oauth-rejected, jwt, unknown
        QTest::addColumn<QString>("runModes");   // comma list; "-" unreadable
        QTest::addColumn<QString>("state");      // none, oauth, legacy
        QTest::addColumn<QString>("blocking");   // ids, comma list
        QTest::addColumn<QString>("notes");      // non-blocking ids
        QTest::newRow("6.5.22.0") << "6.5.22.0" << false << false << "oauth"
                                  << "author"
                                  << "none"
                                  << ""
                                  << "";
        QTest::newRow("6.6.3 LTS") << "6.6.3" << false << false << "oauth"
                                   << "author"
                                   << "none"
                                   << ""
                                   << "";
        QTest::newRow("6.5.17.0 + hotfix") << "6.5.17.0" << true << false << "oauth"
                                           << "author"
                                           << "none"
                                           << ""
                                           << "";
        QTest::newRow("6.5.17.0 no hotfix") << "6.5.17.0" << false << false << "oauth"
                                            << "author"
                                            << "none"
                                            << "hotfix-required"
                                            << "";
        QTest::newRow("6.5.17.0 package given") << "6.5.17.0" << false << true << "oauth"
                                                << "author"
                                                << "none"
                                                << ""
                                                << "hotfix-install";
        QTest::newRow("6.5.20.0 no hotfix") << "6.5.20.0" << false << false << "oauth"
                                            << "author"
                                            << "none"
                                            << "hotfix-required"
                                            << "";
        QTest::newRow("6.5.8.0") << "6.5.8.0" << false << false << "oauth"
                                 << "author"
                                 << "none"
                                 << "oauth-not-available"
                                 << "";
        QTest::newRow("6.5.3.0") << "6.5.3.0" << false << false << "oauth"
                                 << "author"
                                 << "none"
                                 << "version-too-old"
                                 << "";
        QTest::newRow("cloud") << "cloud" << false << false << "oauth"
                               << "author"
                               << "none"
                               << "cloud-service"
                               << "";
        QTest::newRow("unknown version") << "" << false << false << "oauth"
                                         << "author"
                                         << "none"
                                         << "version-unknown"
                                         << "";
        QTest::newRow("jwt") << "6.5.22.0" << false << false << "jwt"
                             << "author"
                             << "none"
                             << "jwt-credential"
                             << "";
        QTest::newRow("rejected") << "6.5.22.0" << false << false << "oauth-rejected"
                                  << "author"
                                  << "none"
                                  << "credential-not-validated"
                                  << "";
        QTest::newRow("unknown credential") << "6.5.22.0" << false << false << "unknown"
                                            << "author"
                                            << "none"
                                            << "credential-unknown"
                                            << "";
        QTest::newRow("publish") << "6.5.22.0" << false << false << "oauth"
                                 << "publish,crx3"
                                 << "none"
                                 << "publish-instance"
                                 << "";
        QTest::newRow("run modes unreadable") << "6.5.22.0" << false << false << "oauth"
                                              << "-"
                                              << "none"
                                              << ""
                                              << "run-modes-unknown";
        // Legacy gateway and broken configurations are deleted and recreated (the upgrade route).
        QTest::newRow("legacy gateway") << "6.5.22.0" << false << false << "oauth"
                                        << "author"
                                        << "legacy"
                                        << ""
                                        << "";
        QTest::newRow("legacy gateway, 6.5.17.0") << "6.5.17.0" << false << false << "oauth"
                                                  << "author"
                                                  << "legacy"
                                                  << "hotfix-required"
                                                  << "";
        QTest::newRow("oauth already") << "6.5.22.0" << false << false << "oauth"
                                       << "author"
                                       << "oauth"
                                       << ""
                                       << "";
        // JWT is switched in place (the upgrade route); the tenant comes from the configuration.
        QTest::newRow("jwt configuration") << "6.5.22.0" << false << false << "oauth"
                                           << "author"
                                           << "jwt"
                                           << ""
                                           << "";
        QTest::newRow("jwt configuration, 6.5.17.0") << "6.5.17.0" << false << false << "oauth"
                                                     << "author"
                                                     << "jwt"
                                                     << "hotfix-required"
                                                     << "";
        QTest::newRow("jwt configuration, other tenant") << "6.5.22.0" << false << false << "oauth"
                                                         << "author"
                                                         << "jwt/othertenant"
                                                         << "tenant-conflict"
                                                         << "";
        QTest::newRow("broken") << "6.5.22.0" << false << false << "oauth"
                                << "author"
                                << "broken"
                                << ""
                                << "";
        QTest::newRow("no tenant at all") << "6.5.22.0" << false << false << "oauth"
                                          << "author"
                                          << "none/"
                                          << "tenant-required"
                                          << "";
    }
    void createPrerequisites()
    {
        QFETCH(QString, version);
        QFETCH(bool, hotfixInstalled);
        QFETCH(bool, hotfixGiven);
        QFETCH(QString, credential);
        QFETCH(QString, runModes);
        QFETCH(QString, state);
        QFETCH(QString, blocking);
        QFETCH(QString, notes);
        AemInstance instance;
        instance.version =
            version == QLatin1String("cloud") ? AemVersion::cloud() : AemVersion::parse(version);
        instance.imsHotfixInstalled = hotfixInstalled;
        instance.oauthSupport = AdobePolicy::oauthSupportFor(instance.version, hotfixInstalled);
        // "state/tenant": the tenant given (default bpdemo; "" none given).
        const QString givenTenant =
            state.contains(QLatin1Char('/')) ? state.section(QLatin1Char('/'), 1) : QStringLiteral("bpdemo");
        state = state.section(QLatin1Char('/'), 0, 0);
        instance.state = state == QLatin1String("legacy")   ? ConfigState::LegacyGateway
                         : state == QLatin1String("oauth")  ? ConfigState::OAuthS2S
                         : state == QLatin1String("jwt")    ? ConfigState::DevConsoleJwt
                         : state == QLatin1String("broken") ? ConfigState::Broken
                                                            : ConfigState::None;
        if (instance.state != ConfigState::None)
            instance.tenant = QStringLiteral("bpdemo");
        CreateFacts facts;

        facts.hotfixPackageGiven = hotfixGiven;
        facts.credentialKind = credential.startsWith(QLatin1String("oauth"))
                                   ? CredentialKind::OAuthServerToServer
                               : credential == QLatin1String("jwt") ? CredentialKind::ServiceAccountJwt
                                                                    : CredentialKind::Unknown;
        facts.credentialValidated = credential == QLatin1String("oauth");
        facts.runModesReadable = runModes != QLatin1String("-");
        if (facts.runModesReadable)
            facts.runModes = runModes.split(QLatin1Char(','));
        QStringList gotBlocking, gotNotes;
        for (const Prerequisite &p : bp::createPrerequisites(instance, facts, m_clock.today()) +
                                         bp::tenantPrerequisites(instance, givenTenant)) {
            (p.blocking ? gotBlocking : gotNotes) << p.id;
            QVERIFY(!p.message.isEmpty());
            QVERIFY(!p.remedy.isEmpty());
        }
        QCOMPARE(gotBlocking.join(QLatin1Char(',')), blocking);
        QCOMPARE(gotNotes.join(QLatin1Char(',')), notes);
    }

    // JWT is refused on either side of Adobe's conversion date; the words follow the injected day.
    void jwtWordsFollowTheClock()
    {
        AemInstance instance;
        instance.version = AemVersion::parse(QStringLiteral("6.5.22.0"));
        instance.oauthSupport = OAuthSupport::Native;
        instance.state = ConfigState::None;
        CreateFacts facts;
        facts.credentialKind = CredentialKind::ServiceAccountJwt;
        facts.runModesReadable = true;
        const auto before = bp::createPrerequisites(instance, facts, QDate(2026, 2, 28));
        const auto after = bp::createPrerequisites(instance, facts, QDate(2026, 3, 1));
        QCOMPARE(before.first().id, QStringLiteral("jwt-credential"));
        QVERIFY(before.first().blocking && after.first().blocking);
        QVERIFY(after.first().message.contains(QStringLiteral("no longer works")));
        QVERIFY(!before.first().message.contains(QStringLiteral("no longer works")));
    }

private:
    BackupStore store() const { return BackupStore(m_dir->path()); }
    ApplyRun::Options options() const
    {
        ApplyRun::Options o;
        o.aemUrl = QStringLiteral("https://author.example.com");
        o.aemVersion = QStringLiteral("6.5.22.0");
        return o;
    }
    static QStringList ids(const char *list) { return QString::fromLatin1(list).split(QLatin1Char(',')); }
    static QStringList statuses(const ApplyRun &run)
    {
        QStringList out;
        for (const StepOutcome &o : run.outcomes())
            out << stepStatusId(o.status);
        return out;
    }

    test::ManualClock m_clock;
    std::unique_ptr<QTemporaryDir> m_dir;
    FakeInstance m_inst;
    QMap<QString, QString> m_original;
    QList<ChangeStep *> m_steps;
};

QTEST_GUILESS_MAIN(TestChange)
#include "tst_change.moc"
