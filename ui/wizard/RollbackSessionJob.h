// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "apply/RollbackSession.h"
#include "wizard/RollbackJob.h"

namespace bp::ui {

// The wizard's rollback: the core's RollbackSession for the instance and backups root in SetupState, with
// the built-in recipes (the ones the create session applied with).
class RollbackSessionJob : public RollbackJob
{
public:
    RollbackSessionJob(const SetupState &state, const QString &backupId);

    Task *makeTask() override { return m_session.makeTask(); }
    const QList<RestoreOutcome> &outcomes() const override { return m_session.outcomes(); }

    // The factory SetupWizard uses unless a test sets another.
    static std::unique_ptr<RollbackJob> make(const SetupState &state, const QString &backupId);

private:
    RollbackSession m_session;
};

} // namespace bp::ui
