// SPDX-License-Identifier: Apache-2.0
#include "change/Backup.h"
#include "io/AppPaths.h"

#include "io/BoundedFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>
#include <QStorageInfo>

namespace bp {

namespace {

Error damaged(const QString &what)
{
    return Error(ErrorCode::Parse,
                 QCoreApplication::translate("Backup", "The backup is damaged: %1").arg(what))
        .withId(QStringLiteral("backup-damaged"))
        .withRemedy(QCoreApplication::translate(
            "Backup", "Use another backup (`bpsetup backups list`), or restore the objects by hand from the "
                      "content package in the backup folder."));
}

Result<bool> writeFile(const QString &path, const QByteArray &data)
{
    QSaveFile file(path);
    file.setDirectWriteFallback(false);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit())
        return Error(ErrorCode::Storage,
                     QCoreApplication::translate("Backup", "The backup could not be written to %1: %2")
                         .arg(path, file.errorString()))
            .withId(QStringLiteral("backup-write-failed"))
            .withRemedy(QCoreApplication::translate(
                "Backup",
                "Free disk space or fix the permissions of the folder, then run apply again. Nothing "
                "was changed on AEM."));
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return true;
}

} // namespace

QJsonObject BackupRecord::toJson() const
{
    return {{QStringLiteral("stepId"), stepId},
            {QStringLiteral("kind"), kind},
            {QStringLiteral("target"), target},
            {QStringLiteral("existed"), existed},
            {QStringLiteral("before"), before},
            {QStringLiteral("applied"), applied},
            {QStringLiteral("secretRefs"), QJsonArray::fromStringList(secretRefs)},
            {QStringLiteral("applyStarted"), applyStarted}};
}

Result<BackupRecord> BackupRecord::fromJson(const QJsonObject &json)
{
    if (!json.value(QStringLiteral("stepId")).isString() || !json.value(QStringLiteral("kind")).isString() ||
        !json.value(QStringLiteral("before")).isObject() || !json.value(QStringLiteral("applied")).isObject())
        return damaged(QCoreApplication::translate("Backup", "a record lacks its step, kind or state."));
    BackupRecord r;
    r.stepId = json.value(QStringLiteral("stepId")).toString();
    r.kind = json.value(QStringLiteral("kind")).toString();
    r.target = json.value(QStringLiteral("target")).toString();
    r.existed = json.value(QStringLiteral("existed")).toBool();
    r.before = json.value(QStringLiteral("before")).toObject();
    r.applied = json.value(QStringLiteral("applied")).toObject();
    for (const QJsonValue &v : json.value(QStringLiteral("secretRefs")).toArray())
        r.secretRefs.append(v.toString());
    r.applyStarted = json.value(QStringLiteral("applyStarted")).toBool();
    return r;
}

QJsonObject Backup::toJson() const
{
    QJsonArray list;
    for (const BackupRecord &r : records)
        list.append(r.toJson());
    return {{QStringLiteral("schemaVersion"), 1},
            {QStringLiteral("id"), id},
            {QStringLiteral("createdUtc"), createdUtc.toString(Qt::ISODate)},
            {QStringLiteral("aemUrl"), aemUrl},
            {QStringLiteral("aemVersion"), aemVersion},
            {QStringLiteral("toolVersion"), toolVersion},
            {QStringLiteral("planFingerprint"), planFingerprint},
            {QStringLiteral("records"), list},
            {QStringLiteral("packageFile"), packageFile},
            {QStringLiteral("packagePath"), packagePath}};
}

Result<Backup> Backup::fromJson(const QJsonObject &json)
{
    if (json.value(QStringLiteral("schemaVersion")).toInt() != 1)
        return damaged(QCoreApplication::translate("Backup", "unsupported schemaVersion."));
    Backup b;
    b.id = json.value(QStringLiteral("id")).toString();
    if (!isValidId(b.id))
        return damaged(QCoreApplication::translate("Backup", "its id is not valid."));
    b.createdUtc = QDateTime::fromString(json.value(QStringLiteral("createdUtc")).toString(), Qt::ISODate);
    b.aemUrl = json.value(QStringLiteral("aemUrl")).toString();
    b.aemVersion = json.value(QStringLiteral("aemVersion")).toString();
    b.toolVersion = json.value(QStringLiteral("toolVersion")).toString();
    b.planFingerprint = json.value(QStringLiteral("planFingerprint")).toString();
    b.packageFile = json.value(QStringLiteral("packageFile")).toString();
    b.packagePath = json.value(QStringLiteral("packagePath")).toString();
    if (!json.value(QStringLiteral("records")).isArray())
        return damaged(QCoreApplication::translate("Backup", "it has no records."));
    for (const QJsonValue &v : json.value(QStringLiteral("records")).toArray()) {
        Result<BackupRecord> r = BackupRecord::fromJson(v.toObject());
        if (!r)
            return r.error();
        b.records.append(r.value());
    }
    if (!b.packageFile.isEmpty() && b.packageFile != QLatin1String("package.zip"))
        return damaged(QCoreApplication::translate("Backup", "its package file name is not valid."));
    return b;
}

QString Backup::newId(const QDateTime &nowUtc)
{
    return nowUtc.toUTC().toString(QStringLiteral("yyyyMMdd-HHmmss-")) +
           QString::number(QRandomGenerator::system()->bounded(0x1000000), 16)
               .rightJustified(6, QLatin1Char('0'));
}

bool Backup::isValidId(const QString &id)
{
    static const QRegularExpression shape(QStringLiteral("^\\d{8}-\\d{6}-[0-9a-f]{6}$"));
    return shape.match(id).hasMatch();
}

BackupStore::BackupStore(QString root) : m_root(root.isEmpty() ? defaultRoot() : std::move(root)) {}

QString BackupStore::defaultRoot()
{
    return AppPaths::dataDir() + QStringLiteral("/backups");
}

QString BackupStore::folder(const QString &id) const
{
    return m_root + QLatin1Char('/') + id;
}

Result<QString> BackupStore::save(const Backup &backup) const
{
    if (!Backup::isValidId(backup.id))
        return Error(ErrorCode::Internal, QCoreApplication::translate("Backup", "Invalid backup id."),
                     backup.id);
    const QString dir = folder(backup.id);
    if (!QDir().mkpath(dir))
        return Error(ErrorCode::Storage,
                     QCoreApplication::translate("Backup", "The backup folder %1 could not be created.")
                         .arg(dir))
            .withId(QStringLiteral("backup-write-failed"))
            .withRemedy(
                QCoreApplication::translate(
                    "Backup",
                    "Fix the permissions of %1 (or free disk space), then run apply again. Nothing was "
                    "changed on AEM.")
                    .arg(m_root));
    QFile::setPermissions(m_root, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const QStorageInfo storage(dir);
    if (storage.isValid() && storage.bytesAvailable() >= 0 && storage.bytesAvailable() < kMinFreeBytes)
        return Error(ErrorCode::Storage,
                     QCoreApplication::translate("Backup", "The disk holding %1 is full.").arg(dir))
            .withId(QStringLiteral("backup-disk-full"))
            .withRemedy(QCoreApplication::translate(
                "Backup", "Free some disk space, then run apply again. Nothing was changed on AEM."));
    Result<bool> w = writeFile(dir + QStringLiteral("/backup.json"), QJsonDocument(backup.toJson()).toJson());
    if (!w)
        return w.error();
    return dir;
}

Result<bool> BackupStore::savePackage(const QString &id, const QByteArray &zip) const
{
    if (!Backup::isValidId(id))
        return Error(ErrorCode::Internal, QCoreApplication::translate("Backup", "Invalid backup id."), id);
    return writeFile(folder(id) + QStringLiteral("/package.zip"), zip);
}

Result<Backup> BackupStore::load(const QString &id) const
{
    if (!Backup::isValidId(id) || !QFileInfo::exists(folder(id) + QStringLiteral("/backup.json")))
        return Error(
                   ErrorCode::InvalidInput,
                   QCoreApplication::translate("Backup", "There is no backup \"%1\" in %2.").arg(id, m_root))
            .withId(QStringLiteral("backup-unknown"))
            .withRemedy(
                QCoreApplication::translate("Backup", "List the backups with `bpsetup backups list`."));
    Result<QByteArray> data =
        BoundedFile::read(folder(id) + QStringLiteral("/backup.json"), InputFileKind::Backup);
    if (!data)
        return data.error();
    const QJsonDocument doc = QJsonDocument::fromJson(data.value());
    if (!doc.isObject())
        return damaged(QCoreApplication::translate("Backup", "backup.json is not JSON."));
    Result<Backup> b = Backup::fromJson(doc.object());
    if (b && b.value().id != id)
        return damaged(QCoreApplication::translate("Backup", "its id does not match its folder."));
    return b;
}

Result<QByteArray> BackupStore::loadPackage(const Backup &backup) const
{
    QFile f(folder(backup.id) + QLatin1Char('/') + backup.packageFile);
    if (backup.packageFile.isEmpty() || !f.open(QIODevice::ReadOnly))
        return Error(ErrorCode::InvalidInput,
                     QCoreApplication::translate("Backup", "The backup has no content package."))
            .withId(QStringLiteral("backup-no-package"));
    return f.readAll();
}

QList<BackupSummary> BackupStore::list() const
{
    QList<BackupSummary> out;
    const QStringList ids =
        QDir(m_root).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name | QDir::Reversed);
    for (const QString &id : ids) {
        if (!Backup::isValidId(id))
            continue;
        BackupSummary s;
        s.id = id;
        Result<Backup> b = load(id);
        if (!b) {
            s.problem = b.error().userMessage;
        } else {
            s.createdUtc = b.value().createdUtc;
            s.aemUrl = b.value().aemUrl;
            s.objectCount = int(b.value().records.size());
            s.hasPackage = !b.value().packageFile.isEmpty();
        }
        out.append(s);
    }
    return out;
}

} // namespace bp
