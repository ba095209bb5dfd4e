// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "errors/Error.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace bp {

// What a step does to its object.
enum class ChangeAction
{
    Create,
    Update,
    Delete,
    Unchanged
};

QString changeActionId(ChangeAction action); // "create", "update", "delete", "unchanged"
ChangeAction changeActionFromId(const QString &id, bool *ok = nullptr);
QString changeActionDisplayName(ChangeAction action); // translated

// One field of an object, before and after. Secret values are never held here: they are shown as "***".
struct FieldChange
{
    QString name;
    QString before; // empty with hadBefore false: the field does not exist yet
    QString after;  // empty with hasAfter false: the field is removed
    bool hadBefore = false;
    bool hasAfter = true;
    bool secret = false;

    static QString masked() { return QStringLiteral("***"); }
    QJsonObject toJson() const;
    static FieldChange fromJson(const QJsonObject &json);
};

// How a step describes itself in a plan: the object (a path or PID), the action and the field-level diff.
struct StepDescription
{
    QString id;    // stable: "ims-provider", "ims-customizer", "cloud-config", "delete-ims-config-<pid>", ...
    QString title; // translated, for people
    QString target; // path or PID ("(new) com.adobe.granite...provider" before it exists)
    ChangeAction action = ChangeAction::Unchanged;
    QList<FieldChange> changes;
    QString reason; // translated: why the step is there (e.g. why an object is deleted)

    QJsonObject toJson() const;
    static StepDescription fromJson(const QJsonObject &json);
};

// Something that must hold (or be done) before a plan can run. Blocking ones stop apply with exit 4.
struct Prerequisite
{
    QString id; // "version-too-old", "hotfix-required", "jwt-credential", "publish-instance", ...
    bool blocking = true;
    QString message; // translated: what is wrong
    QString remedy;  // translated: what to do
    QString link;    // a documentation or download address, when there is one

    QJsonObject toJson() const;
    static Prerequisite fromJson(const QJsonObject &json);
    // The Unsupported error a blocking prerequisite refuses with (id = prerequisite id).
    Error toError() const;
};

} // namespace bp
