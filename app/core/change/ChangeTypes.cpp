// SPDX-License-Identifier: Apache-2.0
#include "change/ChangeTypes.h"

#include <QCoreApplication>

namespace bp {

QString changeActionId(ChangeAction action)
{
    switch (action) {
    case ChangeAction::Create:
        return QStringLiteral("create");
    case ChangeAction::Update:
        return QStringLiteral("update");
    case ChangeAction::Delete:
        return QStringLiteral("delete");
    case ChangeAction::Unchanged:
        break;
    }
    return QStringLiteral("unchanged");
}

ChangeAction changeActionFromId(const QString &id, bool *ok)
{
    for (ChangeAction a :
         {ChangeAction::Create, ChangeAction::Update, ChangeAction::Delete, ChangeAction::Unchanged}) {
        if (changeActionId(a) == id) {
            if (ok)
                *ok = true;
            return a;
        }
    }
    if (ok)
        *ok = false;
    return ChangeAction::Unchanged;
}

QString changeActionDisplayName(ChangeAction action)
{
    switch (action) {
    case ChangeAction::Create:
        return QCoreApplication::translate("ChangeTypes", "create");
    case ChangeAction::Update:
        return QCoreApplication::translate("ChangeTypes", "update");
    case ChangeAction::Delete:
        return QCoreApplication::translate("ChangeTypes", "delete");
    case ChangeAction::Unchanged:
        break;
    }
    return QCoreApplication::translate("ChangeTypes", "unchanged");
}

QJsonObject FieldChange::toJson() const
{
    QJsonObject o{{QStringLiteral("name"), name}, {QStringLiteral("secret"), secret}};
    // Secrets never leave as values, whatever a caller put in.
    if (hadBefore)
        o.insert(QStringLiteral("before"), secret ? masked() : before);
    if (hasAfter)
        o.insert(QStringLiteral("after"), secret ? masked() : after);
    return o;
}

FieldChange FieldChange::fromJson(const QJsonObject &json)
{
    FieldChange c;
    c.name = json.value(QStringLiteral("name")).toString();
    c.secret = json.value(QStringLiteral("secret")).toBool();
    c.hadBefore = json.contains(QStringLiteral("before"));
    c.hasAfter = json.contains(QStringLiteral("after"));
    c.before = c.secret ? masked() : json.value(QStringLiteral("before")).toString();
    c.after = c.secret ? masked() : json.value(QStringLiteral("after")).toString();
    if (!c.hadBefore)
        c.before.clear();
    if (!c.hasAfter)
        c.after.clear();
    return c;
}

QJsonObject StepDescription::toJson() const
{
    QJsonArray list;
    for (const FieldChange &c : changes)
        list.append(c.toJson());
    return {{QStringLiteral("id"), id},         {QStringLiteral("title"), title},
            {QStringLiteral("target"), target}, {QStringLiteral("action"), changeActionId(action)},
            {QStringLiteral("changes"), list},  {QStringLiteral("reason"), reason}};
}

StepDescription StepDescription::fromJson(const QJsonObject &json)
{
    StepDescription d;
    d.id = json.value(QStringLiteral("id")).toString();
    d.title = json.value(QStringLiteral("title")).toString();
    d.target = json.value(QStringLiteral("target")).toString();
    d.action = changeActionFromId(json.value(QStringLiteral("action")).toString());
    d.reason = json.value(QStringLiteral("reason")).toString();
    for (const QJsonValue &v : json.value(QStringLiteral("changes")).toArray())
        d.changes.append(FieldChange::fromJson(v.toObject()));
    return d;
}

QJsonObject Prerequisite::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("blocking"), blocking},
            {QStringLiteral("message"), message},
            {QStringLiteral("remedy"), remedy},
            {QStringLiteral("link"), link}};
}

Prerequisite Prerequisite::fromJson(const QJsonObject &json)
{
    Prerequisite p;
    p.id = json.value(QStringLiteral("id")).toString();
    p.blocking = json.value(QStringLiteral("blocking")).toBool(true);
    p.message = json.value(QStringLiteral("message")).toString();
    p.remedy = json.value(QStringLiteral("remedy")).toString();
    p.link = json.value(QStringLiteral("link")).toString();
    return p;
}

Error Prerequisite::toError() const
{
    Error e(ErrorCode::Unsupported, message, link);
    e.id = id;
    e.remedy = remedy;
    return e;
}

} // namespace bp
