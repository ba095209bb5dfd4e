// SPDX-License-Identifier: Apache-2.0
#include "net/NetworkSettings.h"

#include "io/BoundedFile.h"

#include <QCoreApplication>

#include <cmath>

namespace bp {

namespace {
Error invalid(const QString &message)
{
    return Error{ErrorCode::InvalidInput, message, QString()};
}
} // namespace

Result<QUrl> parseAemUrl(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return invalid(NetworkSettings::tr("Enter the address of the AEM author instance, for example "
                                           "https://author.example.com or http://localhost:4502."));
    if (!trimmed.contains(QLatin1String("://")))
        return invalid(NetworkSettings::tr(
                           "The address \"%1\" has no scheme. Start it with https:// (or http:// for a local "
                           "instance), for example https://%1.")
                           .arg(trimmed));
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid())
        return invalid(
            NetworkSettings::tr("\"%1\" is not a valid address: %2").arg(trimmed, url.errorString()));
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http"))
        return invalid(NetworkSettings::tr("The address must start with https:// or http://, not %1://.")
                           .arg(url.scheme()));
    if (url.host().isEmpty())
        return invalid(NetworkSettings::tr("The address \"%1\" has no host name.").arg(trimmed));
    if (!url.userInfo().isEmpty())
        return invalid(NetworkSettings::tr(
            "Do not put the user name or password in the address; use the separate fields."));
    if (!url.path().isEmpty() && url.path() != QLatin1String("/"))
        return invalid(
            NetworkSettings::tr(
                "Give the server root without a path (for example %1://%2), not a page such as %3.")
                .arg(scheme, url.authority(), url.path()));
    if (url.hasQuery() || url.hasFragment())
        return invalid(NetworkSettings::tr("Remove the query or fragment (after ? or #) from the address."));
    QUrl clean;
    clean.setScheme(scheme);
    clean.setHost(url.host());
    clean.setPort(url.port());
    return clean;
}

Result<QUrl> parseProxyUrl(const QString &text)
{
    const QString trimmed = text.trimmed();
    const QUrl url(trimmed.contains(QLatin1String("://")) ? trimmed : QStringLiteral("http://") + trimmed,
                   QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return invalid(
            NetworkSettings::tr("The proxy \"%1\" is not valid; use http://host:port or socks5://host:port.")
                .arg(trimmed));
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("socks5"))
        return invalid(NetworkSettings::tr("Only http:// and socks5:// proxies are supported, not %1://.")
                           .arg(url.scheme()));
    if (url.port() <= 0)
        return invalid(NetworkSettings::tr(
            "The proxy address needs a port, for example http://proxy.example.com:3128."));
    return url;
}

QString hostPortKey(const QUrl &url)
{
    const int defaultPort = url.scheme() == QLatin1String("http") ? 80 : 443;
    return url.host().toLower() + QLatin1Char(':') + QString::number(url.port(defaultPort));
}

QString originText(const QUrl &url)
{
    QUrl origin;
    origin.setScheme(url.scheme());
    origin.setHost(url.host());
    origin.setPort(url.port());
    return origin.toString();
}

Result<QList<QSslCertificate>> loadCaFile(const QString &path)
{
    const auto data = BoundedFile::read(path, InputFileKind::CaBundle);
    if (!data)
        return data.error();
    QList<QSslCertificate> cas = QSslCertificate::fromData(data.value(), QSsl::Pem);
    if (cas.isEmpty())
        cas = QSslCertificate::fromData(data.value(), QSsl::Der);
    if (cas.isEmpty())
        return invalid(NetworkSettings::tr("The CA file %1 contains no certificate (PEM or DER expected).")
                           .arg(path))
            .withId(QStringLiteral("ca-file-empty"));
    return cas;
}

Result<int> parseTimeoutSeconds(const QString &text)
{
    bool ok = false;
    const double seconds = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(seconds) || seconds < 0.01 || seconds > kMaxTimeoutSeconds)
        return invalid(NetworkSettings::tr("The timeout \"%1\" is not a number of seconds from 0.01 to %2.")
                           .arg(text)
                           .arg(kMaxTimeoutSeconds))
            .withId(QStringLiteral("timeout-invalid"));
    return static_cast<int>(std::lround(seconds * 1000));
}

} // namespace bp
