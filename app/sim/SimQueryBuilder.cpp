// SPDX-License-Identifier: Apache-2.0
#include "sim/SimQueryBuilder.h"

#include "sim/SimNode.h"
#include "sim/SimRepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace bp::sim {

namespace {

bool typeMatches(const SimNode *node, const QString &type)
{
    if (type.isEmpty() || node->primaryType() == type)
        return true;
    // The node type hierarchy the simulator needs: system users are users, users and groups authorizables.
    const QString t = node->primaryType();
    if (type == QLatin1String("rep:User"))
        return t == QLatin1String("rep:SystemUser");
    if (type == QLatin1String("rep:Authorizable"))
        return t == QLatin1String("rep:User") || t == QLatin1String("rep:SystemUser") ||
               t == QLatin1String("rep:Group");
    return false;
}

void collect(const SimNode *node, const QString &type, const QString &property, const QString &value,
             QList<const SimNode *> *out)
{
    for (const SimNode *child : node->children()) {
        if (typeMatches(child, type) && (property.isEmpty() || child->property(property).toString() == value))
            out->append(child);
        collect(child, type, property, value, out);
    }
}

QJsonValue jsonValue(const QVariant &v)
{
    if (v.typeId() == QMetaType::QStringList)
        return QJsonArray::fromStringList(v.toStringList());
    if (v.typeId() == QMetaType::Bool)
        return v.toBool();
    if (v.typeId() == QMetaType::LongLong)
        return v.toLongLong();
    return v.toString();
}

} // namespace

const QString SimQueryBuilder::Path = QStringLiteral("/bin/querybuilder.json");

SimHttpResponse SimQueryBuilder::query(const SimRepository &repo, const SimHttpRequest &request)
{
    const QUrlQuery q = request.query();
    const QString root = q.queryItemValue(QStringLiteral("path"), QUrl::FullyDecoded);
    const QString type = q.queryItemValue(QStringLiteral("type"), QUrl::FullyDecoded);
    const QString property = q.queryItemValue(QStringLiteral("property"), QUrl::FullyDecoded);
    const QString value = q.queryItemValue(QStringLiteral("property.value"), QUrl::FullyDecoded);
    bool limitOk = false;
    int limit = q.queryItemValue(QStringLiteral("p.limit")).toInt(&limitOk);
    if (!limitOk)
        limit = 10;
    const bool selective = q.queryItemValue(QStringLiteral("p.hits")) == QLatin1String("selective");
    const QStringList names = q.queryItemValue(QStringLiteral("p.properties"), QUrl::FullyDecoded)
                                  .split(QLatin1Char(' '), Qt::SkipEmptyParts);

    QList<const SimNode *> found;
    if (const SimNode *start = repo.node(root.isEmpty() ? QStringLiteral("/") : root))
        collect(start, type, property, value, &found);
    const int total = int(found.size());
    const QList<const SimNode *> shown = limit < 0 ? found : found.mid(0, limit);
    QJsonArray hits;
    for (const SimNode *n : shown) {
        QJsonObject hit;
        if (selective) {
            for (const QString &name : names) {
                if (name == QLatin1String("jcr:path"))
                    hit.insert(name, n->path());
                else if (name == QLatin1String("jcr:primaryType"))
                    hit.insert(name, n->primaryType());
                else if (n->property(name).isValid())
                    hit.insert(name, jsonValue(n->property(name)));
            }
        } else {
            hit.insert(QStringLiteral("path"), n->path());
            hit.insert(QStringLiteral("excerpt"), QString());
            hit.insert(QStringLiteral("name"), n->name());
            hit.insert(QStringLiteral("title"), n->name());
        }
        hits.append(hit);
    }
    const QJsonObject answer{
        {QStringLiteral("success"), true}, {QStringLiteral("results"), int(shown.size())},
        {QStringLiteral("total"), total},  {QStringLiteral("more"), shown.size() < found.size()},
        {QStringLiteral("offset"), 0},     {QStringLiteral("hits"), hits}};
    return SimHttpResponse::json(200, QJsonDocument(answer).toJson(QJsonDocument::Compact));
}

} // namespace bp::sim
