// SPDX-License-Identifier: Apache-2.0
#include "profiles/ProfileStore.h"
#include "io/AppPaths.h"

#include "io/BoundedFile.h"
#include "time/Clock.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>
#include <QStandardPaths>

#include <cmath>

namespace bp {

namespace {

// A schemaVersion this tool can reason about: a whole number, not absurd. Anything else is damage.
constexpr double kMaxPlausibleSchema = 1000;

// Keys of a profile and whether they hold a string (else a list of strings).
const QList<QPair<QLatin1String, bool>> &profileKeys()
{
    static const QList<QPair<QLatin1String, bool>> keys{
        {QLatin1String("name"), true},        {QLatin1String("aemUrl"), true},
        {QLatin1String("aemUser"), true},     {QLatin1String("deployment"), true},
        {QLatin1String("version"), true},     {QLatin1String("tenant"), true},
        {QLatin1String("imsUrl"), true},      {QLatin1String("credentialKind"), true},
        {QLatin1String("clientId"), true},    {QLatin1String("orgId"), true},
        {QLatin1String("scopes"), false},     {QLatin1String("technicalAccountId"), true},
        {QLatin1String("metascopes"), false}, {QLatin1String("pinnedSha256"), true},
        {QLatin1String("created"), true},     {QLatin1String("modified"), true},
        {QLatin1String("lastUsed"), true}};
    return keys;
}

// Why a profile object does not have the shape this version writes; empty when it does. Unknown keys are
// allowed (a newer minor release may add some).
QString shapeProblem(const QJsonObject &p)
{
    for (const auto &key : profileKeys()) {
        const QJsonValue v = p.value(key.first);
        if (v.isUndefined() || v.isNull())
            continue;
        if (key.second && !v.isString())
            return QStringLiteral("\"%1\" is not text").arg(key.first);
        if (!key.second) {
            if (!v.isArray())
                return QStringLiteral("\"%1\" is not a list").arg(key.first);
            for (const QJsonValue &item : v.toArray()) {
                if (!item.isString())
                    return QStringLiteral("\"%1\" holds something that is not text").arg(key.first);
            }
        }
    }
    if (p.value(QLatin1String("name")).toString().trimmed().isEmpty())
        return QStringLiteral("a profile has no name");
    return QString();
}

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

ProfileStore::ProfileStore(QString filePath) : ProfileStore(std::move(filePath), Clock::system()) {}

ProfileStore::ProfileStore(QString filePath, Clock &clock) : m_path(std::move(filePath)), m_clock(&clock) {}

QString ProfileStore::defaultPath()
{
    return AppPaths::configDir() + QStringLiteral("/profiles.json");
}

Result<bool> ProfileStore::validateName(const QString &name)
{
    static const QRegularExpression allowed(QStringLiteral("^[\\p{L}\\p{N}._ -]{1,64}$"));
    if (name.trimmed().isEmpty() || !allowed.match(name).hasMatch())
        return Error(ErrorCode::InvalidInput, tr("\"%1\" is not a usable profile name: use 1 to 64 letters, "
                                                 "digits, spaces, '.', '_' or '-'.")
                                                  .arg(name))
            .withId(QStringLiteral("profile-name-invalid"));
    return true;
}

Result<bool> ProfileStore::keepAside(const QString &why)
{
    const QString target = BoundedFile::keepDamagedAside(m_path, m_clock->nowUtc());
    if (target.isEmpty()) {
        m_writeBlock =
            Error(ErrorCode::Parse,
                  tr("The profiles file %1 is damaged (%2) and could not be moved aside, so it is left "
                     "as it is and nothing will be saved over it.")
                      .arg(QDir::toNativeSeparators(m_path), why))
                .withId(QStringLiteral("profiles-damaged-kept"))
                .withRemedy(tr("Fix or move the file by hand, then try again."));
        return m_writeBlock;
    }
    m_movedAside = target;
    return Error(ErrorCode::Parse, tr("The profiles file was damaged (%1). It was kept as %2 and a new, "
                                      "empty profiles file will be "
                                      "used; secrets in the keychain are untouched.")
                                       .arg(why, QDir::toNativeSeparators(target)))
        .withId(QStringLiteral("profiles-damaged"))
        .withRemedy(tr("Look at the kept file to recover the profiles by hand if you need them."));
}

Result<bool> ProfileStore::load()
{
    m_profiles.clear();
    m_readOnly = false;
    m_writeBlock = Error();
    m_movedAside.clear();
    m_migratedFrom = -1;
    m_loaded = true;
    const QFileInfo info(m_path);
    if (!info.exists() && !info.isSymLink())
        return true;
    const auto read = BoundedFile::read(m_path, InputFileKind::Profiles);
    if (!read) {
        if (read.error().id == QLatin1String("file-too-large"))
            return keepAside(
                tr("larger than %1 MiB").arg(BoundedFile::capBytes(InputFileKind::Profiles) / (1024 * 1024)));
        m_writeBlock =
            Error(ErrorCode::Storage, read.error().userMessage)
                .withId(QStringLiteral("profiles-unreadable"))
                .withRemedy(tr("Check the file's permissions; nothing is saved over it until it can be "
                               "read."));
        return m_writeBlock;
    }
    return parse(read.value());
}

Result<bool> ProfileStore::parse(const QByteArray &data)
{
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(data, &parseError);
    if (!doc.isObject())
        return keepAside(doc.isNull() ? parseError.errorString() : tr("not a JSON object"));
    QJsonObject root = doc.object();

    const QJsonValue versionValue = root.value(QLatin1String("schemaVersion"));
    int version = 0;
    if (!versionValue.isUndefined()) {
        const double v = versionValue.toDouble(-1);
        if (!versionValue.isDouble() || v < 0 || v > kMaxPlausibleSchema || std::floor(v) != v)
            return keepAside(tr("its format version is not a whole number this tool understands"));
        version = static_cast<int>(v);
    }
    if (version > kSchemaVersion) {
        // Read what can be read; never write, so nothing of the newer format is lost.
        m_readOnly = true;
        for (const QJsonValue &v : root.value(QLatin1String("profiles")).toArray()) {
            const Profile p = Profile::fromJson(v.toObject());
            if (!p.name.isEmpty())
                m_profiles << p;
        }
        return Error(ErrorCode::Unsupported, tr("The profiles file %1 was written by a newer bpsetup (format "
                                                "%2; this one knows %3). The "
                                                "profiles can be used, but changes are not saved so nothing "
                                                "of the newer format is lost.")
                                                 .arg(QDir::toNativeSeparators(m_path))
                                                 .arg(version)
                                                 .arg(kSchemaVersion))
            .withId(QStringLiteral("profiles-newer"))
            .withRemedy(tr("Update bpsetup."));
    }
    if (version == 0) {
        const QJsonValue byName = root.value(QLatin1String("profiles"));
        if (!byName.isObject() && !(byName.isUndefined() && root.isEmpty()))
            return keepAside(tr("it has no profiles in a form this tool knows"));
        for (const QJsonValue &p : byName.toObject()) {
            if (!p.isObject())
                return keepAside(tr("a profile is not an object"));
        }
        m_migratedFrom = 0;
        root = migrateV0toV1(root);
    }
    const QJsonValue list = root.value(QLatin1String("profiles"));
    if (!list.isArray())
        return keepAside(tr("\"profiles\" is not a list"));
    QList<Profile> profiles;
    QSet<QString> names;
    for (const QJsonValue &v : list.toArray()) {
        if (!v.isObject())
            return keepAside(tr("a profile is not an object"));
        const QString problem = shapeProblem(v.toObject());
        if (!problem.isEmpty())
            return keepAside(problem);
        const Profile p = Profile::fromJson(v.toObject());
        if (names.contains(p.name))
            return keepAside(tr("the name \"%1\" is there twice").arg(p.name));
        names.insert(p.name);
        profiles << p;
    }
    m_profiles = profiles;
    return true;
}

Result<bool> ProfileStore::save()
{
    if (m_readOnly)
        return Error(
                   ErrorCode::Unsupported,
                   tr("Not saved: the profiles file was written by a newer bpsetup. Update bpsetup to change "
                      "profiles."))
            .withId(QStringLiteral("profiles-newer"));
    if (m_writeBlock.code != ErrorCode::None)
        return Error(ErrorCode::Storage, tr("Not saved: %1").arg(m_writeBlock.userMessage))
            .withId(QStringLiteral("profiles-not-writable"))
            .withRemedy(m_writeBlock.remedy);
    if (!m_loaded && (QFileInfo::exists(m_path) || QFileInfo(m_path).isSymLink()))
        return Error(ErrorCode::Internal, QString(),
                     QStringLiteral("save() before load() on an existing file"))
            .withId(QStringLiteral("profiles-not-loaded"));
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    if (m_migratedFrom >= 0 && QFile::exists(m_path)) {
        // Keep the pre-migration file once, in case an older bpsetup is still in use.
        const QString backup = m_path + QStringLiteral(".v%1.bak").arg(m_migratedFrom);
        if (!QFile::exists(backup) && !QFile::copy(m_path, backup))
            return Error(
                       ErrorCode::Storage,
                       tr("Not saved: the profiles file could not be backed up before its format is updated "
                          "(%1).")
                           .arg(QDir::toNativeSeparators(backup)))
                .withId(QStringLiteral("profiles-backup-failed"));
    }
    QJsonArray list;
    for (const Profile &p : std::as_const(m_profiles))
        list.append(p.toJson());
    const QJsonObject root{{QStringLiteral("schemaVersion"), kSchemaVersion},
                           {QStringLiteral("profiles"), list}};
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(root).toJson()) < 0 || !file.commit())
        return Error(ErrorCode::Storage, tr("Cannot save the profiles file %1: %2")
                                             .arg(QDir::toNativeSeparators(m_path), file.errorString()))
            .withId(QStringLiteral("profiles-save-failed"));
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
    const QDateTime now = m_clock->nowUtc();
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
        return Error(ErrorCode::InvalidInput, tr("A profile named \"%1\" already exists.").arg(to))
            .withId(QStringLiteral("profile-exists"));
    for (Profile &p : m_profiles) {
        if (p.name == from) {
            p.name = to;
            p.modified = m_clock->nowUtc();
            return true;
        }
    }
    return Error(ErrorCode::InvalidInput, tr("There is no profile named \"%1\".").arg(from))
        .withId(QStringLiteral("profile-unknown"));
}

} // namespace bp
