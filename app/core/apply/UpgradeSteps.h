// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "aem/AemInstance.h"
#include "apply/CreateSteps.h"
#include "change/ChangeTypes.h"

#include <memory>
#include <QCoreApplication>
#include <QDateTime>

namespace bp {

// One pending item of a replication agent's queue (jcr:content.queue.json).
struct QueueItem
{
    QString agent;
    QString id;
    QString path;
    QDateTime time; // invalid when the queue did not say
};

// The Brand Portal agents whose queues must be idle before the old agents are deleted (domain notes 3.1
// step 1: queued assets would be lost). Reads every agent's queue; with a wait (--wait-for-idle) it polls
// until all are empty or the time is up. Changes nothing: it is part of the plan so that apply re-checks it
// right before the first write (ApplyRun re-reads every step), and refuses when a queue filled meanwhile.
class QueuesIdleStep : public ChangeStep
{
    Q_DECLARE_TR_FUNCTIONS(QueuesIdleStep)
public:
    QueuesIdleStep(std::shared_ptr<CreateContext> context, QList<ReplicationAgentInfo> agents,
                   int waitSeconds);
    QString id() const override { return QStringLiteral("agent-queues-idle"); }
    Task *makeRead() override;
    StepDescription describe() const override;
    BackupRecord backupRecord() const override;
    QByteArray fingerprint() const override;
    Task *makeApply(BackupRecord *) override { return nullptr; }
    Task *makeVerify() override { return nullptr; }

    // Apply runs refuse in the read when an item is pending (the plan shows it as a prerequisite instead).
    void setRefuseWhenBusy(bool refuse) { m_refuseWhenBusy = refuse; }
    const QList<QueueItem> &pending() const { return m_pending; }
    // queue-busy (blocking) when an item is pending after the last read; empty list otherwise.
    QList<Prerequisite> prerequisites() const;
    // The refusal: count, oldest, paths, and what to do.
    Error busyError() const;
    static QList<QueueItem> parseQueue(const QString &agent, const QByteArray &json);

private:
    Task *readOnce(std::shared_ptr<QList<QueueItem>> into, std::shared_ptr<Error> hardError);
    QString busyMessage() const;

    std::shared_ptr<CreateContext> m_ctx;
    QList<ReplicationAgentInfo> m_agents;
    int m_waitSeconds = 0;
    bool m_refuseWhenBusy = false;
    QList<QueueItem> m_pending;
};

// Deletes one object of an old configuration (domain notes 3.1 step 2, broken configurations: Adobe's
// advice is delete and recreate): a replication agent (HTTP DELETE), a legacy or modern cloud configuration
// (Sling POST :operation=delete) or the Legacy OAuth Gateway replication user (deleteAuthorizable). The
// plan shows what is deleted and why; the backup is the plan's content package (a "deleted" record is
// restored by reinstalling it: the user and its keystore come back exactly).
class DeleteNodeStep : public ChangeStep
{
    Q_DECLARE_TR_FUNCTIONS(DeleteNodeStep)
public:
    enum class Kind
    {
        ReplicationAgent,
        CloudConfig,
        ReplicationUser
    };
    DeleteNodeStep(std::shared_ptr<CreateContext> context, Kind kind, QString path, QString reason);
    QString id() const override;
    Task *makeRead() override;
    StepDescription describe() const override;
    BackupRecord backupRecord() const override;
    QByteArray fingerprint() const override;
    Task *makeApply(BackupRecord *record) override;
    Task *makeVerify() override;

    const QString &path() const { return m_path; }

private:
    QString title() const;
    std::shared_ptr<CreateContext> m_ctx;
    Kind m_kind;
    QString m_path;
    QString m_reason;
    bool m_exists = false;
    QByteArray m_body;
    QJsonObject m_node;
};

// Removes the key alias a JWT-mode IMS configuration used from the keystore of the service user that holds
// the Brand Portal key (domain notes 3.2, 4.3: OAuth Server-to-Server needs no key pair, so the alias left
// over from JWT is harmless but can go). It is offered, not imposed: without the user's consent
// (--remove-jwt-key-alias, the Review page's check box) the step only reads and reports the leftover as a
// non-blocking prerequisite. The user is found by authorizable id (its home path is not documented), the
// keystore read and changed through its .ks.json / .ks.html endpoints (recipe: the field names are seen in
// public code, the exact operation is not known). The keystore node is part of the plan's content package,
// so rollback brings the alias back exactly.
class RemoveKeyAliasStep : public ChangeStep
{
    Q_DECLARE_TR_FUNCTIONS(RemoveKeyAliasStep)
public:
    RemoveKeyAliasStep(std::shared_ptr<CreateContext> context, QString alias, bool remove);
    QString id() const override { return QStringLiteral("remove-jwt-key-alias"); }
    Task *makeRead() override;
    StepDescription describe() const override;
    BackupRecord backupRecord() const override;
    QByteArray fingerprint() const override;
    Task *makeApply(BackupRecord *record) override;
    Task *makeVerify() override;

    bool removes() const { return m_remove; }
    // The alias is in the keystore after the last read.
    bool present() const { return m_present; }
    const QString &userPath() const { return m_userPath; }
    // Offer mode: the leftover alias (or why it could not be checked), never blocking.
    QList<Prerequisite> prerequisites() const;
    // The aliases a .ks.json answer lists (objects with "alias", or plain strings).
    static QStringList parseAliases(const QByteArray &json, bool *ok);

private:
    Task *findUser();
    Task *readKeystore();

    std::shared_ptr<CreateContext> m_ctx;
    QString m_alias;
    bool m_remove = false;
    QString m_userId;
    QString m_userPath;
    QStringList m_aliases;
    QByteArray m_keystoreBody;
    bool m_present = false;
    Error m_readError; // offer mode: what stopped the check (ErrorCode::None when it ran)
};

} // namespace bp
