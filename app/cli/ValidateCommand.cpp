// SPDX-License-Identifier: Apache-2.0
#include "cli/ValidateCommand.h"

#include "cli/ExitCode.h"
#include "cli/ProfileSupport.h"
#include "credentials/CredentialImporter.h"
#include "crypto/PrivateKey.h"
#include "ims/ImsValidator.h"
#include "net/TrustStore.h"

#include <QCommandLineParser>
#include <QDate>
#include <QDateTime>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QNetworkAccessManager>

namespace bp::cli {

namespace {
QString duration(qint64 seconds)
{
    return ValidateCommand::tr("%1 s (%2 h %3 min)")
        .arg(seconds)
        .arg(seconds / 3600)
        .arg((seconds % 3600) / 60);
}
} // namespace

int ValidateCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Checks Adobe Developer Console credentials directly against Adobe IMS, before "
           "anything touches AEM. Nothing is stored; the token IMS issues is discarded."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help."));
    const QCommandLineOption credentials(
        QStringLiteral("credentials"),
        tr("Credential JSON from Developer Console (project \"Download all\", the "
           "credential's Download JSON, or the JWT payload)."),
        tr("FILE"));
    const QCommandLineOption privateKey(QStringLiteral("private-key"), tr("JWT only: the private key (PEM)."),
                                        tr("PEM"));
    const QCommandLineOption certificate(
        QStringLiteral("certificate"),
        tr("JWT only: the certificate uploaded to the credential (PEM or DER); "
           "checked against the private key and for expiry."),
        tr("FILE"));
    const QCommandLineOption passphraseStdin(
        QStringLiteral("key-passphrase-stdin"),
        tr("Read the private key's passphrase from the first line of stdin."));
    const QCommandLineOption imsUrl(
        QStringLiteral("ims-url"),
        tr("Adobe IMS address (default https://ims-na1.adobelogin.com; http:// only for "
           "127.0.0.1/localhost)."),
        tr("URL"));
    const QCommandLineOption json(QStringLiteral("json"), tr("Print one JSON object on stdout."));
    const QCommandLineOption timeout(QStringLiteral("timeout"),
                                     tr("Seconds to wait for each answer (default 15)."), tr("S"));
    const QCommandLineOption proxy(QStringLiteral("proxy"),
                                   tr("Proxy URL; \"none\" for no proxy. Default: the system proxy."),
                                   tr("URL"));
    const QCommandLineOption caFile(QStringLiteral("ca-file"), tr("Extra CA certificates (PEM) to trust."),
                                    tr("FILE"));
    const QCommandLineOption profileOption(
        QStringLiteral("profile"),
        tr("Use the credential saved in a profile (secrets from the keychain) "
           "instead of --credentials."),
        tr("NAME"));
    parser.addOptions({help, credentials, privateKey, certificate, passphraseStdin, imsUrl, json, timeout,
                       proxy, caFile, profileOption});
    const auto usage = [this](const QString &message) {
        return m_ctx.fail(Error(ErrorCode::InvalidInput, message));
    };
    if (!parser.parse(arguments))
        return usage(parser.errorText() + tr(" (see bpsetup validate --help)"));
    if (parser.isSet(help)) {
        m_ctx.out << parser.helpText().replace(QCoreApplication::applicationFilePath(),
                                               QStringLiteral("bpsetup validate"));
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return usage(tr("Unexpected argument \"%1\" (see bpsetup validate --help).")
                         .arg(parser.positionalArguments().first()));
    if (!parser.isSet(credentials) && !parser.isSet(profileOption))
        return usage(
            tr("--credentials FILE is required (the JSON downloaded from Developer Console), or --profile "
               "NAME."));

    Credential credential;
    std::optional<Profile> profile;
    std::unique_ptr<SecretStore> keychain;
    if (parser.isSet(credentials)) {
        const auto raw = CliContext::readInputFile(parser.value(credentials), tr("credential file"));
        if (!raw)
            return m_ctx.fail(raw.error());
        auto imported = CredentialImporter::fromJson(raw.value(), QDate::currentDate());
        if (!imported)
            return m_ctx.fail(Error(ErrorCode::InvalidInput, imported.error().userMessage),
                              {{QStringLiteral("code"), QStringLiteral("invalid-credential")}});
        credential = imported.value();
    } else {
        ProfileStore profiles;
        QStringList warnings;
        const auto loaded = ProfileSupport::loadProfile(profiles, parser.value(profileOption), &warnings);
        for (const QString &w : std::as_const(warnings))
            m_ctx.err << QStringLiteral("bpsetup: ") << w << Qt::endl;
        if (!loaded)
            return m_ctx.fail(loaded.error());
        profile = loaded.value();
        credential.kind = profile->credentialKind == QLatin1String("jwt") ? CredentialKind::ServiceAccountJwt
                          : profile->credentialKind == QLatin1String("oauth-s2s")
                              ? CredentialKind::OAuthServerToServer
                              : CredentialKind::Unknown;
        credential.clientId = profile->clientId;
        credential.orgId = profile->orgId;
        credential.scopes = profile->scopes;
        credential.technicalAccountId = profile->technicalAccountId;
        credential.metascopes = profile->metascopes;
        if (credential.kind == CredentialKind::ServiceAccountJwt)
            credential.warnings << CredentialImporter::jwtRetirementWarning(QDate::currentDate());
        keychain = SecretStore::createSystemStore();
        for (SecretKind kind : {SecretKind::ClientSecret, SecretKind::ClientSecret2}) {
            const auto secret = ProfileSupport::readSecret(*keychain, profile->name, kind);
            if (!secret)
                return m_ctx.fail(secret.error());
            if (secret.value())
                credential.clientSecrets << *secret.value();
        }
    }
    if (!m_ctx.json)
        m_ctx.err << tr("Credential: %1, client %2.")
                         .arg(Credential::kindDisplayName(credential.kind), credential.clientId)
                  << Qt::endl;
    for (const QString &w : std::as_const(credential.warnings))
        m_ctx.err << tr("warning: %1").arg(w) << Qt::endl;
    const QList<FieldError> fieldErrors = CredentialImporter::check(credential);
    if (!fieldErrors.isEmpty()) {
        QStringList lines;
        QJsonArray fields;
        for (const FieldError &f : fieldErrors) {
            lines << QStringLiteral("%1: %2").arg(f.field, f.message);
            fields.append(
                QJsonObject{{QStringLiteral("field"), f.field}, {QStringLiteral("message"), f.message}});
        }
        return m_ctx.fail(
            Error(ErrorCode::InvalidInput,
                  tr("The credential is incomplete:\n  %1").arg(lines.join(QStringLiteral("\n  ")))),
            {{QStringLiteral("code"), QStringLiteral("invalid-credential")},
             {QStringLiteral("fields"), fields}});
    }

    PrivateKey key;
    if (credential.kind == CredentialKind::ServiceAccountJwt) {
        SecretString storedPem;
        SecretString storedPassphrase;
        if (profile && !parser.isSet(privateKey)) {
            const auto pem = ProfileSupport::readSecret(*keychain, profile->name, SecretKind::PrivateKey);
            if (!pem)
                return m_ctx.fail(pem.error());
            if (pem.value())
                storedPem = *pem.value();
            const auto passphrase =
                ProfileSupport::readSecret(*keychain, profile->name, SecretKind::KeyPassphrase);
            if (!passphrase)
                return m_ctx.fail(passphrase.error());
            if (passphrase.value())
                storedPassphrase = *passphrase.value();
        }
        if (!parser.isSet(privateKey) && storedPem.isEmpty())
            return m_ctx.fail(
                Error(ErrorCode::InvalidInput,
                      tr("This JWT credential is checked by signing a JWT with its private key: pass it "
                         "with --private-key. If AEM generated the key pair (you uploaded AEM's public "
                         "certificate to Developer Console), the key exists only inside AEM: direct "
                         "validation is impossible, and AEM's own health check after the configuration "
                         "is applied will test it.")),
                {{QStringLiteral("code"), QStringLiteral("private-key-required")}});
        const auto pem = storedPem.isEmpty()
                             ? CliContext::readInputFile(parser.value(privateKey), tr("private key"))
                             : Result<QByteArray>(storedPem.revealUtf8());
        if (!pem)
            return m_ctx.fail(pem.error());
        SecretString passphrase = storedPassphrase;
        if (parser.isSet(passphraseStdin) &&
            !m_ctx.readSecretLine(&passphrase, tr("Passphrase for the private key: ")))
            return usage(tr("--key-passphrase-stdin was given but stdin had no passphrase."));
        auto loaded = PrivateKey::fromPem(pem.value(), passphrase);
        QByteArray wipe = pem.value();
        wipe.fill('\0');
        if (!loaded)
            return m_ctx.fail(loaded.error(),
                              {{QStringLiteral("code"), QStringLiteral("invalid-private-key")}});
        key = std::move(loaded.value());
        if (parser.isSet(certificate)) {
            const auto cert = CliContext::readInputFile(parser.value(certificate), tr("certificate"));
            if (!cert)
                return m_ctx.fail(cert.error());
            const auto facts = CertificateFacts::fromPemOrDer(cert.value(), QDateTime::currentDateTimeUtc());
            if (!facts)
                return m_ctx.fail(facts.error(),
                                  {{QStringLiteral("code"), QStringLiteral("invalid-certificate")}});
            const auto matches = key.matchesCertificate(cert.value());
            if (!matches)
                return m_ctx.fail(matches.error(),
                                  {{QStringLiteral("code"), QStringLiteral("invalid-certificate")}});
            if (!matches.value())
                return m_ctx.fail(
                    Error(ErrorCode::InvalidInput,
                          tr("The private key does not belong to the certificate %1 (SHA-256 %2). Use "
                             "the key that was generated together with the uploaded certificate.")
                              .arg(parser.value(certificate), facts.value().sha256)),
                    {{QStringLiteral("code"), QStringLiteral("key-certificate-mismatch")}});
            if (facts.value().expired)
                credential.warnings
                    << tr("The certificate expired on %1: IMS no longer accepts JWTs signed for it, "
                          "and JWT certificates cannot be renewed any more. Migrate to OAuth "
                          "Server-to-Server.")
                           .arg(facts.value().notAfter.date().toString(Qt::ISODate));
            else if (facts.value().expiresWithin30Days)
                credential.warnings << tr("The certificate expires on %1, within 30 days.")
                                           .arg(facts.value().notAfter.date().toString(Qt::ISODate));
            if (!m_ctx.json && (facts.value().expired || facts.value().expiresWithin30Days))
                m_ctx.err << tr("warning: %1").arg(credential.warnings.last()) << Qt::endl;
        }
    } else if (parser.isSet(privateKey)) {
        m_ctx.err << tr("warning: an OAuth Server-to-Server credential needs no private key; --private-key "
                        "is ignored.")
                  << Qt::endl;
    }

    QUrl ims = profile && profile->imsUrl.isValid() ? profile->imsUrl : ImsValidator::defaultImsUrl();
    if (parser.isSet(imsUrl)) {
        const auto parsed = ImsValidator::parseImsUrl(parser.value(imsUrl));
        if (!parsed)
            return m_ctx.fail(parsed.error());
        ims = parsed.value();
    }
    NetworkSettings network;
    network.proxyUrl = parser.value(proxy);
    network.caFile = parser.value(caFile);
    if (parser.isSet(timeout)) {
        bool ok = false;
        const double seconds = parser.value(timeout).toDouble(&ok);
        if (!ok || seconds <= 0 || seconds > 600)
            return usage(tr("--timeout takes seconds between 0 and 600."));
        network.timeoutMs = static_cast<int>(seconds * 1000);
    }
    TrustStore trustStore;
    if (trustStore.load())
        network.pinnedSha256 = trustStore.pins();

    QNetworkAccessManager nam;
    ImsValidator validator(&nam);
    validator.setNetworkSettings(network);
    QEventLoop loop;
    QObject::connect(&validator, &ImsValidator::finished, &loop, &QEventLoop::quit);
    if (!m_ctx.json)
        QObject::connect(&validator, &ImsValidator::progress, &loop,
                         [this](const QString &message) { m_ctx.err << message << Qt::endl; });
    validator.start(credential, &key, ims);
    if (validator.isRunning())
        loop.exec();

    const auto &result = validator.result();
    if (!result) {
        const Error &e = result.error();
        return m_ctx.fail(e, {{QStringLiteral("code"), errorCodeName(e.code)}});
    }
    const ValidationOutcome &o = result.value();
    QJsonObject out{{QStringLiteral("ok"), o.ok},
                    {QStringLiteral("method"), Credential::kindId(o.method)},
                    {QStringLiteral("clientId"), o.clientId},
                    {QStringLiteral("orgId"), o.orgId},
                    {QStringLiteral("warnings"), QJsonArray::fromStringList(credential.warnings)}};
    if (o.clockSkewKnown)
        out.insert(QStringLiteral("clockSkewSeconds"), o.clockSkewSeconds);
    if (o.ok) {
        out.insert(QStringLiteral("expiresIn"), o.expiresInSeconds);
        out.insert(QStringLiteral("tokenType"), o.tokenType);
        out.insert(QStringLiteral("secretUsed"), o.secretIndexUsed + 1);
        if (m_ctx.json) {
            m_ctx.printJson(out);
        } else {
            m_ctx.out << tr("OK: Adobe IMS issued a %1 token for %2 (client %3, org %4), valid for %5.")
                             .arg(o.tokenType, Credential::kindDisplayName(o.method), o.clientId, o.orgId,
                                  duration(o.expiresInSeconds))
                      << Qt::endl;
            if (credential.clientSecrets.size() > 1)
                m_ctx.out << tr("Client secret %1 of %2 was accepted.")
                                 .arg(o.secretIndexUsed + 1)
                                 .arg(credential.clientSecrets.size())
                          << Qt::endl;
        }
        return ExitOk;
    }
    const int code = o.imsDecided ? ExitCheckFailed : ExitUnreachable;
    QJsonObject error{{QStringLiteral("code"), o.problem.code},
                      {QStringLiteral("message"), o.problem.message},
                      {QStringLiteral("remedy"), o.problem.remedy}};
    if (!o.problem.imsDescription.isEmpty())
        error.insert(QStringLiteral("imsDescription"), o.problem.imsDescription);
    if (o.problem.httpStatus)
        error.insert(QStringLiteral("httpStatus"), o.problem.httpStatus);
    if (!o.problem.debugId.isEmpty())
        error.insert(QStringLiteral("debugId"), o.problem.debugId);
    out.insert(QStringLiteral("exitCode"), code);
    out.insert(QStringLiteral("error"), error);
    if (m_ctx.json)
        m_ctx.printJson(out);
    m_ctx.err << (o.imsDecided ? tr("Rejected: %1").arg(o.problem.message)
                               : tr("Not checked: %1").arg(o.problem.message))
              << Qt::endl
              << tr("What to do: %1").arg(o.problem.remedy) << Qt::endl;
    if (!o.problem.imsDescription.isEmpty() || !o.problem.debugId.isEmpty())
        m_ctx.err << tr("(IMS said: %1 — %2%3)")
                         .arg(o.problem.code, o.problem.imsDescription,
                              o.problem.debugId.isEmpty() ? QString()
                                                          : tr("; debug id %1").arg(o.problem.debugId))
                  << Qt::endl;
    return code;
}

} // namespace bp::cli
