// SPDX-License-Identifier: Apache-2.0
#include "profiles/Profile.h"

#include <QJsonArray>

namespace bp {

namespace {
QJsonValue date(const QDateTime &d)
{
    return d.isValid() ? QJsonValue(d.toUTC().toString(Qt::ISODate)) : QJsonValue();
}
QDateTime date(const QJsonValue &v)
{
    return QDateTime::fromString(v.toString(), Qt::ISODate);
}
QJsonValue url(const QUrl &u)
{
    return u.isValid() ? QJsonValue(u.toString()) : QJsonValue();
}
QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &item : v.toArray())
        out << item.toString();
    return out;
}
} // namespace

QJsonObject Profile::toJson() const
{
    QJsonObject o{{QStringLiteral("name"), name},
                  {QStringLiteral("aemUrl"), url(aemUrl)},
                  {QStringLiteral("aemUser"), aemUser},
                  {QStringLiteral("deployment"), deployment},
                  {QStringLiteral("version"), version},
                  {QStringLiteral("tenant"), tenant},
                  {QStringLiteral("imsUrl"), url(imsUrl)},
                  {QStringLiteral("credentialKind"), credentialKind},
                  {QStringLiteral("clientId"), clientId},
                  {QStringLiteral("orgId"), orgId},
                  {QStringLiteral("scopes"), QJsonArray::fromStringList(scopes)},
                  {QStringLiteral("technicalAccountId"), technicalAccountId},
                  {QStringLiteral("metascopes"), QJsonArray::fromStringList(metascopes)},
                  {QStringLiteral("pinnedSha256"), pinnedSha256},
                  {QStringLiteral("created"), date(created)},
                  {QStringLiteral("modified"), date(modified)},
                  {QStringLiteral("lastUsed"), date(lastUsed)}};
    // Empty values are left out so the file stays readable by hand.
    for (auto it = o.begin(); it != o.end();) {
        const bool empty = it->isNull() || (it->isString() && it->toString().isEmpty()) ||
                           (it->isArray() && it->toArray().isEmpty());
        it = empty && it.key() != QLatin1String("name") ? o.erase(it) : it + 1;
    }
    return o;
}

Profile Profile::fromJson(const QJsonObject &o)
{
    Profile p;
    p.name = o.value(QLatin1String("name")).toString();
    p.aemUrl = QUrl(o.value(QLatin1String("aemUrl")).toString());
    p.aemUser = o.value(QLatin1String("aemUser")).toString();
    p.deployment = o.value(QLatin1String("deployment")).toString();
    p.version = o.value(QLatin1String("version")).toString();
    p.tenant = o.value(QLatin1String("tenant")).toString();
    p.imsUrl = QUrl(o.value(QLatin1String("imsUrl")).toString());
    p.credentialKind = o.value(QLatin1String("credentialKind")).toString();
    p.clientId = o.value(QLatin1String("clientId")).toString();
    p.orgId = o.value(QLatin1String("orgId")).toString();
    p.scopes = strings(o.value(QLatin1String("scopes")));
    p.technicalAccountId = o.value(QLatin1String("technicalAccountId")).toString();
    p.metascopes = strings(o.value(QLatin1String("metascopes")));
    p.pinnedSha256 = o.value(QLatin1String("pinnedSha256")).toString();
    p.created = date(o.value(QLatin1String("created")));
    p.modified = date(o.value(QLatin1String("modified")));
    p.lastUsed = date(o.value(QLatin1String("lastUsed")));
    return p;
}

} // namespace bp
