// SPDX-License-Identifier: Apache-2.0
#include "sim/SimContentBuilder.h"

#include "sim/SimDistribution.h"
#include "sim/SimOsgiConfigWriter.h"
#include "sim/SimRepository.h"
#include "sim/SimUsers.h"

#include <QCryptographicHash>
#include <QUrl>

namespace bp::sim {

namespace {

const QString ConfigFolder = QStringLiteral("/apps/system/config");
const QString AgentsFolder = QStringLiteral("/etc/replication/agents.author");
const QString ProviderFactory = QStringLiteral("com.adobe.granite.auth.oauth.accesstoken.provider");
const QString CustomizerFactory =
    QStringLiteral("com.adobe.granite.auth.ims.impl.IMSAccessTokenRequestCustomizerImpl");

// Fixed UUID-like factory-config suffixes: AEM generates random ones, we want reproducible runs.
const QString JwtProviderSuffix = QStringLiteral("3f1c6a2e-9b7d-4c85-a0e4-5d2b8f7c1a96");
const QString JwtCustomizerSuffix = QStringLiteral("7a4e2c9b-1d3f-4e6a-b8c5-0f9d2e7b3a14");
const QString OAuthProviderSuffix = QStringLiteral("b5d8e1f4-2a6c-4b9e-8d3f-6c1a7e0b9d25");
const QString OAuthCustomizerSuffix = QStringLiteral("e2a9c7d1-5f3b-4a8e-9c6d-1b4f8a2e7c03");
const QString BrokenProviderSuffix = QStringLiteral("9c3e5a7b-0d2f-4e1a-b6c8-4a7d2e9f1b58");

QByteArray digest(const QString &purpose, const QString &tenant, QCryptographicHash::Algorithm algorithm)
{
    return QCryptographicHash::hash(
               (QStringLiteral("bpsetup-simulator/") + purpose + QLatin1Char('/') + tenant).toUtf8(),
               algorithm)
        .toHex();
}

QString receiveUri(const QString &tenant)
{
    return SimContentBuilder::tenantUrl(tenant) + QStringLiteral("/bin/receive?sling:authRequestLogin=1");
}

} // namespace

QString SimContentBuilder::orgId()
{
    return QStringLiteral("0123456789ABCDEF01234567@AdobeOrg");
}

QString SimContentBuilder::clientId(const QString &tenant)
{
    // 32 lower-case hex characters, the shape of a Developer Console client id (API key).
    return QString::fromLatin1(digest(QStringLiteral("client"), tenant, QCryptographicHash::Md5));
}

QString SimContentBuilder::techAccountId(const QString &tenant)
{
    return QString::fromLatin1(digest(QStringLiteral("techacct"), tenant, QCryptographicHash::Md5))
               .toUpper() +
           QStringLiteral("@techacct.adobe.com");
}

QString SimContentBuilder::tenantUrl(const QString &tenant)
{
    return QStringLiteral("https://") + tenant + QStringLiteral(".brand-portal.adobe.com");
}

QString SimContentBuilder::oauthScopes()
{
    // The real Brand Portal S2S scope string is not published (see the domain notes); these are the
    // generic IMS scopes every S2S credential has.
    return QStringLiteral("openid,AdobeID,read_organizations,additional_info.projectedProductContext");
}

QString SimContentBuilder::imsProviderPid(SimState state)
{
    switch (state) {
    case SimState::DevConsoleJwt:
        return ProviderFactory + QLatin1Char('.') + JwtProviderSuffix;
    case SimState::OAuthS2S:
        return ProviderFactory + QLatin1Char('.') + OAuthProviderSuffix;
    case SimState::Broken:
        return ProviderFactory + QLatin1Char('.') + BrokenProviderSuffix;
    case SimState::None:
    case SimState::LegacyGateway:
        break;
    }
    return {};
}

void SimContentBuilder::build(SimRepository &repo, const SimulatorOptions &options)
{
    buildCommon(repo);
    if (options.aemVersion != QLatin1String("cloud")) {
        // The 6.5 system user that owns the Brand Portal key in JWT setups (notes 4.3); its keystore holds
        // the alias the JWT IMS configuration names.
        SimNode *service = repo.ensureNode(SimUsers::ServiceUserPath, QStringLiteral("rep:SystemUser"),
                                           QStringLiteral("rep:AuthorizableFolder"));
        service->setProperty(QStringLiteral("rep:authorizableId"), SimUsers::ServiceUserId);
        service->setProperty(QStringLiteral("rep:principalName"), SimUsers::ServiceUserId);
        if (options.state == SimState::DevConsoleJwt)
            SimUsers::setKeystore(service, {QStringLiteral("brandportal")});
    }
    switch (options.state) {
    case SimState::None:
        break;
    case SimState::LegacyGateway:
        buildLegacyGateway(repo, options);
        break;
    case SimState::DevConsoleJwt:
        buildDevConsole(repo, options.tenant, options.state);
        break;
    case SimState::OAuthS2S:
        if (options.aemVersion == QLatin1String("cloud"))
            buildCloudActivated(repo, options.tenant, options.faults.contains(SimFault::ErrorQueue) ? 2 : 0);
        else
            buildDevConsole(repo, options.tenant, options.state);
        break;
    case SimState::Broken:
        buildBroken(repo, options.tenant);
        break;
    }
}

void SimContentBuilder::buildCommon(SimRepository &repo)
{
    repo.ensureNode(QStringLiteral("/apps"), QStringLiteral("nt:folder"), QStringLiteral("nt:folder"));
    repo.ensureNode(QStringLiteral("/home/users"), QStringLiteral("rep:AuthorizableFolder"),
                    QStringLiteral("rep:AuthorizableFolder"));

    SimNode *mediaportal =
        repo.ensureNode(QStringLiteral("/etc/cloudservices/mediaportal"), QStringLiteral("cq:Page"));
    SimNode *mpContent =
        mediaportal->addChild(QStringLiteral("jcr:content"), QStringLiteral("cq:PageContent"));
    mpContent->setProperty(QStringLiteral("jcr:title"), QStringLiteral("Assets Brand Portal"));
    mpContent->setProperty(QStringLiteral("sling:resourceType"),
                           QStringLiteral("cq/cloudserviceconfigs/components/servicepage"));

    SimNode *agents = repo.ensureNode(AgentsFolder, QStringLiteral("cq:Page"));
    SimNode *agentsContent =
        agents->addChild(QStringLiteral("jcr:content"), QStringLiteral("cq:PageContent"));
    agentsContent->setProperty(QStringLiteral("jcr:title"), QStringLiteral("Agents on author"));
    const QString localPublish = QStringLiteral("http://localhost:4503/bin/receive?sling:authRequestLogin=1");
    addAgent(repo, QStringLiteral("publish"), QStringLiteral("Default Agent (publish)"), localPublish);
    addAgent(repo, QStringLiteral("publish_reverse"), QStringLiteral("Reverse Replication Agent (publish)"),
             localPublish);
    repo.node(AgentsFolder + QStringLiteral("/publish_reverse/jcr:content"))
        ->setProperty(QStringLiteral("reverseReplication"), QStringLiteral("true"));

    repo.ensureNode(ConfigFolder, QStringLiteral("sling:Folder"), QStringLiteral("nt:folder"));
    // An unrelated config so detectors must filter by factory PID rather than take any file.
    const QByteArray logConfig =
        SimOsgiConfigWriter()
            .string(QStringLiteral("org.apache.sling.commons.log.file"), QStringLiteral("logs/bp.log"))
            .string(QStringLiteral("org.apache.sling.commons.log.level"), QStringLiteral("info"))
            .stringArray(QStringLiteral("org.apache.sling.commons.log.names"),
                         {QStringLiteral("com.day.cq.dam.mac.sync")})
            .toBytes();
    repo.addFile(ConfigFolder +
                     QStringLiteral("/org.apache.sling.commons.log.LogManager.factory.config-bp.config"),
                 logConfig, QStringLiteral("text/plain"));

    repo.ensureNode(QStringLiteral("/conf/global/settings/cloudconfigs"), QStringLiteral("sling:Folder"));
    // Package Manager's root exists on every author.
    repo.ensureNode(QStringLiteral("/etc/packages"), QStringLiteral("sling:Folder"));
}

void SimContentBuilder::addAgent(SimRepository &repo, const QString &name, const QString &title,
                                 const QString &uri)
{
    SimNode *agent = repo.ensureNode(AgentsFolder + QLatin1Char('/') + name, QStringLiteral("cq:Page"));
    SimNode *content = agent->addChild(QStringLiteral("jcr:content"), QStringLiteral("nt:unstructured"));
    content->setProperty(QStringLiteral("jcr:title"), title);
    content->setProperty(QStringLiteral("sling:resourceType"),
                         QStringLiteral("cq/replication/components/agent"));
    content->setProperty(QStringLiteral("enabled"), QStringLiteral("true"));
    content->setProperty(QStringLiteral("transportUri"), uri);
    content->setProperty(QStringLiteral("serializationType"), QStringLiteral("durbo"));
    content->setProperty(QStringLiteral("retryDelay"), QStringLiteral("60000"));
    content->setProperty(QStringLiteral("logLevel"), QStringLiteral("error"));
}

void SimContentBuilder::buildLegacyGateway(SimRepository &repo, const SimulatorOptions &options)
{
    const QString &tenant = options.tenant;
    SimNode *config = repo.ensureNode(QStringLiteral("/etc/cloudservices/mediaportal/") + tenant,
                                      QStringLiteral("cq:Page"));
    SimNode *content = config->addChild(QStringLiteral("jcr:content"), QStringLiteral("cq:PageContent"));
    content->setProperty(QStringLiteral("jcr:title"), tenant);
    content->setProperty(QStringLiteral("sling:resourceType"),
                         QStringLiteral("mediaportal/components/mediaportalpage"));
    content->setProperty(QStringLiteral("tenantURL"), tenantUrl(tenant));
    content->setProperty(QStringLiteral("clientId"), clientId(tenant));

    if (options.legacyUser != SimLegacyUser::Missing) {
        // AEM names authorizable nodes with a random-looking id; derive one from the tenant for
        // reproducibility.
        const QString nodeName = QString::fromLatin1(
            QByteArray::fromHex(digest(QStringLiteral("macuser"), tenant, QCryptographicHash::Sha1))
                .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
                .left(20));
        SimNode *mac =
            repo.ensureNode(QStringLiteral("/home/users/mac"), QStringLiteral("rep:AuthorizableFolder"),
                            QStringLiteral("rep:AuthorizableFolder"));
        SimNode *user = mac->addChild(nodeName, QStringLiteral("rep:User"));
        // Both spellings are documented (notes 3.1): with and without the hyphen before "replication".
        const QString id =
            QStringLiteral("mac-") + tenant +
            (options.legacyUser == SimLegacyUser::WithoutHyphen ? QStringLiteral("replication")
                                                                : QStringLiteral("-replication"));
        user->setProperty(QStringLiteral("jcr:createdBy"), QStringLiteral("admin"));
        user->setProperty(QStringLiteral("rep:authorizableId"), id);
        user->setProperty(QStringLiteral("rep:principalName"), id);
        // The legacy gateway's private key lives on this user (notes 4.3); the alias name is ours.
        SimUsers::setKeystore(user, {QStringLiteral("mac-") + tenant});
    }
    // Legacy docs name one agent mp_replication; the -1..-3 names for the other three are our assumption.
    // legacyAgentNames: agents renamed by hand (detection keys on the transport URI, not the name).
    const QStringList names =
        !options.legacyAgentNames.isEmpty()
            ? options.legacyAgentNames
            : QStringList{QStringLiteral("mp_replication"), QStringLiteral("mp_replication-1"),
                          QStringLiteral("mp_replication-2"), QStringLiteral("mp_replication-3")};
    for (const QString &name : names)
        addAgent(repo, name, QStringLiteral("Brand Portal replication (") + name + QLatin1Char(')'),
                 receiveUri(tenant));
}

void SimContentBuilder::addCloudConfig(SimRepository &repo, const QString &tenant, const QString &imsPid)
{
    repo.ensureNode(QStringLiteral("/conf/global/settings/cloudconfigs/mediaportal"),
                    QStringLiteral("sling:Folder"));
    SimNode *config =
        repo.ensureNode(QStringLiteral("/conf/global/settings/cloudconfigs/mediaportal/") + tenant,
                        QStringLiteral("cq:Page"));
    SimNode *content = config->addChild(QStringLiteral("jcr:content"), QStringLiteral("cq:PageContent"));
    content->setProperty(QStringLiteral("jcr:title"), QStringLiteral("Brand Portal"));
    content->setProperty(QStringLiteral("sling:resourceType"),
                         QStringLiteral("dam/components/mediaportal/config"));
    content->setProperty(QStringLiteral("tenantURL"), tenantUrl(tenant));
    content->setProperty(QStringLiteral("imsConfig"), imsPid);
    content->setProperty(QStringLiteral("oauthScopes"),
                         QStringLiteral("dam-read dam-write dam-sync cc-share"));
}

void SimContentBuilder::buildDevConsole(SimRepository &repo, const QString &tenant, SimState state)
{
    const bool jwt = state == SimState::DevConsoleJwt;
    const QString providerSuffix = jwt ? JwtProviderSuffix : OAuthProviderSuffix;
    const QString customizerSuffix = jwt ? JwtCustomizerSuffix : OAuthCustomizerSuffix;
    const QString customizerType = QStringLiteral("brandportal-") + providerSuffix;
    const QString client = clientId(tenant);
    addCloudConfig(repo, tenant, imsProviderPid(state));

    SimOsgiConfigWriter provider;
    provider.string(QStringLiteral("name"), QStringLiteral("Adobe Brand Portal"))
        .string(QStringLiteral("auth.token.provider.title"), QStringLiteral("Brand Portal"))
        .string(QStringLiteral("auth.token.provider.client.id"), client);
    if (jwt) {
        const QString ims = QStringLiteral("https://ims-na1.adobelogin.com");
        provider
            .string(QStringLiteral("auth.token.provider.endpoint"), ims + QStringLiteral("/ims/exchange/jwt"))
            .string(QStringLiteral("auth.access.token.request"), ims + QStringLiteral("/ims/exchange/jwt"))
            .string(QStringLiteral("auth.token.provider.keypair.alias"), QStringLiteral("brandportal"))
            .stringArray(
                QStringLiteral("auth.token.provider.default.claims"),
                {QStringLiteral("\"iss\":\"") + orgId() + QLatin1Char('"'),
                 QStringLiteral("\"sub\":\"") + techAccountId(tenant) + QLatin1Char('"'),
                 QStringLiteral("\"https://ims-na1.adobelogin.com/s/ent_brand_portal_sdk\":true"),
                 QStringLiteral("\"aud\":\"https://ims-na1.adobelogin.com/c/") + client + QLatin1Char('"')});
    } else {
        provider
            .string(QStringLiteral("auth.token.provider.authorization.grants"),
                    QStringLiteral("client_credentials"))
            .string(QStringLiteral("auth.token.provider.orgId"), orgId())
            .string(QStringLiteral("auth.token.provider.scope"), oauthScopes())
            .string(QStringLiteral("auth.access.token.request"),
                    QStringLiteral("https://ims-na1.adobelogin.com/ims/token/v3"));
    }
    provider.boolean(QStringLiteral("auth.token.provider.reuse.access.token"), true)
        .string(QStringLiteral("token.request.customizer.type"), customizerType)
        .string(QStringLiteral("auth.token.validator.type"), QStringLiteral("adobe-ims"));

    // Both file name forms occur in the field (domain notes 4.2): JWT uses the dash form, OAuth the dot form,
    // so detectors are exercised on both.
    const QString providerFile = ProviderFactory + (jwt ? QLatin1Char('-') : QLatin1Char('.')) +
                                 providerSuffix + QStringLiteral(".config");
    repo.addFile(ConfigFolder + QLatin1Char('/') + providerFile, provider.toBytes(),
                 QStringLiteral("text/plain"));

    const QString encrypted = prebuiltProtectedSecret(tenant);
    const QByteArray customizer = SimOsgiConfigWriter()
                                      .string(QStringLiteral("customizer.type"), customizerType)
                                      .string(QStringLiteral("auth.ims.client.secret"), encrypted)
                                      .toBytes();
    repo.addFile(ConfigFolder + QLatin1Char('/') + CustomizerFactory + QLatin1Char('-') + customizerSuffix +
                     QStringLiteral(".config"),
                 customizer, QStringLiteral("text/plain"));

    addTenantAgents(repo, tenant);
    // A healthy OAuth setup has Extended › Close Connection ticked on every agent, as Adobe advises (notes
    // 4.6, failure mode 7); the JWT state predates that advice being followed (the upgrade sets it).
    if (!jwt) {
        for (SimNode *agent : repo.node(AgentsFolder)->children()) {
            SimNode *content = agent->child(QStringLiteral("jcr:content"));
            if (content && QUrl(content->property(QStringLiteral("transportUri")).toString()).host() ==
                               tenant + QStringLiteral(".brand-portal.adobe.com"))
                content->setProperty(QStringLiteral("protocolHTTPConnectionClose"), QStringLiteral("true"));
        }
    }
}

void SimContentBuilder::applyFaults(SimRepository &repo, const SimulatorOptions &options)
{
    const QString host = options.tenant + QStringLiteral(".brand-portal.adobe.com");
    QList<SimNode *> agents;
    if (SimNode *folder = repo.node(AgentsFolder)) {
        for (SimNode *agent : folder->children()) {
            SimNode *content = agent->child(QStringLiteral("jcr:content"));
            if (content && QUrl(content->property(QStringLiteral("transportUri")).toString()).host() == host)
                agents << content;
        }
    }
    if (options.faults.contains(SimFault::AgentDisabled) && !agents.isEmpty())
        agents.first()->setProperty(QStringLiteral("enabled"), QStringLiteral("false"));
    if (options.faults.contains(SimFault::NoCloseConnection)) {
        for (SimNode *content : std::as_const(agents)) {
            content->removeProperty(QStringLiteral("protocolHTTPConnectionClose"));
            content->removeProperty(QStringLiteral("protocolHTTPConnectionClosed"));
        }
    }
    if (options.faults.contains(SimFault::TwoImsConfigs)) {
        // A JWT-era configuration left beside the one in use (another client id, the metascope claim).
        const QString other = QString::fromLatin1(
            digest(QStringLiteral("old-jwt-client"), options.tenant, QCryptographicHash::Md5));
        const QByteArray file =
            SimOsgiConfigWriter()
                .string(QStringLiteral("name"), QStringLiteral("Adobe Brand Portal"))
                .string(QStringLiteral("auth.token.provider.title"), QStringLiteral("Brand Portal (old)"))
                .string(QStringLiteral("auth.token.provider.client.id"), other)
                .string(QStringLiteral("auth.access.token.request"),
                        QStringLiteral("https://ims-na1.adobelogin.com/ims/exchange/jwt"))
                .string(QStringLiteral("auth.token.provider.keypair.alias"),
                        QStringLiteral("brandportal-old"))
                .stringArray(
                    QStringLiteral("auth.token.provider.default.claims"),
                    {QStringLiteral("\"iss\":\"") + orgId() + QLatin1Char('"'),
                     QStringLiteral("\"https://ims-na1.adobelogin.com/s/ent_brand_portal_sdk\":true")})
                .toBytes();
        repo.addFile(ConfigFolder + QLatin1Char('/') + ProviderFactory +
                         QStringLiteral("-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d.config"),
                     file, QStringLiteral("text/plain"));
    }
    for (const auto &[fault, days] :
         {std::pair{SimFault::ExpiringCertificate, 10}, std::pair{SimFault::ExpiredCertificate, -1}}) {
        if (!options.faults.contains(fault))
            continue;
        const QDateTime notAfter = QDateTime::currentDateTimeUtc().addDays(days);
        for (const QString &folder :
             {QStringLiteral("/home/users/mac"), QStringLiteral("/home/users/system/brandportal")}) {
            if (SimNode *f = repo.node(folder)) {
                for (SimNode *user : f->children())
                    SimUsers::setCertificatesNotAfter(user, notAfter);
            }
        }
    }
    if (options.faults.contains(SimFault::BadTenantUrl)) {
        const QString path = QStringLiteral("/conf/global/settings/cloudconfigs/mediaportal/") +
                             options.tenant + QStringLiteral("/jcr:content");
        if (SimNode *content = repo.node(path))
            content->setProperty(QStringLiteral("tenantURL"),
                                 QString(QStringLiteral("http://") + options.tenant +
                                         QStringLiteral(".brand-portal.adobe.com/assets")));
    }
    if (options.faults.contains(SimFault::LegacyLeftovers) && options.state != SimState::LegacyGateway) {
        // The old setup was never cleaned up: its cloud service, agents and replication user are still there.
        buildLegacyGateway(repo, options);
    }
    if (options.faults.contains(SimFault::AemProxy))
        repo.addFile(ConfigFolder + QStringLiteral("/org.apache.http.proxyconfigurator.config"),
                     SimOsgiConfigWriter()
                         .boolean(QStringLiteral("proxy.enabled"), true)
                         .string(QStringLiteral("proxy.host"), QStringLiteral("proxy.example.com"))
                         .string(QStringLiteral("proxy.port"), QStringLiteral("3128"))
                         .toBytes(),
                     QStringLiteral("text/plain"));
    if (options.faults.contains(SimFault::DanglingCloudConfig)) {
        const QString path = QStringLiteral("/conf/global/settings/cloudconfigs/mediaportal/") +
                             options.tenant + QStringLiteral("/jcr:content");
        if (SimNode *content = repo.node(path))
            content->setProperty(QStringLiteral("imsConfig"),
                                 QString(ProviderFactory + QStringLiteral(".deleted-by-hand-0000")));
    }
}

QString SimContentBuilder::prebuiltProtectedSecret(const QString &tenant)
{
    // An AEM-encrypted-looking value ({hex}); never a real secret.
    return QLatin1Char('{') +
           QString::fromLatin1(digest(QStringLiteral("secret"), tenant, QCryptographicHash::Sha256)) +
           QLatin1Char('}');
}

void SimContentBuilder::addTenantAgents(SimRepository &repo, const QString &tenant)
{
    // Adobe does not publish the names of the four per-tenant agents (domain notes 2.4); these are made up.
    // Detectors must key on transportUri, not on the name.
    for (int i = 0; i < 4; ++i) {
        const QString name = QStringLiteral("bp_") + tenant + QLatin1Char('_') + QString::number(i);
        addAgent(repo, name, QStringLiteral("Brand Portal ") + tenant + QLatin1Char(' ') + QString::number(i),
                 receiveUri(tenant));
    }
}

bool SimContentBuilder::hasTenantAgents(const SimRepository &repo, const QString &tenant)
{
    const SimNode *agents = repo.node(AgentsFolder);
    if (!agents)
        return false;
    const QString host = tenant + QStringLiteral(".brand-portal.adobe.com");
    const QList<SimNode *> children = agents->children();
    for (const SimNode *agent : children) {
        const SimNode *content = agent->child(QStringLiteral("jcr:content"));
        if (content && QUrl(content->property(QStringLiteral("transportUri")).toString()).host() == host)
            return true;
    }
    return false;
}

void SimContentBuilder::buildCloudActivated(SimRepository &repo, const QString &tenant, int failedItems)
{
    // "Activate Brand Portal" in Cloud Manager creates an IMS configuration, the Brand Portal cloud
    // configuration and the distribution agent (domain notes 1.2, 2.5). /apps is not writable at run time on
    // Cloud Service, so the IMS configuration is not under /apps/system/config; where it is, is unknown
    // (notes 4.6): the simulator does not expose it at all. The cloud configuration names it by PID.
    addCloudConfig(repo, tenant, imsProviderPid(SimState::OAuthS2S));
    SimDistribution::addAgent(repo, tenant, failedItems);
}

void SimContentBuilder::buildBroken(SimRepository &repo, const QString &tenant)
{
    // Configured but failing: the cloud config points at an IMS config that does not exist, and the agents
    // were never created.
    addCloudConfig(repo, tenant, imsProviderPid(SimState::Broken));
}

} // namespace bp::sim
