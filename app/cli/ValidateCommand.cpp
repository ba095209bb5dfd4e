// SPDX-License-Identifier: Apache-2.0
#include "cli/ValidateCommand.h"

#include "cli/ConnectionOptions.h"
#include "cli/ExitCode.h"
#include "credentials/CredentialImporter.h"
#include "credentials/InputSniffer.h"
#include "i18n/DisplayFormat.h"
#include "ims/ImsValidator.h"
#include "net/CertificateInfo.h"
#include "services/KeyMaterial.h"
#include "services/SavedConnection.h"
#include "services/TrustedCertificates.h"
#include "time/Clock.h"

#include <QCommandLineParser>
#include <QDir>
#include <QJsonArray>

namespace bp::cli {

namespace {

Error usage(const QString &message)
{
    return Error(ErrorCode::InvalidInput, message).withId(QStringLiteral("usage"));
}

} // namespace

// The credential file, refusing the files people mix up with it, by their content.
Result<Credential> readCredentialFile(const QString &path, const QDate &today)
{
    const auto raw = CliContext::readInputFile(path, InputFileKind::Credential);
    if (!raw)
        return raw.error();
    const QString name = QDir::toNativeSeparators(path);
    switch (sniffInput(raw.value(), path)) {
    case InputContent::PrivateKeyPem:
        return Error(ErrorCode::InvalidInput,
                     ValidateCommand::tr("%1 is a private key, not a Developer Console credential file.")
                         .arg(name))
            .withId(QStringLiteral("invalid-credential"))
            .withRemedy(
                ValidateCommand::tr("Pass the key with --private-key, and the JSON downloaded from Developer "
                                    "Console with --credentials."));
    case InputContent::CertificatePem:
    case InputContent::CertificateDer:
        return Error(ErrorCode::InvalidInput,
                     ValidateCommand::tr("%1 is a certificate, not a Developer Console credential file.")
                         .arg(name))
            .withId(QStringLiteral("invalid-credential"))
            .withRemedy(
                ValidateCommand::tr("Pass the certificate with --certificate, and the JSON downloaded from "
                                    "Developer Console with --credentials."));
    default:
        break;
    }
    auto imported = CredentialImporter::fromJson(raw.value(), today);
    if (!imported)
        return Error(ErrorCode::InvalidInput, imported.error().userMessage)
            .withId(QStringLiteral("invalid-credential"));
    return imported.value();
}

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
    // For --timeout, --proxy, --ca-file, --trust-fingerprint, --profile (same words everywhere).
    ConnectionOptions connection;
    parser.addOptions({help, credentials, privateKey, certificate, passphraseStdin, imsUrl, json,
                       connection.timeout, connection.proxy, connection.caFile, connection.trust,
                       connection.profile});
    if (!parser.parse(arguments))
        return m_ctx.fail(usage(parser.errorText() + tr(" (see bpsetup validate --help)")));
    if (parser.isSet(help)) {
        m_ctx.printHelp(parser, QStringLiteral("validate"));
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return m_ctx.fail(usage(tr("Unexpected argument \"%1\" (see bpsetup validate --help).")
                                    .arg(parser.positionalArguments().first())));
    if (!parser.isSet(credentials) && !parser.isSet(connection.profile))
        return m_ctx.fail(
            usage(tr("--credentials FILE is required (the JSON downloaded from Developer Console), or "
                     "--profile NAME.")));
    const auto timeoutMs = timeoutOption(parser, connection.timeout, NetworkSettings().timeoutMs);
    if (!timeoutMs)
        return m_ctx.fail(timeoutMs.error());
    QUrl ims = ImsValidator::defaultImsUrl();
    if (parser.isSet(imsUrl)) {
        const auto parsed = ImsValidator::parseImsUrl(parser.value(imsUrl));
        if (!parsed)
            return m_ctx.fail(parsed.error());
        ims = parsed.value();
    }
    // A bare fingerprint is for the IMS address (after --profile, which may name another one, it is checked
    // again); the form is checked before anything is read.
    if (const auto pins = connection.trustedPins(parser, ims); !pins && !parser.isSet(connection.profile))
        return m_ctx.fail(pins.error());

    Credential credential;
    KeyMaterialRequest keyRequest;
    if (parser.isSet(credentials)) {
        auto imported = readCredentialFile(parser.value(credentials), m_ctx.clock().today());
        if (!imported)
            return m_ctx.fail(imported.error(), {{QStringLiteral("code"), imported.error().stableId()}});
        credential = imported.value();
    } else {
        SavedConnectionLoader loader(&m_ctx.profiles(), parser.value(connection.profile),
                                     {SecretKind::ClientSecret, SecretKind::ClientSecret2,
                                      SecretKind::PrivateKey, SecretKind::KeyPassphrase},
                                     m_ctx.clock());
        m_ctx.run(loader);
        if (!loader.succeeded())
            return m_ctx.fail(loader.error());
        credential = loader.result().credential;
        keyRequest.keyPem = loader.result().privateKeyPem;
        keyRequest.passphrase = loader.result().keyPassphrase;
        if (!parser.isSet(imsUrl) && loader.result().imsUrl.isValid())
            ims = loader.result().imsUrl;
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
                  tr("The credential is incomplete:\n  %1").arg(lines.join(QStringLiteral("\n  "))))
                .withId(QStringLiteral("invalid-credential")),
            {{QStringLiteral("code"), QStringLiteral("invalid-credential")},
             {QStringLiteral("fields"), fields}});
    }

    KeyMaterial key;
    if (credential.kind == CredentialKind::ServiceAccountJwt) {
        if (parser.isSet(privateKey))
            keyRequest.keyPath = parser.value(privateKey);
        if (keyRequest.keyPath.isEmpty() && keyRequest.keyPem.isEmpty())
            return m_ctx.fail(
                Error(ErrorCode::InvalidInput,
                      tr("This JWT credential is checked by signing a JWT with its private key: pass it with "
                         "--private-key."))
                    .withId(QStringLiteral("private-key-required"))
                    .withRemedy(
                        tr("If AEM generated the key pair (you uploaded AEM's public certificate to "
                           "Developer Console), the key exists only inside AEM: direct validation is "
                           "impossible, and AEM's own health check after the configuration is applied will "
                           "test it.")),
                {{QStringLiteral("code"), QStringLiteral("private-key-required")}});
        if (parser.isSet(passphraseStdin) &&
            !m_ctx.readSecretLine(&keyRequest.passphrase, tr("Passphrase for the private key: ")))
            return m_ctx.fail(usage(tr("--key-passphrase-stdin was given but stdin had no passphrase.")));
        keyRequest.certificatePath = parser.value(certificate);
        auto loaded = loadKeyMaterial(keyRequest, m_ctx.clock().nowUtc());
        if (!loaded) {
            Error e = loaded.error();
            if (e.id == QLatin1String("key-passphrase-required"))
                e.remedy = tr("Pass the passphrase on the first line of stdin with --key-passphrase-stdin.");
            const QString code =
                e.id == QLatin1String("certificate-invalid")        ? QStringLiteral("invalid-certificate")
                : e.id == QLatin1String("key-certificate-mismatch") ? e.id
                                                                    : QStringLiteral("invalid-private-key");
            return m_ctx.fail(e, {{QStringLiteral("code"), code}});
        }
        key = std::move(loaded.value());
        if (key.certificate) {
            const CertificateFacts &facts = *key.certificate;
            if (facts.expired)
                credential.warnings
                    << tr("The certificate expired on %1: IMS no longer accepts JWTs signed for it, "
                          "and JWT certificates cannot be renewed any more. Migrate to OAuth "
                          "Server-to-Server.")
                           .arg(CertificateInfo::displayTime(facts.notAfter));
            else if (facts.expiresWithin30Days)
                credential.warnings << tr("The certificate expires on %1, within 30 days.")
                                           .arg(CertificateInfo::displayTime(facts.notAfter));
            if (!m_ctx.json && (facts.expired || facts.expiresWithin30Days))
                m_ctx.err << tr("warning: %1").arg(credential.warnings.last()) << Qt::endl;
        }
    } else if (parser.isSet(privateKey)) {
        m_ctx.err << tr("warning: an OAuth Server-to-Server credential needs no private key; --private-key "
                        "is ignored.")
                  << Qt::endl;
    }

    NetworkSettings network;
    network.proxyUrl = parser.value(connection.proxy);
    network.caFile = parser.value(connection.caFile);
    network.timeoutMs = timeoutMs.value();
    TrustedCertificates trusted(m_ctx.trustStorePath(), m_ctx.clock());
    trusted.addSavedPins(network);
    if (trusted.problem().isError())
        m_ctx.warn(trusted.problem().userMessage);
    const auto pins = connection.trustedPins(parser, ims);
    if (!pins)
        return m_ctx.fail(pins.error());
    for (auto it = pins.value().cbegin(); it != pins.value().cend(); ++it)
        network.pinnedSha256.insert(it.key(), it.value());

    ImsValidator validator(m_ctx.clock());
    validator.setNetworkSettings(network);
    validator.setCredential(credential, key.key.isNull() ? nullptr : &key.key, ims);
    if (!m_ctx.json)
        QObject::connect(&validator, &Task::progressChanged, &validator,
                         [this](qint64, qint64, const QString &label) { m_ctx.err << label << Qt::endl; });
    m_ctx.run(validator);
    // IMS answered through a certificate the user named, whatever it said: remember it.
    if (validator.succeeded() || validator.error().code == ErrorCode::Rejected ||
        validator.error().code == ErrorCode::NotIms || validator.error().code == ErrorCode::Http)
        connection.rememberTrust(m_ctx, validator.pinsUsed());

    // The retirement warning again after the verdict, where it is read: the one before it has scrolled away
    // behind the progress lines, and a JWT credential that IMS accepts today is still on its way out.
    // Not after "jwt-converted", whose message already says Adobe converted the credential.
    const auto repeatJwtWarning = [this, &credential, &validator] {
        if (m_ctx.json || credential.kind != CredentialKind::ServiceAccountJwt ||
            (!validator.succeeded() && validator.error().id == QLatin1String("jwt-converted")))
            return;
        m_ctx.err << tr("warning: %1").arg(CredentialImporter::jwtRetirementWarning(m_ctx.clock().today()))
                  << Qt::endl;
    };

    const ValidationOutcome &o = validator.outcome();
    QJsonObject out{{QStringLiteral("ok"), o.ok},
                    {QStringLiteral("method"), Credential::kindId(o.method)},
                    {QStringLiteral("clientId"), o.clientId},
                    {QStringLiteral("orgId"), o.orgId},
                    {QStringLiteral("warnings"), QJsonArray::fromStringList(credential.warnings)}};
    if (o.clockSkewKnown)
        out.insert(QStringLiteral("clockSkewSeconds"), o.clockSkewSeconds);
    if (validator.succeeded()) {
        out.insert(QStringLiteral("expiresIn"), o.expiresInSeconds);
        out.insert(QStringLiteral("tokenType"), o.tokenType);
        out.insert(QStringLiteral("secretUsed"), o.secretIndexUsed + 1);
        if (m_ctx.json) {
            m_ctx.printJson(out);
        } else {
            m_ctx.out << tr("OK: Adobe IMS issued a %1 token for %2 (client %3, org %4), valid for %5.")
                             .arg(o.tokenType, Credential::kindDisplayName(o.method), o.clientId, o.orgId,
                                  formatDuration(o.expiresInSeconds))
                      << Qt::endl;
            if (credential.clientSecrets.size() > 1)
                m_ctx.out << tr("Client secret %1 of %2 was accepted.")
                                 .arg(o.secretIndexUsed + 1)
                                 .arg(credential.clientSecrets.size())
                          << Qt::endl;
        }
        repeatJwtWarning();
        return ExitOk;
    }
    const Error &e = validator.error();
    // "code" is IMS's own error verbatim (invalid_client, ...) or the tool's (html-answer, timeout, ...).
    QJsonObject details{{QStringLiteral("code"), e.stableId()}};
    if (!o.imsDescription.isEmpty())
        details.insert(QStringLiteral("imsDescription"), o.imsDescription);
    if (!o.debugId.isEmpty())
        details.insert(QStringLiteral("debugId"), o.debugId);
    out.remove(QStringLiteral("ok"));
    if (!m_ctx.json) {
        if (e.code == ErrorCode::Rejected)
            m_ctx.err << tr("Rejected by Adobe IMS.") << Qt::endl;
        else if (e.code == ErrorCode::NotIms || e.code == ErrorCode::Http)
            m_ctx.err << tr("Not checked: Adobe IMS did not decide on the credential.") << Qt::endl;
    }
    const int code = m_ctx.fail(e, details, out);
    if (!o.imsDescription.isEmpty() || !o.debugId.isEmpty())
        m_ctx.err << tr("(IMS said: %1 — %2%3)")
                         .arg(e.stableId(), o.imsDescription,
                              o.debugId.isEmpty() ? QString() : tr("; debug id %1").arg(o.debugId))
                  << Qt::endl;
    repeatJwtWarning();
    return code;
}

} // namespace bp::cli
