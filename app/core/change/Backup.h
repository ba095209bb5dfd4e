// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "errors/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace bp {

// The prior state of one object a plan touches.
// kind says which restorer brings it back:
// - "osgi-config": target = PID; before.file = the .config file text as read (base64), before.filePath;
//   applied.pid = the PID apply created (a factory create).
// - "content": target = node path; before.properties = the node's properties as Sling rendered them (typed
//   JSON), only those the step changes; applied.createdNodes = nodes apply created.
// - "agents": target = agents root; applied.createdNodes = agents AEM created as a side effect;
//   before.properties per agent (path -> {property: value|null}) for properties apply changes.
// - "package": target = package path; applied.installed / applied.uploaded.
struct BackupRecord
{
    QString stepId;
    QString kind;
    QString target;
    bool existed = false;
    QJsonObject before;
    QJsonObject applied;
    // Keychain entries holding values that must not be on disk (a plaintext secret of a hand-made
    // configuration). Names as SecretStore profiles ("backup/<id>/<n>").
    QStringList secretRefs;
    bool applyStarted = false; // set before the step's first write: rollback considers only these

    QJsonObject toJson() const;
    static Result<BackupRecord> fromJson(const QJsonObject &json);
};

// Everything needed to undo one apply, saved before its first write.
struct Backup
{
    QString id; // "20261202-061530-1a2b3c" (time of creation + random)
    QDateTime createdUtc;
    QString aemUrl; // origin of the instance it belongs to
    QString aemVersion;
    QString toolVersion;
    QString planFingerprint;
    QList<BackupRecord> records;
    QString packageFile; // file name of the content package in the backup folder, when one was downloaded
    QString packagePath; // its path on the instance (/etc/packages/...)

    QJsonObject toJson() const;
    static Result<Backup> fromJson(const QJsonObject &json);
    static QString newId(const QDateTime &nowUtc);
    static bool isValidId(const QString &id);
};

// Summary line for `backups list`.
struct BackupSummary
{
    QString id;
    QDateTime createdUtc;
    QString aemUrl;
    int objectCount = 0;
    bool hasPackage = false;
    QString problem; // translated, when the backup cannot be read
};

// Backups under <root>/<id>/backup.json (+ package.zip), folders 0700, files 0600, written with QSaveFile.
// root defaults to <AppPaths::dataDir()>/backups.
class BackupStore
{
public:
    explicit BackupStore(QString root = QString());

    const QString &root() const { return m_root; }
    static QString defaultRoot();

    // Storage (disk full, permissions) fails before AEM is touched: callers save before the first write.
    Result<QString> save(const Backup &backup) const; // returns the folder
    Result<bool> savePackage(const QString &id, const QByteArray &zip) const;
    Result<Backup> load(const QString &id) const;
    Result<QByteArray> loadPackage(const Backup &backup) const;
    QList<BackupSummary> list() const; // newest first
    QString folder(const QString &id) const;

    // Bytes that must be free for a backup to be written (refused below that).
    static constexpr qint64 kMinFreeBytes = 4 * 1024 * 1024;

private:
    QString m_root;
};

} // namespace bp
