// SPDX-License-Identifier: Apache-2.0
#include "diagnose/FleetTask.h"

#include "time/Clock.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace bp {

namespace {

Error badInventory(const QString &message)
{
    return Error(ErrorCode::InvalidInput, message)
        .withId(QStringLiteral("inventory-invalid"))
        .withRemedy(
            Inventory::tr("Give a CSV file with a header line (name,url,user,profile) or a JSON array of "
                          "objects with those keys; each instance needs a profile or a url."));
}

// One CSV line, with "quoted, fields" and "" for a quote inside quotes.
QStringList csvFields(const QString &line)
{
    QStringList out;
    QString field;
    bool quoted = false;
    for (int i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < line.size() && line.at(i + 1) == QLatin1Char('"')) {
                field += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',') || c == QLatin1Char(';')) {
            out << field.trimmed();
            field.clear();
        } else {
            field += c;
        }
    }
    out << field.trimmed();
    return out;
}

Result<InventoryEntry> checked(InventoryEntry e, const QString &where)
{
    if (e.profile.isEmpty() && e.url.isEmpty())
        return badInventory(Inventory::tr("%1 names neither a profile nor a url.").arg(where));
    if (!e.url.isEmpty()) {
        const QUrl url(e.url);
        if (!url.isValid() ||
            (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
            url.host().isEmpty())
            return badInventory(Inventory::tr("%1: \"%2\" is not an http(s) URL.").arg(where, e.url));
    }
    if (e.name.isEmpty())
        e.name = e.profile.isEmpty() ? e.url : e.profile;
    return e;
}

} // namespace

Result<QList<InventoryEntry>> Inventory::parse(const QByteArray &bytes)
{
    QList<InventoryEntry> out;
    const QByteArray trimmed = bytes.trimmed();
    if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(trimmed, &error);
        if (error.error != QJsonParseError::NoError)
            return badInventory(tr("The inventory is not valid JSON: %1 (at byte %2).")
                                    .arg(error.errorString())
                                    .arg(error.offset));
        const QJsonArray list =
            doc.isArray() ? doc.array() : doc.object().value(QLatin1String("instances")).toArray();
        for (int i = 0; i < list.size(); ++i) {
            const QJsonObject o = list.at(i).toObject();
            InventoryEntry e{
                o.value(QLatin1String("name")).toString(), o.value(QLatin1String("url")).toString(),
                o.value(QLatin1String("user")).toString(), o.value(QLatin1String("profile")).toString()};
            Result<InventoryEntry> c = checked(e, tr("Instance %1").arg(i + 1));
            if (!c)
                return c.error();
            out << c.value();
        }
    } else {
        const QStringList lines = QString::fromUtf8(trimmed).split(QLatin1Char('\n'));
        QStringList header;
        for (int n = 0; n < lines.size(); ++n) {
            const QString line = lines.at(n).trimmed();
            if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
                continue;
            const QStringList fields = csvFields(line);
            if (header.isEmpty()) {
                for (const QString &f : fields)
                    header << f.toLower();
                const bool known = std::all_of(header.begin(), header.end(), [](const QString &h) {
                    return QStringList{QStringLiteral("name"), QStringLiteral("url"), QStringLiteral("user"),
                                       QStringLiteral("profile")}
                        .contains(h);
                });
                if (!known ||
                    !(header.contains(QStringLiteral("url")) || header.contains(QStringLiteral("profile"))))
                    return badInventory(tr("Line %1: the header must name the columns (name, url, user, "
                                           "profile), not \"%2\".")
                                            .arg(n + 1)
                                            .arg(line));
                continue;
            }
            InventoryEntry e;
            for (int i = 0; i < header.size() && i < fields.size(); ++i) {
                QString *target = header[i] == QLatin1String("name")   ? &e.name
                                  : header[i] == QLatin1String("url")  ? &e.url
                                  : header[i] == QLatin1String("user") ? &e.user
                                                                       : &e.profile;
                *target = fields[i];
            }
            Result<InventoryEntry> c = checked(e, tr("Line %1").arg(n + 1));
            if (!c)
                return c.error();
            out << c.value();
        }
    }
    if (out.isEmpty())
        return badInventory(tr("The inventory lists no instance."));
    return out;
}

void FleetTask::markSharedTenants()
{
    // One tenant, one author (domain notes 6, failure mode 10): with several, contributed assets arrive at
    // whichever author polls first. Only a fleet run sees the other authors.
    QHash<QString, QList<int>> byTenant;
    for (int i = 0; i < m_results.size(); ++i) {
        const FleetResult &r = m_results[i];
        if (r.finished && !r.report.tenant.isEmpty() && r.report.state != ConfigState::None)
            byTenant[r.report.tenant.toLower()] << i;
    }
    for (auto it = byTenant.constBegin(); it != byTenant.constEnd(); ++it) {
        for (int i : it.value()) {
            for (DiagnoseCheck &c : m_results[i].report.checks) {
                if (c.id != QLatin1String("tenant-single-author"))
                    continue;
                QStringList others;
                for (int j : it.value()) {
                    if (j != i)
                        others << QStringLiteral("%1 (%2)").arg(m_results[j].name, m_results[j].url);
                }
                if (others.isEmpty()) {
                    c.status = VerifyCheck::Pass;
                    c.evidence =
                        tr("No other instance of this run is configured with tenant %1.").arg(it.key());
                } else {
                    c.status = VerifyCheck::Warn;
                    c.evidence = tr("Tenant %1 is also configured on %2.")
                                     .arg(it.key(), others.join(QStringLiteral(", ")));
                    c.remedy = tr(
                        "Keep one author per Brand Portal tenant (for example a separate tenant for stage): "
                        "assets contributed in Brand Portal reach only the author that polls first.");
                }
            }
        }
    }
}

QString FleetResult::statusId() const
{
    if (!finished)
        return error.code == ErrorCode::Timeout ? QStringLiteral("timeout") : QStringLiteral("unreachable");
    return report.ok() ? QStringLiteral("ok") : QStringLiteral("failing");
}

FleetTask::FleetTask(QList<Instance> instances, Clock &clock, Options options, QObject *parent)
    : Task(parent), m_instances(std::move(instances)), m_clock(clock), m_options(std::move(options))
{
    m_options.parallel = qMax(1, m_options.parallel);
}

FleetTask::~FleetTask()
{
    m_timers.clear();
    for (auto &t : m_tasks) {
        if (t)
            t->cancel();
    }
}

void FleetTask::run()
{
    m_results.clear();
    for (const Instance &i : std::as_const(m_instances)) {
        FleetResult r;
        r.name = i.name;
        r.url = i.connection.baseUrl.toString(QUrl::RemoveUserInfo);
        m_results << r;
    }
    m_tasks.resize(size_t(m_instances.size()));
    m_timers.resize(size_t(m_instances.size()));
    m_started.assign(size_t(m_instances.size()), 0);
    setProgress(0, m_instances.size(), QString());
    if (m_instances.isEmpty()) {
        succeed();
        return;
    }
    startNext();
}

bool FleetTask::abort()
{
    m_timers.clear();
    for (auto &t : m_tasks) {
        if (t && t->isRunning())
            t->cancel();
    }
    return false;
}

void FleetTask::startNext()
{
    while (m_running < m_options.parallel && m_next < m_instances.size()) {
        const int index = m_next++;
        auto task =
            std::make_unique<DiagnoseTask>(m_instances[index].connection, m_clock, m_options.diagnose);
        DiagnoseTask *t = task.get();
        m_tasks[size_t(index)] = std::move(task);
        m_started[size_t(index)] = m_clock.monotonicMs();
        connect(t, &Task::finished, this, [this, index] { onFinished(index); });
        // Its own time limit: the instance is cancelled and reported as timed out, the others go on.
        m_timers[size_t(index)] = m_clock.startTimer(m_options.instanceTimeoutMs, [this, index] {
            DiagnoseTask *late = m_tasks[size_t(index)].get();
            if (!late || late->isFinished())
                return;
            m_results[index].error =
                Error(ErrorCode::Timeout,
                      tr("No result within %1 s.").arg(m_options.instanceTimeoutMs / 1000))
                    .withId(QStringLiteral("instance-timeout"))
                    .withRemedy(
                        tr("Check that the instance answers, or give it more time with --instance-timeout."));
            late->cancel();
        });
        ++m_running;
        m_maxRunning = qMax(m_maxRunning, m_running);
        t->start();
    }
}

void FleetTask::onFinished(int index)
{
    DiagnoseTask *t = m_tasks[size_t(index)].get();
    m_timers[size_t(index)].reset();
    FleetResult &r = m_results[index];
    r.durationMs = m_clock.monotonicMs() - m_started[size_t(index)];
    if (t->succeeded()) {
        r.finished = true;
        r.report = t->report();
    } else if (r.error.code != ErrorCode::Timeout) {
        r.error = t->error();
    }
    --m_running;
    ++m_done;
    setProgress(m_done, m_instances.size(), r.name);
    emit instanceFinished(index);
    // Its result is copied: the task (its snapshot, its network objects) goes, so a large fleet does not
    // hold every instance's answers.
    m_tasks[size_t(index)].release()->deleteLater();
    if (!isRunning())
        return;
    if (m_done == m_instances.size()) {
        markSharedTenants();
        succeed();
        return;
    }
    startNext();
}

} // namespace bp
