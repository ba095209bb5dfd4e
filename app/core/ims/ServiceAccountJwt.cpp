// SPDX-License-Identifier: Apache-2.0
#include "ims/ServiceAccountJwt.h"

#include <QJsonDocument>
#include <QJsonValue>

namespace bp {

namespace {

// "https://ims-na1.adobelogin.com/" and "https://ims-na1.adobelogin.com" must give the same aud.
QString imsBase(const QUrl &imsBaseUrl)
{
    QString base = imsBaseUrl.toString(QUrl::StripTrailingSlash | QUrl::RemoveQuery | QUrl::RemoveFragment);
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return base;
}

// Metascopes arrive as short names (ent_brand_portal_sdk) or, from a pasted JWT payload, as claim URLs
// (https://ims-na1.adobelogin.com/s/ent_brand_portal_sdk). IMS wants the URL on the host actually called, so
// a URL keeps only its name and is rebuilt on our base.
QString metascopeName(const QString &metascope)
{
    QString name = metascope.trimmed();
    if (name.contains(QLatin1String("://"))) {
        const qsizetype marker = name.lastIndexOf(QLatin1String("/s/"));
        name = marker >= 0 ? name.mid(marker + 3) : name.section(QLatin1Char('/'), -1);
        while (name.endsWith(QLatin1Char('/')))
            name.chop(1);
    }
    return name;
}

} // namespace

QJsonObject ServiceAccountJwt::claims(const Credential &credential, const QUrl &imsBaseUrl,
                                      const QDateTime &now, int lifetimeSeconds)
{
    const QString base = imsBase(imsBaseUrl);
    QJsonObject claims{
        // Integer seconds: a string or a fractional value is "incorrectly formatted" to IMS (adobe-ims.md
        // §2.2).
        {QStringLiteral("exp"), QJsonValue(now.toSecsSinceEpoch() + lifetimeSeconds)},
        {QStringLiteral("iss"), credential.orgId},
        {QStringLiteral("sub"), credential.technicalAccountId},
        {QStringLiteral("aud"), QStringLiteral("%1/c/%2").arg(base, credential.clientId)},
    };
    for (const QString &metascope : credential.metascopes) {
        const QString name = metascopeName(metascope);
        if (!name.isEmpty())
            claims.insert(QStringLiteral("%1/s/%2").arg(base, name), true);
    }
    return claims;
}

Result<QByteArray> ServiceAccountJwt::sign(const QJsonObject &claims, const PrivateKey &key)
{
    // Written out rather than serialised so the header bytes never depend on QJsonObject's key order.
    static const QByteArray header = QByteArrayLiteral(R"({"alg":"RS256","typ":"JWT"})");
    const QByteArray signingInput =
        base64Url(header) + '.' + base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    const auto signature = key.signSha256(signingInput);
    if (!signature)
        return signature.error();
    return QByteArray(signingInput + '.' + base64Url(signature.value()));
}

QByteArray ServiceAccountJwt::base64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace bp
