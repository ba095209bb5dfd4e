// SPDX-License-Identifier: Apache-2.0
#include "sim/SimConfigMgr.h"

#include "sim/SimAemPages.h"
#include "sim/SimForm.h"
#include "sim/SimOsgiConfigWriter.h"
#include "sim/SimRepository.h"

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

SimHttpResponse badRequest(const QString &reason)
{
    return SimHttpResponse::html(400, SimAemPages::forbidden(reason));
}

} // namespace

const QString SimConfigMgr::PathPrefix = QStringLiteral("/system/console/configMgr/");
const QString SimConfigMgr::TemporaryPid = QStringLiteral("[Temporary PID replaced by real PID upon save]");

SimConfigMgr::SimConfigMgr(SimRepository &repository) : m_repository(repository) {}

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
