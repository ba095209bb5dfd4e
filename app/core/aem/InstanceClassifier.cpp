// SPDX-License-Identifier: Apache-2.0
#include "aem/InstanceClassifier.h"

#include "aem/AemParsers.h"
#include "i18n/DisplayFormat.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>

namespace bp {

namespace {

// One translation context for the file, spelled the same for lupdate and at run time.
class Text
{
    Q_DECLARE_TR_FUNCTIONS(bp::InstanceClassifier)
};

QJsonObject jsonObject(const HttpResponse &r)
{
    const QJsonDocument doc = QJsonDocument::fromJson(r.body);
    return doc.isObject() ? doc.object() : QJsonObject();
}

// Child nodes of a Sling JSON rendering: object-valued keys that are not jcr:content.
QList<QPair<QString, QJsonObject>> childNodes(const QJsonObject &node)
{
    QList<QPair<QString, QJsonObject>> out;
    for (auto it = node.begin(); it != node.end(); ++it) {
        if (it.value().isObject() && it.key() != QLatin1String("jcr:content"))
            out.append({it.key(), it.value().toObject()});
    }
    return out;
}

QString firstString(const QVariant &v)
{
    if (v.typeId() == QMetaType::QStringList)
        return v.toStringList().value(0);
    return v.toString();
}

QRegularExpression imsProviderFilePattern(const DetectionRecipe &recipe)
{
    return QRegularExpression(QStringLiteral("^") + QRegularExpression::escape(recipe.imsProviderFactoryPid) +
                              QStringLiteral("[.~-](.+)\\.config$"));
}

// The factory configuration's own part of a PID: references may use the dot, dash or tilde form.
QString pidSuffix(const QString &pid)
{
    return pid.section(QLatin1Char('.'), -1);
}

bool refersTo(const QString &reference, const ImsConfigInfo &ims)
{
    const QString suffix = pidSuffix(ims.pid);
    return !reference.isEmpty() && (pidSuffix(reference) == suffix || reference.endsWith(suffix));
}

class Classification
{
public:
    Classification(const AemSnapshot &snapshot, const DetectionRecipe &recipe, const AemVersion &manual)
        : m_snapshot(snapshot), m_recipe(recipe), m_manual(manual)
    {
    }

    AemInstance run()
    {
        m_instance.baseUrl = m_snapshot.baseUrl;
        readVersion();
        QJsonObject bpRoot, legacyRoot, macUsers, agents, osgi;
        bool readable = readNode(DetectionReads::cloudConfigs(m_recipe), &bpRoot);
        readable &= readNode(DetectionReads::legacyConfigs(m_recipe), &legacyRoot);
        readable &= readNode(DetectionReads::legacyUsers(m_recipe), &macUsers);
        readable &= readNode(DetectionReads::osgiConfigs(m_recipe), &osgi);
        readNode(DetectionReads::agents(m_recipe), &agents);
        readDistributionAgent();

        for (const auto &child : childNodes(bpRoot)) {
            const QJsonObject content = child.second.value(QLatin1String("jcr:content")).toObject();
            CloudConfigInfo c;
            c.path = m_recipe.bpCloudConfigRoot + QLatin1Char('/') + child.first;
            c.tenantUrl = content.value(QLatin1String("tenantURL")).toString();
            c.imsConfigPid = content.value(QLatin1String("imsConfig")).toString();
            m_instance.cloudConfigs << c;
        }
        for (const auto &child : childNodes(legacyRoot)) {
            const QJsonObject content = child.second.value(QLatin1String("jcr:content")).toObject();
            CloudConfigInfo c;
            c.path = m_recipe.legacyCloudConfigRoot + QLatin1Char('/') + child.first;
            c.tenantUrl = content.value(QLatin1String("tenantURL")).toString();
            c.legacy = true;
            m_instance.cloudConfigs << c;
        }
        for (const auto &child : childNodes(macUsers)) {
            const QString id = child.second.value(QLatin1String("rep:authorizableId")).toString();
            if (m_recipe.legacyUserPattern.match(id).hasMatch()) {
                m_instance.legacyUsers << id;
                m_instance.legacyUserPaths << m_recipe.legacyUserRoot + QLatin1Char('/') + child.first;
            }
        }
        for (const auto &child : childNodes(agents)) {
            const QJsonObject content = child.second.value(QLatin1String("jcr:content")).toObject();
            const QString transport = content.value(QLatin1String("transportUri")).toString();
            if (tenantFromUrl(transport).isEmpty())
                continue;
            ReplicationAgentInfo a;
            a.name = child.first;
            a.path = m_recipe.agentsRoot + QLatin1Char('/') + child.first;
            a.transportUri = transport;
            const QJsonValue enabled = content.value(QLatin1String("enabled"));
            a.enabled = enabled.isBool() ? enabled.toBool() : enabled.toString() == QLatin1String("true");
            m_instance.brandPortalAgents << a;
        }
        readImsConfigs(osgi);
        findTenant();
        m_instance.state = readable ? classifyState() : ConfigState::Unknown;
        m_instance.requestCount = m_snapshot.requestCount;
        return m_instance;
    }

private:
    void readVersion()
    {
        QList<QPair<QString, AemVersion>> readings;
        for (const VersionSource &src : m_recipe.versionSources) {
            VersionEvidence ev;
            ev.sourceId = src.id;
            ev.path = src.path;
            const SnapshotAnswer *a = m_snapshot.find(src.path);
            if (!a || !a->answered()) {
                ev.problemId = QStringLiteral("no-answer");
                ev.problemDetail = a ? a->error.userMessage : QString();
            } else if (a->status() != 200) {
                ev.problemId = QStringLiteral("http-status");
                ev.httpStatus = a->status();
            } else if (src.kind == QLatin1String("html-regex")) {
                ev.version = parsers::matchVersion(a->response.body, src.pattern);
                if (ev.version.isEmpty())
                    ev.problemId = QStringLiteral("no-version");
            } else {
                const auto packages = parsers::parsePackageList(a->response.body);
                if (!packages.ok()) {
                    ev.problemId = QStringLiteral("not-xml");
                } else {
                    m_instance.packageListReadable = true;
                    for (const auto &p : packages.value()) {
                        if (m_recipe.hotfixPackageName.match(p.name).hasMatch() && p.installed())
                            m_instance.imsHotfixInstalled = true;
                        if (src.packageGroup.match(p.group).hasMatch() && p.name == src.packageName &&
                            AemVersion::parse(p.version) >= AemVersion::parse(ev.version))
                            ev.version = p.version;
                    }
                    if (ev.version.isEmpty())
                        ev.problemId = QStringLiteral("no-service-pack");
                }
            }
            if (!ev.version.isEmpty()) {
                const AemVersion v = m_recipe.cloudVersionPattern.match(ev.version).hasMatch()
                                         ? AemVersion::cloud(ev.version)
                                         : AemVersion::parse(ev.version);
                if (v.isValid()) {
                    ev.readable = true;
                    readings.append({src.id, v});
                } else {
                    ev.problemId = QStringLiteral("not-a-version");
                    ev.problemDetail = ev.version;
                }
            }
            m_instance.versionEvidence << ev;
        }
        if (!readings.isEmpty()) {
            m_instance.version = readings.first().second; // recipe order is preference order
            for (int i = 1; i < readings.size(); ++i) {
                if (!(readings.at(i).second == m_instance.version))
                    m_instance.versionConflicts
                        << VersionConflict{readings.first().first, m_instance.version.toString(),
                                           readings.at(i).first, readings.at(i).second.toString()};
            }
        } else if (m_recipe.cloudHostPattern.match(m_snapshot.baseUrl.host()).hasMatch()) {
            m_instance.version = AemVersion::cloud();
            VersionEvidence ev;
            ev.sourceId = QStringLiteral("cloud-host");
            ev.path = m_snapshot.baseUrl.host();
            ev.readable = true;
            ev.version = QStringLiteral("cloud");
            m_instance.versionEvidence << ev;
        }
        if (!m_instance.version.isValid() && m_manual.isValid()) {
            m_instance.version = m_manual;
            m_instance.versionChosenManually = true;
        }
        m_instance.oauthSupport =
            AdobePolicy::oauthSupportFor(m_instance.version, m_instance.imsHotfixInstalled);
        if (m_instance.oauthSupport == OAuthSupport::HotfixRequired && !m_instance.packageListReadable)
            m_instance.oauthSupport = OAuthSupport::Unknown;
    }

    // Cloud Service only: whether the Brand Portal distribution agent answers (200), is absent (404), or
    // cannot be read (anything else: AEMaaCS may not expose the Sling servlet to a customer [I]).
    void readDistributionAgent()
    {
        const QString read = DetectionReads::distributionAgent(m_recipe);
        if (read.isEmpty())
            return;
        m_instance.distributionAgentPath = m_recipe.distributionAgentPath;
        const SnapshotAnswer *a = m_snapshot.find(read);
        if (!a || !a->answered())
            return;
        if (a->status() == 404) {
            m_instance.distributionAgentReadable = true;
        } else if (a->status() == 200 && jsonObject(a->response).contains(QLatin1String("name"))) {
            m_instance.distributionAgentReadable = true;
            m_instance.distributionAgentFound = true;
        }
    }

    // False (with a finding) when a configuration read failed for a reason other than 404.
    bool readNode(const QString &path, QJsonObject *out)
    {
        const SnapshotAnswer *a = m_snapshot.find(path);
        if (a && a->status() == 404)
            return true; // absent
        if (a && a->isOk()) {
            const QJsonDocument doc = QJsonDocument::fromJson(a->response.body);
            if (doc.isObject()) {
                *out = doc.object();
                return true;
            }
            m_instance.findings << Finding::make("not-json", Severity::Warning, {path}, {path});
            return false;
        }
        const QString reason = !a              ? Text::tr("not read")
                               : a->answered() ? httpStatusText(a->status())
                                               : a->error.userMessage;
        m_instance.findings << Finding::make("read-failed", Severity::Warning, {path}, {path, reason});
        return false;
    }

    QString tenantFromUrl(const QString &url) const
    {
        const auto m = m_recipe.bpTransportHost.match(QUrl(url).host());
        return m.hasMatch() ? m.captured(1) : QString();
    }

    void findTenant()
    {
        for (const auto &c : std::as_const(m_instance.cloudConfigs)) {
            if (m_instance.tenant.isEmpty())
                m_instance.tenant = tenantFromUrl(c.tenantUrl);
        }
        for (const auto &a : std::as_const(m_instance.brandPortalAgents)) {
            if (m_instance.tenant.isEmpty())
                m_instance.tenant = tenantFromUrl(a.transportUri);
        }
        for (const QString &u : std::as_const(m_instance.legacyUsers)) {
            if (m_instance.tenant.isEmpty())
                m_instance.tenant = m_recipe.legacyUserPattern.match(u).captured(1);
        }
    }

    void readImsConfigs(const QJsonObject &osgi)
    {
        QStringList referenced;
        for (const auto &c : std::as_const(m_instance.cloudConfigs)) {
            if (!c.imsConfigPid.isEmpty())
                referenced << c.imsConfigPid;
        }
        const QRegularExpression providerFile = imsProviderFilePattern(m_recipe);
        for (const auto &child : childNodes(osgi)) {
            const auto match = providerFile.match(child.first);
            if (!match.hasMatch())
                continue;
            const QString filePath = m_recipe.osgiConfigRoot + QLatin1Char('/') + child.first;
            const SnapshotAnswer *a = m_snapshot.find(filePath);
            if (!a || !a->isOk()) {
                m_instance.findings << Finding::make("ims-config-unreadable", Severity::Warning, {filePath},
                                                     {filePath});
                continue;
            }
            const auto values = parsers::parseFelixConfig(a->response.body);
            ImsConfigInfo info;
            info.filePath = filePath;
            info.pid = m_recipe.imsProviderFactoryPid + QLatin1Char('.') + match.captured(1);
            info.title = firstString(values.value(QStringLiteral("auth.token.provider.title")));
            info.clientId = firstString(values.value(QStringLiteral("auth.token.provider.client.id")));
            info.orgId = firstString(values.value(QStringLiteral("auth.token.provider.orgId")));
            info.scope = firstString(values.value(QStringLiteral("auth.token.provider.scope")));
            info.tokenRequestUrl = firstString(values.value(QStringLiteral("auth.access.token.request")));
            info.keypairAlias =
                firstString(values.value(QStringLiteral("auth.token.provider.keypair.alias")));
            const QString grants =
                firstString(values.value(QStringLiteral("auth.token.provider.authorization.grants")));
            const QStringList claims =
                values.value(QStringLiteral("auth.token.provider.default.claims")).toStringList();
            info.oauthMode = grants == QLatin1String("client_credentials") &&
                             info.tokenRequestUrl.endsWith(QLatin1String("/ims/token/v3"));
            const bool metascope = std::any_of(claims.begin(), claims.end(), [this](const QString &claim) {
                return claim.contains(m_recipe.bpMetascope);
            });
            info.jwtMode = !info.oauthMode && !claims.isEmpty();
            const bool isReferenced =
                std::any_of(referenced.begin(), referenced.end(),
                            [&info](const QString &pid) { return refersTo(pid, info); });
            info.brandPortal = metascope || isReferenced;
            if (info.brandPortal)
                m_instance.imsConfigs << info;
        }
    }

    ConfigState classifyState()
    {
        QList<CloudConfigInfo> modern, legacy;
        for (const auto &c : std::as_const(m_instance.cloudConfigs))
            (c.legacy ? legacy : modern) << c;
        const bool cloudService = m_instance.deployment() == Deployment::CloudService;
        auto &findings = m_instance.findings;

        if (!modern.isEmpty()) {
            QStringList imsPaths;
            for (const auto &i : std::as_const(m_instance.imsConfigs))
                imsPaths << i.filePath;
            if (m_instance.imsConfigs.size() > 1)
                findings << Finding::make("ims-config-multiple", Severity::Warning, imsPaths,
                                          {QString::number(m_instance.imsConfigs.size())});
            QStringList cloudPaths;
            for (const auto &c : std::as_const(modern))
                cloudPaths << c.path;
            if (modern.size() > 1)
                findings << Finding::make("cloud-config-multiple", Severity::Warning, cloudPaths,
                                          {QString::number(modern.size())});
            bool broken = false;
            QList<const ImsConfigInfo *> used;
            // Every cloud configuration on its own: the second one may point at nothing even when the first
            // is fine.
            for (const auto &c : std::as_const(modern)) {
                const auto it =
                    std::find_if(m_instance.imsConfigs.cbegin(), m_instance.imsConfigs.cend(),
                                 [&c](const ImsConfigInfo &i) { return refersTo(c.imsConfigPid, i); });
                if (it == m_instance.imsConfigs.cend() && cloudService) {
                    // Activation's IMS configuration is not under /apps/system/config on Cloud Service
                    // (notes 4.6): not readable, never missing.
                    findings << Finding::make("ims-config-cloud-unreadable", Severity::Info, {c.path},
                                              {c.path, c.imsConfigPid});
                    continue;
                }
                if (it == m_instance.imsConfigs.cend()) {
                    broken = true;
                    findings << Finding::make("cloud-config-ims-missing", Severity::Error, {c.path},
                                              {c.path, c.imsConfigPid});
                    continue;
                }
                if (!used.contains(&*it))
                    used << &*it;
            }
            for (const ImsConfigInfo *ims : std::as_const(used)) {
                if (!ims->oauthMode && !ims->jwtMode) {
                    broken = true;
                    findings << Finding::make("ims-config-incomplete", Severity::Error, {ims->filePath},
                                              {ims->filePath});
                }
            }
            if (!cloudService && m_instance.brandPortalAgents.isEmpty()) {
                broken = true;
                findings << Finding::make("agents-missing", Severity::Error, {m_recipe.agentsRoot},
                                          {m_recipe.agentsRoot});
            }
            for (const auto &a : std::as_const(m_instance.brandPortalAgents)) {
                if (!a.enabled)
                    findings << Finding::make("agent-disabled", Severity::Warning, {a.path}, {a.path});
            }
            // Activated by Cloud Manager (its IMS configuration not readable): the distribution agent, when
            // readable, must exist too.
            if (cloudService && used.isEmpty() && m_instance.distributionAgentReadable &&
                !m_instance.distributionAgentFound) {
                broken = true;
                findings << Finding::make("distribution-agent-missing", Severity::Error,
                                          {m_instance.distributionAgentPath},
                                          {m_instance.distributionAgentPath});
            }
            if (cloudService && used.isEmpty())
                return broken ? ConfigState::Broken : ConfigState::OAuthS2S;
            if (broken || used.isEmpty())
                return ConfigState::Broken;
            const bool anyJwt =
                std::any_of(used.cbegin(), used.cend(), [](const ImsConfigInfo *i) { return i->jwtMode; });
            return anyJwt ? ConfigState::DevConsoleJwt : ConfigState::OAuthS2S;
        }
        if (!legacy.isEmpty() || !m_instance.legacyUsers.isEmpty())
            return ConfigState::LegacyGateway;
        if (!m_instance.imsConfigs.isEmpty()) {
            QStringList paths;
            for (const auto &i : std::as_const(m_instance.imsConfigs))
                paths << i.filePath;
            findings << Finding::make("ims-config-unused", Severity::Error, paths);
            return ConfigState::Broken;
        }
        return ConfigState::None;
    }

    const AemSnapshot &m_snapshot;
    const DetectionRecipe &m_recipe;
    const AemVersion &m_manual;
    AemInstance m_instance;
};

int errorRank(ErrorCode c)
{
    switch (c) {
    case ErrorCode::Tls:
        return 5;
    case ErrorCode::TooLarge:
        return 4;
    case ErrorCode::Timeout:
        return 3;
    case ErrorCode::Network:
        return 2;
    default:
        return 1;
    }
}

} // namespace

namespace DetectionReads {

QString cloudConfigs(const DetectionRecipe &recipe)
{
    return recipe.bpCloudConfigRoot + QStringLiteral(".2.json");
}
QString legacyConfigs(const DetectionRecipe &recipe)
{
    return recipe.legacyCloudConfigRoot + QStringLiteral(".2.json");
}
QString legacyUsers(const DetectionRecipe &recipe)
{
    return recipe.legacyUserRoot + QStringLiteral(".1.json");
}
QString osgiConfigs(const DetectionRecipe &recipe)
{
    return recipe.osgiConfigRoot + QStringLiteral(".1.json");
}
QString agents(const DetectionRecipe &recipe)
{
    return recipe.agentsRoot + QStringLiteral(".2.json");
}

QString distributionAgent(const DetectionRecipe &recipe)
{
    return recipe.distributionAgentPath.isEmpty() ? QString()
                                                  : recipe.distributionAgentPath + QStringLiteral(".0.json");
}

QList<SnapshotRead> initial(const DetectionRecipe &recipe)
{
    QList<SnapshotRead> reads;
    for (const VersionSource &src : recipe.versionSources)
        reads << SnapshotRead{src.path, Text::tr("Reading the AEM version (%1)").arg(src.id)};
    reads << SnapshotRead{cloudConfigs(recipe), Text::tr("Reading Brand Portal cloud configurations")}
          << SnapshotRead{legacyConfigs(recipe), Text::tr("Looking for a Legacy OAuth Gateway configuration")}
          << SnapshotRead{legacyUsers(recipe), Text::tr("Looking for Brand Portal replication users")}
          << SnapshotRead{osgiConfigs(recipe), Text::tr("Reading IMS configurations")}
          << SnapshotRead{agents(recipe), Text::tr("Reading replication agents")};
    if (!recipe.distributionAgentPath.isEmpty())
        reads << SnapshotRead{
            distributionAgent(recipe),
            Text::tr("Looking for a Brand Portal distribution agent (AEM as a Cloud Service only)")};
    return reads;
}

QList<SnapshotRead> followUps(const DetectionRecipe &recipe, const AemSnapshot &snapshot)
{
    QList<SnapshotRead> reads;
    const SnapshotAnswer *osgi = snapshot.find(osgiConfigs(recipe));
    if (!osgi || !osgi->isOk())
        return reads;
    const QRegularExpression providerFile = imsProviderFilePattern(recipe);
    for (const auto &child : childNodes(jsonObject(osgi->response))) {
        if (providerFile.match(child.first).hasMatch())
            reads << SnapshotRead{recipe.osgiConfigRoot + QLatin1Char('/') + child.first,
                                  Text::tr("Reading IMS configuration %1").arg(child.first)};
    }
    return reads;
}

} // namespace DetectionReads

namespace InstanceClassifier {

std::optional<Error> reachabilityError(const AemSnapshot &snapshot)
{
    int successes = 0;
    int authFailures = 0;
    int loginRedirects = 0;
    bool aemSignals = false;
    std::optional<Error> transport;
    HttpResponse sample;
    for (const SnapshotAnswer &a : snapshot.answers) {
        if (!a.answered()) {
            if (!transport || errorRank(a.error.code) > errorRank(transport->code))
                transport = a.error;
            continue;
        }
        const HttpResponse &resp = a.response;
        sample = resp;
        if (resp.status >= 200 && resp.status < 300) {
            ++successes;
            if (resp.contentType().contains(QLatin1String("json")) || resp.body.contains("<crx") ||
                resp.body.contains("Adobe Experience Manager"))
                aemSignals = true;
        } else if (resp.status == 401 || resp.status == 403) {
            ++authFailures;
            const QByteArray realm = resp.header("WWW-Authenticate");
            if (realm.contains("Sling") || realm.contains("OSGi"))
                aemSignals = true;
        } else if (resp.isRedirect() && parsers::isLoginRedirect(resp.redirectTarget())) {
            ++loginRedirects;
            aemSignals = true;
        }
    }
    const QString host = snapshot.baseUrl.authority();
    // A cap or TLS problem on any read is reported even when other reads looked fine: the instance (or what
    // stands in front of it) misbehaves, and a half-read classification would mislead.
    if (transport && (transport->code == ErrorCode::TooLarge || transport->code == ErrorCode::Tls))
        return transport;
    if (successes > 0 && aemSignals)
        return std::nullopt;
    if (transport && successes == 0 && authFailures == 0 && loginRedirects == 0)
        return transport;
    if (loginRedirects > 0 && successes == 0)
        return Error(ErrorCode::Auth,
                     Text::tr("AEM at %1 answered with its login page instead of data. The user name or "
                              "password was "
                              "not accepted, or the instance enforces single sign-on (SAML).")
                         .arg(host),
                     QStringLiteral("302 to login page"), 302)
            .withId(QStringLiteral("aem-login-page"))
            .withRemedy(
                Text::tr("Use a local AEM administrator account, or a token for AEM as a Cloud Service."));
    if (authFailures > 0 && successes == 0)
        return Error(ErrorCode::Auth, Text::tr("AEM at %1 rejected the login (HTTP 401/403).").arg(host),
                     QStringLiteral("401/403 on every request"), 401)
            .withId(QStringLiteral("aem-login-rejected"))
            .withRemedy(
                Text::tr("Check the user name and password; the user must be an administrator to read the "
                         "Brand Portal configuration."));
    if (transport)
        return transport;
    Error e(ErrorCode::NotAem,
            Text::tr("The server at %1 answered (%2) but not like an AEM author: none of the AEM "
                     "addresses it was "
                     "asked for exist.")
                .arg(host, httpStatusText(sample.status)),
            QStringLiteral("no AEM response among %1 requests").arg(snapshot.answers.size()), sample.status);
    e.id = QStringLiteral("not-aem");
    e.remedy = Text::tr(
        "Check that the address points at the AEM author (not publish, not a web server), or connect "
        "past the dispatcher (usually port 4502).");
    if (snapshot.baseUrl.scheme() == QLatin1String("http") && sample.status == 400 &&
        sample.body.contains("HTTPS"))
        e.remedy = Text::tr("The server expects HTTPS: change the address to https://.");
    return e;
}

AemInstance classify(const AemSnapshot &snapshot, const DetectionRecipe &recipe,
                     const AemVersion &manualVersion)
{
    return Classification(snapshot, recipe, manualVersion).run();
}

Result<AemInstance> classifyInstance(const AemSnapshot &snapshot, const DetectionRecipe &recipe,
                                     const AemVersion &manualVersion)
{
    if (auto error = reachabilityError(snapshot))
        return *error;
    return classify(snapshot, recipe, manualVersion);
}

} // namespace InstanceClassifier

} // namespace bp
