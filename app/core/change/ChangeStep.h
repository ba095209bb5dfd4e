// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "change/Backup.h"
#include "change/ChangeTypes.h"

#include <QByteArray>

namespace bp {

class Task;

// One object a plan changes. A step reads the object's current state (for the diff, the backup and
// idempotence), describes itself from what it read, applies, verifies by reading back, and says how its
// backup is restored. Every method that talks to AEM returns an unstarted Task (owned by the caller); pure
// methods use only what the last read found.
class ChangeStep
{
public:
    virtual ~ChangeStep() = default;

    virtual QString id() const = 0;

    // Reads the current state. Never writes.
    virtual Task *makeRead() = 0;

    // From the last read (pure).
    virtual StepDescription describe() const = 0;
    // What the backup keeps of the object, from the last read. A record never holds a plaintext secret:
    // such values are replaced by a secretRef (the value goes to the keychain) or kept in AEM's protected
    // form as read.
    virtual BackupRecord backupRecord() const = 0;
    // A digest of what the last read found, for the stale-plan check.
    virtual QByteArray fingerprint() const = 0;

    // Makes the change (null: nothing to do). record is this step's record in the saved backup; the step
    // fills in what rollback needs that is known only once written (a new PID, agents AEM created).
    virtual Task *makeApply(BackupRecord *record) = 0;
    // Reads back and fails with a clear error when the object is not as planned (null: nothing to verify).
    virtual Task *makeVerify() = 0;

    bool isChange() const { return describe().action != ChangeAction::Unchanged; }
};

} // namespace bp
