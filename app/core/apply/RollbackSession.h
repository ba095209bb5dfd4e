// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "aem/AemConnection.h"
#include "aem/DetectionRecipe.h"
#include "apply/ApplyRecipe.h"
#include "change/ApplyRun.h"
#include "change/Backup.h"

#include <memory>
#include <QObject>

namespace bp {

class AemRestorer;
class AemSession;
class Clock;

// Rolls one saved backup back onto the instance it came from, shared by the CLI and the wizard: loads the
// backup, refuses another instance's backup (InvalidInput "backup-other-instance"), then restores the
// records whose apply started, newest first (RollbackRun). Safe to repeat.
class RollbackSession : public QObject
{
    Q_OBJECT
public:
    RollbackSession(AemConnection connection, BackupStore store, QString backupId,
                    ApplyRecipe recipe = ApplyRecipe::builtIn(),
                    DetectionRecipe detect = DetectionRecipe::builtIn(), Clock *clock = nullptr,
                    QObject *parent = nullptr);
    ~RollbackSession() override;

    // The task is parented to this session (the caller may delete it earlier). Fails with the backup's load
    // error, the instance mismatch, or RollbackFailed "rollback-incomplete".
    Task *makeTask();

    const Backup &backup() const { return m_backup; }
    const QList<RestoreOutcome> &outcomes() const;
    int writeCount() const;

signals:
    void recordChanged(int index);

private:
    AemConnection m_connection;
    BackupStore m_store;
    QString m_backupId;
    ApplyRecipe m_recipe;
    DetectionRecipe m_detect;
    Clock &m_clock;
    Backup m_backup;
    std::unique_ptr<AemSession> m_session;
    std::unique_ptr<AemRestorer> m_restorer;
    QPointer<RollbackRun> m_run;
};

// Whether two addresses name the same origin (scheme, host, port), for matching a backup to an instance.
bool sameOrigin(const QUrl &a, const QUrl &b);

} // namespace bp
