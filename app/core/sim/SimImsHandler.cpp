// SPDX-License-Identifier: Apache-2.0
#include "sim/SimImsHandler.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QUrlQuery>
#include <QUuid>

namespace bp::sim {

namespace {

QByteArray base64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// Form fields from the query and, for form-encoded bodies, the body (which wins); IMS accepts both.
QUrlQuery formFields(const SimHttpRequest &request)
{
    QUrlQuery fields = request.query();
    const QByteArray contentType = request.header(QByteArrayLiteral("Content-Type")).toLower();
    if (contentType.startsWith("application/x-www-form-urlencoded")) {
        QByteArray body = request.body;
        body.replace('+', QByteArrayLiteral("%20"));
        const QUrlQuery bodyFields(QString::fromUtf8(body));
        const auto items = bodyFields.queryItems(QUrl::FullyDecoded);
        for (const auto &item : items) {
            fields.removeAllQueryItems(item.first);
            fields.addQueryItem(item.first, item.second);
        }
    }
    return fields;
}

QString field(const QUrlQuery &fields, const QString &name)
{
    return fields.queryItemValue(name, QUrl::FullyDecoded);
}

} // namespace

QString SimImsHandler::base() const
{
    return m_baseUrl.toString(QUrl::StripTrailingSlash);
}

SimHttpResponse SimImsHandler::handle(const SimHttpRequest &request) const
{
    const QString path = request.decodedPath();
    if (path == QLatin1String("/ims/.well-known/openid-configuration"))
        return request.method == "GET" || request.method == "HEAD"
                   ? discovery()
                   : error(405, QStringLiteral("method_not_allowed"), QStringLiteral("use GET"));
    if (path == QLatin1String("/ims/token/v3"))
        return request.method == "POST"
                   ? token(request)
                   : error(405, QStringLiteral("method_not_allowed"), QStringLiteral("use POST"));
    if (path == QLatin1String("/ims/keys"))
        // Our access tokens are not signed with a real key, so there is nothing to publish.
        return SimHttpResponse::json(200, QByteArrayLiteral("{\"keys\":[]}"));
    // Includes /ims/exchange/jwt: the JWT exchange is a later addition and is not faked here.
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

SimHttpResponse SimImsHandler::token(const SimHttpRequest &request) const
{
    const QUrlQuery fields = formFields(request);
    if (field(fields, QStringLiteral("grant_type")) != QLatin1String("client_credentials"))
        return error(400, QStringLiteral("unsupported_grant_type"),
                     QStringLiteral("the simulated IMS supports only the client_credentials grant"));

    const QString clientId = field(fields, QStringLiteral("client_id"));
    const SimImsClient *client = nullptr;
    for (const SimImsClient &c : m_clients) {
        if (c.clientId == clientId)
            client = &c;
    }
    // Exact error pairs as seen from the real endpoint (adobe-ims.md 3.3).
    if (!client)
        return error(400, QStringLiteral("invalid_client"), QStringLiteral("invalid client_id parameter"));
    if (!client->secrets.contains(field(fields, QStringLiteral("client_secret"))))
        return error(400, QStringLiteral("invalid_client"),
                     QStringLiteral("invalid client_secret parameter"));

    QStringList scopes = client->scopes;
    const QString requested = field(fields, QStringLiteral("scope"));
    if (!requested.isEmpty()) {
        scopes.clear();
        const QStringList parts = requested.split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (const QString &part : parts) {
            const QString scope = part.trimmed();
            if (!client->scopes.contains(scope))
                return error(400, QStringLiteral("invalid_scope"), QStringLiteral("invalid scope"));
            scopes.append(scope);
        }
    }

    QJsonObject body;
    body.insert(QStringLiteral("access_token"), QString::fromLatin1(accessToken(*client, scopes)));
    body.insert(QStringLiteral("token_type"), QStringLiteral("bearer"));
    body.insert(QStringLiteral("expires_in"), 86399); // seconds (adobe-ims.md 3.2)
    return SimHttpResponse::json(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

QByteArray SimImsHandler::accessToken(const SimImsClient &client, const QStringList &scopes) const
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
    payload.insert(QStringLiteral("client_id"), client.clientId);
    payload.insert(QStringLiteral("user_id"), client.technicalAccountId);
    payload.insert(QStringLiteral("as"), QStringLiteral("ims-na1"));
    payload.insert(QStringLiteral("org"), client.orgId);
    payload.insert(QStringLiteral("created_at"), QString::number(QDateTime::currentMSecsSinceEpoch()));
    payload.insert(QStringLiteral("expires_in"), QStringLiteral("86400000")); // ms, as strings, like IMS
    payload.insert(QStringLiteral("scope"), scopes.join(QLatin1Char(',')));
    QByteArray signature(256, Qt::Uninitialized);
    QRandomGenerator *rng = QRandomGenerator::system();
    for (char &c : signature)
        c = static_cast<char>(rng->bounded(256));
    return base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.' +
           base64Url(QJsonDocument(payload).toJson(QJsonDocument::Compact)) + '.' + base64Url(signature);
}

} // namespace bp::sim
