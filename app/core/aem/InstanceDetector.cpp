// SPDX-License-Identifier: Apache-2.0
#include "aem/InstanceDetector.h"

#include "aem/AemParsers.h"
#include "net/HttpClient.h"
#include "setup/RouteSelector.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QRegularExpression>

#include <algorithm>
#include <optional>

namespace bp {

namespace {
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
} // namespace

class InstanceDetector::Private
{
public:
    enum class Step
    {
        Version,
        CloudConfigs,
        LegacyConfigs,
        LegacyUsers,
        OsgiConfigs,
        Agents,
        ImsConfigFile
    };

    struct Pending
    {
        Step step;
        int sourceIndex = -1; // for Version
        QString filePath;     // for ImsConfigFile
        HttpJob *job = nullptr;

        Pending(Step s, int index = -1, QString file = QString())
            : step(s), sourceIndex(index), filePath(std::move(file))
        {
        }
    };

    InstanceDetector *q;
    QNetworkAccessManager *nam;
    HttpClient *client = nullptr;
    DetectionRecipe recipe = DetectionRecipe::builtIn();
    AemVersion manualVersion;
    AemConnection connection;
    AemInstance instance;
    Result<AemInstance> result{Error{ErrorCode::Internal, QString(), QStringLiteral("not run")}};
    CertificateInfo untrusted;
    QList<Pending> pending;
    int done = 0;
    int total = 0;
    bool running = false;
    bool phaseTwoStarted = false;

    // Raw answers collected in phase one, classified once everything is in.
    QHash<int, Result<HttpResponse>> versionAnswers;
    QHash<Step, Result<HttpResponse>> configAnswers;
    QHash<QString, Result<HttpResponse>> imsFiles;

    explicit Private(InstanceDetector *qq, QNetworkAccessManager *n) : q(qq), nam(n) {}

    QUrl urlFor(const QString &pathAndQuery) const
    {
        QUrl u = connection.baseUrl;
        const int qm = pathAndQuery.indexOf(QLatin1Char('?'));
        u.setPath(qm < 0 ? pathAndQuery : pathAndQuery.left(qm));
        if (qm >= 0)
            u.setQuery(pathAndQuery.mid(qm + 1));
        return u;
    }

    void request(Pending p, const QString &path, const QString &label)
    {
        p.job = client->get(urlFor(path));
        HttpJob *job = p.job;
        pending.append(p);
        ++total;
        QObject::connect(job, &HttpJob::finished, q, [this, job, label] { onFinished(job, label); });
        job->start();
    }

    void start()
    {
        for (int i = 0; i < recipe.versionSources.size(); ++i) {
            Pending p(Step::Version, i);
            request(p, recipe.versionSources.at(i).path,
                    tr("Reading the AEM version (%1)").arg(recipe.versionSources.at(i).id));
        }
        request(Pending(Step::CloudConfigs), recipe.bpCloudConfigRoot + QStringLiteral(".2.json"),
                tr("Reading Brand Portal cloud configurations"));
        request(Pending(Step::LegacyConfigs), recipe.legacyCloudConfigRoot + QStringLiteral(".2.json"),
                tr("Looking for a Legacy OAuth Gateway configuration"));
        request(Pending(Step::LegacyUsers), recipe.legacyUserRoot + QStringLiteral(".1.json"),
                tr("Looking for Brand Portal replication users"));
        request(Pending(Step::OsgiConfigs), recipe.osgiConfigRoot + QStringLiteral(".1.json"),
                tr("Reading IMS configurations"));
        request(Pending(Step::Agents), recipe.agentsRoot + QStringLiteral(".2.json"),
                tr("Reading replication agents"));
    }

    void onFinished(HttpJob *job, const QString &label)
    {
        auto it =
            std::find_if(pending.begin(), pending.end(), [job](const Pending &p) { return p.job == job; });
        if (it == pending.end())
            return;
        const Pending p = *it;
        pending.erase(it);
        ++done;
        if (!job->untrustedCertificate().isNull())
            untrusted = job->untrustedCertificate();
        const Result<HttpResponse> r = job->result();
        job->deleteLater();
        switch (p.step) {
        case Step::Version:
            versionAnswers.insert(p.sourceIndex, r);
            break;
        case Step::ImsConfigFile:
            imsFiles.insert(p.filePath, r);
            break;
        default:
            configAnswers.insert(p.step, r);
            break;
        }
        emit q->progress(label, done, total);
        if (!pending.isEmpty())
            return;
        if (!phaseTwoStarted) {
            phaseTwoStarted = true;
            if (auto fatal = reachabilityError()) {
                finish(*fatal);
                return;
            }
            if (startPhaseTwo())
                return;
        }
        finish(classify());
    }

    // Decides whether AEM answered at all, before anything is interpreted.
    std::optional<Error> reachabilityError()
    {
        QList<Result<HttpResponse>> all = versionAnswers.values();
        all += configAnswers.values();
        int successes = 0;
        int authFailures = 0;
        int loginRedirects = 0;
        bool aemSignals = false;
        std::optional<Error> transport;
        const auto rank = [](ErrorCode c) {
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
        };
        HttpResponse sample;
        for (const auto &r : all) {
            if (!r.ok()) {
                if (!transport || rank(r.error().code) > rank(transport->code))
                    transport = r.error();
                continue;
            }
            const HttpResponse &resp = r.value();
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
        const QString host = connection.baseUrl.authority();
        if (successes > 0 && aemSignals)
            return std::nullopt;
        if (transport && successes == 0 && authFailures == 0 && loginRedirects == 0)
            return transport;
        if (loginRedirects > 0 && successes == 0)
            return Error{
                ErrorCode::Auth,
                tr("AEM at %1 answered with its login page instead of data. The user name or password was "
                   "not accepted, or the instance enforces single sign-on (SAML); use a local AEM "
                   "administrator account, or a token for AEM as a Cloud Service.")
                    .arg(host),
                QStringLiteral("302 to login page"), 302};
        if (authFailures > 0 && successes == 0)
            return Error{
                ErrorCode::Auth,
                tr("AEM at %1 rejected the login (HTTP 401/403). Check the user name and password; the user "
                   "must be an administrator to read the Brand Portal configuration.")
                    .arg(host),
                QStringLiteral("401/403 on every request"), 401};
        if (transport)
            return transport;
        QString hint;
        if (connection.baseUrl.scheme() == QLatin1String("http") && sample.status == 400 &&
            sample.body.contains("HTTPS"))
            hint = tr(" The server expects HTTPS: change the address to https://.");
        return Error{
            ErrorCode::NotAem,
            tr("The server at %1 answered (HTTP %2) but not like an AEM author: none of the AEM addresses "
               "it was asked for exist. Check that the address points at the AEM author (not publish, "
               "not a web server), or connect past the dispatcher (usually port 4502).%3")
                .arg(host)
                .arg(sample.status)
                .arg(hint),
            QStringLiteral("no AEM response among %1 requests").arg(all.size()), sample.status};
    }

    // Second round: the IMS configuration files named in /apps/system/config.
    bool startPhaseTwo()
    {
        const auto osgi = configAnswers.value(Step::OsgiConfigs, Result<HttpResponse>(Error{}));
        if (!osgi.ok() || osgi.value().status != 200)
            return false;
        const QRegularExpression providerFile(QStringLiteral("^") +
                                              QRegularExpression::escape(recipe.imsProviderFactoryPid) +
                                              QStringLiteral("[.~-](.+)\\.config$"));
        bool any = false;
        for (const auto &child : childNodes(jsonObject(osgi.value()))) {
            if (!providerFile.match(child.first).hasMatch())
                continue;
            const QString path = recipe.osgiConfigRoot + QLatin1Char('/') + child.first;
            Pending p(Step::ImsConfigFile, -1, path);
            request(p, path, tr("Reading IMS configuration %1").arg(child.first));
            any = true;
        }
        return any;
    }

    void readVersion()
    {
        QList<QPair<QString, AemVersion>> readings;
        for (int i = 0; i < recipe.versionSources.size(); ++i) {
            const VersionSource &src = recipe.versionSources.at(i);
            VersionEvidence ev;
            ev.sourceId = src.id;
            ev.path = src.path;
            const auto r = versionAnswers.value(i, Result<HttpResponse>(Error{}));
            if (!r.ok()) {
                ev.problem = r.error().userMessage;
            } else if (r.value().status != 200) {
                ev.problem = r.value().status == 404 ? tr("not found (HTTP 404; a dispatcher may block it)")
                                                     : tr("HTTP %1").arg(r.value().status);
            } else if (src.kind == QLatin1String("html-regex")) {
                ev.version = parsers::matchVersion(r.value().body, src.pattern);
                if (ev.version.isEmpty())
                    ev.problem = tr("the page does not contain a version");
            } else {
                const auto packages = parsers::parsePackageList(r.value().body);
                if (!packages.ok()) {
                    ev.problem = packages.error().userMessage;
                } else {
                    instance.packageListReadable = true;
                    for (const auto &p : packages.value()) {
                        if (recipe.hotfixPackageName.match(p.name).hasMatch())
                            instance.imsHotfixInstalled = true;
                        if (src.packageGroup.match(p.group).hasMatch() && p.name == src.packageName &&
                            AemVersion::parse(p.version) >= AemVersion::parse(ev.version))
                            ev.version = p.version;
                    }
                    if (ev.version.isEmpty())
                        ev.problem = tr("no service pack package listed");
                }
            }
            if (!ev.version.isEmpty()) {
                AemVersion v = recipe.cloudVersionPattern.match(ev.version).hasMatch()
                                   ? AemVersion::cloud(ev.version)
                                   : AemVersion::parse(ev.version);
                if (v.isValid()) {
                    ev.readable = true;
                    readings.append({src.id, v});
                } else {
                    ev.problem = tr("\"%1\" is not a version this tool understands").arg(ev.version);
                }
            }
            instance.versionEvidence << ev;
        }
        if (!readings.isEmpty()) {
            instance.version = readings.first().second; // recipe order is preference order
            for (int i = 1; i < readings.size(); ++i) {
                if (!(readings.at(i).second == instance.version))
                    instance.versionConflicts
                        << tr("%1 reports %2, %3 reports %4")
                               .arg(readings.first().first, instance.version.toString(), readings.at(i).first,
                                    readings.at(i).second.toString());
            }
        } else if (recipe.cloudHostPattern.match(connection.baseUrl.host()).hasMatch()) {
            instance.version = AemVersion::cloud();
            instance.versionEvidence << VersionEvidence{QStringLiteral("cloud-host"),
                                                        connection.baseUrl.host(), true,
                                                        QStringLiteral("cloud"), QString()};
        }
        if (!instance.version.isValid() && manualVersion.isValid()) {
            instance.version = manualVersion;
            instance.versionChosenManually = true;
        }
        instance.oauthSupport = RouteSelector::oauthSupportFor(instance.version, instance.imsHotfixInstalled);
        if (instance.oauthSupport == OAuthSupport::HotfixRequired && !instance.packageListReadable)
            instance.oauthSupport = OAuthSupport::Unknown;
    }

    // Returns false (and records a problem) when a configuration read failed for a reason other than 404.
    bool readNode(Step step, const QString &what, QJsonObject *out)
    {
        const auto r = configAnswers.value(step, Result<HttpResponse>(Error{}));
        if (r.ok() && r.value().status == 404)
            return true; // absent
        if (r.ok() && r.value().status == 200) {
            const QJsonDocument doc = QJsonDocument::fromJson(r.value().body);
            if (doc.isObject()) {
                *out = doc.object();
                return true;
            }
            instance.problems << tr("%1: AEM did not send JSON").arg(what);
            return false;
        }
        instance.problems << tr("%1 could not be read (%2)")
                                 .arg(what,
                                      r.ok() ? tr("HTTP %1").arg(r.value().status) : r.error().userMessage);
        return false;
    }

    QString tenantFromUrl(const QString &url) const
    {
        const auto m = recipe.bpTransportHost.match(QUrl(url).host());
        return m.hasMatch() ? m.captured(1) : QString();
    }

    AemInstance classify()
    {
        instance.baseUrl = connection.baseUrl;
        readVersion();

        QJsonObject bpRoot, legacyRoot, macUsers, agents;
        bool readable =
            readNode(Step::CloudConfigs,
                     tr("Brand Portal cloud configurations (%1)").arg(recipe.bpCloudConfigRoot), &bpRoot);
        readable &= readNode(Step::LegacyConfigs,
                             tr("Legacy cloud services (%1)").arg(recipe.legacyCloudConfigRoot), &legacyRoot);
        readable &=
            readNode(Step::LegacyUsers, tr("Replication users (%1)").arg(recipe.legacyUserRoot), &macUsers);
        QJsonObject osgi;
        readable &=
            readNode(Step::OsgiConfigs, tr("OSGi configurations (%1)").arg(recipe.osgiConfigRoot), &osgi);
        readNode(Step::Agents, tr("Replication agents (%1)").arg(recipe.agentsRoot), &agents);

        for (const auto &child : childNodes(bpRoot)) {
            const QJsonObject content = child.second.value(QLatin1String("jcr:content")).toObject();
            CloudConfigInfo c;
            c.path = recipe.bpCloudConfigRoot + QLatin1Char('/') + child.first;
            c.tenantUrl = content.value(QLatin1String("tenantURL")).toString();
            c.imsConfigPid = content.value(QLatin1String("imsConfig")).toString();
            instance.cloudConfigs << c;
        }
        for (const auto &child : childNodes(legacyRoot)) {
            const QJsonObject content = child.second.value(QLatin1String("jcr:content")).toObject();
            CloudConfigInfo c;
            c.path = recipe.legacyCloudConfigRoot + QLatin1Char('/') + child.first;
            c.tenantUrl = content.value(QLatin1String("tenantURL")).toString();
            c.legacy = true;
            instance.cloudConfigs << c;
        }
        for (const auto &child : childNodes(macUsers)) {
            const QString id = child.second.value(QLatin1String("rep:authorizableId")).toString();
            if (recipe.legacyUserPattern.match(id).hasMatch()) {
                instance.legacyUsers << id;
                instance.legacyUserPaths << recipe.legacyUserRoot + QLatin1Char('/') + child.first;
            }
        }
        for (const auto &child : childNodes(agents)) {
            const QJsonObject content = child.second.value(QLatin1String("jcr:content")).toObject();
            const QString transport = content.value(QLatin1String("transportUri")).toString();
            if (tenantFromUrl(transport).isEmpty())
                continue;
            ReplicationAgentInfo a;
            a.name = child.first;
            a.path = recipe.agentsRoot + QLatin1Char('/') + child.first;
            a.transportUri = transport;
            const QJsonValue enabled = content.value(QLatin1String("enabled"));
            a.enabled = enabled.isBool() ? enabled.toBool() : enabled.toString() == QLatin1String("true");
            instance.brandPortalAgents << a;
        }
        readImsConfigs();

        for (const auto &c : std::as_const(instance.cloudConfigs)) {
            if (instance.tenant.isEmpty())
                instance.tenant = tenantFromUrl(c.tenantUrl);
        }
        for (const auto &a : std::as_const(instance.brandPortalAgents)) {
            if (instance.tenant.isEmpty())
                instance.tenant = tenantFromUrl(a.transportUri);
        }
        for (const QString &u : std::as_const(instance.legacyUsers)) {
            if (instance.tenant.isEmpty())
                instance.tenant = recipe.legacyUserPattern.match(u).captured(1);
        }

        instance.state = readable ? classifyState() : ConfigState::Unknown;
        instance.requestCount = client->requestCount();
        return instance;
    }

    void readImsConfigs()
    {
        QStringList referenced;
        for (const auto &c : std::as_const(instance.cloudConfigs)) {
            if (!c.imsConfigPid.isEmpty())
                referenced << c.imsConfigPid;
        }
        const QRegularExpression suffixRe(QStringLiteral("^.*/") +
                                          QRegularExpression::escape(recipe.imsProviderFactoryPid) +
                                          QStringLiteral("[.~-](.+)\\.config$"));
        for (auto it = imsFiles.begin(); it != imsFiles.end(); ++it) {
            if (!it.value().ok() || it.value().value().status != 200) {
                instance.problems << tr("IMS configuration %1 could not be read").arg(it.key());
                continue;
            }
            const auto values = parsers::parseFelixConfig(it.value().value().body);
            ImsConfigInfo info;
            info.filePath = it.key();
            info.pid = recipe.imsProviderFactoryPid + QLatin1Char('.') + suffixRe.match(it.key()).captured(1);
            info.title = firstString(values.value(QStringLiteral("auth.token.provider.title")));
            info.clientId = firstString(values.value(QStringLiteral("auth.token.provider.client.id")));
            info.orgId = firstString(values.value(QStringLiteral("auth.token.provider.orgId")));
            info.scope = firstString(values.value(QStringLiteral("auth.token.provider.scope")));
            info.tokenRequestUrl = firstString(values.value(QStringLiteral("auth.access.token.request")));
            const QString grants =
                firstString(values.value(QStringLiteral("auth.token.provider.authorization.grants")));
            const QStringList claims =
                values.value(QStringLiteral("auth.token.provider.default.claims")).toStringList();
            info.oauthMode = grants == QLatin1String("client_credentials") &&
                             info.tokenRequestUrl.endsWith(QLatin1String("/ims/token/v3"));
            bool metascope = false;
            for (const QString &claim : claims) {
                if (claim.contains(recipe.bpMetascope))
                    metascope = true;
            }
            info.jwtMode = !info.oauthMode && !claims.isEmpty();
            const bool isReferenced =
                std::any_of(referenced.begin(), referenced.end(), [&info](const QString &pid) {
                    // The reference may use the dot, dash or tilde form of the factory PID.
                    return pid.section(QLatin1Char('.'), -1) == info.pid.section(QLatin1Char('.'), -1) ||
                           pid.endsWith(info.pid.section(QLatin1Char('.'), -1));
                });
            info.brandPortal = metascope || isReferenced;
            if (info.brandPortal)
                instance.imsConfigs << info;
        }
    }

    ConfigState classifyState()
    {
        QList<CloudConfigInfo> modern, legacy;
        for (const auto &c : std::as_const(instance.cloudConfigs))
            (c.legacy ? legacy : modern) << c;
        const bool cloudService = instance.deployment() == Deployment::CloudService;

        if (!modern.isEmpty()) {
            if (instance.imsConfigs.size() > 1)
                instance.problems
                    << tr("%1 Brand Portal IMS configurations exist; Adobe allows only one per tenant.")
                           .arg(instance.imsConfigs.size());
            if (modern.size() > 1)
                instance.problems
                    << tr("%1 Brand Portal cloud configurations exist; keep one author ↔ one tenant.")
                           .arg(modern.size());
            bool broken = false;
            const ImsConfigInfo *ims = nullptr;
            for (const auto &c : modern) {
                for (const auto &i : std::as_const(instance.imsConfigs)) {
                    if (!c.imsConfigPid.isEmpty() &&
                        c.imsConfigPid.endsWith(i.pid.section(QLatin1Char('.'), -1)))
                        ims = &i;
                }
                if (!ims) {
                    broken = true;
                    instance.problems
                        << tr("The cloud configuration %1 refers to the IMS configuration \"%2\", "
                              "which does not exist.")
                               .arg(c.path, c.imsConfigPid);
                }
            }
            if (ims && !ims->oauthMode && !ims->jwtMode) {
                broken = true;
                instance.problems
                    << tr("The IMS configuration %1 has neither OAuth nor JWT settings.").arg(ims->filePath);
            }
            if (!cloudService && instance.brandPortalAgents.isEmpty()) {
                broken = true;
                instance.problems
                    << tr("No Brand Portal replication agents were found under %1 (4 are expected per "
                          "tenant); they are created when the cloud configuration is saved.")
                           .arg(recipe.agentsRoot);
            }
            for (const auto &a : std::as_const(instance.brandPortalAgents)) {
                if (!a.enabled)
                    instance.problems
                        << tr("The replication agent %1 is disabled; queued assets can fail.").arg(a.path);
            }
            if (broken)
                return ConfigState::Broken;
            return ims->oauthMode ? ConfigState::OAuthS2S : ConfigState::DevConsoleJwt;
        }
        if (!legacy.isEmpty() || !instance.legacyUsers.isEmpty())
            return ConfigState::LegacyGateway;
        if (!instance.imsConfigs.isEmpty()) {
            instance.problems << tr(
                "A Brand Portal IMS configuration exists but no Brand Portal cloud configuration "
                "uses it.");
            return ConfigState::Broken;
        }
        return ConfigState::None;
    }

    void finish(Result<AemInstance> r)
    {
        running = false;
        result = std::move(r);
        emit q->finished();
    }

    void cancelAll()
    {
        const auto jobs = pending;
        pending.clear();
        for (const auto &p : jobs) {
            p.job->disconnect(q);
            p.job->cancel();
            p.job->deleteLater();
        }
    }
};

InstanceDetector::InstanceDetector(QNetworkAccessManager *nam, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>(this, nam))
{
}

InstanceDetector::~InstanceDetector()
{
    d->cancelAll();
}

void InstanceDetector::setRecipe(const DetectionRecipe &recipe)
{
    d->recipe = recipe;
}
void InstanceDetector::setManualVersion(const AemVersion &version)
{
    d->manualVersion = version;
}
bool InstanceDetector::isRunning() const
{
    return d->running;
}
const Result<AemInstance> &InstanceDetector::result() const
{
    return d->result;
}
const CertificateInfo &InstanceDetector::untrustedCertificate() const
{
    return d->untrusted;
}
int InstanceDetector::requestCount() const
{
    return d->client ? d->client->requestCount() : 0;
}
int InstanceDetector::refusedWriteCount() const
{
    return d->client ? d->client->refusedWriteCount() : 0;
}

void InstanceDetector::start(const AemConnection &connection)
{
    d->cancelAll();
    const AemVersion manual = d->manualVersion;
    const DetectionRecipe recipe = d->recipe;
    delete d->client;
    d = std::make_unique<Private>(this, d->nam);
    d->manualVersion = manual;
    d->recipe = recipe;
    d->connection = connection;
    d->running = true;
    d->client = new HttpClient(d->nam, this);
    d->client->setWritePolicy(WritePolicy::Refuse); // detection is read-only, by construction
    d->client->setOrigin(connection.baseUrl);
    if (!connection.bearerToken.isEmpty())
        d->client->setBearerToken(connection.bearerToken);
    else if (!connection.user.isEmpty())
        d->client->setBasicAuth(connection.user, connection.password);
    const auto applied = d->client->setNetworkSettings(connection.network);
    if (!applied.ok()) {
        QMetaObject::invokeMethod(
            this, [this, e = applied.error()] { d->finish(e); }, Qt::QueuedConnection);
        return;
    }
    d->start();
}

void InstanceDetector::cancel()
{
    if (!d->running)
        return;
    d->cancelAll();
    d->finish(Error{ErrorCode::Cancelled, tr("Cancelled."), QString()});
}

} // namespace bp
