// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "change/ChangeTypes.h"
#include "errors/Result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace bp {

class ChangeStep;

// What apply will do, before it does it: the prerequisites, the steps with their diffs, and a fingerprint
// of the state the steps read, so that a plan saved earlier is refused once the instance changed (stale
// plan, as Terraform does).
struct Plan
{
    Q_DECLARE_TR_FUNCTIONS(Plan)
public:
    QString aemUrl;
    QString aemVersion;
    QString route; // "create-configuration"
    QDateTime createdUtc;
    QList<Prerequisite> prerequisites;
    QList<StepDescription> steps;
    QStringList notes; // translated remarks that block nothing (what /system/console routes need, ...)
    QString fingerprint;
    QString backupRoot; // where the backup will be written

    bool blocking() const;
    QList<Prerequisite> blockingPrerequisites() const;
    // No step changes anything: "nothing to do".
    bool isEmpty() const;
    int changeCount() const;

    QJsonObject toJson() const;
    static Result<Plan> fromJson(const QJsonObject &json);
    // Plain words for people: prerequisites, then each step with its diff (secrets as ***).
    QString toText() const;
};

// The fingerprint of what the steps read (hex SHA-256 over their fingerprints, in order).
QString planFingerprint(const QList<ChangeStep *> &steps);

} // namespace bp
