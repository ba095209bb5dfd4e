// SPDX-License-Identifier: Apache-2.0
#include "wizard/RollbackSessionJob.h"

#include "setup/SetupState.h"

namespace bp::ui {

RollbackSessionJob::RollbackSessionJob(const SetupState &state, const QString &backupId)
    : m_session(state.connection, BackupStore(state.backupsRoot), backupId, ApplyRecipe::builtIn(),
                DetectionRecipe::builtIn(), state.clock)
{
}

std::unique_ptr<RollbackJob> RollbackSessionJob::make(const SetupState &state, const QString &backupId)
{
    return std::make_unique<RollbackSessionJob>(state, backupId);
}

} // namespace bp::ui
