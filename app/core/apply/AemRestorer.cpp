// SPDX-License-Identifier: Apache-2.0
#include "apply/AemRestorer.h"

#include "apply/AemSession.h"
#include "apply/ApplyTasks.h"
#include "apply/CreateSteps.h"
#include "apply/HotfixStep.h"
#include "tasks/CompositeTasks.h"
#include "tasks/FunctionTask.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace bp {

namespace {

QStringList stringList(const QJsonValue &value)
{
    QStringList out;
    const QJsonArray a = value.toArray();
    for (const QJsonValue &v : a)
        out.append(v.toString());
    return out;
}

// Sling answers 200 or 201 to a modification; for a restore, a node that is already gone is restored.
Result<bool> acceptWrite(const AemCall &call, const QString &what, bool goneIsFine)
{
    const int s = call.status();
    if (s == 200 || s == 201 || (goneIsFine && s == 404))
        return true;
    return unexpectedAnswer(call, what);
}

} // namespace

AemRestorer::AemRestorer(AemSession &session, Clock &clock, ApplyRecipe recipe, DetectionRecipe detect)
    : m_session(session), m_clock(clock), m_recipe(std::move(recipe)), m_detect(std::move(detect))
{
}

Task *AemRestorer::makeRestore(const BackupRecord &record, const Backup &backup)
{
    if (record.kind == QLatin1String("deleted"))
        return restoreDeleted(record, backup);
    if (record.kind == QLatin1String("check"))
        return nullptr; // a read-only gate (queues idle): nothing was changed
    if (record.kind == QLatin1String("osgi-config"))
        return restoreOsgiConfig(record);
    if (record.kind == QLatin1String("content"))
        return restoreContent(record);
    if (record.kind == QLatin1String("agents"))
        return restoreAgents(record);
    if (record.kind == QLatin1String("package"))
        return makePackageRestore(m_session, m_recipe, record);
    const Error e =
        Error(ErrorCode::Unsupported,
              tr("This version of bpsetup cannot restore objects of the kind \"%1\".").arg(record.kind))
            .withId(QStringLiteral("restore-kind-unknown"))
            .withRemedy(tr("Restore %1 by hand from the backup folder, or use the bpsetup version "
                           "that made the backup.")
                            .arg(record.target));
    return new FunctionTask([e]() -> Result<bool> { return e; });
}

Task *AemRestorer::restoreOsgiConfig(const BackupRecord &record)
{
    AemSession *session = &m_session;
    if (!record.existed) {
        const QString pid = record.applied.value(QStringLiteral("pid")).toString();
        if (pid.isEmpty())
            return nullptr; // apply never got as far as creating it
        const QString path = configMgrPathFor(m_recipe, pid);
        return new CallTask(
            [session, path] {
                return session->post(path, {{QStringLiteral("apply"), QStringLiteral("true")},
                                            {QStringLiteral("delete"), QStringLiteral("true")},
                                            {QStringLiteral("action"), QStringLiteral("ajaxConfigManager")}});
            },
            [pid](const AemCall &call) -> Result<bool> {
                if (call.status() == 200 || call.response().isRedirect() || call.status() == 404)
                    return true;
                return unexpectedAnswer(call, tr("Removing the configuration %1").arg(pid));
            });
    }
    // The file as read, byte for byte: Configuration Admin gets exactly the old values back, AEM's protected
    // secret included.
    const QString filePath = record.before.value(QStringLiteral("filePath")).toString();
    const QString folder = filePath.section(QLatin1Char('/'), 0, -2);
    const QString fileName = filePath.section(QLatin1Char('/'), -1);
    const QByteArray text =
        QByteArray::fromBase64(record.before.value(QStringLiteral("file")).toString().toLatin1());
    const bool secretRemoved = record.before.value(QStringLiteral("secretRemoved")).toBool();
    if (folder.isEmpty() || fileName.isEmpty()) {
        const Error e = Error(ErrorCode::InvalidInput,
                              tr("The backup of %1 does not say where its file was.").arg(record.target))
                            .withId(QStringLiteral("backup-invalid"));
        return new FunctionTask([e]() -> Result<bool> { return e; });
    }
    const QString target = record.target;
    return new CallTask(
        [session, folder, fileName, text] {
            return session->postMultipart(folder, {{QStringLiteral("_charset_"), QStringLiteral("utf-8")}},
                                          {{QStringLiteral("*"), fileName, text, "text/plain"}});
        },
        [target, secretRemoved](const AemCall &call) -> Result<bool> {
            Result<bool> ok = acceptWrite(call, tr("Restoring the configuration %1").arg(target), false);
            if (!ok || !secretRemoved)
                return ok;
            return Error(ErrorCode::RollbackFailed,
                         tr("The configuration %1 is restored without its client secret: it was stored in "
                            "clear text, and a backup never holds a clear-text secret.")
                             .arg(target))
                .withId(QStringLiteral("secret-not-restored"))
                .withRemedy(tr("Enter the client secret again in Tools › Security › Adobe IMS "
                               "Configurations."));
        });
}

Task *AemRestorer::writeProperties(const QString &path, const QJsonObject &properties)
{
    FormFields fields;
    for (auto it = properties.begin(); it != properties.end(); ++it) {
        const QJsonValue v = it.value();
        if (v.isNull() || v.isUndefined()) {
            fields.append({it.key() + QStringLiteral("@Delete"), QString()});
        } else if (v.isArray()) {
            for (const QString &item : stringList(v))
                fields.append({it.key(), item});
            fields.append({it.key() + QStringLiteral("@TypeHint"), QStringLiteral("String[]")});
        } else if (v.isBool()) {
            fields.append({it.key(), v.toBool() ? QStringLiteral("true") : QStringLiteral("false")});
            fields.append({it.key() + QStringLiteral("@TypeHint"), QStringLiteral("Boolean")});
        } else if (v.isDouble()) {
            fields.append({it.key(), QString::number(v.toInteger())});
            fields.append({it.key() + QStringLiteral("@TypeHint"), QStringLiteral("Long")});
        } else {
            fields.append({it.key(), v.toString()});
        }
    }
    if (fields.isEmpty())
        return nullptr;
    AemSession *session = &m_session;
    return new CallTask([session, path, fields] { return session->post(path, fields); },
                        [path](const AemCall &call) -> Result<bool> {
                            return acceptWrite(call, tr("Restoring the properties of %1").arg(path), false);
                        });
}

Task *AemRestorer::restoreDeleted(const BackupRecord &record, const Backup &backup)
{
    if (!record.existed || m_packageReinstalled)
        return nullptr; // one install brings back every deleted object of the plan
    if (backup.packagePath.isEmpty()) {
        const Error e =
            Error(ErrorCode::Unsupported,
                  tr("The backup %1 has no content package, so %2 cannot be brought back.")
                      .arg(backup.id, record.target))
                .withId(QStringLiteral("restore-package-missing"))
                .withRemedy(tr("Restore %1 from a repository backup of the instance.").arg(record.target));
        return new FunctionTask([e]() -> Result<bool> { return e; });
    }
    const QString path = backup.packagePath;
    AemSession &session = m_session;
    const ApplyRecipe recipe = m_recipe;
    auto *seq = new SequentialTask;
    auto onInstance = std::make_shared<bool>(false);
    seq->addTask(new CallTask([&session, path] { return session.get(path); },
                              [onInstance](const AemCall &call) -> Result<bool> {
                                  *onInstance = call.status() == 200;
                                  if (!*onInstance && call.status() != 404)
                                      return unexpectedAnswer(call, tr("Looking for the backup package"));
                                  return true;
                              }));
    std::optional<BackupStore> store = m_store;
    seq->addTask(new LazyTask([&session, recipe, backup, store, onInstance]() -> Task * {
        if (*onInstance)
            return nullptr;
        Result<QByteArray> zip = store
                                     ? store->loadPackage(backup)
                                     : Result<QByteArray>(Error(ErrorCode::Storage, tr("No backup folder.")));
        if (!zip) {
            const Error e =
                Error(ErrorCode::Storage,
                      tr("The backup package is neither on the instance nor in the backup folder: %1")
                          .arg(zip.error().userMessage))
                    .withId(QStringLiteral("restore-package-missing"));
            return new FunctionTask([e]() -> Result<bool> { return e; });
        }
        FormFields fields;
        for (const auto &f : recipe.properties(QStringLiteral("packageUploadFields")))
            fields.append({f.first, f.second});
        const FilePart file{recipe.text(QStringLiteral("packageFileField")),
                            backup.packagePath.section(QLatin1Char('/'), -1), zip.value(),
                            QByteArrayLiteral("application/zip")};
        return new CallTask(
            [&session, recipe, fields, file] {
                return session.postMultipart(recipe.text(QStringLiteral("packageServicePath")), fields,
                                             {file});
            },
            [](const AemCall &call) {
                return HotfixStep::checkAnswer(call, tr("Uploading the backup package"));
            });
    }));
    for (const QString &command : {QStringLiteral("install"), QStringLiteral("delete")}) {
        const QString what = command == QLatin1String("install")
                                 ? tr("Installing the backup package %1").arg(path)
                                 : tr("Removing the backup package %1").arg(path);
        seq->addTask(new CallTask(
            [&session, recipe, path, command] {
                return session.post(HotfixStep::commandPath(recipe, path, command), {});
            },
            [what](const AemCall &call) { return HotfixStep::checkAnswer(call, what); }));
    }
    seq->addTask(new FunctionTask([this]() -> Result<bool> {
        m_packageReinstalled = true;
        return true;
    }));
    return seq;
}

Task *AemRestorer::makeFinish(const Backup &backup)
{
    if (backup.packagePath.isEmpty() || m_packageReinstalled)
        return nullptr;
    const QString path = backup.packagePath;
    AemSession &session = m_session;
    const ApplyRecipe recipe = m_recipe;
    auto onInstance = std::make_shared<bool>(false);
    auto *seq = new SequentialTask;
    seq->addTask(new CallTask([&session, path] { return session.get(path); },
                              [onInstance](const AemCall &call) -> Result<bool> {
                                  *onInstance = call.status() == 200;
                                  if (!*onInstance && call.status() != 404)
                                      return unexpectedAnswer(call, tr("Looking for the backup package"));
                                  return true;
                              }));
    seq->addTask(new LazyTask([&session, recipe, path, onInstance]() -> Task * {
        if (!*onInstance)
            return nullptr; // removed already (a second rollback)
        const QString what = tr("Removing the backup package %1").arg(path);
        return new CallTask(
            [&session, recipe, path] {
                return session.post(HotfixStep::commandPath(recipe, path, QStringLiteral("delete")), {});
            },
            [what](const AemCall &call) { return HotfixStep::checkAnswer(call, what); });
    }));
    return seq;
}

Task *AemRestorer::deleteNodes(const QStringList &paths)
{
    if (paths.isEmpty())
        return nullptr;
    auto *all = new ConcurrentTask(ConcurrentTask::Mode::AllMustSucceed);
    AemSession *session = &m_session;
    for (const QString &path : paths) {
        all->addTask(new CallTask(
            [session, path] {
                return session->post(path, {{QStringLiteral(":operation"), QStringLiteral("delete")}});
            },
            [path](const AemCall &call) -> Result<bool> {
                return acceptWrite(call, tr("Removing %1").arg(path), true);
            }));
    }
    return all;
}

Task *AemRestorer::deleteNewTenantAgents(const QString &tenant, const QStringList &before)
{
    auto ctx = std::make_shared<CreateContext>();
    ctx->session = &m_session;
    ctx->clock = &m_clock;
    ctx->recipe = m_recipe;
    ctx->detect = m_detect;
    ctx->tenant = tenant;
    auto found = std::make_shared<QStringList>();
    auto *seq = new SequentialTask;
    seq->addTask(AgentsStep::readTenantAgents(ctx, [found, before](const QList<AgentsStep::Agent> &agents) {
        for (const AgentsStep::Agent &a : agents) {
            if (!before.contains(a.path))
                found->append(a.path);
        }
    }));
    seq->addTask(new LazyTask([this, found] { return deleteNodes(*found); }));
    return seq;
}

Task *AemRestorer::restoreContent(const BackupRecord &record)
{
    auto *seq = new SequentialTask;
    if (record.existed) {
        if (Task *t =
                writeProperties(record.target, record.before.value(QStringLiteral("properties")).toObject()))
            seq->addTask(t);
    } else if (Task *t = deleteNodes(stringList(record.applied.value(QStringLiteral("createdNodes"))))) {
        seq->addTask(t);
    }
    const QString tenant = record.before.value(QStringLiteral("tenant")).toString();
    if (!tenant.isEmpty() && record.before.contains(QStringLiteral("tenantAgents")))
        seq->addTask(
            deleteNewTenantAgents(tenant, stringList(record.before.value(QStringLiteral("tenantAgents")))));
    return seq;
}

Task *AemRestorer::restoreAgents(const BackupRecord &record)
{
    auto *seq = new SequentialTask;
    const QStringList created = stringList(record.applied.value(QStringLiteral("createdNodes")));
    if (Task *t = deleteNodes(created))
        seq->addTask(t);
    const QJsonObject before = record.before.value(QStringLiteral("properties")).toObject();
    auto *writes = new ConcurrentTask(ConcurrentTask::Mode::AllMustSucceed);
    for (auto it = before.begin(); it != before.end(); ++it) {
        const QString agent = it.key().section(QLatin1Char('/'), 0, -2);
        if (created.contains(agent))
            continue;
        if (Task *t = writeProperties(it.key(), it.value().toObject()))
            writes->addTask(t);
    }
    seq->addTask(writes);
    return seq;
}

} // namespace bp
