// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "errors/Result.h"

#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QSslCertificate>
#include <QStringList>
#include <QUrl>

#include <memory>

namespace bp {
class Clock;
} // namespace bp

namespace bp::sim {

// How the simulated author is configured for Brand Portal.
enum class SimState
{
    None,
    LegacyGateway,
    DevConsoleJwt,
    OAuthS2S,
    Broken
};

// Deliberate misbehaviour, for training, support reproduction and tests.
enum class SimFault
{
    Hang,           // accept connections, read the request, never answer
    Oversize,       // every AEM answer is a 64 MiB body (streamed, not held in memory)
    NotAem,         // a generic web server: a "Welcome" HTML page at /, 404 elsewhere
    SsoRedirect,    // every AEM request is redirected (302) to the login page, even with valid credentials
    ImsServerError, // ims-5xx: the IMS token endpoints answer 503 server_error a few times, then normally
    ImsHtml,        // ims-html: IMS answers everything with 200 text/html (a captive-portal login page)
    ImsHang,        // ims-hang: IMS reads requests and never answers
    CsrfExpiry,     // csrf-expiry: every CSRF token is accepted for one write only, then rejected as expired
    ErrorQueue, // error-queue: Cloud Service, activated: 2 failed items in bpdistributionagent0's error-queue
    // distribution-test-fails: Cloud Service, activated: bpdistributionagent0's Test Connection (POST
    // action=TEST) answers 400 DROPPED, as the Sling servlet does when the package is not delivered
    DistributionTestFails,
    // What diagnose must find (issue 12), on a configured 6.5 instance (JWT or OAuth state):
    AgentDisabled,       // agent-disabled: the first Brand Portal replication agent is disabled
    NoCloseConnection,   // no-close-connection: no Brand Portal agent has Extended › Close Connection set
    TwoImsConfigs,       // two-ims-configs: a second (JWT-mode, unused) Brand Portal IMS configuration
    DanglingCloudConfig, // dangling-cloud-config: the cloud configuration names an IMS configuration that is
                         // gone
    ClockSkew,           // clock-skew: AEM's clock (its Date header) runs 10 minutes ahead
    BlockedQueue,        // blocked-queue: the first agent's queue is blocked on a failing item
    ExpiringCertificate, // expiring-certificate: the keystores' certificates (JWT, legacy) end in 10 days
    ExpiredCertificate,  // expired-certificate: they ended yesterday
    BadTenantUrl,        // bad-tenant-url: the cloud configuration's tenant URL is http:// with a path
    LegacyLeftovers,     // legacy-leftovers: the Legacy OAuth Gateway objects left beside the current setup
    AemProxy, // aem-proxy: AEM's outbound proxy configuration exists (org.apache.http.proxyconfigurator)
    // inactive-ims-config: Sling's installer skipped the IMS provider files: they are in /apps/system/config
    // but not in Configuration Admin, so AEM has no such token provider (the agents' tests fail)
    InactiveImsConfig,
    // console-only-ims-config: the Brand Portal IMS configurations were made in the Felix console and live
    // only in Configuration Admin (AEM uses them; the repository and its backups do not hold them)
    ConsoleOnlyImsConfig,
};

// How far AEM's clock runs ahead with SimFault::ClockSkew.
constexpr int ClockSkewSeconds = 600;

// The Legacy OAuth Gateway's replication user (legacy-gateway state).
enum class SimLegacyUser
{
    WithHyphen,    // mac-<tenant>-replication
    WithoutHyphen, // mac-<tenant>replication, the other documented spelling (notes 3.1)
    Missing,       // deleted by hand already
};

struct SimulatorOptions
{
    quint16 port = 0; // AEM port; 0 picks a free one. IMS listens on port+1 (or free if 0).
    QString aemVersion = QStringLiteral("6.5.22.0"); // "cloud", "6.5.x.y" or "6.6.x"
    SimState state = SimState::None;
    QString tenant = QStringLiteral("bpdemo");
    int latencyMs = 0;             // added before every answer
    Clock *latencyClock = nullptr; // the clock the latency waits run on (tests: a manual one); null: system
    bool tls = false;              // serve HTTPS with a freshly generated self-signed certificate
    // IMS alone over HTTPS (with the same kind of certificate) while AEM stays plain: Adobe IMS behind a
    // proxy that inspects TLS and presents a certificate nobody trusts.
    bool imsTls = false;
    bool imsHotfixInstalled = false; // ims-jwt-compatibility-package-6.5 present (matters for 6.5.11-6.5.20)
    bool publish = false;            // a publish instance (run mode publish instead of author)
    QString user = QStringLiteral("admin");
    QString password = QStringLiteral("admin");
    QStringList blockedPrefixes; // paths a dispatcher blocks (answered 404 by the "dispatcher")
    QList<SimFault> faults;
    int imsClockOffsetSeconds = 0;    // IMS's clock runs this far ahead (Date header and exp checks)
    int imsFailuresBeforeSuccess = 2; // with SimFault::ImsServerError: token requests answered 503 first
    // Setup steps whose first matching AEM request fails once with 500 (Simulator::knownFailSteps());
    // "agents" makes the first cloud-config save that would create the tenant's agents create none.
    QStringList failSteps;
    // Items pending on each Brand Portal replication agent's queue at start (legacy gateway, JWT, OAuth), and
    // how many each queue read delivers (0: stuck). See SimReplicationAgents::addPendingItems.
    // The JWT credential was converted by Adobe (2026-03-01): its JWT exchange fails, as it does for every
    // real one today. false only to exercise the exchange as it worked before.
    bool jwtConverted = true;
    SimLegacyUser legacyUser = SimLegacyUser::WithHyphen;
    QStringList legacyAgentNames; // legacy-gateway: the agents' node names (empty: mp_replication, -1..-3)
    int queueItems = 0;
    int queueDrain = 0;
};

struct SimRequestRecord
{
    QByteArray method;
    QByteArray path; // path and query, as received
    bool authenticated = false;
    int status = 0;
    qint64 receivedMs =
        0; // when the request was handled, on the latency clock's monotonic scale (benchmarks)
};

// A simulated AEM author and Adobe IMS on 127.0.0.1, built on QTcpServer/QSslServer (no GPL modules).
// Product code: used by `bpsetup simulate`, `bpsetup --demo` and the tests.
class Simulator : public QObject
{
    Q_OBJECT
public:
    explicit Simulator(SimulatorOptions options, QObject *parent = nullptr);
    ~Simulator() override;

    // Binds both servers on 127.0.0.1. Fails with InvalidInput for an unknown version, Network if a port is
    // busy.
    Result<bool> start();
    void stop();
    // The admin password changes while the simulator runs (a password rotated midway through an apply).
    void setPassword(const QString &password);

    QUrl aemUrl() const;
    QUrl imsUrl() const;
    const SimulatorOptions &options() const;
    QSslCertificate certificate() const; // null unless tls or imsTls

    // Every request received (AEM and IMS), in order; writes counted separately (POST/PUT/DELETE/PATCH to
    // the AEM author only: IMS token requests change nothing and would blur "the wizard wrote nothing").
    QList<SimRequestRecord> requests() const;
    int requestCount() const;
    int writeRequestCount() const;
    // The AEM writes per method ("POST", "DELETE", ...).
    QMap<QByteArray, int> writeCountsByMethod() const;
    void clearRequestLog();

    // n more pending items on each Brand Portal agent's queue, now (a queue that fills up mid-run).
    void addQueueItems(int n);

    // The simulated repository as JSON, for tests to snapshot and compare.
    QJsonObject snapshot() const;

    // The simulated OAuth S2S credential registered with the simulated IMS (client id derived from the
    // tenant; the two secrets are random per run and live in memory only).
    QString imsClientId() const;
    QStringList clientSecretsForTests() const;
    QString imsOrgId() const;

    // The plain value of a "{hex}" this simulator's Crypto Support console protected (ok false otherwise).
    // Simulator-internal: what AEM does when it reads a protected configuration value.
    QString unprotect(const QString &value, bool *ok) const;

    // The simulated Service Account (JWT) credential: its own client id, one random UUID-like secret, a
    // technical account, metascope ent_brand_portal_sdk, and the certificates registered for it. Its RSA key
    // pair and certificate are generated on first use (jwtPrivateKeyPem(), writeCredentialFiles()), never at
    // start: key generation costs ~50-100 ms and `bpsetup --demo` start-up is benchmarked.
    QString jwtClientId() const;
    QString jwtClientSecretForTests() const;
    QString jwtTechnicalAccountId() const;
    QStringList jwtMetascopes() const;
    // PKCS#8 PEM of the JWT credential's key (its certificate is registered once generated). Secret: never
    // log.
    Result<QByteArray> jwtPrivateKeyPem();
    Result<QByteArray> jwtCertificatePem();

    // Binds one more X.509 certificate (PEM; DER accepted too) to a JWT credential, standing in for the
    // upload in Developer Console. InvalidInput for an unknown client, a non-JWT client or a bad certificate.
    // Also reachable over HTTP on the IMS listener: POST /sim/console/credentials/<clientId>/certificates.
    Result<bool> registerCertificate(const QString &clientId, const QByteArray &pem);

    // Writes ready-made Developer Console downloads for both credentials into dir (created if needed) and
    // returns the paths: oauth-s2s-project.json, oauth-s2s-credential.json, jwt-project.json,
    // jwt-credential.json, jwt-payload.json, private.key (0600), certificate_pub.crt. Needs start() first
    // (the IMS URL goes into aud and metascope claims). The files hold this run's throwaway secrets: never
    // log them.
    Result<QStringList> writeCredentialFiles(const QString &dir);

    static Result<SimState> parseState(const QString &name);
    static QString stateName(SimState state);
    static QString faultName(SimFault fault); // the --fault name
    static Result<SimFault> parseFault(const QString &name);
    static QStringList knownStates();
    static QStringList knownFaults();
    static QStringList knownFailSteps();
    // The versions the simulator is documented to cover (it accepts any well-formed 6.5.x.y / 6.6.x too).
    static QStringList exampleVersions();

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace bp::sim
