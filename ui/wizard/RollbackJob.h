// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "change/ApplyRun.h"

#include <QList>
#include <QString>

#include <functional>
#include <memory>

namespace bp {
class SetupState;
class Task;
} // namespace bp

namespace bp::ui {

// One rollback of one backup, as the Apply page uses it: the shape of the core's RollbackSession
// (makeTask(), outcomes()), behind an interface so that the page does not depend on how it is made. The
// wizard's RollbackFactory builds one from SetupState (connection, backups root, recipes); tests inject
// their own.
class RollbackJob
{
public:
    virtual ~RollbackJob() = default;
    // The restore as a task (owned by the caller); called once.
    virtual Task *makeTask() = 0;
    // What was restored, once the task finished.
    virtual const QList<RestoreOutcome> &outcomes() const = 0;
};

// Makes the rollback of backupId for the instance in state, or null when rollback is not available.
using RollbackFactory =
    std::function<std::unique_ptr<RollbackJob>(const SetupState &state, const QString &backupId)>;

} // namespace bp::ui
