// SPDX-License-Identifier: Apache-2.0
#include "apply/TenantUrl.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QUrl>

namespace bp {

namespace {

const QString Suffix = QStringLiteral(".brand-portal.adobe.com");

Error invalid(const QString &text, const QString &why)
{
    return Error(ErrorCode::InvalidInput,
                 QCoreApplication::translate("TenantUrl", "\"%1\" is not a Brand Portal tenant URL: %2")
                     .arg(text, why))
        .withId(QStringLiteral("tenant-invalid"))
        .withRemedy(QCoreApplication::translate(
            "TenantUrl",
            "Give the tenant URL as https://<tenant>.brand-portal.adobe.com (the tenant-id URL, not "
            "an alias) or just the tenant name."));
}

} // namespace

Result<TenantUrl> parseTenantUrl(const QString &input)
{
    const QString text = input.trimmed();
    static const QRegularExpression label(QStringLiteral("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$"));
    if (text.isEmpty())
        return invalid(text, QCoreApplication::translate("TenantUrl", "it is empty."));
    QString host;
    if (!text.contains(QLatin1Char('/')) && !text.contains(QLatin1Char(':')) &&
        !text.contains(QLatin1Char('.'))) {
        host = text.toLower() + Suffix;
    } else {
        const QUrl url(text, QUrl::StrictMode);
        if (!url.isValid() || url.scheme().isEmpty())
            return invalid(text, QCoreApplication::translate("TenantUrl", "it is not a URL."));
        if (url.scheme() != QLatin1String("https"))
            return invalid(text, QCoreApplication::translate("TenantUrl", "it must start with https://."));
        if (url.port() != -1)
            return invalid(text, QCoreApplication::translate("TenantUrl", "it must not have a port."));
        if (!url.userInfo().isEmpty())
            return invalid(text,
                           QCoreApplication::translate("TenantUrl", "it must not contain a user name."));
        if (!(url.path().isEmpty() || url.path() == QLatin1String("/")) || url.hasQuery() ||
            url.hasFragment())
            return invalid(text,
                           QCoreApplication::translate("TenantUrl", "it must not have a path or query."));
        host = url.host().toLower();
    }
    if (!host.endsWith(Suffix))
        return invalid(text, QCoreApplication::translate("TenantUrl",
                                                         "the host must end with .brand-portal.adobe.com."));
    const QString tenant = host.left(host.size() - Suffix.size());
    if (!label.match(tenant).hasMatch())
        return invalid(
            text, QCoreApplication::translate(
                      "TenantUrl", "there must be exactly one tenant label before .brand-portal.adobe.com."));
    if (tenant.startsWith(QLatin1String("downloads-")))
        return Error(ErrorCode::InvalidInput,
                     QCoreApplication::translate("TenantUrl",
                                                 "%1 is a Brand Portal download host, not a tenant URL.")
                         .arg(host))
            .withId(QStringLiteral("tenant-download-host"))
            .withRemedy(QCoreApplication::translate(
                "TenantUrl",
                "Use your tenant's own URL, https://<tenant>.brand-portal.adobe.com, as shown in the "
                "address bar when you sign in to Brand Portal."));
    return TenantUrl{tenant, QStringLiteral("https://") + host};
}

} // namespace bp
