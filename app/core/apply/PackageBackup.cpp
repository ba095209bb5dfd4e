// SPDX-License-Identifier: Apache-2.0
#include "apply/PackageBackup.h"

#include "apply/AemSession.h"
#include "apply/ApplyTasks.h"
#include "apply/HotfixStep.h"
#include "archive/ZipArchive.h"
#include "tasks/CompositeTasks.h"
#include "tasks/FunctionTask.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace bp {

QStringList PackageBackup::filterRoots(const Backup &backup)
{
    QStringList roots;
    for (const BackupRecord &r : backup.records) {
        QString root;
        if (r.kind == QLatin1String("osgi-config"))
            root = r.existed ? r.before.value(QStringLiteral("filePath")).toString() : QString();
        else if (r.kind == QLatin1String("content") || r.kind == QLatin1String("deleted") ||
                 r.kind == QLatin1String("agents"))
            root = r.existed || r.kind == QLatin1String("agents") ? r.target : QString();
        if (root.startsWith(QLatin1Char('/')) && !roots.contains(root))
            roots.append(root);
    }
    return roots;
}

QString PackageBackup::filterJson(const QStringList &roots)
{
    QJsonArray filter;
    for (const QString &root : roots)
        filter.append(QJsonObject{{QStringLiteral("root"), root}, {QStringLiteral("rules"), QJsonArray()}});
    return QString::fromUtf8(QJsonDocument(filter).toJson(QJsonDocument::Compact));
}

PackageBackupFactory PackageBackup::factory(AemSession &session, ApplyRecipe recipe, BackupStore store)
{
    return [&session, recipe, store](Backup *backup) -> Task * {
        const QStringList roots = filterRoots(*backup);
        if (roots.isEmpty())
            return nullptr;
        const QString group = recipe.text(QStringLiteral("backupPackageGroup"));
        const QString name = QStringLiteral("bpsetup-backup-") + backup->id;
        const QString path =
            QStringLiteral("/etc/packages/") + group + QLatin1Char('/') + name + QStringLiteral(".zip");
        const QHash<QString, QString> vars{{QStringLiteral("name"), name},
                                           {QStringLiteral("group"), group},
                                           {QStringLiteral("packagePath"), path},
                                           {QStringLiteral("filter"), filterJson(roots)}};
        const auto fields = [recipe, vars](const QString &key) {
            FormFields out;
            for (const auto &f : recipe.properties(key))
                out.append({f.first, ApplyRecipe::expand(f.second, vars)});
            return out;
        };
        auto *seq = new SequentialTask;
        const FormFields createFields = fields(QStringLiteral("packageCreateFields"));
        seq->addTask(new CallTask(
            [&session, recipe, path, createFields] {
                return session.post(HotfixStep::commandPath(recipe, path, QStringLiteral("create")),
                                    createFields);
            },
            [](const AemCall &call) {
                return HotfixStep::checkAnswer(call, tr("Creating the backup package"));
            }));
        const FormFields filterFields = fields(QStringLiteral("packageFilterFields"));
        seq->addTask(new CallTask(
            [&session, recipe, filterFields] {
                return session.post(recipe.text(QStringLiteral("packageUpdatePath")), filterFields);
            },
            [](const AemCall &call) {
                return HotfixStep::checkAnswer(call, tr("Setting the backup package's filter"));
            }));
        seq->addTask(new CallTask(
            [&session, recipe, path] {
                return session.post(HotfixStep::commandPath(recipe, path, QStringLiteral("build")), {});
            },
            [](const AemCall &call) {
                return HotfixStep::checkAnswer(call, tr("Building the backup package"));
            }));
        seq->addTask(
            new CallTask([&session, path] { return session.get(path); },
                         [store, backup, path](const AemCall &call) -> Result<bool> {
                             if (call.status() != 200)
                                 return unexpectedAnswer(call, tr("Downloading the backup package"));
                             // A login page or an error page is no backup.
                             if (Result<ZipArchive> zip = ZipArchive::open(call.response().body); !zip)
                                 return Error(ErrorCode::Parse,
                                              tr("The backup package %1 downloaded from AEM is not a "
                                                 "usable zip file.")
                                                  .arg(path),
                                              zip.error().detail)
                                     .withId(QStringLiteral("backup-package-invalid"));
                             Result<bool> saved = store.savePackage(backup->id, call.response().body);
                             if (!saved)
                                 return saved;
                             backup->packageFile = QStringLiteral("package.zip");
                             backup->packagePath = path;
                             return true;
                         }));
        return seq;
    };
}

} // namespace bp
