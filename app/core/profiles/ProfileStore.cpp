// SPDX-License-Identifier: Apache-2.0
#include "profiles/ProfileStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

namespace bp {

namespace {

// Version 0: hand-written or pre-release files without "schemaVersion", profiles keyed by name with "url"
// and "user". Each step turns version N into N+1; load() runs them in order.
QJsonObject migrateV0toV1(const QJsonObject &v0)
{
    QJsonArray profiles;
    const QJsonObject byName = v0.value(QLatin1String("profiles")).toObject();
    for (auto it = byName.begin(); it != byName.end(); ++it) {
        QJsonObject p = it.value().toObject();
        p.insert(QStringLiteral("name"), it.key());
        if (p.contains(QLatin1String("url")) && !p.contains(QLatin1String("aemUrl")))
            p.insert(QStringLiteral("aemUrl"), p.take(QStringLiteral("url")));
        if (p.contains(QLatin1String("user")) && !p.contains(QLatin1String("aemUser")))
            p.insert(QStringLiteral("aemUser"), p.take(QStringLiteral("user")));
        profiles.append(p);
    }
    return QJsonObject{{QStringLiteral("schemaVersion"), 1}, {QStringLiteral("profiles"), profiles}};
}

} // namespace

ProfileStore::ProfileStore(QString filePath) : m_path(std::move(filePath)) {}

QString ProfileStore::defaultPath()
{
    const QString override = qEnvironmentVariable("BPSETUP_CONFIG_DIR");
    const QString dir =
        override.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) : override;
    return dir + QStringLiteral("/profiles.json");
}

Result<bool> ProfileStore::validateName(const QString &name)
{
    static const QRegularExpression allowed(QStringLiteral("^[\\p{L}\\p{N}._ -]{1,64}$"));
    if (name.trimmed().isEmpty() || !allowed.match(name).hasMatch())
        return Error(
            ErrorCode::InvalidInput,
            tr("\"%1\" is not a usable profile name: use 1 to 64 letters, digits, spaces, '.', '_' or '-'.")
                .arg(name));
    return true;
}

Result<bool> ProfileStore::load()
{
    m_profiles.clear();
    m_readOnly = false;
    m_movedAside.clear();
    m_migratedFrom = -1;
    QFile file(m_path);
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Internal,
                     tr("Cannot read the profiles file %1: %2").arg(m_path, file.errorString()));
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    file.close();
    if (!doc.isObject()) {
        // Keep the damaged file for the user (it may be fixable by hand), and start afresh.
        m_movedAside = m_path + QStringLiteral(".damaged-") +
                       QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
        if (!QFile::rename(m_path, m_movedAside))
            return Error(
                ErrorCode::Parse,
                tr("The profiles file %1 is damaged (%2) and could not be moved aside; it was left as it "
                   "is. Fix or move it, then try again.")
                    .arg(m_path, parseError.errorString()));
        return Error(ErrorCode::Parse,
                     tr("The profiles file was damaged (%1). It was kept as %2 and a new, empty "
                        "profiles file will be used; secrets in the keychain are untouched.")
                         .arg(parseError.errorString(), m_movedAside));
    }
    QJsonObject root = doc.object();
    const int version = root.value(QLatin1String("schemaVersion")).toInt(0);
    if (version > kSchemaVersion) {
        m_readOnly = true;
        for (const QJsonValue &v : root.value(QLatin1String("profiles")).toArray())
            m_profiles << Profile::fromJson(v.toObject());
        return Error(
            ErrorCode::Unsupported,
            tr("The profiles file %1 was written by a newer bpsetup (format %2; this one knows %3). The "
               "profiles can be used, but changes are not saved so nothing of the newer format is lost. "
               "Update bpsetup.")
                .arg(m_path)
                .arg(version)
                .arg(kSchemaVersion));
    }
    if (version < kSchemaVersion) {
        m_migratedFrom = version;
        if (version == 0)
            root = migrateV0toV1(root);
    }
    for (const QJsonValue &v : root.value(QLatin1String("profiles")).toArray()) {
        const Profile p = Profile::fromJson(v.toObject());
        if (!p.name.isEmpty())
            m_profiles << p;
    }
    return true;
}

Result<bool> ProfileStore::save()
{
    if (m_readOnly)
        return Error(
            ErrorCode::Unsupported,
            tr("Not saved: the profiles file was written by a newer bpsetup. Update bpsetup to change "
               "profiles."));
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    if (m_migratedFrom >= 0 && QFile::exists(m_path)) {
        // Keep the pre-migration file once, in case an older bpsetup is still in use.
        const QString backup = m_path + QStringLiteral(".v%1.bak").arg(m_migratedFrom);
        if (!QFile::exists(backup))
            QFile::copy(m_path, backup);
    }
    QJsonArray list;
    for (const Profile &p : std::as_const(m_profiles))
        list.append(p.toJson());
    const QJsonObject root{{QStringLiteral("schemaVersion"), kSchemaVersion},
                           {QStringLiteral("profiles"), list}};
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(root).toJson()) < 0 || !file.commit())
        return Error(ErrorCode::Internal,
                     tr("Cannot save the profiles file %1: %2").arg(m_path, file.errorString()));
    m_migratedFrom = -1;
    return true;
}

std::optional<Profile> ProfileStore::find(const QString &name) const
{
    for (const Profile &p : m_profiles) {
        if (p.name == name)
            return p;
    }
    return std::nullopt;
}

void ProfileStore::upsert(Profile profile)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    profile.modified = now;
    for (Profile &p : m_profiles) {
        if (p.name == profile.name) {
            profile.created = p.created.isValid() ? p.created : now;
            p = profile;
            return;
        }
    }
    profile.created = now;
    m_profiles << profile;
}

bool ProfileStore::remove(const QString &name)
{
    const auto before = m_profiles.size();
    m_profiles.removeIf([&name](const Profile &p) { return p.name == name; });
    return m_profiles.size() != before;
}

Result<bool> ProfileStore::rename(const QString &from, const QString &to)
{
    if (const auto valid = validateName(to); !valid)
        return valid;
    if (find(to))
        return Error(ErrorCode::InvalidInput, tr("A profile named \"%1\" already exists.").arg(to));
    for (Profile &p : m_profiles) {
        if (p.name == from) {
            p.name = to;
            p.modified = QDateTime::currentDateTimeUtc();
            return true;
        }
    }
    return Error(ErrorCode::InvalidInput, tr("There is no profile named \"%1\".").arg(from));
}

} // namespace bp
