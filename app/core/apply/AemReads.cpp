// SPDX-License-Identifier: Apache-2.0
#include "apply/AemReads.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>

namespace bp::AemReads {

QStringList runModes(const ApplyRecipe &recipe, int status, const QByteArray &body, bool *readable)
{
    QStringList out;
    const QRegularExpression pattern(recipe.text(QStringLiteral("runModesPattern")));
    const QRegularExpressionMatch m = pattern.match(QString::fromUtf8(body));
    *readable = status == 200 && m.hasMatch();
    if (*readable) {
        for (const QString &mode : m.captured(1).split(QLatin1Char(','), Qt::SkipEmptyParts))
            out << mode.trimmed();
    }
    return out;
}

QString authorizableQuery(const ApplyRecipe &recipe, const QString &id)
{
    return ApplyRecipe::expand(recipe.text(QStringLiteral("authorizableQuery")),
                               {{QStringLiteral("id"), QString::fromLatin1(QUrl::toPercentEncoding(id))}});
}

QStringList authorizablePaths(const QByteArray &json, bool *ok)
{
    const QJsonValue hits = QJsonDocument::fromJson(json).object().value(QLatin1String("hits"));
    *ok = hits.isArray();
    QStringList out;
    for (const QJsonValue &hit : hits.toArray()) {
        const QJsonObject h = hit.toObject();
        const QString path =
            h.value(QLatin1String("jcr:path")).toString(h.value(QLatin1String("path")).toString());
        if (path.startsWith(QLatin1String("/home/")))
            out << path;
    }
    return out;
}

QList<KeystoreAlias> keystoreAliases(const QByteArray &json, const QString &expiryField, bool *ok)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    const QJsonValue list = doc.object().value(QLatin1String("aliases"));
    *ok = parseError.error == QJsonParseError::NoError && doc.isObject() &&
          (list.isArray() || list.isUndefined());
    QList<KeystoreAlias> out;
    for (const QJsonValue &v : list.toArray()) {
        KeystoreAlias a;
        a.alias = v.isString() ? v.toString() : v.toObject().value(QLatin1String("alias")).toString();
        if (!expiryField.isEmpty())
            a.notAfter = QDateTime::fromString(v.toObject().value(expiryField).toString(), Qt::ISODate);
        if (!a.alias.isEmpty())
            out << a;
    }
    return out;
}

QString configAdminListPath(const ApplyRecipe &recipe)
{
    return ApplyRecipe::expand(
        recipe.text(QStringLiteral("configAdminListPath")),
        {{QStringLiteral("factoryPid"), recipe.text(QStringLiteral("providerFactoryPid"))}});
}

QList<ConfigAdminEntry> configAdminEntries(const QByteArray &json, bool *ok)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    *ok = parseError.error == QJsonParseError::NoError && doc.isArray();
    QList<ConfigAdminEntry> out;
    for (const QJsonValue &v : doc.array()) {
        const QJsonObject o = v.toObject();
        ConfigAdminEntry e;
        e.pid = o.value(QLatin1String("pid")).toString();
        e.factoryPid = o.value(QLatin1String("factoryPid")).toString();
        const QJsonObject props = o.value(QLatin1String("properties")).toObject();
        for (auto it = props.begin(); it != props.end(); ++it) {
            const QJsonObject p = it.value().toObject();
            if (!p.value(QLatin1String("is_set")).toBool(true))
                continue;
            QStringList values;
            if (p.contains(QLatin1String("values"))) {
                for (const QJsonValue &item : p.value(QLatin1String("values")).toArray())
                    values << item.toVariant().toString();
            } else if (p.contains(QLatin1String("value"))) {
                values << p.value(QLatin1String("value")).toVariant().toString();
            }
            e.properties.insert(it.key(), values);
        }
        if (!e.pid.isEmpty())
            out << e;
    }
    return out;
}

} // namespace bp::AemReads
