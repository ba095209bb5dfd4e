// SPDX-License-Identifier: Apache-2.0
#include "sim/SimConfigMgr.h"

#include "sim/SimAemPages.h"
#include "sim/SimForm.h"
#include "sim/SimOsgiConfigWriter.h"
#include "sim/SimRepository.h"
#include "sim/Simulator.h"

#include "aem/AemParsers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>
#include <QUuid>

namespace bp::sim {

namespace {

const QString ConfigFolder = QStringLiteral("/apps/system/config");
const QString ConfigSuffix = QStringLiteral(".config");
const QString BooleanProperty = QStringLiteral("auth.token.provider.reuse.access.token");

// Fields the configuration manager itself reads; a property of the same name is posted as "$name".
const QSet<QString> &controlFields()
{
    static const QSet<QString> fields = {QStringLiteral("apply"),      QStringLiteral("action"),
                                         QStringLiteral("factoryPid"), QStringLiteral("propertylist"),
                                         QStringLiteral("delete"),     QStringLiteral("pid")};
    return fields;
}

QString value(const SimFormList &fields, const QString &name)
{
    for (const auto &f : fields) {
        if (f.first == name)
            return f.second;
    }
    return {};
}

bool has(const SimFormList &fields, const QString &name)
{
    for (const auto &f : fields) {
        if (f.first == name)
            return true;
    }
    return false;
}

SimHttpResponse redirectTo(const QString &pid)
{
    const QByteArray location = "/system/console/configMgr/" + QUrl::toPercentEncoding(pid);
    return SimHttpResponse::html(302, SimAemPages::redirect(location))
        .withHeader(QByteArrayLiteral("Location"), location);
}

// Factory PIDs the simulated instance has configurations of (a .config file named <factory>[.-~]<name>).
const QStringList &factoryPids()
{
    static const QStringList pids = {
        QStringLiteral("com.adobe.granite.auth.oauth.accesstoken.provider"),
        QStringLiteral("com.adobe.granite.auth.ims.impl.IMSAccessTokenRequestCustomizerImpl")};
    return pids;
}

// The configuration Sling's installer makes of a .config file: the dot form is the PID itself (as the
// console writes it back); a dash or tilde names a factory configuration, which the simulator gives the
// OSGi R7 PID <factory>~<name> [I].
SimConfiguration fromFile(const SimNode *file)
{
    SimConfiguration c;
    c.filePath = file->path();
    const QString name = file->name().chopped(ConfigSuffix.size());
    c.pid = name;
    for (const QString &factory : factoryPids()) {
        if (name.size() <= factory.size() + 1 || !name.startsWith(factory))
            continue;
        const QChar separator = name.at(factory.size());
        if (separator == QLatin1Char('.')) {
            c.factoryPid = factory;
        } else if (separator == QLatin1Char('-') || separator == QLatin1Char('~')) {
            c.factoryPid = factory;
            c.pid = factory + QLatin1Char('~') + name.mid(factory.size() + 1);
        }
    }
    c.properties = parsers::parseFelixConfig(SimRepository::fileData(file));
    return c;
}

// One OSGi filter item (attribute=value), as far as the simulator needs one; anything else does not parse
// (Felix then takes the selector as a PID). Felix refuses a filter with '&' (isAllowedPid), so no (&...).
bool parseFilter(const QString &filter, QList<QPair<QString, QString>> *terms)
{
    static const QRegularExpression item(QStringLiteral("^\\(([A-Za-z0-9_.-]+)=([^()*]+)\\)$"));
    const QRegularExpressionMatch m = item.match(filter);
    if (m.hasMatch())
        terms->append({m.captured(1), m.captured(2)});
    return m.hasMatch();
}

bool matchesFilter(const SimConfiguration &c, const QList<QPair<QString, QString>> &terms)
{
    for (const auto &[key, wanted] : terms) {
        const QString actual = key == QLatin1String("service.pid") ? c.pid
                               : key == QLatin1String("service.factoryPid")
                                   ? c.factoryPid
                                   : c.properties.value(key).toString();
        if (actual != wanted)
            return false;
    }
    return true;
}

// One configuration as Felix's printConfigurationJson writes it without a metatype descriptor.
QJsonObject configurationJson(const SimConfiguration &c)
{
    QJsonObject properties;
    for (auto it = c.properties.begin(); it != c.properties.end(); ++it) {
        QJsonObject p{{QStringLiteral("name"), it.key()},
                      {QStringLiteral("optional"), false},
                      {QStringLiteral("is_set"), true},
                      {QStringLiteral("type"), 1}}; // AttributeDefinition.STRING
        if (it.value().typeId() == QMetaType::QStringList)
            p.insert(QStringLiteral("values"), QJsonArray::fromStringList(it.value().toStringList()));
        else
            p.insert(QStringLiteral("value"), it.value().toString());
        properties.insert(it.key(), p);
    }
    QJsonObject o{{QStringLiteral("pid"), c.pid},
                  {QStringLiteral("title"), c.pid},
                  {QStringLiteral("description"),
                   QStringLiteral("This form is automatically generated from existing properties because no "
                                  "property descriptors are available for this configuration.")},
                  {QStringLiteral("properties"), properties},
                  {QStringLiteral("bundleLocation"), QString()},
                  {QStringLiteral("bundle_location"), QJsonValue::Null},
                  {QStringLiteral("service_location"), QString()}};
    if (!c.factoryPid.isEmpty())
        o.insert(QStringLiteral("factoryPid"), c.factoryPid);
    return o;
}

SimHttpResponse badRequest(const QString &reason)
{
    return SimHttpResponse::html(400, SimAemPages::forbidden(reason));
}

} // namespace

const QString SimConfigMgr::PathPrefix = QStringLiteral("/system/console/configMgr/");
const QString SimConfigMgr::TemporaryPid = QStringLiteral("[Temporary PID replaced by real PID upon save]");

SimConfigMgr::SimConfigMgr(SimRepository &repository) : m_repository(repository) {}

void SimConfigMgr::applyFaults(const SimulatorOptions &options)
{
    const bool skip = options.faults.contains(SimFault::InactiveImsConfig);
    const bool consoleOnly = options.faults.contains(SimFault::ConsoleOnlyImsConfig);
    if (!skip && !consoleOnly)
        return;
    const SimNode *folder = m_repository.node(ConfigFolder);
    if (!folder)
        return;
    QStringList consoleOnlyFiles;
    const QList<SimNode *> files = folder->children();
    for (const SimNode *f : files) {
        if (!f->name().endsWith(ConfigSuffix))
            continue;
        const SimConfiguration c = fromFile(f);
        if (c.factoryPid.isEmpty())
            continue;
        const bool provider = c.factoryPid == factoryPids().first();
        if (skip && provider)
            m_skippedFiles.insert(c.filePath);
        if (consoleOnly) {
            consoleOnlyFiles << c.filePath;
            SimConfiguration console = c;
            console.filePath.clear();
            m_consoleOnly << console;
        }
    }
    for (const QString &path : std::as_const(consoleOnlyFiles))
        m_repository.removeNode(path);
}

bool SimConfigMgr::isListRequest(const QString &path)
{
    return path.startsWith(PathPrefix) && path.endsWith(QLatin1String(".json"));
}

QList<SimConfiguration> SimConfigMgr::configurations() const
{
    QList<SimConfiguration> out;
    if (const SimNode *folder = m_repository.node(ConfigFolder)) {
        const QList<SimNode *> files = folder->children();
        for (const SimNode *f : files) {
            if (f->name().endsWith(ConfigSuffix) && !m_skippedFiles.contains(f->path()))
                out << fromFile(f);
        }
    }
    return out << m_consoleOnly;
}

std::optional<SimConfiguration> SimConfigMgr::configuration(const QString &pid) const
{
    const QString wanted = normalizedPid(pid);
    for (const SimConfiguration &c : configurations()) {
        if (!pid.isEmpty() && normalizedPid(c.pid) == wanted)
            return c;
    }
    return std::nullopt;
}

SimHttpResponse SimConfigMgr::list(const QString &path, const SimHttpRequest &request) const
{
    // ConfigManager.doGet: the last path segment without ".json" is a PID, or an OSGi filter when it parses
    // as one; a pidFilter parameter takes the filter's place. An invalid PID is a 400.
    QString pid = path.mid(PathPrefix.size()).chopped(5).section(QLatin1Char('/'), -1);
    QString filter = request.query().queryItemValue(QStringLiteral("pidFilter"), QUrl::FullyDecoded);
    QList<QPair<QString, QString>> terms;
    if (filter.isEmpty() && parseFilter(pid, &terms))
        pid.clear();
    else if (!filter.isEmpty() && !parseFilter(filter, &terms))
        terms.clear();
    static const QString refused = QStringLiteral("&<>\"'");
    for (const QChar c : refused) {
        if (pid.contains(c) || filter.contains(c))
            return badRequest(QStringLiteral("Invalid configuration PID."));
    }
    QJsonArray out;
    for (const SimConfiguration &c : configurations()) {
        if ((pid.isEmpty() || c.pid == pid) && matchesFilter(c, terms))
            out.append(configurationJson(c));
    }
    return SimHttpResponse::json(200, QJsonDocument(out).toJson(QJsonDocument::Compact));
}

QString SimConfigMgr::normalizedPid(const QString &pid)
{
    QString out = pid;
    out.remove(QLatin1Char('.')).remove(QLatin1Char('-')).remove(QLatin1Char('~'));
    return out;
}

SimNode *SimConfigMgr::findConfig(const SimRepository &repository, const QString &pid)
{
    if (pid.isEmpty())
        return nullptr;
    SimNode *folder = repository.node(ConfigFolder);
    if (!folder)
        return nullptr;
    if (SimNode *exact = folder->child(pid + ConfigSuffix))
        return exact;
    const QString wanted = normalizedPid(pid);
    const QList<SimNode *> children = folder->children();
    for (SimNode *c : children) {
        if (c->name().endsWith(ConfigSuffix) &&
            normalizedPid(c->name().chopped(ConfigSuffix.size())) == wanted)
            return c;
    }
    return nullptr;
}

SimHttpResponse SimConfigMgr::post(const QString &path, const SimHttpRequest &request)
{
    const QString requestedPid = path.mid(PathPrefix.size());
    const SimFormList fields = simFormList(request);
    if (requestedPid.isEmpty() || requestedPid.contains(QLatin1Char('/')))
        return badRequest(QStringLiteral("Missing configuration PID."));
    // Felix refuses PIDs with markup characters (domain notes 4.6).
    static const QString refused = QStringLiteral("&<>\"'");
    for (const QChar c : refused) {
        if (requestedPid.contains(c))
            return badRequest(QStringLiteral("Invalid configuration PID."));
    }
    if (value(fields, QStringLiteral("apply")) != QLatin1String("true"))
        return badRequest(QStringLiteral("Only apply=true requests are supported."));

    SimNode *existing = findConfig(m_repository, requestedPid);
    // A console-only configuration that is saved or deleted leaves the console-only list: saving writes it
    // back to the repository like any other, and the installer picks a saved file up again.
    m_consoleOnly.removeIf([&requestedPid](const SimConfiguration &c) {
        return normalizedPid(c.pid) == normalizedPid(requestedPid);
    });
    if (existing)
        m_skippedFiles.remove(existing->path());

    if (value(fields, QStringLiteral("delete")) == QLatin1String("true")) {
        // Felix answers success whether or not the configuration existed.
        if (existing)
            existing->parent()->removeChild(existing->name());
        return SimHttpResponse::json(200, QByteArrayLiteral("{\"status\":true}"));
    }

    if (!has(fields, QStringLiteral("propertylist")))
        return badRequest(QStringLiteral("Missing propertylist."));

    QString pid = requestedPid;
    if (requestedPid == TemporaryPid) {
        const QString factoryPid = value(fields, QStringLiteral("factoryPid"));
        if (factoryPid.isEmpty())
            return badRequest(QStringLiteral("Missing factoryPid."));
        pid = factoryPid + QLatin1Char('.') + QUuid::createUuid().toString(QUuid::WithoutBraces);
        existing = nullptr;
    }

    QStringList listed;
    for (const auto &f : fields) {
        if (f.first != QLatin1String("propertylist"))
            continue;
        const QStringList names = f.second.split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (const QString &n : names) {
            if (!listed.contains(n.trimmed()))
                listed.append(n.trimmed());
        }
    }

    // The values of each listed property: the "$name" fields if any, else (for non-control names) "name".
    const auto valuesOf = [&fields](const QString &name) {
        QStringList prefixed;
        QStringList plain;
        for (const auto &f : fields) {
            if (f.first == QLatin1Char('$') + name)
                prefixed.append(f.second);
            else if (f.first == name)
                plain.append(f.second);
        }
        if (!prefixed.isEmpty() || controlFields().contains(name))
            return prefixed;
        return plain;
    };

    // Properties keep the order posted: the order of each listed name's first field.
    QStringList order;
    for (const auto &f : fields) {
        const bool prefixed = f.first.startsWith(QLatin1Char('$'));
        const QString name = prefixed ? f.first.mid(1) : f.first;
        if (!prefixed && controlFields().contains(name))
            continue;
        if (listed.contains(name) && !order.contains(name) && !valuesOf(name).isEmpty())
            order.append(name);
    }

    SimOsgiConfigWriter writer;
    for (const QString &name : order) {
        const QStringList values = valuesOf(name);
        if (values.size() > 1) {
            writer.stringArray(name, values);
        } else if (name == BooleanProperty &&
                   (values.first() == QLatin1String("true") || values.first() == QLatin1String("false"))) {
            writer.boolean(name, values.first() == QLatin1String("true"));
        } else {
            writer.string(name, values.first());
        }
    }

    const QString fileName = existing ? existing->name() : pid + ConfigSuffix;
    m_repository.ensureNode(ConfigFolder, QStringLiteral("sling:Folder"), QStringLiteral("nt:folder"));
    m_repository.addFile(ConfigFolder + QLatin1Char('/') + fileName, writer.toBytes(),
                         QStringLiteral("text/plain"));
    return redirectTo(pid);
}

} // namespace bp::sim
