// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "aem/AemConnection.h"
#include "aem/AemInstance.h"
#include "aem/AemSnapshot.h"
#include "aem/DetectionRecipe.h"
#include "aem/Finding.h"
#include "apply/AemReads.h"
#include "apply/ApplyRecipe.h"
#include "tasks/Task.h"
#include "verify/VerifyTask.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

namespace bp {

class Clock;
class HttpClient;
class HttpJob;

// One health check of `bpsetup diagnose`: a stable id, how much its failure matters (severity), what was
// read (evidence, with the paths) and what to do (remedy). Status as in verify: pass, warn, fail, skip (what
// AEM does not expose is skip with the reason, never fail).
struct DiagnoseCheck
{
    QString id;
    VerifyCheck::Status status = VerifyCheck::Skip;
    Severity severity = Severity::Warning;
    QString title;    // translated
    QString evidence; // translated
    QString remedy;   // translated; empty when passed

    QJsonObject toJson() const;
};

// The catalogue: every check diagnose knows, in report order (--list-checks).
struct DiagnoseCheckInfo
{
    QString id;
    Severity severity = Severity::Warning;
    QString title;          // translated
    bool runsTests = false; // only with --run-tests (sends Test Connection)
};

class DiagnoseCatalogue
{
    Q_DECLARE_TR_FUNCTIONS(DiagnoseCatalogue)
public:
    static QList<DiagnoseCheckInfo> all();
    static std::optional<DiagnoseCheckInfo> find(const QString &id);
};

// One user's keystore as read for the certificate check.
struct KeystoreFacts
{
    QString userPath;
    bool readable = false;
    QList<QPair<QString, QDateTime>> aliases; // alias, notAfter (invalid when the keystore does not say)
};

// What diagnose reads besides detection and verify (pure inputs of the rules).
struct DiagnoseFacts
{
    bool runModesRead = false; // the run modes were asked for (6.5: Felix console)
    bool runModesReadable = false;
    QStringList runModes;
    QString runModesPath;
    QDateTime aemDate;              // AEM's Date header (invalid when none was seen)
    QDateTime localTime;            // this machine's clock when it was seen
    QString proxy;                  // the proxy this tool used to reach AEM ("" none)
    bool keystoresRelevant = false; // JWT or legacy: a key in a keystore signs
    QList<KeystoreFacts> keystores;
    QStringList keystoreProblems; // what kept a keystore from being found
    // Configuration Admin's IMS provider configurations (6.5: Felix console), to cross-check the files.
    bool configAdminRead = false; // asked for
    bool configAdminReadable = false;
    int configAdminStatus = 0; // the HTTP status (0: no answer)
    QString configAdminPath;
    QList<AemReads::ConfigAdminEntry> configAdmin;
};

struct DiagnoseReport
{
    Deployment deployment = Deployment::Unknown;
    QString version;
    ConfigState state = ConfigState::Unknown;
    QString tenant;
    QString oauthSupport; // oauthSupportId(): native, hotfix-installed, hotfix-required, ...
    qint64 durationMs = 0;
    QString toolVersion;
    QString aemUrl;
    QList<DiagnoseCheck> checks;

    bool ok() const; // no check failed
    const DiagnoseCheck *check(const QString &id) const;
    QStringList failing() const; // ids of failed checks, in order
    QJsonObject toJson() const;
};

namespace DiagnoseRules {
// The checks diagnose adds to verify's chain checks, from what detection found (pure).
QList<DiagnoseCheck> evaluate(const AemInstance &instance, const AemSnapshot &snapshot,
                              const DetectionRecipe &detect, const ApplyRecipe &recipe,
                              const DiagnoseFacts &facts);
// AEM's Date header among the snapshot's answers (invalid when none had one).
QDateTime serverDate(const AemSnapshot &snapshot);
} // namespace DiagnoseRules

// `bpsetup diagnose` for one author: strictly read-only. Runs verify's chain checks (without Test
// Connection unless runTests), reads the run modes where the Felix console is reachable, then applies the
// rules. Fails only when AEM could not be read at all (unreachable, login, not AEM).
class DiagnoseTask : public Task
{
    Q_OBJECT
public:
    struct Options
    {
        bool runTests = false;
        QStringList checks; // only these ids (empty: all)
        DetectionRecipe detect = DetectionRecipe::builtIn();
        ApplyRecipe recipe = ApplyRecipe::builtIn();
        AemVersion manualVersion;
    };
    DiagnoseTask(AemConnection connection, Clock &clock, Options options, QObject *parent = nullptr);
    ~DiagnoseTask() override;

    const DiagnoseReport &report() const { return m_report; }
    const VerifyTask *verify() const { return m_verify.get(); }
    // Requests and writes sent after detection (verify's and the run-modes read).
    int requestCount() const;
    int writeCount() const;

protected:
    void run() override;
    bool abort() override;

private:
    void onVerified();
    void readConfigAdmin();
    void readKeystores();
    // GET url with the read-only client; then() runs with the finished job while the task still runs.
    void read(const QUrl &url, std::function<void(HttpJob *)> then);
    void finish();

    AemConnection m_connection;
    Clock &m_clock;
    Options m_options;
    qint64 m_startedMs = 0;
    std::unique_ptr<VerifyTask> m_verify;
    std::unique_ptr<HttpClient> m_client;
    DiagnoseFacts m_facts;
    QPointer<Task> m_current;
    std::function<void()> m_keystoreStep;
    DiagnoseReport m_report;
};

} // namespace bp
