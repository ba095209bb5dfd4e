// SPDX-License-Identifier: Apache-2.0
#include "apply/RollbackSession.h"

#include "apply/AemRestorer.h"
#include "apply/AemSession.h"
#include "tasks/CompositeTasks.h"
#include "tasks/FunctionTask.h"
#include "time/Clock.h"

#include <QCoreApplication>

namespace bp {

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0 &&
           a.host().compare(b.host(), Qt::CaseInsensitive) == 0 &&
           a.port(a.scheme() == QLatin1String("https") ? 443 : 80) ==
               b.port(b.scheme() == QLatin1String("https") ? 443 : 80);
}

RollbackSession::RollbackSession(AemConnection connection, BackupStore store, QString backupId,
                                 ApplyRecipe recipe, DetectionRecipe detect, Clock *clock, QObject *parent)
    : QObject(parent), m_connection(std::move(connection)), m_store(std::move(store)),
      m_backupId(std::move(backupId)), m_recipe(std::move(recipe)), m_detect(std::move(detect)),
      m_clock(clock ? *clock : Clock::system())
{
}

RollbackSession::~RollbackSession() = default;

const QList<RestoreOutcome> &RollbackSession::outcomes() const
{
    static const QList<RestoreOutcome> none;
    return m_run ? m_run->outcomes() : none;
}

int RollbackSession::writeCount() const
{
    return m_session ? m_session->client().writeCount() : 0;
}

Task *RollbackSession::makeTask()
{
    auto fail = [](const Error &e) { return new FunctionTask([e]() -> Result<bool> { return e; }); };
    Result<Backup> loaded = m_store.load(m_backupId);
    if (!loaded)
        return fail(loaded.error());
    m_backup = loaded.value();
    if (!sameOrigin(QUrl(m_backup.aemUrl), m_connection.baseUrl)) {
        return fail(
            Error(ErrorCode::InvalidInput,
                  QCoreApplication::translate("RollbackSession", "The backup %1 was made on %2, not on %3.")
                      .arg(m_backup.id, m_backup.aemUrl, m_connection.baseUrl.toString()))
                .withId(QStringLiteral("backup-other-instance"))
                .withRemedy(QCoreApplication::translate(
                                "RollbackSession",
                                "Connect to %1 to roll this backup back, or choose the backup "
                                "of this instance (bpsetup backups list).")
                                .arg(m_backup.aemUrl)));
    }
    Result<std::unique_ptr<HttpClient>> client = makeAemClient(m_connection, WritePolicy::Allow, m_clock);
    if (!client)
        return fail(client.error());
    m_session = std::make_unique<AemSession>(std::move(client.value()), m_connection.baseUrl);
    m_session->setCsrfPath(m_recipe.text(QStringLiteral("csrfPath")));
    m_restorer = std::make_unique<AemRestorer>(*m_session, m_clock, m_recipe, m_detect);
    m_restorer->setStore(m_store);
    // Parented here: the run uses this session's restorer and must not outlive it.
    auto *run = new RollbackRun(m_backup, *m_restorer, this);
    connect(run, &RollbackRun::recordChanged, this, &RollbackSession::recordChanged);
    m_run = run;
    return run;
}

} // namespace bp
