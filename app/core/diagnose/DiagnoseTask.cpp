// SPDX-License-Identifier: Apache-2.0
#include "diagnose/DiagnoseTask.h"

#include "aem/InstanceDetector.h"
#include "apply/AemReads.h"
#include "apply/TenantUrl.h"
#include "i18n/DisplayFormat.h"
#include "net/HttpClient.h"
#include "policy/AdobePolicy.h"
#include "time/Clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>
#include <QUrl>

namespace bp {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(bp::DiagnoseTask)
};

DiagnoseCheck make(const QString &id, VerifyCheck::Status status, QString evidence, QString remedy = {})
{
    DiagnoseCheck c;
    c.id = id;
    c.status = status;
    if (const std::optional<DiagnoseCheckInfo> info = DiagnoseCatalogue::find(id)) {
        c.severity = info->severity;
        c.title = info->title;
    }
    c.evidence = std::move(evidence);
    c.remedy = std::move(remedy);
    return c;
}

QString notReadableOnCloud()
{
    return Text::tr("not readable on Cloud Service");
}

// The Brand Portal agents' jcr:content objects from the detection snapshot's agents listing (.2.json).
QList<QPair<QString, QJsonObject>> agentContents(const AemInstance &instance, const AemSnapshot &snapshot,
                                                 const DetectionRecipe &detect)
{
    QList<QPair<QString, QJsonObject>> out;
    const SnapshotAnswer *a = snapshot.find(detect.agentsRoot + QStringLiteral(".2.json"));
    const QJsonObject root =
        a && a->isOk() ? QJsonDocument::fromJson(a->response.body).object() : QJsonObject();
    for (const ReplicationAgentInfo &agent : instance.brandPortalAgents)
        out.append(
            {agent.path, root.value(agent.name).toObject().value(QStringLiteral("jcr:content")).toObject()});
    return out;
}

bool truthy(const QJsonValue &v)
{
    return v.isBool() ? v.toBool() : v.toString().compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
}

DiagnoseCheck versionCheck(const AemInstance &instance, const ApplyRecipe &recipe)
{
    const QString id = QStringLiteral("aem-version");
    const AemVersion &v = instance.version;
    if (!v.isValid())
        return make(id, VerifyCheck::Warn,
                    Text::tr("The AEM version could not be read (%n source(s) tried).", nullptr,
                             int(instance.versionEvidence.size())),
                    Text::tr("Give it with --aem-version, or let the AEM user read the paths the version "
                             "sources need (bpsetup detect lists them)."));
    if (v.isCloud())
        return make(id, VerifyCheck::Pass, Text::tr("AEM as a Cloud Service %1.").arg(v.toString()));
    if (v < AdobePolicy::minimumDevConsoleVersion())
        return make(id, VerifyCheck::Fail,
                    Text::tr("AEM %1 is below %2, the first version Brand Portal can be configured with "
                             "Developer Console credentials on.")
                        .arg(v.toString(), AdobePolicy::minimumDevConsoleVersion().toString()),
                    Text::tr("Install the latest AEM 6.5 service pack (or move to AEM 6.5 LTS), then run "
                             "diagnose again."));
    // The latest service pack per line is not in the domain notes: it is data (recipe latestServicePacks).
    const QString line = v.part(1) == 6 ? QStringLiteral("6.6") : QStringLiteral("6.5");
    const AemVersion latest = AemVersion::parse(recipe.value(QStringLiteral("latestServicePacks"), line));
    if (latest.isValid() && v < latest)
        return make(id, VerifyCheck::Warn,
                    Text::tr("AEM %1; %2 is the latest service pack bpsetup knows of for %3.")
                        .arg(v.toString(), latest.toString(), line),
                    Text::tr("Adobe's prerequisite for Brand Portal is the latest service pack: plan the "
                             "update to %1 or later.")
                        .arg(latest.toString()));
    return make(id, VerifyCheck::Pass, Text::tr("AEM %1.").arg(v.toString()));
}

DiagnoseCheck oauthCheck(const AemInstance &instance)
{
    const QString id = QStringLiteral("oauth-support");
    const QString v = instance.version.toString();
    switch (instance.oauthSupport) {
    case OAuthSupport::Native:
        return make(id, VerifyCheck::Pass,
                    Text::tr("%1 supports OAuth Server-to-Server IMS configurations natively.").arg(v));
    case OAuthSupport::HotfixInstalled:
        return make(id, VerifyCheck::Pass,
                    Text::tr("%1 with %2 installed.").arg(v, AdobePolicy::oauthHotfixPackageFile()));
    case OAuthSupport::HotfixRequired:
        return make(id, VerifyCheck::Fail,
                    Text::tr("%1 needs the OAuth compatibility hotfix %2, which is not installed%3.")
                        .arg(v, AdobePolicy::oauthHotfixPackageFile(),
                             instance.packageListReadable ? QString()
                                                          : Text::tr(" (the package list was not readable)")),
                    Text::tr("Install %1 from Adobe's Software Distribution (bpsetup apply "
                             "--hotfix-package FILE does it as the plan's first step), or update to "
                             "6.5.21.0 or later.")
                        .arg(AdobePolicy::oauthHotfixPackageFile()));
    case OAuthSupport::NotAvailable:
        return make(id, VerifyCheck::Fail,
                    Text::tr("%1 has no OAuth Server-to-Server support (it starts with 6.5.11.0 and the "
                             "hotfix).")
                        .arg(v),
                    Text::tr("Install service pack 6.5.21.0 or later (or 6.5.11.0 or later with %1).")
                        .arg(AdobePolicy::oauthHotfixPackageFile()));
    case OAuthSupport::Unknown:
        break;
    }
    if (instance.deployment() == Deployment::CloudService)
        return make(id, VerifyCheck::Pass, Text::tr("AEM as a Cloud Service: OAuth through Cloud Manager."));
    return make(id, VerifyCheck::Skip, Text::tr("Unknown: the AEM version was not read."));
}

DiagnoseCheck stateCheck(const AemInstance &instance)
{
    const QString id = QStringLiteral("config-state");
    const bool cloud = instance.deployment() == Deployment::CloudService;
    switch (instance.state) {
    case ConfigState::OAuthS2S:
        return make(id, VerifyCheck::Pass,
                    Text::tr("OAuth Server-to-Server (tenant %1).").arg(instance.tenant));
    case ConfigState::None:
        return make(id, VerifyCheck::Warn,
                    cloud ? Text::tr("Not activated: no Brand Portal configuration.")
                          : Text::tr("No Brand Portal configuration."),
                    cloud ? Text::tr("Activate Brand Portal in Cloud Manager (bpsetup verify shows the "
                                     "checklist).")
                          : Text::tr("Create it with bpsetup plan and bpsetup apply, with an OAuth "
                                     "Server-to-Server credential from Adobe Developer Console."));
    case ConfigState::LegacyGateway:
        return make(id, VerifyCheck::Fail,
                    Text::tr("Legacy OAuth Gateway (tenant %1): the gateway endpoint it uses is gone, so "
                             "publishing to Brand Portal fails.")
                        .arg(instance.tenant),
                    Text::tr("Upgrade to OAuth Server-to-Server: bpsetup plan, then bpsetup apply, with an "
                             "OAuth Server-to-Server credential (the wizard's Upgrade)."));
    case ConfigState::DevConsoleJwt:
        return make(id, VerifyCheck::Fail,
                    Text::tr("Developer Console JWT (tenant %1): JWT token exchange stopped working when "
                             "Adobe converted the credentials on %2.")
                        .arg(instance.tenant, QLocale::c().toString(AdobePolicy::jwtAutoConversion(),
                                                                    QStringLiteral("yyyy-MM-dd"))),
                    Text::tr("Upgrade to OAuth Server-to-Server: download the converted credential of the "
                             "same project from Developer Console, then bpsetup plan and bpsetup apply "
                             "(the wizard's Upgrade)."));
    case ConfigState::Broken:
        return make(id, VerifyCheck::Fail,
                    Text::tr("Broken: %1").arg(instance.problemTexts().join(QStringLiteral(" "))),
                    Text::tr("Adobe's remedy is delete and recreate: bpsetup apply does it (the wizard's "
                             "Upgrade), with a backup and rollback."));
    case ConfigState::Unknown:
        break;
    }
    return make(id, VerifyCheck::Skip, Text::tr("Unknown: the configuration could not be read."));
}

DiagnoseCheck singleImsCheck(const AemInstance &instance, const DetectionRecipe &detect)
{
    const QString id = QStringLiteral("ims-config-single");
    if (instance.deployment() == Deployment::CloudService)
        return make(id, VerifyCheck::Skip,
                    Text::tr("IMS configurations made by activation are %1.").arg(notReadableOnCloud()));
    if (instance.imsConfigs.size() <= 1)
        return make(
            id, VerifyCheck::Pass,
            Text::tr("%n Brand Portal IMS configuration(s) in %1.", nullptr, int(instance.imsConfigs.size()))
                .arg(detect.osgiConfigRoot));
    QStringList list;
    for (const ImsConfigInfo &ims : instance.imsConfigs)
        list << QStringLiteral("%1 (client %2, %3)")
                    .arg(ims.filePath, ims.clientId,
                         ims.oauthMode ? QStringLiteral("OAuth")
                         : ims.jwtMode ? QStringLiteral("JWT")
                                       : Text::tr("incomplete"));
    return make(id, VerifyCheck::Fail,
                Text::tr("%n Brand Portal IMS configurations: %1. Adobe allows exactly one per tenant.",
                         nullptr, int(instance.imsConfigs.size()))
                    .arg(list.join(QStringLiteral("; "))),
                Text::tr("Keep the one the cloud configuration names and delete the others (bpsetup apply "
                         "removes them, with a backup)."));
}

// The IMS provider factory configuration's own part of a PID, without separators: files and Configuration
// Admin write the same configuration as <factory>.<suffix>, <factory>-<suffix> or <factory>~<suffix>.
QString pidKey(const QString &pid, const QString &factoryPid)
{
    QString suffix =
        pid.startsWith(factoryPid) ? pid.mid(factoryPid.size()) : pid.section(QLatin1Char('.'), -1);
    suffix.remove(QLatin1Char('.')).remove(QLatin1Char('-')).remove(QLatin1Char('~'));
    return suffix;
}

bool referencedByCloudConfig(const AemInstance &instance, const QString &pid, const QString &factoryPid)
{
    return std::any_of(
        instance.cloudConfigs.begin(), instance.cloudConfigs.end(), [&](const CloudConfigInfo &c) {
            return !c.imsConfigPid.isEmpty() && pidKey(c.imsConfigPid, factoryPid) == pidKey(pid, factoryPid);
        });
}

// A configuration made in the Felix console may live only in Configuration Admin, and a file under
// /apps/system/config the installer skipped is in the repository but not in use: both escape a check that
// reads the repository only (the IMS configuration health item).
DiagnoseCheck configAdminCheck(const AemInstance &instance, const DetectionRecipe &detect,
                               const ApplyRecipe &recipe, const DiagnoseFacts &facts)
{
    const QString id = QStringLiteral("ims-config-active");
    if (instance.deployment() == Deployment::CloudService)
        return make(id, VerifyCheck::Skip,
                    Text::tr("The Felix console's Configuration Admin is %1.").arg(notReadableOnCloud()));
    if (!facts.configAdminRead)
        return make(id, VerifyCheck::Skip, Text::tr("Configuration Admin was not read."));
    if (!facts.configAdminReadable)
        return make(id, VerifyCheck::Skip,
                    Text::tr("Configuration Admin could not be read at %1 (%2), so the IMS configurations "
                             "were read from %3 only. The cross-check needs a user who may open the Felix "
                             "console.")
                        .arg(facts.configAdminPath,
                             facts.configAdminStatus ? httpStatusText(facts.configAdminStatus)
                                                     : Text::tr("no answer"),
                             detect.osgiConfigRoot));
    const QString factory = recipe.text(QStringLiteral("providerFactoryPid"));
    const QString clientIdKey = QStringLiteral("auth.token.provider.client.id");
    QList<bool> matched(facts.configAdmin.size(), false);
    QStringList active, inactiveUsed, inactiveUnused, differing, consoleOnly;
    for (const ImsConfigInfo &file : instance.imsConfigs) {
        qsizetype found = -1;
        for (qsizetype i = 0; i < facts.configAdmin.size() && found < 0; ++i) {
            if (!matched[i] && pidKey(facts.configAdmin[i].pid, factory) == pidKey(file.pid, factory))
                found = i;
        }
        // Sling's installer may give a file's configuration a generated PID: the client id still tells.
        for (qsizetype i = 0; i < facts.configAdmin.size() && found < 0 && !file.clientId.isEmpty(); ++i) {
            if (!matched[i] && facts.configAdmin[i].value(clientIdKey) == file.clientId)
                found = i;
        }
        if (found < 0) {
            (referencedByCloudConfig(instance, file.pid, factory) ? inactiveUsed : inactiveUnused)
                << file.filePath;
            continue;
        }
        matched[found] = true;
        const AemReads::ConfigAdminEntry &entry = facts.configAdmin[found];
        QStringList diffs;
        for (const auto &[key, inFile] :
             {std::pair{clientIdKey, file.clientId},
              std::pair{QStringLiteral("auth.token.provider.scope"), file.scope},
              std::pair{QStringLiteral("auth.access.token.request"), file.tokenRequestUrl}}) {
            if (entry.properties.contains(key) && entry.value(key) != inFile)
                diffs << Text::tr("%1 is %2 in the file, %3 in use").arg(key, inFile, entry.value(key));
        }
        if (diffs.isEmpty())
            active << QStringLiteral("%1 (%2)").arg(file.filePath, entry.pid);
        else
            differing << QStringLiteral("%1 (%2: %3)")
                             .arg(file.filePath, entry.pid, diffs.join(QStringLiteral("; ")));
    }
    for (qsizetype i = 0; i < facts.configAdmin.size(); ++i) {
        const AemReads::ConfigAdminEntry &e = facts.configAdmin[i];
        if (matched[i])
            continue;
        const QStringList claims = e.properties.value(QStringLiteral("auth.token.provider.default.claims"));
        const bool metascope = std::any_of(claims.begin(), claims.end(), [&](const QString &claim) {
            return claim.contains(detect.bpMetascope);
        });
        const bool referenced = referencedByCloudConfig(instance, e.pid, factory);
        if (metascope || referenced)
            consoleOnly << (referenced ? Text::tr("%1 (client %2, named by the cloud configuration: AEM uses "
                                                  "it although the repository does not hold it)")
                                       : Text::tr("%1 (client %2)"))
                               .arg(e.pid, e.value(clientIdKey));
    }
    const QString where = QStringLiteral("%1 (%2)").arg(facts.configAdminPath).arg(facts.configAdmin.size());
    if (!inactiveUsed.isEmpty())
        return make(id, VerifyCheck::Fail,
                    Text::tr("The IMS configuration the cloud configuration names is in the repository but "
                             "not in Configuration Admin, so AEM does not use it: %1. Configuration Admin: "
                             "%2.")
                        .arg(inactiveUsed.join(QStringLiteral(", ")), where),
                    Text::tr("Look for the file in /system/console/osgi-installer (Sling's installer skips "
                             "files it cannot read or name), fix or remove it, or recreate the configuration "
                             "with bpsetup apply; then diagnose again."));
    QStringList problems;
    if (!inactiveUnused.isEmpty())
        problems << Text::tr("in the repository but not in use: %1")
                        .arg(inactiveUnused.join(QStringLiteral(", ")));
    if (!differing.isEmpty())
        problems << Text::tr("the file and the configuration in use differ: %1")
                        .arg(differing.join(QStringLiteral(", ")));
    if (!consoleOnly.isEmpty())
        problems << Text::tr("only in Configuration Admin, not under %1, so detection, content packages and "
                             "bpsetup backups do not see it: %2")
                        .arg(detect.osgiConfigRoot, consoleOnly.join(QStringLiteral(", ")));
    if (!problems.isEmpty())
        return make(id, VerifyCheck::Warn,
                    Text::tr("Brand Portal IMS configurations %1. Configuration Admin: %2.")
                        .arg(problems.join(QStringLiteral("; ")), where),
                    Text::tr("Keep exactly one Brand Portal IMS configuration, saved in the repository: save "
                             "it again in Tools › Security › Adobe IMS Configurations (AEM writes it under "
                             "%1) or recreate it with bpsetup apply, and delete the others in "
                             "/system/console/configMgr.")
                        .arg(detect.osgiConfigRoot));
    if (active.isEmpty())
        return make(
            id, VerifyCheck::Pass,
            Text::tr("Neither %1 nor Configuration Admin (%2) holds a Brand Portal IMS configuration.")
                .arg(detect.osgiConfigRoot, facts.configAdminPath));
    return make(id, VerifyCheck::Pass,
                Text::tr("In use as in the repository: %1. Configuration Admin: %2.")
                    .arg(active.join(QStringLiteral(", ")), where));
}

DiagnoseCheck leftoversCheck(const AemInstance &instance)
{
    const QString id = QStringLiteral("leftovers");
    if (instance.state == ConfigState::LegacyGateway || instance.state == ConfigState::None)
        return make(id, VerifyCheck::Pass, Text::tr("No second configuration beside the one found."));
    QStringList left;
    for (const CloudConfigInfo &c : instance.cloudConfigs) {
        if (c.legacy)
            left << c.path;
    }
    left << instance.legacyUserPaths;
    for (const ReplicationAgentInfo &a : instance.brandPortalAgents) {
        if (a.name.startsWith(QLatin1String("mp_replication")))
            left << a.path;
    }
    if (left.isEmpty())
        return make(id, VerifyCheck::Pass,
                    Text::tr("No Legacy OAuth Gateway objects beside the configuration."));
    return make(
        id, VerifyCheck::Warn,
        Text::tr("Legacy OAuth Gateway objects beside the current configuration: %1.")
            .arg(left.join(QStringLiteral(", "))),
        Text::tr("Delete them after checking their queues are empty (Adobe's upgrade order; bpsetup apply "
                 "does it with a backup): they hold an old key and can take publishing jobs."));
}

DiagnoseCheck tenantUrlCheck(const AemInstance &instance)
{
    const QString id = QStringLiteral("tenant-url");
    QStringList good, bad;
    QString remedy;
    for (const CloudConfigInfo &c : instance.cloudConfigs) {
        if (c.tenantUrl.isEmpty())
            continue;
        const Result<TenantUrl> parsed = parseTenantUrl(c.tenantUrl);
        if (parsed)
            good << QStringLiteral("%1: %2").arg(c.path, c.tenantUrl);
        else {
            bad << QStringLiteral("%1: %2 (%3)").arg(c.path, c.tenantUrl, parsed.error().userMessage);
            remedy = parsed.error().remedy;
        }
    }
    if (good.isEmpty() && bad.isEmpty())
        return make(id, VerifyCheck::Skip, Text::tr("No Brand Portal cloud configuration names a tenant."));
    if (!bad.isEmpty())
        return make(id, VerifyCheck::Fail, bad.join(QStringLiteral("; ")),
                    remedy.isEmpty()
                        ? Text::tr("Use https://<tenant-id>.brand-portal.adobe.com, the tenant-id "
                                   "URL (not an alias or a download host).")
                        : remedy);
    return make(id, VerifyCheck::Pass, good.join(QStringLiteral("; ")));
}

QList<DiagnoseCheck> agentChecks(const AemInstance &instance, const AemSnapshot &snapshot,
                                 const DetectionRecipe &detect, const ApplyRecipe &recipe)
{
    const QString enabledId = QStringLiteral("agents-enabled");
    const QString closeId = QStringLiteral("agents-close-connection");
    if (instance.deployment() == Deployment::CloudService) {
        const QString why = Text::tr("AEM as a Cloud Service publishes through the distribution agent, not "
                                     "replication agents.");
        return {make(enabledId, VerifyCheck::Skip, why), make(closeId, VerifyCheck::Skip, why)};
    }
    if (instance.brandPortalAgents.isEmpty()) {
        const QString why = Text::tr("No Brand Portal replication agent in %1.").arg(detect.agentsRoot);
        return {make(enabledId, VerifyCheck::Skip, why), make(closeId, VerifyCheck::Skip, why)};
    }
    QStringList disabled, open, all;
    const QStringList names = recipe.list(QStringLiteral("closeConnectionProperties"));
    for (const auto &[path, content] : agentContents(instance, snapshot, detect)) {
        all << path;
        if (!truthy(content.value(QStringLiteral("enabled"))))
            disabled << path;
        const bool closes = std::any_of(names.begin(), names.end(),
                                        [&content](const QString &n) { return truthy(content.value(n)); });
        if (!closes)
            open << path;
    }
    QList<DiagnoseCheck> out;
    if (disabled.isEmpty())
        out << make(enabledId, VerifyCheck::Pass,
                    Text::tr("All %n agent(s) enabled: %1.", nullptr, int(all.size()))
                        .arg(all.join(QStringLiteral(", "))));
    else
        out << make(
            enabledId, VerifyCheck::Fail, Text::tr("Disabled: %1.").arg(disabled.join(QStringLiteral(", "))),
            Text::tr("Enable them (Tools › Deployment › Replication › the agent › Edit › Enabled): the "
                     "Brand Portal agents share the publishing jobs. Do not disable an agent to stop "
                     "failures; fix the cause."));
    if (open.isEmpty())
        out << make(closeId, VerifyCheck::Pass,
                    Text::tr("Close Connection is set on all %n agent(s).", nullptr, int(all.size())));
    else
        out << make(
            closeId, VerifyCheck::Warn,
            Text::tr("Close Connection is not set on %1 (%2 read).")
                .arg(open.join(QStringLiteral(", ")), names.join(QLatin1Char('/'))),
            Text::tr("Tick Extended › Close Connection on every Brand Portal agent (bpsetup apply sets "
                     "it): without it, Test Connection and publishing time out under load."));
    return out;
}

// A 403, or a 404 that is neither Sling's own "no resource" page nor a servlet's JSON, on a path the checks
// read: something in front of AEM (a dispatcher, a proxy) filters it, and the checks that need it cannot tell
// the truth.
DiagnoseCheck dispatcherCheck(const AemSnapshot &snapshot, const ApplyRecipe &recipe)
{
    const QString id = QStringLiteral("dispatcher");
    const QRegularExpression sling(recipe.text(QStringLiteral("slingNotFoundPattern")));
    QStringList blocked;
    for (auto it = snapshot.answers.constBegin(); it != snapshot.answers.constEnd(); ++it) {
        const int status = it.value().status();
        const QString body = QString::fromUtf8(it.value().response.body.left(4096));
        // A JSON answer came from an AEM servlet (the distribution servlet's "agent not found"), not from a
        // filter in front of it.
        bool json = false;
        for (const auto &[name, value] : it.value().response.headers)
            json |= name.compare("Content-Type", Qt::CaseInsensitive) == 0 && value.contains("json");
        if (!json && (status == 403 || (status == 404 && !sling.match(body).hasMatch())))
            blocked << QStringLiteral("%1 (%2)").arg(it.key(), httpStatusText(status));
    }
    if (blocked.isEmpty())
        return make(id, VerifyCheck::Pass,
                    Text::tr("Every path detection read was answered by AEM itself (%n path(s)).", nullptr,
                             int(snapshot.answers.size())));
    return make(
        id, VerifyCheck::Warn,
        Text::tr("Answered by something in front of AEM, not by AEM: %1.")
            .arg(blocked.join(QStringLiteral(", "))),
        Text::tr("Run bpsetup against the author directly (for example port 4502, not through the "
                 "dispatcher), or allow these paths for administrators in the dispatcher filters; the "
                 "checks that need them cannot see the real state otherwise."));
}

DiagnoseCheck authorCheck(const AemInstance &instance, const DiagnoseFacts &facts)
{
    const QString id = QStringLiteral("author-instance");
    if (instance.deployment() == Deployment::CloudService)
        return make(
            id, VerifyCheck::Skip,
            Text::tr("The run modes are %1 (the Felix console is not exposed).").arg(notReadableOnCloud()));
    if (!facts.runModesRead || !facts.runModesReadable)
        return make(id, VerifyCheck::Skip,
                    Text::tr("The run modes could not be read (%1): the Felix console is blocked or not "
                             "allowed for this user.")
                        .arg(facts.runModesPath));
    const QString list = facts.runModes.join(QStringLiteral(", "));
    if (facts.runModes.contains(QStringLiteral("publish")))
        return make(id, VerifyCheck::Fail, Text::tr("Run modes %1: this is a publish instance.").arg(list),
                    Text::tr("Brand Portal is configured on the author: connect to the author instance."));
    if (!facts.runModes.contains(QStringLiteral("author")))
        return make(id, VerifyCheck::Warn, Text::tr("Run modes %1: neither author nor publish.").arg(list));
    return make(id, VerifyCheck::Pass, Text::tr("Run modes %1.").arg(list));
}

DiagnoseCheck keystoreCheck(const DiagnoseFacts &facts)
{
    const QString id = QStringLiteral("keystore-certificates");
    if (!facts.keystoresRelevant)
        return make(
            id, VerifyCheck::Skip,
            Text::tr("Only JWT and Legacy OAuth Gateway setups sign with a key from a keystore; OAuth "
                     "Server-to-Server uses none."));
    QStringList expired, soon, fine, unknown;
    for (const KeystoreFacts &k : facts.keystores) {
        if (!k.readable) {
            unknown << Text::tr("%1: keystore not readable").arg(k.userPath);
            continue;
        }
        for (const auto &[alias, notAfter] : k.aliases) {
            const QString line = QStringLiteral("%1 (%2)").arg(alias, k.userPath);
            if (!notAfter.isValid()) {
                unknown << Text::tr("%1: no expiry date").arg(line);
                continue;
            }
            const qint64 days = facts.localTime.daysTo(notAfter);
            const QString date = CertificateInfo::displayTime(notAfter);
            if (days < 0)
                expired << Text::tr("%1 expired on %2").arg(line, date);
            else if (days < 30)
                soon << Text::tr("%1 expires on %2 (in %n day(s))", nullptr, int(days)).arg(line, date);
            else
                fine << Text::tr("%1 valid until %2").arg(line, date);
        }
    }
    unknown << facts.keystoreProblems;
    const QString all = QStringList(expired + soon + fine + unknown).join(QStringLiteral("; "));
    if (expired.isEmpty() && soon.isEmpty() && fine.isEmpty())
        return make(id, VerifyCheck::Skip,
                    all.isEmpty() ? Text::tr("No keystore with a key was found.") : all);
    const QString remedy =
        Text::tr("The key signs the JWT (or the gateway login) and must be valid; the lasting fix "
                 "is the upgrade to OAuth Server-to-Server, which needs no key (bpsetup apply, "
                 "the wizard's Upgrade).");
    if (!expired.isEmpty())
        return make(id, VerifyCheck::Fail, all, remedy);
    if (!soon.isEmpty())
        return make(id, VerifyCheck::Warn, all, remedy);
    return make(id, VerifyCheck::Pass, all);
}

DiagnoseCheck clockCheck(const DiagnoseFacts &facts)
{
    const QString id = QStringLiteral("clock-skew");
    if (!facts.aemDate.isValid())
        return make(id, VerifyCheck::Skip, Text::tr("No answer from AEM carried a Date header."));
    const qint64 skew = facts.localTime.secsTo(facts.aemDate); // > 0: AEM ahead
    const QString text = Text::tr("AEM's clock (Date header %1) differs from this machine's by %n second(s).",
                                  nullptr, int(qAbs(skew)))
                             .arg(facts.aemDate.toString(Qt::ISODate));
    if (!AdobePolicy::clockSkewMatters(skew))
        return make(id, VerifyCheck::Pass, text);
    return make(id, VerifyCheck::Warn, text,
                Text::tr("Synchronise the clocks with NTP (on the AEM host and here): Adobe IMS rejects "
                         "tokens and JWTs for time differences beyond about a minute."));
}

DiagnoseCheck proxyCheck(const AemInstance &instance, const DetectionRecipe &detect,
                         const AemSnapshot &snapshot, const DiagnoseFacts &facts)
{
    const QString id = QStringLiteral("proxy");
    QStringList parts;
    parts << (facts.proxy.isEmpty() ? Text::tr("bpsetup reached AEM without a proxy.")
                                    : Text::tr("bpsetup reached AEM through the proxy %1.").arg(facts.proxy));
    // AEM's own outbound proxy (to IMS and Brand Portal): the Apache HTTP Components proxy configurator
    // (failure mode 19; PID seen in public code).
    const SnapshotAnswer *osgi = snapshot.find(detect.osgiConfigRoot + QStringLiteral(".1.json"));
    if (instance.deployment() != Deployment::CloudService && osgi && osgi->isOk()) {
        const QJsonObject root = QJsonDocument::fromJson(osgi->response.body).object();
        QStringList found;
        for (auto it = root.begin(); it != root.end(); ++it) {
            if (it.key().startsWith(QLatin1String("org.apache.http.proxyconfigurator")))
                found << detect.osgiConfigRoot + QLatin1Char('/') + it.key();
        }
        parts << (found.isEmpty()
                      ? Text::tr("AEM has no outbound proxy configured in %1.").arg(detect.osgiConfigRoot)
                      : Text::tr("AEM's outbound proxy is configured in %1; IMS and Brand Portal must be "
                                 "allowed through it.")
                            .arg(found.join(QStringLiteral(", "))));
    }
    return make(id, VerifyCheck::Pass, parts.join(QLatin1Char(' ')));
}

} // namespace

QJsonObject DiagnoseCheck::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("status"), verifyStatusId(status)},
            {QStringLiteral("severity"), severityId(severity)},
            {QStringLiteral("title"), title},
            {QStringLiteral("evidence"), evidence},
            {QStringLiteral("remedy"), remedy}};
}

QList<DiagnoseCheckInfo> DiagnoseCatalogue::all()
{
    return {
        {QStringLiteral("aem-reachable"), Severity::Error, tr("AEM reachable"), false},
        {QStringLiteral("dispatcher"), Severity::Warning, tr("Paths the checks need are not blocked"), false},
        {QStringLiteral("author-instance"), Severity::Error, tr("Author instance"), false},
        {QStringLiteral("aem-version"), Severity::Warning, tr("AEM version and service pack"), false},
        {QStringLiteral("oauth-support"), Severity::Error, tr("OAuth Server-to-Server support"), false},
        {QStringLiteral("config-state"), Severity::Error, tr("Configuration state"), false},
        {QStringLiteral("ims-config"), Severity::Error, tr("IMS configuration"), false},
        {QStringLiteral("ims-config-single"), Severity::Error, tr("One Brand Portal IMS configuration"),
         false},
        {QStringLiteral("ims-config-active"), Severity::Error,
         tr("IMS configuration in use (Configuration Admin)"), false},
        {QStringLiteral("cloud-config"), Severity::Error, tr("Brand Portal cloud configuration"), false},
        {QStringLiteral("tenant-url"), Severity::Error, tr("Tenant URL"), false},
        {QStringLiteral("tenant-single-author"), Severity::Warning, tr("One author per tenant"), false},
        {QStringLiteral("leftovers"), Severity::Warning, tr("Leftovers of an old setup"), false},
        {QStringLiteral("agents-enabled"), Severity::Error, tr("Replication agents enabled"), false},
        {QStringLiteral("agents-close-connection"), Severity::Warning, tr("Close Connection on the agents"),
         false},
        {QStringLiteral("agents"), Severity::Error, tr("Replication agents (Test Connection)"), true},
        {QStringLiteral("queues"), Severity::Error, tr("Replication queues"), false},
        {QStringLiteral("distribution-agent"), Severity::Error, tr("Distribution agent (Cloud Service)"),
         false},
        {QStringLiteral("distribution-queues"), Severity::Error, tr("Distribution queues (Cloud Service)"),
         false},
        {QStringLiteral("distribution-test"), Severity::Error, tr("Distribution agent Test Connection"),
         true},
        {QStringLiteral("keystore-certificates"), Severity::Warning, tr("Keystore certificates"), false},
        {QStringLiteral("clock-skew"), Severity::Warning, tr("Clock difference to AEM"), false},
        {QStringLiteral("proxy"), Severity::Info, tr("Proxy"), false},
    };
}

std::optional<DiagnoseCheckInfo> DiagnoseCatalogue::find(const QString &id)
{
    for (const DiagnoseCheckInfo &i : all()) {
        if (i.id == id)
            return i;
    }
    return std::nullopt;
}

bool DiagnoseReport::ok() const
{
    return failing().isEmpty();
}

const DiagnoseCheck *DiagnoseReport::check(const QString &id) const
{
    for (const DiagnoseCheck &c : checks) {
        if (c.id == id)
            return &c;
    }
    return nullptr;
}

QStringList DiagnoseReport::failing() const
{
    QStringList out;
    for (const DiagnoseCheck &c : checks) {
        if (c.status == VerifyCheck::Fail)
            out << c.id;
    }
    return out;
}

QJsonObject DiagnoseReport::toJson() const
{
    QJsonArray list;
    for (const DiagnoseCheck &c : checks)
        list.append(c.toJson());
    return {{QStringLiteral("ok"), ok()},
            {QStringLiteral("aemUrl"), aemUrl},
            {QStringLiteral("deployment"), deploymentId(deployment)},
            {QStringLiteral("version"), version},
            {QStringLiteral("state"), configStateId(state)},
            {QStringLiteral("tenant"), tenant},
            {QStringLiteral("oauthSupport"), oauthSupport},
            {QStringLiteral("durationMs"), durationMs},
            {QStringLiteral("toolVersion"), toolVersion},
            {QStringLiteral("checks"), list}};
}

QDateTime DiagnoseRules::serverDate(const AemSnapshot &snapshot)
{
    for (const SnapshotAnswer &a : snapshot.answers) {
        for (const auto &[name, value] : a.response.headers) {
            if (name.compare("Date", Qt::CaseInsensitive) != 0)
                continue;
            // RFC 7231 IMF-fixdate, always English.
            const QDateTime t = QLocale::c().toDateTime(QString::fromLatin1(value).trimmed().chopped(4),
                                                        QStringLiteral("ddd, dd MMM yyyy HH:mm:ss"));
            if (t.isValid())
                return QDateTime(t.date(), t.time(), Qt::UTC);
        }
    }
    return {};
}

QList<DiagnoseCheck> DiagnoseRules::evaluate(const AemInstance &instance, const AemSnapshot &snapshot,
                                             const DetectionRecipe &detect, const ApplyRecipe &recipe,
                                             const DiagnoseFacts &facts)
{
    QList<DiagnoseCheck> out;
    out << make(QStringLiteral("aem-reachable"), VerifyCheck::Pass,
                Text::tr("%1 answered %n request(s) of detection.", nullptr, instance.requestCount)
                    .arg(instance.baseUrl.toString(QUrl::RemoveUserInfo)));
    out << dispatcherCheck(snapshot, recipe);
    out << authorCheck(instance, facts) << versionCheck(instance, recipe) << oauthCheck(instance)
        << stateCheck(instance) << singleImsCheck(instance, detect)
        << configAdminCheck(instance, detect, recipe, facts) << tenantUrlCheck(instance)
        << leftoversCheck(instance);
    out << agentChecks(instance, snapshot, detect, recipe);
    out << make(
        QStringLiteral("tenant-single-author"), VerifyCheck::Skip,
        Text::tr("Checked across instances in fleet runs (bpsetup diagnose --inventory): a tenant paired "
                 "with several authors (stage and production) loses contributed assets to whichever "
                 "polls first."));
    out << keystoreCheck(facts);
    out << clockCheck(facts) << proxyCheck(instance, detect, snapshot, facts);
    return out;
}

DiagnoseTask::DiagnoseTask(AemConnection connection, Clock &clock, Options options, QObject *parent)
    : Task(parent), m_connection(std::move(connection)), m_clock(clock), m_options(std::move(options))
{
}

DiagnoseTask::~DiagnoseTask()
{
    if (m_current)
        m_current->cancel();
}

int DiagnoseTask::requestCount() const
{
    return (m_verify ? m_verify->requestCount() : 0) + (m_client ? m_client->requestCount() : 0);
}

int DiagnoseTask::writeCount() const
{
    return (m_verify ? m_verify->writeCount() : 0) + (m_client ? m_client->writeCount() : 0);
}

void DiagnoseTask::run()
{
    m_startedMs = m_clock.monotonicMs();
    m_verify = std::make_unique<VerifyTask>(m_connection, m_clock);
    m_verify->setDetectionRecipe(m_options.detect);
    m_verify->setApplyRecipe(m_options.recipe);
    m_verify->setManualVersion(m_options.manualVersion);
    m_verify->setRunTests(m_options.runTests);
    connect(m_verify.get(), &Task::progressChanged, this,
            [this](qint64 done, qint64 total, const QString &label) { setProgress(done, total, label); });
    connect(m_verify.get(), &Task::finished, this, &DiagnoseTask::onVerified);
    m_current = m_verify.get();
    m_verify->start();
}

bool DiagnoseTask::abort()
{
    if (m_current)
        m_current->cancel();
    return false;
}

void DiagnoseTask::onVerified()
{
    m_current.clear();
    if (!isRunning())
        return;
    if (!m_verify->succeeded() || !m_verify->detector()) {
        fail(m_verify->error());
        return;
    }
    const AemInstance &instance = m_verify->detector()->result().value();
    m_facts.aemDate = DiagnoseRules::serverDate(m_verify->detector()->snapshot());
    m_facts.localTime = m_clock.nowUtc();
    m_facts.proxy =
        m_connection.network.proxyUrl == QLatin1String("none") ? QString() : m_connection.network.proxyUrl;
    m_facts.runModesPath = m_options.recipe.text(QStringLiteral("runModesPath"));
    if (instance.deployment() == Deployment::CloudService) {
        finish();
        return;
    }
    // The run modes (author or publish), where the Felix console lets this user read them. Read-only: the
    // client refuses any write.
    Result<std::unique_ptr<HttpClient>> client = makeAemClient(m_connection, WritePolicy::Refuse, m_clock);
    if (!client) {
        fail(client.error());
        return;
    }
    m_client = std::move(client.value());
    QUrl url = m_connection.baseUrl;
    url.setPath(m_facts.runModesPath);
    read(url, [this](HttpJob *job) {
        m_facts.runModesRead = true;
        if (job->succeeded())
            m_facts.runModes = AemReads::runModes(m_options.recipe, job->response().status,
                                                  job->response().body, &m_facts.runModesReadable);
        readConfigAdmin();
    });
}

void DiagnoseTask::read(const QUrl &url, std::function<void(HttpJob *)> then)
{
    HttpJob *job = m_client->get(url);
    m_current = job;
    connect(job, &Task::finished, this, [this, job, then = std::move(then)] {
        m_current.clear();
        job->deleteLater();
        if (isRunning())
            then(job);
    });
    job->start();
}

void DiagnoseTask::readConfigAdmin()
{
    m_facts.configAdminPath = AemReads::configAdminListPath(m_options.recipe);
    // The path holds an OSGi filter: its parentheses and '=' are kept as they are (Felix reads the path).
    const QUrl url(m_connection.baseUrl.toString(QUrl::StripTrailingSlash) + m_facts.configAdminPath);
    read(url, [this](HttpJob *job) {
        m_facts.configAdminRead = true;
        if (job->succeeded()) {
            m_facts.configAdminStatus = job->response().status;
            bool ok = false;
            if (job->response().status == 200)
                m_facts.configAdmin = AemReads::configAdminEntries(job->response().body, &ok);
            m_facts.configAdminReadable = ok;
        }
        readKeystores();
    });
}

void DiagnoseTask::readKeystores()
{
    const AemInstance &instance = m_verify->detector()->result().value();
    m_facts.keystoresRelevant =
        instance.state == ConfigState::LegacyGateway || instance.state == ConfigState::DevConsoleJwt;
    if (!m_facts.keystoresRelevant) {
        finish();
        return;
    }
    // Legacy: the replication users detection found. JWT: the service user, found by authorizable id (its
    // home path is not documented).
    auto paths = std::make_shared<QStringList>(instance.legacyUserPaths);
    auto ids =
        std::make_shared<QStringList>(instance.state == ConfigState::DevConsoleJwt
                                          ? m_options.recipe.list(QStringLiteral("jwtKeyServiceUserIds"))
                                          : QStringList());
    // One read after another (a handful at most), each answer deciding the next; the step function lives
    // in the task, so nothing here owns itself.
    m_keystoreStep = [this, paths, ids] {
        if (!isRunning())
            return;
        QUrl url = m_connection.baseUrl;
        if (!ids->isEmpty()) {
            const QString id = ids->takeFirst();
            url = QUrl(m_connection.baseUrl.toString(QUrl::StripTrailingSlash) +
                       AemReads::authorizableQuery(m_options.recipe, id));
            read(url, [this, paths, id](HttpJob *job) {
                bool ok = false;
                const QStringList found = job->succeeded() && job->response().status == 200
                                              ? AemReads::authorizablePaths(job->response().body, &ok)
                                              : QStringList();
                if (ok) {
                    *paths << found;
                } else {
                    m_facts.keystoreProblems
                        << Text::tr("the user %1 could not be looked up (%2)")
                               .arg(id, job->succeeded() ? httpStatusText(job->response().status)
                                                         : job->error().userMessage);
                }
                m_keystoreStep();
            });
            return;
        }
        if (paths->isEmpty()) {
            finish();
            return;
        }
        const QString user = paths->takeFirst();
        url.setPath(user + m_options.recipe.text(QStringLiteral("keystoreReadSuffix")));
        read(url, [this, user](HttpJob *job) {
            KeystoreFacts k;
            k.userPath = user;
            k.readable = job->succeeded() && (job->response().status == 200 || job->response().status == 404);
            if (job->succeeded() && job->response().status == 200) {
                bool ok = false;
                for (const AemReads::KeystoreAlias &a : AemReads::keystoreAliases(
                         job->response().body, m_options.recipe.text(QStringLiteral("keystoreExpiryField")),
                         &ok))
                    k.aliases << QPair<QString, QDateTime>(a.alias, a.notAfter);
            }
            m_facts.keystores << k;
            m_keystoreStep();
        });
    };
    m_keystoreStep();
}

void DiagnoseTask::finish()
{
    const AemInstance &instance = m_verify->detector()->result().value();
    const VerifyReport &verified = m_verify->report();
    QList<DiagnoseCheck> found = DiagnoseRules::evaluate(instance, m_verify->detector()->snapshot(),
                                                         m_options.detect, m_options.recipe, m_facts);
    for (const VerifyCheck &v : verified.checks) {
        DiagnoseCheck c = make(v.id, v.status, v.evidence, v.remedy);
        if (c.title.isEmpty())
            c.title = v.title;
        found << c;
    }
    // Report order is the catalogue's; a check verify did not run for this deployment is left out.
    m_report = DiagnoseReport();
    m_report.aemUrl = m_connection.baseUrl.toString(QUrl::RemoveUserInfo);
    m_report.deployment = instance.deployment();
    m_report.version = instance.version.isValid() ? instance.version.toString() : QString();
    m_report.state = instance.state;
    m_report.tenant = instance.tenant;
    m_report.oauthSupport = oauthSupportId(instance.oauthSupport);
    m_report.toolVersion = QStringLiteral(BPSETUP_VERSION);
    for (const DiagnoseCheckInfo &info : DiagnoseCatalogue::all()) {
        if (!m_options.checks.isEmpty() && !m_options.checks.contains(info.id))
            continue;
        for (const DiagnoseCheck &c : std::as_const(found)) {
            if (c.id == info.id)
                m_report.checks << c;
        }
    }
    m_report.durationMs = m_clock.monotonicMs() - m_startedMs;
    succeed();
}

} // namespace bp
