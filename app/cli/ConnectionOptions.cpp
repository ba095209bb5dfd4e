// SPDX-License-Identifier: Apache-2.0
#include "cli/ConnectionOptions.h"

#include "net/TrustStore.h"
#include "profiles/ProfileManager.h"
#include "services/TrustedCertificates.h"

#include <QDir>

namespace bp::cli {

namespace {
Error usage(const QString &message)
{
    return Error(ErrorCode::InvalidInput, message).withId(QStringLiteral("usage"));
}
} // namespace

ConnectionOptions::ConnectionOptions()
    : aem(QStringLiteral("aem"), tr("AEM author address, e.g. https://author.example.com."), tr("URL")),
      user(QStringLiteral("user"), tr("AEM user name (an administrator)."), tr("U")),
      passwordStdin(QStringLiteral("password-stdin"),
                    tr("Read the password from the first line of stdin (else from BPSETUP_AEM_PASSWORD).")),
      tokenStdin(QStringLiteral("token-stdin"),
                 tr("Read a bearer token (AEM as a Cloud Service) from stdin instead of a password.")),
      caFile(QStringLiteral("ca-file"), tr("Extra CA certificates (PEM) to trust."), tr("FILE")),
      trust(
          QStringLiteral("trust-fingerprint"),
          tr("Trust exactly the certificate with this SHA-256 fingerprint, as a failed run shows it: SHA256 "
             "for the server you name, HOST[:PORT]=SHA256 for any other host (Adobe IMS behind a proxy that "
             "inspects TLS, for example); repeat it for several hosts. Remembered once a connection worked "
             "with it."),
          tr("[HOST:PORT=]SHA256")),
      proxy(
          QStringLiteral("proxy"),
          tr("Proxy URL (http://host:port or socks5://host:port); \"none\" for no proxy. Default: the system "
             "proxy."),
          tr("URL")),
      timeout(QStringLiteral("timeout"), tr("Seconds to wait for each answer (default 15)."), tr("S")),
      profile(QStringLiteral("profile"),
              tr("Use a saved profile: its address and user, and its password or token from the keychain."),
              tr("NAME"))
{
}

void ConnectionOptions::addTo(QCommandLineParser &parser) const
{
    parser.addOptions({aem, user, passwordStdin, tokenStdin, caFile, trust, proxy, timeout, profile});
}

Result<int> timeoutOption(const QCommandLineParser &parser, const QCommandLineOption &option, int defaultMs)
{
    if (!parser.isSet(option))
        return defaultMs;
    const auto ms = parseTimeoutSeconds(parser.value(option));
    if (!ms)
        return Error(ms.error())
            .withRemedy(ConnectionOptions::tr("Give --timeout in seconds, e.g. --timeout 30."));
    return ms.value();
}

Result<AemConnection> ConnectionOptions::resolve(const QCommandLineParser &parser, CliContext &ctx)
{
    AemConnection connection;
    // Plain inputs first: a typo fails before anything is asked for or read from the keychain.
    const auto ms = timeoutOption(parser, timeout, connection.network.timeoutMs);
    if (!ms)
        return ms.error();
    // The fingerprints' form now; which server a bare one belongs to once the address is known.
    if (const auto pins = trustedPins(parser, QUrl(QStringLiteral("https://aem.invalid"))); !pins)
        return pins.error();
    if (parser.isSet(proxy) && !parser.value(proxy).isEmpty() &&
        parser.value(proxy).compare(QLatin1String("none"), Qt::CaseInsensitive) != 0) {
        if (const auto p = parseProxyUrl(parser.value(proxy)); !p)
            return p.error();
    }
    if (parser.isSet(aem)) {
        const auto url = parseAemUrl(parser.value(aem));
        if (!url)
            return url.error();
        if (const auto pins = trustedPins(parser, url.value()); !pins)
            return pins.error();
    }
    if (parser.isSet(profile)) {
        SavedConnectionLoader loader(&ctx.profiles(), parser.value(profile),
                                     {SecretKind::AemToken, SecretKind::AemPassword}, ctx.clock());
        ctx.run(loader);
        if (!loader.succeeded())
            return loader.error();
        m_saved = loader.result();
        connection = m_saved->connection;
    }
    if (!parser.isSet(aem) && !m_saved)
        return usage(tr("--aem URL is required, e.g. --aem http://localhost:4502."));
    if (parser.isSet(aem)) {
        const auto url = parseAemUrl(parser.value(aem));
        if (!url)
            return url.error();
        connection.baseUrl = url.value();
    }
    if (parser.isSet(user))
        connection.user = parser.value(user);

    const bool secretGiven = parser.isSet(tokenStdin) || parser.isSet(passwordStdin) ||
                             !qEnvironmentVariableIsEmpty("BPSETUP_AEM_PASSWORD");
    if (secretGiven || !m_saved) {
        connection.password.clear();
        connection.bearerToken.clear();
    }
    if (m_saved && !secretGiven) {
        if (connection.bearerToken.isEmpty() && connection.password.isEmpty())
            return usage(
                tr("Profile \"%1\" has no AEM password or token in the keychain: save one with bpsetup "
                   "profile save %1 --password-stdin, or pipe it with --password-stdin.")
                    .arg(m_saved->profile.name));
    } else if (parser.isSet(tokenStdin)) {
        if (!ctx.readSecretLine(&connection.bearerToken,
                                tr("Token for %1: ").arg(connection.baseUrl.toString())))
            return usage(tr("--token-stdin was given but stdin had no token."));
    } else {
        if (connection.user.isEmpty())
            return usage(tr("--user U is required (or --token-stdin for a Cloud Service token)."));
        const QString prompt =
            tr("Password for %1 at %2: ").arg(connection.user, connection.baseUrl.toString());
        if (parser.isSet(passwordStdin)) {
            if (!ctx.readSecretLine(&connection.password, prompt))
                return usage(tr("--password-stdin was given but stdin had no password."));
        } else {
            connection.password = SecretString(qEnvironmentVariable("BPSETUP_AEM_PASSWORD"));
            // Nothing piped and nothing in the environment: ask, but only a person at a terminal.
            if (connection.password.isEmpty() && ctx.stdinIsTerminal())
                ctx.readSecretLine(&connection.password, prompt);
            if (connection.password.isEmpty())
                return usage(tr("No password: pipe it with --password-stdin or set BPSETUP_AEM_PASSWORD."));
        }
    }

    connection.network.caFile = parser.value(caFile);
    connection.network.proxyUrl = parser.value(proxy);
    connection.network.timeoutMs = ms.value();
    // Certificates trusted earlier (in the wizard or after a --trust-fingerprint run) stay trusted.
    TrustedCertificates trusted(ctx.trustStorePath(), ctx.clock());
    connection.network.pinnedSha256.clear();
    trusted.addSavedPins(connection.network, connection.baseUrl,
                         m_saved ? m_saved->profile.pinnedSha256 : QString());
    if (trusted.problem().isError())
        ctx.warn(trusted.problem().userMessage);
    const auto pins = trustedPins(parser, connection.baseUrl);
    if (!pins)
        return pins.error();
    for (auto it = pins.value().cbegin(); it != pins.value().cend(); ++it)
        connection.network.pinnedSha256.insert(it.key(), it.value());
    return connection;
}

Result<QHash<QString, QString>> ConnectionOptions::trustedPins(const QCommandLineParser &parser,
                                                               const QUrl &primary)
{
    QHash<QString, QString> pins;
    for (const QString &spec : parser.values(trust)) {
        const auto pin = TrustedCertificates::parsePinSpec(spec, primary);
        if (!pin)
            return pin.error();
        pins.insert(pin.value().first, pin.value().second);
    }
    m_newPins = pins;
    return pins;
}

void ConnectionOptions::rememberTrust(CliContext &ctx, const QHash<QString, QString> &pinsUsed)
{
    TrustedCertificates trusted(ctx.trustStorePath(), ctx.clock());
    for (auto it = m_newPins.cbegin(); it != m_newPins.cend(); ++it) {
        const QString &key = it.key();
        const auto saved = trusted.rememberIfUsed(key, it.value(), pinsUsed);
        if (!saved)
            ctx.warn(saved.error().userMessage);
        else if (saved.value())
            ctx.err << tr("Trusting this certificate for %1 from now on (saved in %2).")
                           .arg(key, QDir::toNativeSeparators(trusted.path()))
                    << Qt::endl;
        else if (!pinsUsed.contains(key))
            ctx.err
                << tr("The fingerprint for %1 was not needed (its certificate is trusted anyway, or %1 was "
                      "not asked); nothing was pinned.")
                       .arg(key)
                << Qt::endl;
    }
}

} // namespace bp::cli
