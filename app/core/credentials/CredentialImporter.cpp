// SPDX-License-Identifier: Apache-2.0
#include "credentials/CredentialImporter.h"

#include "net/CertificateInfo.h"
#include "policy/AdobePolicy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace bp {

namespace {

// Values may be JSON-encoded strings inside strings (aio tooling writes them so): unwrap once if possible.
QJsonValue unwrap(const QJsonValue &v)
{
    if (!v.isString())
        return v;
    const QString s = v.toString().trimmed();
    if (s.startsWith(QLatin1Char('[')) || s.startsWith(QLatin1Char('"'))) {
        const QJsonDocument doc = QJsonDocument::fromJson(QStringLiteral("{\"v\":%1}").arg(s).toUtf8());
        if (doc.isObject())
            return doc.object().value(QLatin1String("v"));
    }
    return v;
}

QString text(const QJsonValue &v)
{
    return unwrap(v).toString();
}

// A list given as a JSON array, or as one comma-separated string (Adobe examples use both).
QStringList list(const QJsonValue &raw)
{
    const QJsonValue v = unwrap(raw);
    QStringList out;
    if (v.isArray()) {
        for (const QJsonValue &item : v.toArray())
            out << item.toString();
    } else if (v.isString()) {
        out = v.toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    }
    return out;
}

QList<SecretString> secrets(const QJsonValue &raw)
{
    QList<SecretString> out;
    for (const QString &s : list(raw))
        out << SecretString(s);
    return out;
}

// Case-insensitive key lookup (the flat file's keys are upper-case; be lenient).
QJsonValue key(const QJsonObject &o, const char *name)
{
    const QLatin1String wanted(name);
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (it.key().compare(wanted, Qt::CaseInsensitive) == 0)
            return it.value();
    }
    return QJsonValue(QJsonValue::Undefined);
}

bool has(const QJsonObject &o, const char *name)
{
    return !key(o, name).isUndefined();
}

Credential fromS2sBlock(const QJsonObject &b)
{
    Credential c;
    c.kind = CredentialKind::OAuthServerToServer;
    c.clientId = text(key(b, "client_id"));
    c.clientSecrets = secrets(key(b, "client_secrets"));
    if (c.clientSecrets.isEmpty() && has(b, "client_secret"))
        c.clientSecrets = secrets(key(b, "client_secret"));
    c.scopes = list(key(b, "scopes"));
    c.technicalAccountId = text(key(b, "technical_account_id"));
    c.technicalAccountEmail = text(key(b, "technical_account_email"));
    c.orgId = text(key(b, "ims_org_id"));
    return c;
}

Credential fromJwtBlock(const QJsonObject &b)
{
    Credential c;
    c.kind = CredentialKind::ServiceAccountJwt;
    c.clientId = text(key(b, "client_id"));
    c.clientSecrets = secrets(key(b, "client_secret"));
    c.technicalAccountId = text(key(b, "technical_account_id"));
    c.technicalAccountEmail = text(key(b, "technical_account_email"));
    c.metascopes = list(key(b, "meta_scopes"));
    c.orgId = text(key(b, "ims_org_id"));
    return c;
}

Error notACredential(const QString &message)
{
    return Error(ErrorCode::InvalidInput, message);
}

} // namespace

QStringList CredentialImporter::splitList(const QString &text)
{
    QStringList out;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString trimmed = part.trimmed();
        if (!trimmed.isEmpty())
            out << trimmed;
    }
    return out;
}

QString CredentialImporter::jwtRetirementWarning(const QDate &today)
{
    if (AdobePolicy::jwtExchangeRetired(today))
        return tr(
            "This is a Service Account (JWT) credential. Adobe retired JWT credentials: none can be created "
            "since 2024-06-03, they reached end of life on 2025-06-30, and the remaining ones were converted "
            "to OAuth Server-to-Server by 2026-03-01. Use it only to check or migrate an existing setup; new "
            "setups use OAuth Server-to-Server (same client ID after migration).");
    return tr(
        "This is a Service Account (JWT) credential. Adobe retired JWT credentials: none can be created "
        "since "
        "2024-06-03, they reached end of life on 2025-06-30, and remaining ones are converted to OAuth "
        "Server-to-Server at certificate expiry or on 2026-03-01, whichever comes first. Migrate to OAuth "
        "Server-to-Server.");
}

Result<Credential> CredentialImporter::fromJson(const QByteArray &json, const QDate &today)
{
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(json.trimmed(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error(
            ErrorCode::Parse,
            tr("The credential file is not valid JSON (%1 at character %2). If you copied it, copy the "
               "whole file again; if it was downloaded, download it again from Developer Console.")
                .arg(parseError.errorString())
                .arg(parseError.offset));
    if (!doc.isObject())
        return notACredential(
            tr("The credential file must be a JSON object, as Developer Console downloads it."));
    const QJsonObject root = doc.object();
    Credential c;

    if (root.value(QLatin1String("project")).isObject()) {
        // Project/workspace "Download all".
        const QJsonObject project = root.value(QLatin1String("project")).toObject();
        const QString orgId =
            project.value(QLatin1String("org")).toObject().value(QLatin1String("ims_org_id")).toString();
        const QJsonArray credentials = project.value(QLatin1String("workspace"))
                                           .toObject()
                                           .value(QLatin1String("details"))
                                           .toObject()
                                           .value(QLatin1String("credentials"))
                                           .toArray();
        QJsonObject chosen;
        QStringList otherTypes;
        int usable = 0;
        for (const QJsonValue &v : credentials) {
            const QJsonObject cred = v.toObject();
            const QString type = cred.value(QLatin1String("integration_type")).toString();
            const bool s2s = type == QLatin1String("oauth_server_to_server") ||
                             type == QLatin1String("oauth_server_to_server_migrate");
            const bool jwt = type == QLatin1String("service");
            if (!s2s && !jwt) {
                otherTypes << type;
                continue;
            }
            ++usable;
            // OAuth S2S wins over JWT (new setups need it; a migrating credential carries both).
            const QString chosenType = chosen.value(QLatin1String("integration_type")).toString();
            if (chosen.isEmpty() || (s2s && chosenType == QLatin1String("service")))
                chosen = cred;
        }
        if (chosen.isEmpty())
            return notACredential(
                otherTypes.isEmpty()
                    ? tr("This project download contains no credentials. Add an OAuth Server-to-Server "
                         "credential "
                         "with the AEM Brand Portal API to the project, then download it again.")
                    : tr("This project download has only %1 credentials, which cannot log in "
                         "server-to-server. Add "
                         "an OAuth Server-to-Server credential with the AEM Brand Portal API, then download "
                         "it again.")
                          .arg(otherTypes.join(QLatin1String(", "))));
        const QString type = chosen.value(QLatin1String("integration_type")).toString();
        if (type == QLatin1String("service")) {
            c = fromJwtBlock(chosen.value(QLatin1String("jwt")).toObject());
        } else {
            c = fromS2sBlock(chosen.value(QLatin1String("oauth_server_to_server")).toObject());
            if (type == QLatin1String("oauth_server_to_server_migrate"))
                c.warnings << tr(
                    "The credential is being migrated from JWT; the OAuth Server-to-Server part is used. "
                    "Finish the migration in Developer Console once AEM uses it.");
        }
        c.source = CredentialSource::ProjectDownload;
        if (c.orgId.isEmpty())
            c.orgId = orgId; // the org id sits at project.org.ims_org_id, not in the credential
        if (usable > 1)
            c.warnings << tr("The project has %1 server-to-server credentials; \"%2\" is used.")
                              .arg(usable)
                              .arg(chosen.value(QLatin1String("name")).toString());
    } else if (root.value(QLatin1String("integration_type")).isString()) {
        // One element of credentials[] pasted on its own.
        const QString type = root.value(QLatin1String("integration_type")).toString();
        if (root.value(QLatin1String("oauth_server_to_server")).isObject())
            c = fromS2sBlock(root.value(QLatin1String("oauth_server_to_server")).toObject());
        else if (root.value(QLatin1String("jwt")).isObject())
            c = fromJwtBlock(root.value(QLatin1String("jwt")).toObject());
        else
            return notACredential(
                tr("This is a \"%1\" credential, which cannot log in server-to-server. Use an OAuth "
                   "Server-to-Server credential with the AEM Brand Portal API.")
                    .arg(type));
        c.source = CredentialSource::ProjectDownload;
    } else if (root.value(QLatin1String("integration")).isObject() &&
               root.value(QLatin1String("integration"))
                   .toObject()
                   .contains(QLatin1String("technicalAccount"))) {
        return notACredential(
            tr("This is an AEM as a Cloud Service service credential (from the AEM Developer "
               "Console), not a Developer Console credential for Brand Portal. Download the "
               "credential of the project that has the AEM Brand Portal API."));
    } else if (root.contains(QLatin1String("aud")) && root.contains(QLatin1String("iss"))) {
        // The JWT payload from the "Generate JWT" tab: no secret in it, but it names everything else.
        c.kind = CredentialKind::ServiceAccountJwt;
        c.source = CredentialSource::JwtPayload;
        c.orgId = root.value(QLatin1String("iss")).toString();
        c.technicalAccountId = root.value(QLatin1String("sub")).toString();
        const QString aud = root.value(QLatin1String("aud")).toString();
        c.clientId = aud.section(QLatin1String("/c/"), 1);
        static const QRegularExpression metascope(QStringLiteral("^https?://[^/]+/s/([A-Za-z0-9_]+)$"));
        for (auto it = root.begin(); it != root.end(); ++it) {
            const auto m = metascope.match(it.key());
            if (m.hasMatch() && it.value().toBool())
                c.metascopes << m.captured(1);
        }
        c.warnings << tr("A JWT payload has no client secret: add it from the credential page.");
    } else if (has(root, "client_secrets") || has(root, "scopes") ||
               (has(root, "client_id") && !has(root, "api_key") && !has(root, "meta_scopes") &&
                !has(root, "public_keys_with_expiry") && !has(root, "redirect_uri"))) {
        // Flat OAuth S2S file (upper-case keys), or the bare oauth_server_to_server block.
        c = fromS2sBlock(root);
        if (c.orgId.isEmpty())
            c.orgId = text(key(root, "org_id"));
        c.source = CredentialSource::FlatOAuth;
    } else if (has(root, "api_key") || has(root, "meta_scopes") || has(root, "public_keys_with_expiry")) {
        c = fromJwtBlock(root);
        if (c.clientId.isEmpty())
            c.clientId = text(key(root, "api_key"));
        if (c.orgId.isEmpty())
            c.orgId = text(key(root, "org_id"));
        c.source = CredentialSource::FlatJwt;
        // Certificates on the credential, fingerprint -> MM/DD/YYYY expiry (adobe-ims.md 4.2).
        const QJsonObject keys = key(root, "public_keys_with_expiry").toObject();
        for (auto it = keys.begin(); it != keys.end(); ++it) {
            const QDate expiry = QDate::fromString(it.value().toString(), QStringLiteral("MM/dd/yyyy"));
            if (!expiry.isValid())
                continue;
            if (expiry < today)
                c.warnings << tr("The certificate %1… on this credential expired on %2; a JWT signed with "
                                 "its key is "
                                 "rejected.")
                                  .arg(CertificateInfo::displayFingerprint(it.key().left(8)),
                                       expiry.toString(Qt::ISODate));
            else if (today.daysTo(expiry) <= 30)
                c.warnings << tr("The certificate %1… on this credential expires on %2, within 30 days.")
                                  .arg(CertificateInfo::displayFingerprint(it.key().left(8)),
                                       expiry.toString(Qt::ISODate));
        }
    } else if (has(root, "redirect_uri") || has(root, "redirect_uris")) {
        return notACredential(
            tr("This is an OAuth Web/user credential (it has redirect URIs). Brand Portal needs an "
               "OAuth Server-to-Server credential."));
    } else {
        QStringList keys = root.keys();
        if (keys.size() > 8)
            keys = keys.mid(0, 8) << QStringLiteral("…");
        return notACredential(
            tr("This JSON is not a Developer Console credential (found the keys: %1). Download the "
               "credential from the project in Developer Console (Download all, or Download JSON "
               "on the credential page).")
                .arg(keys.join(QLatin1String(", "))));
    }

    if (c.kind == CredentialKind::ServiceAccountJwt)
        c.warnings.prepend(jwtRetirementWarning(today));
    trimPastedWhitespace(c);
    return c;
}

void CredentialImporter::trimPastedWhitespace(Credential &c)
{
    const auto trimField = [&c](QString &value, const QString &label) {
        const QString trimmed = value.trimmed();
        if (trimmed != value) {
            value = trimmed;
            c.warnings << tr("Removed spaces or line breaks around the %1.").arg(label);
        }
    };
    trimField(c.clientId, tr("client ID"));
    trimField(c.orgId, tr("organization ID"));
    trimField(c.technicalAccountId, tr("technical account ID"));
    trimField(c.technicalAccountEmail, tr("technical account email"));
    bool scopesTrimmed = false;
    for (QString &s : c.scopes) {
        const QString t = s.trimmed();
        scopesTrimmed |= t != s;
        s = t;
    }
    c.scopes.removeAll(QString());
    if (scopesTrimmed)
        c.warnings << tr(
            "Removed spaces around the scopes (IMS expects them comma-separated without spaces).");
    for (QString &m : c.metascopes)
        m = m.trimmed();
    c.metascopes.removeAll(QString());
    bool secretTrimmed = false;
    for (SecretString &s : c.clientSecrets) {
        const QByteArray t = s.revealUtf8().trimmed();
        if (t.size() != s.revealUtf8().size()) {
            s = SecretString::fromUtf8(t);
            secretTrimmed = true;
        }
    }
    if (secretTrimmed)
        c.warnings << tr("Removed spaces or line breaks around the client secret.");
}

QList<FieldError> CredentialImporter::check(const Credential &c)
{
    QList<FieldError> errors;
    static const QRegularExpression ws(QStringLiteral("\\s"));
    if (c.kind == CredentialKind::Unknown) {
        errors << FieldError{QStringLiteral("kind"),
                             tr("Choose the credential kind: OAuth Server-to-Server for new "
                                "setups.")};
        return errors;
    }
    if (c.clientId.isEmpty())
        errors << FieldError{
            QStringLiteral("clientId"),
            tr("The client ID (API key) is missing. Copy it from the credential page in Developer "
               "Console.")};
    else if (c.clientId.contains(ws))
        errors << FieldError{QStringLiteral("clientId"), tr("The client ID contains spaces; copy it again.")};
    if (c.orgId.isEmpty())
        errors << FieldError{QStringLiteral("orgId"),
                             tr("The organization ID is missing. Copy it from Developer Console (it ends in "
                                "@AdobeOrg).")};
    else if (!c.orgId.endsWith(QLatin1String("@AdobeOrg")))
        errors << FieldError{
            QStringLiteral("orgId"),
            tr("\"%1\" is not an IMS organization ID: it must end in @AdobeOrg. The numeric console "
               "org id is a different value.")
                .arg(c.orgId)};
    if (c.clientSecrets.isEmpty() || std::all_of(c.clientSecrets.begin(), c.clientSecrets.end(),
                                                 [](const SecretString &s) { return s.isEmpty(); }))
        errors << FieldError{QStringLiteral("clientSecrets"),
                             tr("The client secret is missing or empty. Copy it from the credential page in "
                                "Developer Console (Retrieve client secret).")};
    else if (std::any_of(c.clientSecrets.begin(), c.clientSecrets.end(), [](const SecretString &s) {
                 return s.revealUtf8().contains(' ') || s.revealUtf8().contains('\n');
             }))
        errors << FieldError{QStringLiteral("clientSecrets"),
                             tr("The client secret contains spaces or line breaks; copy it again.")};
    if (c.kind == CredentialKind::OAuthServerToServer) {
        if (c.clientSecrets.size() > 2)
            errors << FieldError{QStringLiteral("clientSecrets"),
                                 tr("An OAuth Server-to-Server credential has at most two client secrets.")};
        if (c.scopes.isEmpty())
            errors << FieldError{
                QStringLiteral("scopes"),
                tr("The scopes are missing. Copy them exactly as listed on the credential's Scopes "
                   "tab; Adobe publishes no fixed list for Brand Portal.")};
        for (const QString &s : c.scopes) {
            if (s.contains(QLatin1Char(' '))) {
                // IMS takes a comma-separated list; "openid AdobeID" is one scope it does not know.
                errors << FieldError{
                    QStringLiteral("scopes"),
                    tr("Separate the scopes with commas, not spaces, exactly as the Scopes tab "
                       "lists them.")};
                break;
            }
        }
        for (const QString &s : c.scopes) {
            if (s.contains(QLatin1String("/s/")) || s.startsWith(QLatin1String("http"))) {
                errors << FieldError{
                    QStringLiteral("scopes"),
                    tr("\"%1\" is a JWT metascope, not an OAuth scope. Use the scopes from the OAuth "
                       "Server-to-Server credential's Scopes tab.")
                        .arg(s)};
                break;
            }
        }
    } else {
        if (!c.technicalAccountId.endsWith(QLatin1String("@techacct.adobe.com")))
            errors << FieldError{
                QStringLiteral("technicalAccountId"),
                c.technicalAccountId.isEmpty()
                    ? tr("The technical account ID is missing (it ends in @techacct.adobe.com).")
                    : tr("\"%1\" is not a technical account ID (it ends in @techacct.adobe.com; the "
                         "technical account email is a different value).")
                          .arg(c.technicalAccountId)};
        if (c.metascopes.isEmpty())
            errors << FieldError{
                QStringLiteral("metascopes"),
                tr("The metascopes are missing. For AEM Brand Portal it is ent_brand_portal_sdk (see "
                   "the credential's JWT payload).")};
    }
    return errors;
}

} // namespace bp
