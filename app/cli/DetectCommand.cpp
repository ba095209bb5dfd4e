// SPDX-License-Identifier: Apache-2.0
#include "cli/DetectCommand.h"

#include "aem/InstanceDetector.h"
#include "cli/ExitCode.h"
#include "cli/ProfileSupport.h"
#include "net/TrustStore.h"
#include "setup/RouteSelector.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDate>
#include <QDir>
#include <QEventLoop>
#include <QJsonArray>
#include <QNetworkAccessManager>

namespace bp::cli {

namespace {
QJsonValue nullable(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

Error usage(const QString &message)
{
    return Error{ErrorCode::InvalidInput, message, QString()};
}
} // namespace

QJsonObject DetectCommand::toJson(const AemInstance &instance, const RouteDecision &decision)
{
    QJsonArray sources;
    for (const auto &e : instance.versionEvidence) {
        QJsonObject o{{QStringLiteral("id"), e.sourceId},
                      {QStringLiteral("path"), e.path},
                      {QStringLiteral("readable"), e.readable}};
        if (e.readable)
            o.insert(QStringLiteral("version"), e.version);
        else
            o.insert(QStringLiteral("problem"), e.problem);
        sources.append(o);
    }
    return QJsonObject{
        {QStringLiteral("ok"), true},
        {QStringLiteral("aemUrl"), instance.baseUrl.toString()},
        {QStringLiteral("deployment"), deploymentId(instance.deployment())},
        {QStringLiteral("version"),
         instance.version.isValid() ? QJsonValue(instance.version.toString()) : QJsonValue()},
        {QStringLiteral("versionChosenManually"), instance.versionChosenManually},
        {QStringLiteral("versionSources"), sources},
        {QStringLiteral("versionConflicts"), QJsonArray::fromStringList(instance.versionConflicts)},
        {QStringLiteral("oauthSupported"), instance.oauthSupported()},
        {QStringLiteral("oauthSupport"), oauthSupportId(instance.oauthSupport)},
        {QStringLiteral("state"), configStateId(instance.state)},
        {QStringLiteral("tenant"), nullable(instance.tenant)},
        {QStringLiteral("configPaths"), QJsonArray::fromStringList(instance.configPaths())},
        {QStringLiteral("problems"), QJsonArray::fromStringList(instance.problems)},
        {QStringLiteral("route"), routeId(decision.route)},
        {QStringLiteral("reasonId"), decision.reasonId},
        {QStringLiteral("reason"), decision.reason},
        {QStringLiteral("prerequisites"), QJsonArray::fromStringList(decision.prerequisites)},
        {QStringLiteral("upgradeTarget"), nullable(decision.upgradeTarget)},
        {QStringLiteral("requests"), instance.requestCount},
    };
}

void DetectCommand::printHuman(const AemInstance &instance, const RouteDecision &decision)
{
    QTextStream &o = m_ctx.out;
    const auto line = [&o](const QString &label, const QString &value) {
        o << label.leftJustified(16) << value << Qt::endl;
    };
    line(DetectCommand::tr("AEM:"), instance.baseUrl.toString());
    line(DetectCommand::tr("Deployment:"),
         QStringLiteral("%1 (%2)").arg(deploymentId(instance.deployment()),
                                       deploymentDisplayName(instance.deployment())));
    QStringList readable;
    for (const auto &e : instance.versionEvidence) {
        if (e.readable)
            readable << e.sourceId;
    }
    line(DetectCommand::tr("Version:"),
         instance.version.isValid()
             ? instance.version.toString() +
                   (instance.versionChosenManually
                        ? DetectCommand::tr("  (chosen by hand)")
                        : QStringLiteral("  (") + readable.join(QStringLiteral(", ")) + QLatin1Char(')'))
             : DetectCommand::tr("could not be read"));
    for (const auto &e : instance.versionEvidence) {
        if (!e.readable)
            line(QString(), DetectCommand::tr("%1: %2").arg(e.sourceId, e.problem));
    }
    for (const QString &c : instance.versionConflicts)
        line(QString(), DetectCommand::tr("conflict: %1").arg(c));
    line(DetectCommand::tr("OAuth S2S:"),
         QStringLiteral("%1 (%2)").arg(instance.oauthSupported() ? DetectCommand::tr("supported")
                                                                 : DetectCommand::tr("not supported"),
                                       oauthSupportId(instance.oauthSupport)));
    line(
        DetectCommand::tr("Configuration:"),
        QStringLiteral("%1 (%2)").arg(configStateId(instance.state), configStateDisplayName(instance.state)));
    line(DetectCommand::tr("Tenant:"), instance.tenant.isEmpty() ? QStringLiteral("-") : instance.tenant);
    const QStringList paths = instance.configPaths();
    for (int i = 0; i < paths.size(); ++i)
        line(i == 0 ? DetectCommand::tr("Found:") : QString(), paths.at(i));
    for (int i = 0; i < instance.problems.size(); ++i)
        line(i == 0 ? DetectCommand::tr("Problems:") : QString(), instance.problems.at(i));
    line(DetectCommand::tr("Route:"),
         QStringLiteral("%1 (%2)").arg(routeId(decision.route), routeDisplayName(decision.route)));
    line(DetectCommand::tr("Reason:"), decision.reason);
    for (int i = 0; i < decision.prerequisites.size(); ++i)
        line(i == 0 ? DetectCommand::tr("First:") : QString(), decision.prerequisites.at(i));
}

int DetectCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        DetectCommand::tr("Reads the AEM version and the existing Brand Portal configuration, and "
                          "reports the setup route. Read-only: sends no write requests."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  DetectCommand::tr("Show this help."));
    const QCommandLineOption aem(QStringLiteral("aem"),
                                 DetectCommand::tr("AEM author address, e.g. https://author.example.com."),
                                 DetectCommand::tr("URL"));
    const QCommandLineOption user(QStringLiteral("user"),
                                  DetectCommand::tr("AEM user name (an administrator)."),
                                  DetectCommand::tr("U"));
    const QCommandLineOption passwordStdin(
        QStringLiteral("password-stdin"),
        DetectCommand::tr("Read the password from the first line of stdin (else from "
                          "BPSETUP_AEM_PASSWORD)."));
    const QCommandLineOption tokenStdin(
        QStringLiteral("token-stdin"),
        DetectCommand::tr("Read a bearer token (AEM as a Cloud Service) from stdin instead of a password."));
    const QCommandLineOption json(QStringLiteral("json"),
                                  DetectCommand::tr("Print one JSON object on stdout."));
    const QCommandLineOption caFile(QStringLiteral("ca-file"),
                                    DetectCommand::tr("Extra CA certificates (PEM) to trust."),
                                    DetectCommand::tr("FILE"));
    const QCommandLineOption trust(
        QStringLiteral("trust-fingerprint"),
        DetectCommand::tr("Trust the server certificate with this SHA-256 fingerprint (as shown by a "
                          "failed run)."),
        DetectCommand::tr("SHA256"));
    const QCommandLineOption proxy(QStringLiteral("proxy"),
                                   DetectCommand::tr("Proxy URL (http://host:port); \"none\" for no proxy. "
                                                     "Default: the system proxy."),
                                   DetectCommand::tr("URL"));
    const QCommandLineOption timeout(QStringLiteral("timeout"),
                                     DetectCommand::tr("Seconds to wait for each answer (default 15)."),
                                     DetectCommand::tr("S"));
    const QCommandLineOption version(
        QStringLiteral("aem-version"),
        DetectCommand::tr("Use this AEM version if it cannot be read (cloud, 6.5.x.y, 6.6.x)."),
        DetectCommand::tr("V"));
    const QCommandLineOption recipe(QStringLiteral("recipe"),
                                    DetectCommand::tr("Detection recipe JSON replacing the built-in one."),
                                    DetectCommand::tr("FILE"));
    const QCommandLineOption profileOption(
        QStringLiteral("profile"),
        DetectCommand::tr(
            "Use a saved profile: its address and user, and its password or token from the keychain."),
        DetectCommand::tr("NAME"));
    parser.addOptions({help, aem, user, passwordStdin, tokenStdin, json, caFile, trust, proxy, timeout,
                       version, recipe, profileOption});
    if (!parser.parse(arguments))
        return m_ctx.fail(usage(parser.errorText() + DetectCommand::tr(" (see bpsetup detect --help)")));
    if (parser.isSet(help)) {
        m_ctx.out << parser.helpText().replace(QCoreApplication::applicationFilePath(),
                                               QStringLiteral("bpsetup detect"));
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return m_ctx.fail(usage(DetectCommand::tr("Unexpected argument \"%1\" (see bpsetup detect --help).")
                                    .arg(parser.positionalArguments().first())));
    ProfileStore profiles;
    std::optional<Profile> profile;
    if (parser.isSet(profileOption)) {
        QStringList warnings;
        auto loaded = ProfileSupport::loadProfile(profiles, parser.value(profileOption), &warnings);
        for (const QString &w : std::as_const(warnings))
            m_ctx.err << QStringLiteral("bpsetup: ") << w << Qt::endl;
        if (!loaded)
            return m_ctx.fail(loaded.error());
        profile = loaded.value();
    }
    if (!parser.isSet(aem) && !profile)
        return m_ctx.fail(
            usage(DetectCommand::tr("--aem URL is required, e.g. --aem http://localhost:4502.")));
    const auto url = parser.isSet(aem) ? parseAemUrl(parser.value(aem)) : Result<QUrl>(profile->aemUrl);
    if (!url)
        return m_ctx.fail(url.error());

    AemConnection connection;
    connection.baseUrl = url.value();
    connection.user = parser.isSet(user) || !profile ? parser.value(user) : profile->aemUser;
    const bool secretGiven = parser.isSet(tokenStdin) || parser.isSet(passwordStdin) ||
                             !qEnvironmentVariableIsEmpty("BPSETUP_AEM_PASSWORD");
    if (profile && !secretGiven) {
        // The profile's secret, from the keychain. A locked keychain is an error, never "no password".
        const auto keychain = SecretStore::createSystemStore();
        const auto token = ProfileSupport::readSecret(*keychain, profile->name, SecretKind::AemToken);
        if (!token)
            return m_ctx.fail(token.error());
        if (token.value()) {
            connection.bearerToken = *token.value();
        } else {
            const auto password =
                ProfileSupport::readSecret(*keychain, profile->name, SecretKind::AemPassword);
            if (!password)
                return m_ctx.fail(password.error());
            if (!password.value())
                return m_ctx.fail(
                    usage(DetectCommand::tr("Profile \"%1\" has no AEM password or token in the "
                                            "keychain: save one with bpsetup profile save %1 "
                                            "--password-stdin, or pipe it with --password-stdin.")
                              .arg(profile->name)));
            connection.password = *password.value();
        }
    } else if (parser.isSet(tokenStdin)) {
        if (!m_ctx.readSecretLine(&connection.bearerToken,
                                  tr("Token for %1: ").arg(connection.baseUrl.toString())))
            return m_ctx.fail(usage(DetectCommand::tr("--token-stdin was given but stdin had no token.")));
    } else {
        if (connection.user.isEmpty())
            return m_ctx.fail(usage(
                DetectCommand::tr("--user U is required (or --token-stdin for a Cloud Service token).")));
        const QString prompt =
            tr("Password for %1 at %2: ").arg(connection.user, connection.baseUrl.toString());
        if (parser.isSet(passwordStdin)) {
            if (!m_ctx.readSecretLine(&connection.password, prompt))
                return m_ctx.fail(usage(tr("--password-stdin was given but stdin had no password.")));
        } else {
            connection.password = SecretString(qEnvironmentVariable("BPSETUP_AEM_PASSWORD"));
            // Nothing piped and nothing in the environment: ask, but only a person at a terminal.
            if (connection.password.isEmpty() && m_ctx.stdinIsTerminal())
                m_ctx.readSecretLine(&connection.password, prompt);
            if (connection.password.isEmpty())
                return m_ctx.fail(
                    usage(tr("No password: pipe it with --password-stdin or set BPSETUP_AEM_PASSWORD.")));
        }
    }
    connection.network.caFile = parser.value(caFile);
    connection.network.proxyUrl = parser.value(proxy);
    // Certificates trusted earlier (in the wizard or with --trust-fingerprint) stay trusted for their host.
    TrustStore trustStore;
    if (const auto loaded = trustStore.load(); !loaded)
        m_ctx.err << QStringLiteral("bpsetup: ") << loaded.error().userMessage << Qt::endl;
    connection.network.pinnedSha256 = trustStore.pins();
    if (profile && !profile->pinnedSha256.isEmpty())
        connection.network.pinnedSha256.insert(hostPortKey(connection.baseUrl), profile->pinnedSha256);
    if (parser.isSet(trust)) {
        QString fp = parser.value(trust).remove(QLatin1Char(':')).toLower();
        if (fp.size() != 64 || fp.contains(QRegularExpression(QStringLiteral("[^0-9a-f]"))))
            return m_ctx.fail(
                usage(DetectCommand::tr("--trust-fingerprint needs a SHA-256 fingerprint (64 hex digits).")));
        const QString key = hostPortKey(connection.baseUrl);
        connection.network.pinnedSha256.insert(key, fp);
        trustStore.pin(key, fp);
        if (const auto saved = trustStore.save(); saved)
            m_ctx.err << DetectCommand::tr("Trusting this certificate for %1 from now on (saved in %2).")
                             .arg(key, QDir::toNativeSeparators(trustStore.path()))
                      << Qt::endl;
        else
            m_ctx.err << QStringLiteral("bpsetup: ") << saved.error().userMessage << Qt::endl;
    }
    if (parser.isSet(timeout)) {
        bool ok = false;
        const double seconds = parser.value(timeout).toDouble(&ok);
        if (!ok || seconds <= 0 || seconds > 600)
            return m_ctx.fail(usage(DetectCommand::tr("--timeout takes seconds between 0 and 600.")));
        connection.network.timeoutMs = static_cast<int>(seconds * 1000);
    }

    QNetworkAccessManager nam;
    InstanceDetector detector(&nam);
    if (parser.isSet(recipe)) {
        const auto r = DetectionRecipe::fromFile(parser.value(recipe));
        if (!r)
            return m_ctx.fail(r.error());
        detector.setRecipe(r.value());
    }
    if (parser.isSet(version)) {
        const AemVersion v = AemVersion::parse(parser.value(version));
        if (!v.isValid())
            return m_ctx.fail(usage(
                DetectCommand::tr("--aem-version \"%1\" is not a version (use cloud, 6.5.x.y or 6.6.x).")
                    .arg(parser.value(version))));
        detector.setManualVersion(v);
    }
    QEventLoop loop;
    QObject::connect(&detector, &InstanceDetector::finished, &loop, &QEventLoop::quit);
    if (!m_ctx.json)
        QObject::connect(&detector, &InstanceDetector::progress, &loop,
                         [this](const QString &message, int done, int total) {
                             m_ctx.err << QStringLiteral("[%1/%2] %3").arg(done).arg(total).arg(message)
                                       << Qt::endl;
                         });
    detector.start(connection);
    if (detector.isRunning())
        loop.exec();

    const auto &result = detector.result();
    if (!result) {
        QJsonObject extra;
        const CertificateInfo &cert = detector.untrustedCertificate();
        if (!cert.isNull()) {
            extra.insert(QStringLiteral("certificate"),
                         QJsonObject{{QStringLiteral("host"), cert.host},
                                     {QStringLiteral("subject"), cert.subject},
                                     {QStringLiteral("issuer"), cert.issuer},
                                     {QStringLiteral("sha256"), cert.sha256},
                                     {QStringLiteral("notAfter"), cert.notAfter.toString(Qt::ISODate)},
                                     {QStringLiteral("selfSigned"), cert.selfSigned}});
            m_ctx.err << DetectCommand::tr(
                             "Certificate presented by %1:\n  subject  %2\n  issuer   %3\n  valid    %4 to "
                             "%5\n  SHA-256  %6\n"
                             "If this fingerprint is the one your administrator expects, re-run with\n"
                             "  --trust-fingerprint %7\n")
                             .arg(cert.host, cert.subject, cert.issuer, cert.notBefore.toString(Qt::ISODate),
                                  cert.notAfter.toString(Qt::ISODate), cert.sha256Display, cert.sha256);
        }
        return m_ctx.fail(result.error(), extra);
    }
    const AemInstance &instance = result.value();
    if (profile && !profiles.isReadOnly()) {
        // Remember what was seen (never a secret) for the next run and for support.
        profile->deployment = deploymentId(instance.deployment());
        profile->version = instance.version.toString();
        if (!instance.tenant.isEmpty())
            profile->tenant = instance.tenant;
        profile->lastUsed = QDateTime::currentDateTimeUtc();
        profiles.upsert(*profile);
        if (const auto saved = profiles.save(); !saved)
            m_ctx.err << QStringLiteral("bpsetup: ") << saved.error().userMessage << Qt::endl;
    }
    const RouteDecision decision = RouteSelector::select(instance, QDate::currentDate());
    if (m_ctx.json)
        m_ctx.printJson(toJson(instance, decision));
    else
        printHuman(instance, decision);
    return decision.route == Route::Unsupported || decision.route == Route::Unknown ? ExitUnsupported
                                                                                    : ExitOk;
}

} // namespace bp::cli
