// SPDX-License-Identifier: Apache-2.0
#include "net/TrustStore.h"
#include "io/AppPaths.h"

#include "io/BoundedFile.h"
#include "time/Clock.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

namespace bp {

namespace {
constexpr int kSchemaVersion = 1;
} // namespace

TrustStore::TrustStore(QString filePath) : TrustStore(std::move(filePath), Clock::system()) {}

TrustStore::TrustStore(QString filePath, Clock &clock) : m_path(std::move(filePath)), m_clock(&clock) {}

QString TrustStore::defaultPath()
{
    return AppPaths::configDir() + QStringLiteral("/trusted-certificates.json");
}

QString TrustStore::normaliseFingerprint(const QString &text)
{
    QString fp = text.trimmed().toLower();
    fp.remove(QLatin1Char(':'));
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
    return hex.match(fp).hasMatch() ? fp : QString();
}

Result<bool> TrustStore::keepAside(const QString &why)
{
    const QString target = BoundedFile::keepDamagedAside(m_path, m_clock->nowUtc());
    if (target.isEmpty()) {
        m_writeBlock =
            Error(ErrorCode::Parse,
                  tr("The trusted certificates file %1 is damaged (%2) and could not be moved aside; "
                     "nothing will be saved over it.")
                      .arg(QDir::toNativeSeparators(m_path), why))
                .withId(QStringLiteral("trust-store-damaged-kept"))
                .withRemedy(tr("Move the file aside by hand; certificates will then be asked for again."));
        return m_writeBlock;
    }
    m_movedAside = target;
    return Error(ErrorCode::Parse, tr("The trusted certificates file was damaged (%1). It was kept as %2; "
                                      "certificates you trusted "
                                      "before will be asked for again.")
                                       .arg(why, QDir::toNativeSeparators(target)))
        .withId(QStringLiteral("trust-store-damaged"));
}

Result<bool> TrustStore::load()
{
    m_pins.clear();
    m_writeBlock = Error();
    m_movedAside.clear();
    m_loaded = true;
    const QFileInfo info(m_path);
    if (!info.exists() && !info.isSymLink())
        return true;
    const auto read = BoundedFile::read(m_path, InputFileKind::TrustStore);
    if (!read) {
        if (read.error().id == QLatin1String("file-too-large"))
            return keepAside(tr("too large"));
        m_writeBlock = Error(ErrorCode::Storage, read.error().userMessage)
                           .withId(QStringLiteral("trust-store-unreadable"));
        return m_writeBlock;
    }
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(read.value(), &parseError);
    if (!doc.isObject())
        return keepAside(doc.isNull() ? parseError.errorString() : tr("not a JSON object"));
    const QJsonValue version = doc.object().value(QLatin1String("schemaVersion"));
    if (!version.isUndefined() &&
        (!version.isDouble() || version.toDouble() < 0 || version.toDouble() > 1000))
        return keepAside(tr("its format version is not a whole number this tool understands"));
    const bool newer = version.toDouble() > kSchemaVersion;
    const QJsonValue pins = doc.object().value(QLatin1String("pins"));
    if (!pins.isObject())
        return keepAside(tr("\"pins\" is missing or not an object"));
    QHash<QString, QString> loaded;
    const QJsonObject object = pins.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString fp = normaliseFingerprint(it.value().toString());
        if (!it.value().isString() || fp.isEmpty())
            return keepAside(tr("the entry for %1 is not a SHA-256 fingerprint").arg(it.key()));
        loaded.insert(it.key(), fp);
    }
    m_pins = loaded;
    m_loaded = true;
    if (newer) {
        // Pins are used; the file is never written, so nothing of the newer format is lost.
        m_writeBlock =
            Error(ErrorCode::Unsupported,
                  tr("The trusted certificates file %1 was written by a newer bpsetup: its pins are used, "
                     "but new ones are not saved.")
                      .arg(QDir::toNativeSeparators(m_path)))
                .withId(QStringLiteral("trust-store-newer"))
                .withRemedy(tr("Update bpsetup."));
        return m_writeBlock;
    }
    return true;
}

Result<bool> TrustStore::save() const
{
    if (!m_loaded && (QFileInfo::exists(m_path) || QFileInfo(m_path).isSymLink()))
        return Error(ErrorCode::Internal, QString(),
                     QStringLiteral("save() before load() on an existing file"))
            .withId(QStringLiteral("trust-store-not-loaded"));
    if (m_writeBlock.code != ErrorCode::None)
        return Error(ErrorCode::Storage, tr("Not saved: %1").arg(m_writeBlock.userMessage))
            .withId(QStringLiteral("trust-store-not-writable"))
            .withRemedy(m_writeBlock.remedy);
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QJsonObject pins;
    for (auto it = m_pins.begin(); it != m_pins.end(); ++it)
        pins.insert(it.key(), it.value());
    QJsonObject root{{QStringLiteral("schemaVersion"), kSchemaVersion}, {QStringLiteral("pins"), pins}};
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(root).toJson()) < 0 || !file.commit())
        return Error(ErrorCode::Storage, tr("Cannot save the trusted certificates file %1: %2")
                                             .arg(QDir::toNativeSeparators(m_path), file.errorString()))
            .withId(QStringLiteral("trust-store-save-failed"));
    return true;
}

void TrustStore::pin(const QString &hostPort, const QString &sha256)
{
    m_pins.insert(hostPort, sha256.toLower());
}
void TrustStore::unpin(const QString &hostPort)
{
    m_pins.remove(hostPort);
}
QString TrustStore::pinFor(const QString &hostPort) const
{
    return m_pins.value(hostPort);
}

} // namespace bp
