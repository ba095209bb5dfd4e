// SPDX-License-Identifier: Apache-2.0
#include "cli/CreateOptions.h"

#include "aem/ManualVersion.h"
#include "cli/ValidateCommand.h"
#include "credentials/CredentialImporter.h"
#include "ims/ImsValidator.h"
#include "time/Clock.h"

namespace bp::cli {

Error usageError(const QString &message)
{
    return Error(ErrorCode::InvalidInput, message).withId(QStringLiteral("usage"));
}

CreateOptions::CreateOptions()
    : credentials(QStringLiteral("credentials"),
                  tr("OAuth Server-to-Server credential JSON from Developer Console."), tr("FILE")),
      tenant(QStringLiteral("tenant"),
             tr("Brand Portal tenant: https://<tenant>.brand-portal.adobe.com or its name (read from the "
                "existing "
                "configuration when left out)."),
             tr("NAME|URL")),
      imsUrl(QStringLiteral("ims-url"), tr("Adobe IMS (default https://ims-na1.adobelogin.com)."), tr("URL")),
      version(QStringLiteral("aem-version"),
              tr("Use this AEM version if it cannot be read (6.5.x.y, 6.6.x)."), tr("V")),
      recipe(QStringLiteral("recipe"), tr("Recipe JSON overriding the built-in detect and apply entries."),
             tr("FILE")),
      hotfixPackage(QStringLiteral("hotfix-package"),
                    tr("The OAuth compatibility hotfix (ims-jwt-compatibility-package-6.5-1.0.zip) for AEM "
                       "6.5.11.0 to 6.5.20.0: installed as the plan's first step."),
                    tr("FILE")),
      rotateSecret(
          QStringLiteral("rotate-secret"),
          tr("Replace the client secret stored in AEM with the credential's second secret (validated "
             "with IMS first), even when the stored one still works.")),
      waitForIdle(QStringLiteral("wait-for-idle"),
                  tr("Legacy OAuth Gateway upgrade: wait up to SECONDS for the old agents' queues to drain "
                     "(default: refuse at once when an item is queued)."),
                  tr("SECONDS")),
      removeJwtKeyAlias(QStringLiteral("remove-jwt-key-alias"),
                        tr("JWT upgrade: also remove the key alias the JWT configuration used from the "
                           "service user's keystore (backed up first; OAuth Server-to-Server needs no key "
                           "pair)."))
{
}

void CreateOptions::addTo(QCommandLineParser &parser) const
{
    parser.addOptions({credentials, tenant, imsUrl, version, recipe, hotfixPackage, rotateSecret, waitForIdle,
                       removeJwtKeyAlias});
    connection.addTo(parser);
}

Result<CreateInputs> CreateOptions::resolve(const QCommandLineParser &parser, CliContext &ctx,
                                            const QString &command)
{
    if (!parser.positionalArguments().isEmpty())
        return usageError(tr("Unexpected argument \"%1\" (see bpsetup %2 --help).")
                              .arg(parser.positionalArguments().first(), command));
    if (!parser.isSet(credentials))
        return usageError(tr("--credentials FILE is required (the OAuth Server-to-Server JSON downloaded "
                             "from Developer Console)."));
    // Without --tenant the plan reads it from the existing configuration (tenant-required when none).
    CreateInputs in;
    in.tenant = parser.isSet(tenant) ? parser.value(tenant) : QString();
    if (Result<TenantUrl> t = CreateSession::checkInputs(in); !t)
        return t.error();
    in.imsUrl = ImsValidator::defaultImsUrl();
    if (parser.isSet(imsUrl)) {
        const auto parsed = ImsValidator::parseImsUrl(parser.value(imsUrl));
        if (!parsed)
            return parsed.error();
        in.imsUrl = parsed.value();
    }
    if (parser.isSet(version)) {
        const auto v = parseManualVersion(parser.value(version));
        if (!v)
            return v.error();
        in.manualVersion = v.value();
    }
    if (parser.isSet(recipe)) {
        const auto d = DetectionRecipe::fromFile(parser.value(recipe));
        const auto a = ApplyRecipe::fromFile(parser.value(recipe));
        if (!a)
            return a.error();
        in.recipe = a.value();
        if (d)
            in.detect = d.value();
    }
    if (parser.isSet(hotfixPackage)) {
        // Checked with the recipe in use (its hotfix entry names the package), before AEM is asked anything.
        in.hotfixPackagePath = parser.value(hotfixPackage);
        if (Result<TenantUrl> t = CreateSession::checkInputs(in); !t)
            return t.error();
    }
    auto credential = readCredentialFile(parser.value(credentials), ctx.clock().today());
    if (!credential)
        return credential.error();
    in.credential = credential.value();
    in.rotateSecret = parser.isSet(rotateSecret);
    in.removeJwtKeyAlias = parser.isSet(removeJwtKeyAlias);
    if (in.rotateSecret && in.credential.clientSecrets.size() < 2)
        return usageError(tr("--rotate-secret needs a credential file with two client secrets: generate the "
                             "second one in Adobe Developer Console and download the credential again."));
    if (parser.isSet(waitForIdle)) {
        bool ok = false;
        const int seconds = parser.value(waitForIdle).toInt(&ok);
        // A day at most: a queue that has not drained by then is blocked, not busy.
        if (!ok || seconds < 0 || seconds > 86400)
            return usageError(tr("--wait-for-idle takes a number of seconds from 0 to 86400, not \"%1\".")
                                  .arg(parser.value(waitForIdle)));
        in.waitForIdleSeconds = seconds;
    }
    if (in.credential.kind == CredentialKind::OAuthServerToServer) {
        const QList<FieldError> fieldErrors = CredentialImporter::check(in.credential);
        if (!fieldErrors.isEmpty())
            return Error(ErrorCode::InvalidInput,
                         tr("The credential is incomplete: %1: %2")
                             .arg(fieldErrors.first().field, fieldErrors.first().message))
                .withId(QStringLiteral("invalid-credential"));
    }
    const auto resolved = connection.resolve(parser, ctx);
    if (!resolved)
        return resolved.error();
    in.connection = resolved.value();
    return in;
}

} // namespace bp::cli
