// SPDX-License-Identifier: Apache-2.0
#include "net/TrustStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

namespace bp {

namespace {
constexpr int kSchemaVersion = 1;
} // namespace

TrustStore::TrustStore(QString filePath) : m_path(std::move(filePath)) {}

QString TrustStore::defaultPath()
{
    const QString override = qEnvironmentVariable("BPSETUP_CONFIG_DIR");
    const QString dir =
        override.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) : override;
    return dir + QStringLiteral("/trusted-certificates.json");
}

Result<bool> TrustStore::load()
{
    m_pins.clear();
    QFile file(m_path);
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly))
        return Error{ErrorCode::Internal, TrustStore::tr("Cannot read the trusted certificates file %1: %2")
                                              .arg(m_path, file.errorString())};
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject())
        return Error{
            ErrorCode::Parse,
            TrustStore::tr(
                "The trusted certificates file %1 is damaged (%2). Move it aside; certificates will be asked "
                "for again.")
                .arg(m_path, parseError.errorString())};
    const QJsonObject pins = doc.object().value(QLatin1String("pins")).toObject();
    for (auto it = pins.begin(); it != pins.end(); ++it)
        m_pins.insert(it.key(), it.value().toString());
    return true;
}

Result<bool> TrustStore::save() const
{
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QJsonObject pins;
    for (auto it = m_pins.begin(); it != m_pins.end(); ++it)
        pins.insert(it.key(), it.value());
    QJsonObject root{{QStringLiteral("schemaVersion"), kSchemaVersion}, {QStringLiteral("pins"), pins}};
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(root).toJson()) < 0 || !file.commit())
        return Error{ErrorCode::Internal, TrustStore::tr("Cannot save the trusted certificates file %1: %2")
                                              .arg(m_path, file.errorString())};
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
