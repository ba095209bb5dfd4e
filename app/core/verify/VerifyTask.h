// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "aem/AemConnection.h"
#include "aem/AemInstance.h"
#include "aem/DetectionRecipe.h"
#include "apply/ApplyRecipe.h"
#include "change/ApplyRun.h"
#include "tasks/Task.h"

#include <QCoreApplication>
#include <QList>
#include <QPointer>
#include <QString>

#include <memory>

namespace bp {

class AemSession;
class Clock;
class InstanceDetector;
struct CreateContext;

// One link of the configured chain, as `bpsetup verify` reports it. Evidence names what was read (a path)
// and what it showed; remedy says what to do when the check did not pass.
struct VerifyCheck
{
    enum Status
    {
        Pass,
        Fail,
        Warn,
        Skip
    };
    QString id; // "ims-config", "cloud-config", "agents", "queues", "distribution-agent", ...
    Status status = Skip;
    QString title;    // translated
    QString evidence; // translated
    QString remedy;   // translated, empty when passed
};

QString verifyStatusId(VerifyCheck::Status status); // "pass", "fail", "warn", "skip"

// What Cloud Manager's "Activate Brand Portal" needs from a person on AEM as a Cloud Service: bpsetup never
// writes a configuration there, it only guides and then checks what activation created.
class VerifyChecklist
{
    Q_DECLARE_TR_FUNCTIONS(VerifyChecklist)
public:
    // The steps in order, translated.
    static QStringList cloudServiceActivation();
};

struct VerifyReport
{
    Deployment deployment = Deployment::Unknown;
    QString tenant;
    ConfigState state = ConfigState::Unknown;
    QList<VerifyCheck> checks;
    QStringList checklist; // Cloud Service: VerifyChecklist::cloudServiceActivation()

    // Every check passed, warned or was skipped (none failed).
    bool ok() const;
    // The first failing check, or null.
    const VerifyCheck *firstFailure() const;
    const VerifyCheck *check(const QString &id) const;
};

// Verifies the configured chain of one author end to end: reads the instance (InstanceDetector, read-only),
// then checks each link and runs the agents' Test Connection (6.5: every Brand Portal replication agent's
// test page, a GET; Cloud Service: the distribution agent's POST action=TEST, the only write verify sends)
// and reads their queues. A check that fails makes the checks that depend on it skip. The task fails only
// when AEM could not be read at all (unreachable, login, not AEM); the checks say whether the chain works.
class VerifyTask : public Task
{
    Q_OBJECT
public:
    VerifyTask(AemConnection connection, Clock &clock, QObject *parent = nullptr);
    ~VerifyTask() override;

    // Before start().
    void setDetectionRecipe(const DetectionRecipe &recipe) { m_detect = recipe; }
    void setApplyRecipe(const ApplyRecipe &recipe) { m_recipe = recipe; }
    void setManualVersion(const AemVersion &version) { m_manualVersion = version; }
    // false: no Test Connection (the agents' and the distribution agent's), so nothing but GETs is sent;
    // the test checks are skipped with that reason (diagnose without --run-tests).
    void setRunTests(bool run) { m_runTests = run; }

    // Valid after the instance was read.
    const VerifyReport &report() const { return m_report; }
    // The detection run (certificate, pins, the instance); null before start().
    const InstanceDetector *detector() const { return m_detector.get(); }
    // Requests and writes the checks after detection sent.
    int requestCount() const;
    int writeCount() const;

    // Pure parts, for tests.
    struct DistributionQueue
    {
        QString name;
        bool readable = false;
        QString state;
        int items = 0;
        QString oldestId;
        QString oldestPath;
        QString oldestError;
        qint64 oldestTimeMs = 0; // epoch ms, 0 when unknown
    };
    // The queues of a Sling distribution agent's queues.1.json (ServletJsonUtils shape); empty when the
    // answer is not that shape.
    static QList<DistributionQueue> parseDistributionQueues(const QByteArray &json);
    // "3 days", "5 hours", "2 minutes" (translated), from an age in ms.
    static QString ageText(qint64 ageMs);

protected:
    void run() override;
    bool abort() override;

private:
    void onDetected();
    void addStaticChecks(const AemInstance &instance);
    void addOnPremChecks(const AemInstance &instance);
    void addCloudChecks(const AemInstance &instance);
    void runAgentTests();
    void onAgentTestsFinished();
    void runDistributionChecks();
    bool ensureSession();
    void add(VerifyCheck check);
    VerifyCheck skipped(const QString &id, const QString &title, const QString &because) const;
    bool passedOrWarned(const QString &id) const;

    AemConnection m_connection;
    Clock &m_clock;
    DetectionRecipe m_detect = DetectionRecipe::builtIn();
    ApplyRecipe m_recipe = ApplyRecipe::builtIn();
    AemVersion m_manualVersion;
    bool m_runTests = true;
    std::unique_ptr<InstanceDetector> m_detector;
    std::unique_ptr<AemSession> m_session;
    std::shared_ptr<CreateContext> m_ctx;
    QList<TestOutcome> m_outcomes;
    QPointer<Task> m_current;
    VerifyReport m_report;
    QString m_distributionAgentPath;
};

} // namespace bp
