// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "errors/Result.h"

#include <QJsonObject>
#include <QObject>
#include <QSslCertificate>
#include <QStringList>
#include <QUrl>

#include <memory>

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
    Hang,        // accept connections, read the request, never answer
    Oversize,    // every AEM answer is a 64 MiB body (streamed, not held in memory)
    NotAem,      // a generic web server: a "Welcome" HTML page at /, 404 elsewhere
    SsoRedirect, // every AEM request is redirected (302) to the login page, even with valid credentials
};

struct SimulatorOptions
{
    quint16 port = 0; // AEM port; 0 picks a free one. IMS listens on port+1 (or free if 0).
    QString aemVersion = QStringLiteral("6.5.22.0"); // "cloud", "6.5.x.y" or "6.6.x"
    SimState state = SimState::None;
    QString tenant = QStringLiteral("bpdemo");
    int latencyMs = 0;               // added before every answer
    bool tls = false;                // serve HTTPS with a freshly generated self-signed certificate
    bool imsHotfixInstalled = false; // ims-jwt-compatibility-package-6.5 present (matters for 6.5.11-6.5.20)
    QString user = QStringLiteral("admin");
    QString password = QStringLiteral("admin");
    QStringList blockedPrefixes; // paths a dispatcher blocks (answered 404 by the "dispatcher")
    QList<SimFault> faults;
};

struct SimRequestRecord
{
    QByteArray method;
    QByteArray path; // path and query, as received
    bool authenticated = false;
    int status = 0;
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

    QUrl aemUrl() const;
    QUrl imsUrl() const;
    const SimulatorOptions &options() const;
    QSslCertificate certificate() const; // null unless tls

    // Every request received (AEM and IMS), in order; writes counted separately (POST/PUT/DELETE/PATCH to
    // the AEM author only: IMS token requests change nothing and would blur "the wizard wrote nothing").
    QList<SimRequestRecord> requests() const;
    int requestCount() const;
    int writeRequestCount() const;
    void clearRequestLog();

    // The simulated repository as JSON, for tests to snapshot and compare.
    QJsonObject snapshot() const;

    // The simulated OAuth S2S credential registered with the simulated IMS (client id derived from the
    // tenant; the two secrets are random per run and live in memory only).
    QString imsClientId() const;
    QStringList clientSecretsForTests() const;

    static Result<SimState> parseState(const QString &name);
    static QString stateName(SimState state);
    static Result<SimFault> parseFault(const QString &name);
    static QStringList knownStates();
    static QStringList knownFaults();
    // The versions the simulator is documented to cover (it accepts any well-formed 6.5.x.y / 6.6.x too).
    static QStringList exampleVersions();

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace bp::sim
