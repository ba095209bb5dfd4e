// SPDX-License-Identifier: Apache-2.0
#include "sim/SimImsHandler.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUuid>

#include <cmath>

namespace bp::sim {

namespace {

QByteArray base64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

bool decodeBase64Url(const QByteArray &part, QByteArray *out)
{
    const auto decoded = QByteArray::fromBase64Encoding(part, QByteArray::Base64UrlEncoding |
                                                                  QByteArray::AbortOnBase64DecodingErrors);
    if (decoded.decodingStatus != QByteArray::Base64DecodingStatus::Ok)
        return false;
    *out = decoded.decoded;
    return true;
}

QJsonObject decodeJsonObject(const QByteArray &part, bool *ok)
{
    QByteArray raw;
    QJsonParseError parseError{};
    *ok = false;
    if (!decodeBase64Url(part, &raw))
        return {};
    const QJsonDocument doc = QJsonDocument::fromJson(raw, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return {};
    *ok = true;
    return doc.object();
}

// JSON numbers only: a date string or "1700000000" in `exp` is what acs-aem-commons PR #2860 ran into.
bool isInteger(const QJsonValue &value)
{
    if (!value.isDouble())
        return false;
    const double d = value.toDouble();
    return std::isfinite(d) && std::trunc(d) == d;
}

const QString InvalidClient = QStringLiteral("invalid_client");
const QString InvalidToken = QStringLiteral("invalid_token");
const QString InvalidClientIdText = QStringLiteral("invalid client_id parameter");
const QString InvalidSecretText = QStringLiteral("invalid client_secret parameter");
const QString MalformedJwtText =
    QStringLiteral("JWT token is incorrectly formatted, and can not be decoded.");
const QString NoBindingText = QStringLiteral("Could not match JWT signature to any of the bindings");
const QString MetascopeText =
    QStringLiteral("The metascopes in the JWT are not a subset of the metascopes in the binding.");

} // namespace

QString SimImsHandler::base() const
{
    return m_baseUrl.toString(QUrl::StripTrailingSlash);
}

const SimImsClient *SimImsHandler::client(const QString &clientId) const
{
    for (const SimImsClient &c : m_clients) {
        if (c.clientId == clientId)
            return &c;
    }
    return nullptr;
}

SimImsClient *SimImsHandler::mutableClient(const QString &clientId)
{
    for (SimImsClient &c : m_clients) {
        if (c.clientId == clientId)
            return &c;
    }
    return nullptr;
}

Result<SimCertificate> SimImsHandler::registerCertificate(const QString &clientId,
                                                          const QByteArray &certificate)
{
    SimImsClient *c = mutableClient(clientId);
    if (!c) {
        Error e;
        e.code = ErrorCode::InvalidInput;
        e.userMessage =
            QCoreApplication::translate("Simulator", "The simulated IMS has no credential with the "
                                                     "client ID \"%1\".")
                .arg(clientId);
        e.detail = QStringLiteral("registerCertificate: unknown client");
        return e;
    }
    if (c->kind != SimImsClient::Kind::ServiceAccountJwt) {
        Error e;
        e.code = ErrorCode::InvalidInput;
        e.userMessage =
            QCoreApplication::translate(
                "Simulator", "Certificates belong to Service Account (JWT) credentials; \"%1\" is an OAuth "
                             "Server-to-Server credential.")
                .arg(clientId);
        e.detail = QStringLiteral("registerCertificate: not a JWT client");
        return e;
    }
    Result<SimCertificate> parsed = SimCrypto::parseCertificate(certificate);
    if (!parsed)
        return parsed;
    for (const SimCertificate &existing : std::as_const(c->certificates)) {
        if (existing.sha256 == parsed.value().sha256)
            return existing;
    }
    c->certificates.append(parsed.value());
    return parsed;
}

SimHttpResponse SimImsHandler::handle(const SimHttpRequest &request)
{
    SimHttpResponse response = route(request);
    if (m_clockOffsetSeconds != 0)
        response.date = QDateTime::currentDateTimeUtc().addSecs(m_clockOffsetSeconds);
    return response;
}

SimHttpResponse SimImsHandler::route(const SimHttpRequest &request)
{
    const QString path = request.decodedPath();
    // The simulator's own control endpoints stay usable under every IMS fault: they stand in for Developer
    // Console, not for IMS, and tests need them to set up the faulty scenario.
    static const QRegularExpression consolePath(
        QStringLiteral("^/sim/console/credentials/([^/]+)/certificates$"));
    const QRegularExpressionMatch console = consolePath.match(path);
    if (console.hasMatch())
        return consoleCertificates(request, console.captured(1));

    if (m_faults.hang) {
        SimHttpResponse r;
        r.kind = SimHttpResponse::Kind::Hang;
        return r;
    }
    if (m_faults.html)
        return captivePortal();

    const bool isV3 = path == QLatin1String("/ims/token/v3");
    const bool isV2 = path == QLatin1String("/ims/token/v2");
    // Adobe's @adobe/jwt-auth and others call the exchange with a trailing slash (adobe-ims.md 2.1).
    const bool isJwt =
        path == QLatin1String("/ims/exchange/jwt") || path == QLatin1String("/ims/exchange/jwt/");
    if ((isV3 || isV2 || isJwt) && m_tokenRequests++ < m_faults.failuresBeforeSuccess)
        return error(
            503, QStringLiteral("server_error"),
            QStringLiteral("The simulated IMS is temporarily unavailable (ims-5xx fault); try again."));

    if (path == QLatin1String("/ims/.well-known/openid-configuration"))
        return request.method == "GET" || request.method == "HEAD"
                   ? discovery()
                   : error(405, QStringLiteral("method_not_allowed"), QStringLiteral("use GET"));
    if (isV3 || isV2 || isJwt) {
        if (request.method != "POST")
            return error(405, QStringLiteral("method_not_allowed"), QStringLiteral("use POST"));
        if (isJwt)
            return exchangeJwt(request);
        return clientCredentials(request, isV2 ? TokenEndpoint::V2 : TokenEndpoint::V3);
    }
    if (path == QLatin1String("/ims/keys"))
        // Our access tokens are not signed with a real key, so there is nothing to publish.
        return SimHttpResponse::json(200, QByteArrayLiteral("{\"keys\":[]}"));
    return error(404, QStringLiteral("not_found"),
                 QStringLiteral("no such endpoint in the bpsetup simulator"));
}

SimHttpResponse SimImsHandler::discovery() const
{
    QJsonObject doc;
    doc.insert(QStringLiteral("issuer"), base());
    doc.insert(QStringLiteral("authorization_endpoint"),
               QString(base() + QStringLiteral("/ims/authorize/v2")));
    doc.insert(QStringLiteral("token_endpoint"), QString(base() + QStringLiteral("/ims/token/v3")));
    doc.insert(QStringLiteral("jwks_uri"), QString(base() + QStringLiteral("/ims/keys")));
    doc.insert(QStringLiteral("response_types_supported"),
               QJsonArray{QStringLiteral("code"), QStringLiteral("token"), QStringLiteral("id_token")});
    doc.insert(QStringLiteral("grant_types_supported"),
               QJsonArray{QStringLiteral("authorization_code"), QStringLiteral("client_credentials")});
    doc.insert(QStringLiteral("token_endpoint_auth_methods_supported"),
               QJsonArray{QStringLiteral("client_secret_post")});
    return SimHttpResponse::json(200, QJsonDocument(doc).toJson(QJsonDocument::Compact));
}

SimHttpResponse SimImsHandler::error(int status, const QString &code, const QString &description)
{
    QJsonObject body;
    body.insert(QStringLiteral("error"), code);
    body.insert(QStringLiteral("error_description"), description);
    return SimHttpResponse::json(status, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

SimHttpResponse SimImsHandler::captivePortal()
{
    // What a hotel/guest Wi-Fi or an authenticating proxy returns instead of the real answer: 200, HTML, a
    // login form. Clients must not mistake it for an IMS reply just because the status is 200.
    return SimHttpResponse::html(
        200, QByteArrayLiteral("<!DOCTYPE html>\n<html><head><title>Network Login</title></head><body>"
                               "<h1>Welcome to the guest network</h1>"
                               "<p>Please sign in to access the Internet.</p>"
                               "<form method=\"post\" action=\"/portal/login\">"
                               "<label>User <input name=\"user\"></label>"
                               "<label>Password <input name=\"password\" type=\"password\"></label>"
                               "<input type=\"checkbox\" name=\"accept\"> I accept the terms of use "
                               "<button type=\"submit\">Log in</button></form></body></html>\n"));
}

// Shared by /ims/token/v3 (documented) and /ims/token/v2 (what aio-lib-ims and aio-lib-core-auth call, with
// an extra org_id field): one set of checks, in the order IMS applies them (adobe-ims.md 3.3, 3.6).
SimHttpResponse SimImsHandler::clientCredentials(const SimHttpRequest &request, TokenEndpoint endpoint) const
{
    const SimFormFields fields = simFormFields(request);
    if (fields.value(QStringLiteral("grant_type")) != QLatin1String("client_credentials"))
        return error(400, QStringLiteral("unsupported_grant_type"),
                     QStringLiteral("the simulated IMS supports only the client_credentials grant"));

    const SimImsClient *c = client(fields.value(QStringLiteral("client_id")));
    // Exact error pairs as seen from the real endpoint (adobe-ims.md 3.3).
    if (!c)
        return error(400, InvalidClient, InvalidClientIdText);
    if (!c->secrets.contains(fields.value(QStringLiteral("client_secret"))))
        return error(400, InvalidClient, InvalidSecretText);
    // A JWT-only credential is not registered for this grant (adobe-ims.md 3.3, unauthorized_client).
    if (c->kind != SimImsClient::Kind::OAuthServerToServer)
        return error(400, QStringLiteral("unauthorized_client"),
                     QStringLiteral("Client is not authorized for the client_credentials grant."));
    // Guess: real IMS's answer to a foreign org_id on /ims/token/v2 is undocumented (adobe-ims.md 10, item
    // 2); invalid_request with a plain description is the simulator's stand-in until someone observes the
    // real one.
    const QString orgId = fields.value(QStringLiteral("org_id"));
    if (endpoint == TokenEndpoint::V2 && !orgId.isEmpty() && orgId != c->orgId)
        return error(400, QStringLiteral("invalid_request"),
                     QStringLiteral("The org_id does not match the organization of the client."));

    QStringList scopes = c->scopes;
    const QString requested = fields.value(QStringLiteral("scope"));
    if (!requested.isEmpty()) {
        scopes.clear();
        const QStringList parts = requested.split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (const QString &part : parts) {
            const QString scope = part.trimmed();
            if (!c->scopes.contains(scope))
                return error(400, QStringLiteral("invalid_scope"), QStringLiteral("invalid scope"));
            scopes.append(scope);
        }
    }

    QJsonObject body;
    body.insert(QStringLiteral("access_token"), QString::fromLatin1(accessToken(*c, scopes)));
    body.insert(QStringLiteral("token_type"), QStringLiteral("bearer"));
    body.insert(QStringLiteral("expires_in"), 86399); // seconds (adobe-ims.md 3.2)
    return SimHttpResponse::json(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

// The Service Account (JWT) exchange, checks in IMS's order with IMS's codes (adobe-ims.md 2.2-2.4).
SimHttpResponse SimImsHandler::exchangeJwt(const SimHttpRequest &request) const
{
    const SimFormFields fields = simFormFields(request);
    const QString clientId = fields.value(QStringLiteral("client_id"));
    const SimImsClient *c = client(clientId);
    if (!c)
        return error(400, InvalidClient, InvalidClientIdText);
    // 401 here, unlike the 400 of the token endpoints (adobe-ims.md 2.4).
    if (!c->secrets.contains(fields.value(QStringLiteral("client_secret"))))
        return error(401, InvalidClient, InvalidSecretText);
    // A converted credential: the answer adobe-ims.md's error table gives for the JWT endpoint once the
    // credential was migrated (500 internal_error "Please try again later"); the exact answer after the
    // forced conversion is not documented.
    if (m_jwtConverted)
        return error(500, QStringLiteral("internal_error"), QStringLiteral("Please try again later"));

    const QByteArray token = fields.value(QStringLiteral("jwt_token")).toUtf8();
    const QList<QByteArray> parts = token.split('.');
    if (parts.size() != 3)
        return error(400, InvalidToken, MalformedJwtText);
    bool headerOk = false;
    bool payloadOk = false;
    const QJsonObject header = decodeJsonObject(parts.at(0), &headerOk);
    const QJsonObject payload = decodeJsonObject(parts.at(1), &payloadOk);
    QByteArray signature;
    if (!headerOk || !payloadOk || !decodeBase64Url(parts.at(2), &signature) ||
        !isInteger(payload.value(QStringLiteral("exp"))))
        return error(400, InvalidToken, MalformedJwtText);

    // The real description for a wrong algorithm is not known (the docs list invalid_signature for it, but
    // observed answers use invalid_token, adobe-ims.md 2.4); the text below is the simulator's own.
    if (header.value(QStringLiteral("alg")).toString() != QLatin1String("RS256"))
        return error(400, InvalidToken, QStringLiteral("JWT token must be signed with RS256."));

    // aud must name this IMS (host included: a token for another IMS environment is refused) and the very
    // client_id of the form. The description is the simulator's own; only the code is documented.
    if (payload.value(QStringLiteral("aud")).toString() != base() + QStringLiteral("/c/") + clientId)
        return error(
            400, InvalidClient,
            QStringLiteral("The aud claim of the JWT does not match this IMS and the client_id parameter."));

    // No clock-skew allowance: IMS's real tolerance is undocumented (adobe-ims.md 10, item 1), and being
    // strict makes a client's own skew handling visible in tests. RFC 7519 4.1.4: expired on or after exp.
    // Nor is the 24 h maximum lifetime of the 2019 docs enforced (evidence suggests IMS does not,
    // adobe-ims.md 2.2).
    const double exp = payload.value(QStringLiteral("exp")).toDouble();
    if (exp <= static_cast<double>(QDateTime::currentSecsSinceEpoch() + m_clockOffsetSeconds))
        return error(400, InvalidToken,
                     QStringLiteral("JWT token has expired (the exp claim is in the past)."));

    // IMS tries every certificate bound to the integration (no kid needed). An expired certificate no longer
    // counts, which is how real JWT integrations break once their certificate runs out (adobe-ims.md 1).
    // A wrong iss/sub gives the same answer as a wrong key (adobe-ims.md 2.4 notes).
    const QByteArray signingInput = parts.at(0) + '.' + parts.at(1);
    const QDateTime now = QDateTime::currentDateTimeUtc().addSecs(m_clockOffsetSeconds);
    bool matched = false;
    for (const SimCertificate &certificate : c->certificates) {
        if (certificate.notAfter.isValid() && certificate.notAfter < now)
            continue;
        if (SimCrypto::verifyRs256(certificate.pem, signingInput, signature)) {
            matched = true;
            break;
        }
    }
    if (!matched || payload.value(QStringLiteral("iss")).toString() != c->orgId ||
        payload.value(QStringLiteral("sub")).toString() != c->technicalAccountId)
        return error(400, InvalidToken, NoBindingText);

    // Metascope claims are "<IMS>/s/<name>": true. Any URL-shaped /s/ claim that is not ours (another IMS
    // host, not `true`, a name not bound to the client) makes the set not a subset; so does an empty set.
    static const QRegularExpression metascopeClaim(QStringLiteral("^https?://[^/]+/s/[^/]+$"));
    const QString prefix = base() + QStringLiteral("/s/");
    QStringList metascopes;
    for (auto it = payload.begin(); it != payload.end(); ++it) {
        if (!metascopeClaim.match(it.key()).hasMatch())
            continue;
        const QString name = it.key().startsWith(prefix) ? it.key().mid(prefix.size()) : QString();
        if (name.isEmpty() || it.value() != QJsonValue(true) || !c->metascopes.contains(name))
            return error(400, QStringLiteral("invalid_scope"), MetascopeText);
        metascopes.append(name);
    }
    if (metascopes.isEmpty())
        return error(400, QStringLiteral("invalid_scope"), MetascopeText);

    QJsonObject body;
    body.insert(QStringLiteral("token_type"), QStringLiteral("bearer"));
    body.insert(QStringLiteral("access_token"), QString::fromLatin1(accessToken(*c, metascopes)));
    // Milliseconds for this endpoint, unlike /ims/token/v3 (adobe-ims.md 2.3).
    body.insert(QStringLiteral("expires_in"), 86399000);
    return SimHttpResponse::json(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

// POST /sim/console/credentials/<clientId>/certificates, body = the certificate (PEM). This path is the
// simulator's own stand-in for "Upload public key" in Developer Console; it is NOT an Adobe API and exists
// only on the simulated IMS listener.
SimHttpResponse SimImsHandler::consoleCertificates(const SimHttpRequest &request, const QString &clientId)
{
    if (request.method != "POST")
        return error(405, QStringLiteral("method_not_allowed"), QStringLiteral("use POST"));
    if (!client(clientId))
        return error(404, QStringLiteral("not_found"), QStringLiteral("no credential with this client id"));
    const Result<SimCertificate> registered = registerCertificate(clientId, request.body);
    if (!registered)
        return error(400, QStringLiteral("invalid_certificate"), registered.error().userMessage);
    QJsonObject body;
    body.insert(QStringLiteral("clientId"), clientId);
    body.insert(QStringLiteral("sha256"), registered.value().sha256);
    return SimHttpResponse::json(201, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

QByteArray SimImsHandler::accessToken(const SimImsClient &c, const QStringList &scopes) const
{
    // JWT-shaped like real IMS tokens (adobe-ims.md 3.7) so clients can decode expiry and client_id, but the
    // signature is random bytes: nothing may treat it as proof of anything.
    QJsonObject header;
    header.insert(QStringLiteral("alg"), QStringLiteral("RS256"));
    header.insert(QStringLiteral("x5u"), QStringLiteral("ims_na1-key-at-1.cer"));
    header.insert(QStringLiteral("kid"), QStringLiteral("ims_na1-key-at-1"));
    header.insert(QStringLiteral("itt"), QStringLiteral("at"));
    QJsonObject payload;
    payload.insert(QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces));
    payload.insert(QStringLiteral("type"), QStringLiteral("access_token"));
    payload.insert(QStringLiteral("client_id"), c.clientId);
    payload.insert(QStringLiteral("user_id"), c.technicalAccountId);
    payload.insert(QStringLiteral("as"), QStringLiteral("ims-na1"));
    payload.insert(QStringLiteral("org"), c.orgId);
    payload.insert(QStringLiteral("created_at"), QString::number(QDateTime::currentMSecsSinceEpoch()));
    payload.insert(QStringLiteral("expires_in"), QStringLiteral("86400000")); // ms, as strings, like IMS
    payload.insert(QStringLiteral("scope"), scopes.join(QLatin1Char(',')));
    QByteArray signature(256, Qt::Uninitialized);
    QRandomGenerator *rng = QRandomGenerator::system();
    for (char &ch : signature)
        ch = static_cast<char>(rng->bounded(256));
    return base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.' +
           base64Url(QJsonDocument(payload).toJson(QJsonDocument::Compact)) + '.' + base64Url(signature);
}

} // namespace bp::sim
