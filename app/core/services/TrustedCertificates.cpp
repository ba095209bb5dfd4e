// SPDX-License-Identifier: Apache-2.0
#include "services/TrustedCertificates.h"

#include "net/CertificateInfo.h"
#include "net/TrustStore.h"
#include "time/Clock.h"

#include <QCoreApplication>

namespace bp {

namespace {
// One translation context for the file, spelled the same for lupdate and at run time.
class Text
{
    Q_DECLARE_TR_FUNCTIONS(bp::TrustedCertificates)
};
} // namespace

TrustedCertificates::TrustedCertificates(QString trustStorePath)
    : TrustedCertificates(std::move(trustStorePath), Clock::system())
{
}

TrustedCertificates::TrustedCertificates(QString trustStorePath, Clock &clock)
    : m_path(std::move(trustStorePath)), m_clock(&clock)
{
}

void TrustedCertificates::addSavedPins(NetworkSettings &settings, const QUrl &url, const QString &profilePin)
{
    TrustStore store(m_path, *m_clock);
    const Result<bool> loaded = store.load();
    m_problem = loaded.ok() ? Error() : loaded.error();
    for (auto it = store.pins().cbegin(); it != store.pins().cend(); ++it)
        settings.pinnedSha256.insert(it.key(), it.value());
    const QString pin = TrustStore::normaliseFingerprint(profilePin);
    if (!pin.isEmpty() && url.scheme() == QLatin1String("https"))
        settings.pinnedSha256.insert(hostPortKey(url), pin);
}

Result<QString> TrustedCertificates::checkNewPin(const QUrl &url, const QString &fingerprint)
{
    const QString fp = TrustStore::normaliseFingerprint(fingerprint);
    if (fp.isEmpty())
        return Error(ErrorCode::InvalidInput,
                     Text::tr("\"%1\" is not a SHA-256 fingerprint (64 hex digits, colons allowed).")
                         .arg(fingerprint))
            .withId(QStringLiteral("fingerprint-invalid"));
    if (url.scheme() != QLatin1String("https"))
        return Error(ErrorCode::InvalidInput,
                     Text::tr("%1 is a plain http:// address: there is no certificate to trust.")
                         .arg(url.toString()))
            .withId(QStringLiteral("fingerprint-plain-http"))
            .withRemedy(Text::tr("Use the https:// address of the server, or leave the fingerprint out."));
    return fp;
}

Result<QPair<QString, QString>> TrustedCertificates::parsePinSpec(const QString &spec, const QUrl &url)
{
    const int eq = int(spec.lastIndexOf(QLatin1Char('=')));
    if (eq < 0) {
        const Result<QString> pin = checkNewPin(url, spec);
        if (!pin)
            return pin.error();
        return qMakePair(hostPortKey(url), pin.value());
    }
    const QString host = spec.left(eq).trimmed();
    const QString fp = TrustStore::normaliseFingerprint(spec.mid(eq + 1));
    if (fp.isEmpty())
        return checkNewPin(url, spec.mid(eq + 1)).error();
    // Parsed as the authority of an https:// address, so "host", "host:port" and "[::1]:8443" all work.
    const QUrl hostUrl(QStringLiteral("https://") + host, QUrl::StrictMode);
    if (host.isEmpty() || !hostUrl.isValid() || hostUrl.host().isEmpty() || !hostUrl.userInfo().isEmpty() ||
        (!hostUrl.path().isEmpty() && hostUrl.path() != QLatin1String("/")) || hostUrl.hasQuery())
        return Error(ErrorCode::InvalidInput,
                     Text::tr("\"%1\" is not a host name with an optional port (HOST[:PORT]=SHA256).")
                         .arg(host))
            .withId(QStringLiteral("fingerprint-host-invalid"))
            .withRemedy(
                Text::tr("Give it as the failed run printed it, e.g. ims-na1.adobelogin.com:443=ab:cd:…"));
    return qMakePair(hostPortKey(hostUrl), fp);
}

QString TrustedCertificates::pinSpec(const QString &hostPort, const QString &sha256)
{
    return hostPort + QLatin1Char('=') + CertificateInfo::displayFingerprint(sha256);
}

Result<bool> TrustedCertificates::rememberIfUsed(const QUrl &url, const QString &fingerprint,
                                                 const QHash<QString, QString> &pinsUsed)
{
    if (url.scheme() != QLatin1String("https"))
        return false;
    return rememberIfUsed(hostPortKey(url), fingerprint, pinsUsed);
}

Result<bool> TrustedCertificates::rememberIfUsed(const QString &key, const QString &fingerprint,
                                                 const QHash<QString, QString> &pinsUsed)
{
    const QString fp = TrustStore::normaliseFingerprint(fingerprint);
    if (key.isEmpty() || fp.isEmpty() || pinsUsed.value(key) != fp)
        return false;
    TrustStore store(m_path, *m_clock);
    if (const Result<bool> loaded = store.load(); !loaded && !store.isWritable())
        return loaded.error();
    store.pin(key, fp);
    const Result<bool> saved = store.save();
    if (!saved)
        return saved.error();
    return true;
}

} // namespace bp
