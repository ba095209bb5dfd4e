// SPDX-License-Identifier: Apache-2.0
#include "sim/Simulator.h"

#include "sim/SimAemHandler.h"
#include "sim/SimContentBuilder.h"
#include "sim/SimCredentialFiles.h"
#include "sim/SimCrypto.h"
#include "sim/SimFailSteps.h"
#include "sim/SimImsHandler.h"
#include "sim/SimRepository.h"
#include "sim/SimServer.h"
#include "sim/SimTlsIdentity.h"
#include "time/Clock.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSslConfiguration>
#include <QUuid>

#include <optional>

namespace bp::sim {

namespace {

Error invalidInput(const QString &message, const QString &detail)
{
    Error e;
    e.code = ErrorCode::InvalidInput;
    e.userMessage = message;
    e.detail = detail;
    return e;
}

QString randomSecret()
{
    // Same shape as Developer Console S2S secrets: "p8e-" and 32 characters.
    static const QByteArray alphabet =
        QByteArrayLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
    QString secret = QStringLiteral("p8e-");
    QRandomGenerator *rng = QRandomGenerator::system();
    for (int i = 0; i < 32; ++i)
        secret += QLatin1Char(alphabet.at(rng->bounded(static_cast<int>(alphabet.size()))));
    return secret;
}

// Deterministic per tenant, like the S2S client: the same tenant shows the same ids on every run.
QString tenantHex(const char *salt, const QString &tenant)
{
    return QString::fromLatin1(QCryptographicHash::hash(QByteArray(QByteArray(salt) + ':' + tenant.toUtf8()),
                                                        QCryptographicHash::Md5)
                                   .toHex());
}

// Developer Console technical account emails are "<uuid>@techacct.adobe.com".
QString techAccountEmail(const char *salt, const QString &tenant)
{
    const QString h = tenantHex(salt, tenant);
    return h.left(8) + QLatin1Char('-') + h.mid(8, 4) + QLatin1Char('-') + h.mid(12, 4) + QLatin1Char('-') +
           h.mid(16, 4) + QLatin1Char('-') + h.mid(20, 12) + QStringLiteral("@techacct.adobe.com");
}

const QString JwtMetascope = QStringLiteral("ent_brand_portal_sdk"); // adobe-ims.md 2.2, 6

} // namespace

class Simulator::Private
{
public:
    explicit Private(SimulatorOptions opts) : options(std::move(opts)), aem(options, repository) {}

    void record(const SimHttpRequest &request, bool authenticated, int status, bool aemSide)
    {
        const Clock &clock = options.latencyClock ? *options.latencyClock : Clock::system();
        log.append({request.method, request.target, authenticated, status, clock.monotonicMs()});
        if (aemSide && request.isWrite()) {
            ++writes;
            ++writesByMethod[request.method];
        }
    }

    SimHttpResponse handleAem(const SimHttpRequest &request)
    {
        bool authenticated = false;
        SimHttpResponse response = aem.handle(request, &authenticated);
        // clock-skew: AEM's host clock runs ahead (the Date header is all a client sees of it).
        if (options.faults.contains(SimFault::ClockSkew))
            response.date = QDateTime::currentDateTimeUtc().addSecs(ClockSkewSeconds);
        // A hung request never gets a status; record 0.
        record(request, authenticated, response.kind == SimHttpResponse::Kind::Hang ? 0 : response.status,
               true);
        return response;
    }

    SimHttpResponse handleIms(const SimHttpRequest &request)
    {
        const SimHttpResponse response = ims.handle(request);
        record(request, false, response.kind == SimHttpResponse::Kind::Hang ? 0 : response.status, false);
        return response;
    }

    const SimImsClient *imsClient(SimImsClient::Kind kind) const
    {
        for (const SimImsClient &c : ims.clients()) {
            if (c.kind == kind)
                return &c;
        }
        return nullptr;
    }

    // Generates the JWT credential's key pair on first use and registers its certificate, as if the user had
    // clicked "Generate a key pair" in Developer Console.
    Result<bool> ensureJwtIdentity()
    {
        if (jwtIdentity)
            return true;
        Result<SimRsaIdentity> generated = SimCrypto::generateRsaIdentity(
            QStringLiteral("bpsetup simulator JWT credential (%1)").arg(options.tenant), 365);
        if (!generated)
            return generated.error();
        const SimImsClient *jwt = imsClient(SimImsClient::Kind::ServiceAccountJwt);
        const Result<SimCertificate> registered =
            ims.registerCertificate(jwt->clientId, generated.value().certificate.pem);
        if (!registered)
            return registered.error();
        jwtIdentity = generated.value();
        return true;
    }

    QUrl url(const SimServer *server) const
    {
        if (!server)
            return {};
        const bool https = options.tls || (options.imsTls && server == imsServer.get());
        QUrl u;
        u.setScheme(https ? QStringLiteral("https") : QStringLiteral("http"));
        u.setHost(QStringLiteral("127.0.0.1"));
        u.setPort(server->port());
        return u;
    }

    SimulatorOptions options;
    SimRepository repository;
    SimAemHandler aem;
    SimImsHandler ims;
    std::unique_ptr<SimServer> aemServer;
    std::unique_ptr<SimServer> imsServer;
    // Optional: a default-constructed QSslCertificate loads the TLS backend (libssl), which a plain-HTTP
    // simulator (the demo) must not pay for at start-up.
    std::optional<QSslCertificate> certificate;
    std::optional<SimRsaIdentity> jwtIdentity; // generated lazily, see ensureJwtIdentity()
    QList<SimRequestRecord> log;
    int writes = 0;
    QMap<QByteArray, int> writesByMethod;
};

Simulator::Simulator(SimulatorOptions options, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>(std::move(options)))
{
    SimContentBuilder::build(d->repository, d->options);
    SimContentBuilder::applyFaults(d->repository, d->options);
    d->aem.configMgr().applyFaults(d->options);
    d->aem.setQueueDrain(d->options.queueDrain);
    d->aem.addQueueItems(d->options.queueItems);
    if (d->options.faults.contains(SimFault::BlockedQueue))
        d->aem.blockFirstQueue();
    SimImsClient client;
    client.clientId = SimContentBuilder::clientId(d->options.tenant);
    client.secrets = {randomSecret(), randomSecret()};
    client.scopes = SimContentBuilder::oauthScopes().split(QLatin1Char(','));
    client.orgId = SimContentBuilder::orgId();
    client.technicalAccountId = SimContentBuilder::techAccountId(d->options.tenant);
    client.technicalAccountEmail = techAccountEmail("oauth-techacct-email", d->options.tenant);
    d->ims.addClient(client);
    // The pre-built OAuth configuration was made on this instance with this credential: its stored secret
    // decrypts to the credential's first secret, so its agents' Test Connection works as on a configured
    // author (bpsetup verify passes there).
    if (d->options.state == SimState::OAuthS2S && d->options.aemVersion != QLatin1String("cloud"))
        d->aem.cryptoSupport().adopt(SimContentBuilder::prebuiltProtectedSecret(d->options.tenant),
                                     client.secrets.first());
    d->aem.setCredentialCheck([this](const QString &clientId, const QString &secret) {
        return clientId == imsClientId() && clientSecretsForTests().contains(secret);
    });

    // The Service Account (JWT) credential. Cheap to set up: no key until someone needs it.
    SimImsClient jwt;
    jwt.kind = SimImsClient::Kind::ServiceAccountJwt;
    jwt.clientId = tenantHex("jwt-client", d->options.tenant);
    // JWT-era client secrets looked like UUIDs (adobe-ims.md 4.1); random per run, in memory only.
    jwt.secrets = {QUuid::createUuid().toString(QUuid::WithoutBraces)};
    jwt.orgId = SimContentBuilder::orgId();
    jwt.technicalAccountId = tenantHex("jwt-techacct", d->options.tenant).left(24).toUpper() +
                             QStringLiteral("@techacct.adobe.com");
    jwt.technicalAccountEmail = techAccountEmail("jwt-techacct-email", d->options.tenant);
    jwt.metascopes = {JwtMetascope};
    d->ims.addClient(jwt);

    SimImsHandler::Faults faults;
    if (d->options.faults.contains(SimFault::ImsServerError))
        faults.failuresBeforeSuccess = d->options.imsFailuresBeforeSuccess;
    faults.html = d->options.faults.contains(SimFault::ImsHtml);
    faults.hang = d->options.faults.contains(SimFault::ImsHang);
    d->ims.setFaults(faults);
    d->ims.setClockOffsetSeconds(d->options.imsClockOffsetSeconds);
    d->ims.setJwtConverted(d->options.jwtConverted);
}

Simulator::~Simulator()
{
    stop();
}

Result<bool> Simulator::start()
{
    if (d->aemServer)
        return true;

    static const QRegularExpression versionPattern(
        QStringLiteral("^(cloud|6\\.5\\.\\d+\\.\\d+|6\\.6\\.\\d+)$"));
    if (!versionPattern.match(d->options.aemVersion).hasMatch())
        return invalidInput(
            QCoreApplication::translate("Simulator", "Unknown AEM version \"%1\". Use \"cloud\", 6.5.x.y or "
                                                     "6.6.x, for example: %2.")
                .arg(d->options.aemVersion, exampleVersions().join(QStringLiteral(", "))),
            QStringLiteral("invalid simulator version: %1").arg(d->options.aemVersion));
    // The tenant becomes a host name label (<tenant>.brand-portal.adobe.com).
    static const QRegularExpression tenantPattern(QStringLiteral("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"));
    if (!tenantPattern.match(d->options.tenant).hasMatch())
        return invalidInput(QCoreApplication::translate(
                                "Simulator", "The tenant \"%1\" is not valid. Use lower-case letters, "
                                             "digits and hyphens, as in the Brand Portal URL.")
                                .arg(d->options.tenant),
                            QStringLiteral("invalid simulator tenant: %1").arg(d->options.tenant));
    if (d->options.latencyMs < 0)
        return invalidInput(QCoreApplication::translate("Simulator", "The latency must not be negative."),
                            QStringLiteral("latencyMs=%1").arg(d->options.latencyMs));
    for (const QString &step : std::as_const(d->options.failSteps)) {
        if (!knownFailSteps().contains(step))
            return invalidInput(
                QCoreApplication::translate("Simulator", "Unknown failure step \"%1\". Known steps: %2.")
                    .arg(step, knownFailSteps().join(QStringLiteral(", "))),
                QStringLiteral("invalid simulator fail step: %1").arg(step));
    }
    if (d->options.port == 65535)
        return invalidInput(
            QCoreApplication::translate("Simulator", "Port 65535 leaves no room for the IMS port (port + 1). "
                                                     "Choose a lower port."),
            QStringLiteral("port=65535"));

    std::optional<QSslConfiguration> tls;
    if (d->options.tls || d->options.imsTls) {
        Result<SimTlsIdentity> identity = SimTlsIdentity::generate();
        if (!identity)
            return identity.error();
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setLocalCertificate(identity.value().certificate());
        config.setPrivateKey(identity.value().privateKey());
        config.setPeerVerifyMode(QSslSocket::VerifyNone); // no client certificates
        tls = config;
        d->certificate = identity.value().certificate();
    }

    Private *p = d.get();
    Clock &latencyClock = d->options.latencyClock ? *d->options.latencyClock : Clock::system();
    auto aemServer = std::make_unique<SimServer>(
        [p](const SimHttpRequest &r) { return p->handleAem(r); },
        [p](const SimHttpRequest &r, int status) { p->record(r, false, status, true); }, d->options.latencyMs,
        latencyClock);
    Result<bool> aemListen = aemServer->listen(d->options.port, tls && d->options.tls ? &*tls : nullptr);
    if (!aemListen)
        return aemListen.error();
    auto imsServer = std::make_unique<SimServer>(
        [p](const SimHttpRequest &r) { return p->handleIms(r); },
        [p](const SimHttpRequest &r, int status) { p->record(r, false, status, false); },
        d->options.latencyMs, latencyClock);
    const quint16 imsPort = d->options.port == 0 ? 0 : static_cast<quint16>(d->options.port + 1);
    Result<bool> imsListen = imsServer->listen(imsPort, tls ? &*tls : nullptr);
    if (!imsListen)
        return imsListen.error();

    d->aemServer = std::move(aemServer);
    d->imsServer = std::move(imsServer);
    d->ims.setBaseUrl(imsUrl());
    return true;
}

void Simulator::stop()
{
    // Deleting the servers closes the listeners and every connection, hung ones included.
    d->aemServer.reset();
    d->imsServer.reset();
}

QUrl Simulator::aemUrl() const
{
    return d->url(d->aemServer.get());
}

QUrl Simulator::imsUrl() const
{
    return d->url(d->imsServer.get());
}

const SimulatorOptions &Simulator::options() const
{
    return d->options;
}

QSslCertificate Simulator::certificate() const
{
    return d->certificate.value_or(QSslCertificate());
}

void Simulator::setPassword(const QString &password)
{
    d->options.password = password;
}

QList<SimRequestRecord> Simulator::requests() const
{
    return d->log;
}

int Simulator::requestCount() const
{
    return static_cast<int>(d->log.size());
}

int Simulator::writeRequestCount() const
{
    return d->writes;
}

void Simulator::clearRequestLog()
{
    d->log.clear();
    d->writes = 0;
    d->writesByMethod.clear();
}

void Simulator::addQueueItems(int n)
{
    d->aem.addQueueItems(n);
}

QJsonObject Simulator::snapshot() const
{
    return d->repository.snapshot();
}

QString Simulator::imsClientId() const
{
    const SimImsClient *c = d->imsClient(SimImsClient::Kind::OAuthServerToServer);
    return c ? c->clientId : QString();
}

QStringList Simulator::clientSecretsForTests() const
{
    const SimImsClient *c = d->imsClient(SimImsClient::Kind::OAuthServerToServer);
    return c ? c->secrets : QStringList();
}

QString Simulator::imsOrgId() const
{
    return SimContentBuilder::orgId();
}

QString Simulator::jwtClientId() const
{
    const SimImsClient *c = d->imsClient(SimImsClient::Kind::ServiceAccountJwt);
    return c ? c->clientId : QString();
}

QString Simulator::jwtClientSecretForTests() const
{
    const SimImsClient *c = d->imsClient(SimImsClient::Kind::ServiceAccountJwt);
    return c ? c->secrets.value(0) : QString();
}

QString Simulator::jwtTechnicalAccountId() const
{
    const SimImsClient *c = d->imsClient(SimImsClient::Kind::ServiceAccountJwt);
    return c ? c->technicalAccountId : QString();
}

QStringList Simulator::jwtMetascopes() const
{
    const SimImsClient *c = d->imsClient(SimImsClient::Kind::ServiceAccountJwt);
    return c ? c->metascopes : QStringList();
}

Result<QByteArray> Simulator::jwtPrivateKeyPem()
{
    const Result<bool> ready = d->ensureJwtIdentity();
    if (!ready)
        return ready.error();
    return d->jwtIdentity->privateKeyPem;
}

Result<QByteArray> Simulator::jwtCertificatePem()
{
    const Result<bool> ready = d->ensureJwtIdentity();
    if (!ready)
        return ready.error();
    return d->jwtIdentity->certificate.pem;
}

Result<bool> Simulator::registerCertificate(const QString &clientId, const QByteArray &pem)
{
    const Result<SimCertificate> registered = d->ims.registerCertificate(clientId, pem);
    if (!registered)
        return registered.error();
    return true;
}

Result<QStringList> Simulator::writeCredentialFiles(const QString &dir)
{
    if (!d->imsServer)
        return invalidInput(QCoreApplication::translate("Simulator",
                                                        "Start the simulator before writing its "
                                                        "credential files (they name its IMS URL)."),
                            QStringLiteral("writeCredentialFiles before start"));
    const Result<bool> ready = d->ensureJwtIdentity();
    if (!ready)
        return ready.error();
    SimCredentialBundle bundle;
    bundle.oauth = *d->imsClient(SimImsClient::Kind::OAuthServerToServer);
    bundle.jwt = *d->imsClient(SimImsClient::Kind::ServiceAccountJwt);
    bundle.jwtIdentity = *d->jwtIdentity;
    bundle.imsBase = imsUrl().toString(QUrl::StripTrailingSlash);
    bundle.tenant = d->options.tenant;
    return writeSimCredentialFiles(dir, bundle);
}

Result<SimState> Simulator::parseState(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("none"))
        return SimState::None;
    if (n == QLatin1String("legacy-gateway"))
        return SimState::LegacyGateway;
    if (n == QLatin1String("devconsole-jwt"))
        return SimState::DevConsoleJwt;
    if (n == QLatin1String("oauth-s2s"))
        return SimState::OAuthS2S;
    if (n == QLatin1String("broken"))
        return SimState::Broken;
    return invalidInput(
        QCoreApplication::translate("Simulator", "Unknown simulator state \"%1\". Known states: %2.")
            .arg(name, knownStates().join(QStringLiteral(", "))),
        QStringLiteral("unknown state: %1").arg(name));
}

QString Simulator::stateName(SimState state)
{
    switch (state) {
    case SimState::None:
        return QStringLiteral("none");
    case SimState::LegacyGateway:
        return QStringLiteral("legacy-gateway");
    case SimState::DevConsoleJwt:
        return QStringLiteral("devconsole-jwt");
    case SimState::OAuthS2S:
        return QStringLiteral("oauth-s2s");
    case SimState::Broken:
        return QStringLiteral("broken");
    }
    return {};
}

Result<SimFault> Simulator::parseFault(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("hang"))
        return SimFault::Hang;
    if (n == QLatin1String("oversize"))
        return SimFault::Oversize;
    if (n == QLatin1String("not-aem"))
        return SimFault::NotAem;
    if (n == QLatin1String("sso-redirect"))
        return SimFault::SsoRedirect;
    if (n == QLatin1String("ims-5xx"))
        return SimFault::ImsServerError;
    if (n == QLatin1String("ims-html"))
        return SimFault::ImsHtml;
    if (n == QLatin1String("ims-hang"))
        return SimFault::ImsHang;
    if (n == QLatin1String("csrf-expiry"))
        return SimFault::CsrfExpiry;
    if (n == QLatin1String("error-queue"))
        return SimFault::ErrorQueue;
    if (n == QLatin1String("distribution-test-fails"))
        return SimFault::DistributionTestFails;
    if (n == QLatin1String("agent-disabled"))
        return SimFault::AgentDisabled;
    if (n == QLatin1String("no-close-connection"))
        return SimFault::NoCloseConnection;
    if (n == QLatin1String("two-ims-configs"))
        return SimFault::TwoImsConfigs;
    if (n == QLatin1String("dangling-cloud-config"))
        return SimFault::DanglingCloudConfig;
    if (n == QLatin1String("clock-skew"))
        return SimFault::ClockSkew;
    if (n == QLatin1String("blocked-queue"))
        return SimFault::BlockedQueue;
    if (n == QLatin1String("expiring-certificate"))
        return SimFault::ExpiringCertificate;
    if (n == QLatin1String("expired-certificate"))
        return SimFault::ExpiredCertificate;
    if (n == QLatin1String("bad-tenant-url"))
        return SimFault::BadTenantUrl;
    if (n == QLatin1String("legacy-leftovers"))
        return SimFault::LegacyLeftovers;
    if (n == QLatin1String("aem-proxy"))
        return SimFault::AemProxy;
    if (n == QLatin1String("inactive-ims-config"))
        return SimFault::InactiveImsConfig;
    if (n == QLatin1String("console-only-ims-config"))
        return SimFault::ConsoleOnlyImsConfig;
    return invalidInput(
        QCoreApplication::translate("Simulator", "Unknown simulator fault \"%1\". Known faults: %2.")
            .arg(name, knownFaults().join(QStringLiteral(", "))),
        QStringLiteral("unknown fault: %1").arg(name));
}

QString Simulator::faultName(SimFault fault)
{
    for (const QString &name : knownFaults()) {
        if (parseFault(name).value() == fault)
            return name;
    }
    return {};
}

QStringList Simulator::knownStates()
{
    return {QStringLiteral("none"), QStringLiteral("legacy-gateway"), QStringLiteral("devconsole-jwt"),
            QStringLiteral("oauth-s2s"), QStringLiteral("broken")};
}

QStringList Simulator::knownFaults()
{
    return {QStringLiteral("hang"),
            QStringLiteral("oversize"),
            QStringLiteral("not-aem"),
            QStringLiteral("sso-redirect"),
            QStringLiteral("ims-5xx"),
            QStringLiteral("ims-html"),
            QStringLiteral("ims-hang"),
            QStringLiteral("csrf-expiry"),
            QStringLiteral("error-queue"),
            QStringLiteral("distribution-test-fails"),
            QStringLiteral("agent-disabled"),
            QStringLiteral("no-close-connection"),
            QStringLiteral("two-ims-configs"),
            QStringLiteral("dangling-cloud-config"),
            QStringLiteral("clock-skew"),
            QStringLiteral("blocked-queue"),
            QStringLiteral("expiring-certificate"),
            QStringLiteral("expired-certificate"),
            QStringLiteral("bad-tenant-url"),
            QStringLiteral("legacy-leftovers"),
            QStringLiteral("aem-proxy"),
            QStringLiteral("inactive-ims-config"),
            QStringLiteral("console-only-ims-config")};
}

QStringList Simulator::exampleVersions()
{
    return {QStringLiteral("cloud"),    QStringLiteral("6.5.3.0"),  QStringLiteral("6.5.4.0"),
            QStringLiteral("6.5.17.0"), QStringLiteral("6.5.22.0"), QStringLiteral("6.6.0"),
            QStringLiteral("6.6.3")};
}

} // namespace bp::sim

namespace bp::sim {

QString Simulator::unprotect(const QString &value, bool *ok) const
{
    return d->aem.cryptoSupport().unprotect(value, ok);
}

} // namespace bp::sim

namespace bp::sim {

QMap<QByteArray, int> Simulator::writeCountsByMethod() const
{
    return d->writesByMethod;
}

QStringList Simulator::knownFailSteps()
{
    return SimFailSteps::known();
}

} // namespace bp::sim
