// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "aem/AemSnapshot.h"
#include "tasks/Task.h"

#include <QList>
#include <QPointer>

#include <functional>

namespace bp {

class ConcurrentTask;
class HttpClient;

// One path to read and what reading it means, for progress lines.
struct SnapshotRead
{
    QString path; // with query
    QString label;
};

// Reads paths of one AEM instance concurrently into an AemSnapshot, in rounds: after each round, followUps
// (a pure function of what was read) names more paths, until it names none that were not read yet. Every
// answer is data, failures included, so the task succeeds once everything was asked. It reads through the
// client it is given; give it one that refuses writes.
class SnapshotReader : public Task
{
    Q_OBJECT
public:
    using FollowUps = std::function<QList<SnapshotRead>(const AemSnapshot &)>;

    SnapshotReader(HttpClient *client, QList<SnapshotRead> initial, FollowUps followUps,
                   QObject *parent = nullptr);

    const AemSnapshot &snapshot() const { return m_snapshot; }

protected:
    void run() override;
    bool abort() override;

private:
    void startRound(const QList<SnapshotRead> &reads);
    void onRoundFinished();
    void stopEarly();

    HttpClient *m_client;
    QList<SnapshotRead> m_initial;
    FollowUps m_followUps;
    AemSnapshot m_snapshot;
    QPointer<ConcurrentTask> m_round;
    int m_asked = 0;
    int m_answeredCount = 0;
    int m_rounds = 0;
};

} // namespace bp
