// SPDX-License-Identifier: Apache-2.0
#include "aem/SnapshotReader.h"

#include "net/HttpClient.h"
#include "tasks/CompositeTasks.h"

namespace bp {

namespace {
// Detection needs two rounds (the IMS configuration files are named by the first); a follow-up function
// that keeps naming new paths must not read forever.
constexpr int kMaxRounds = 4;

QUrl urlFor(const QUrl &base, const QString &pathAndQuery)
{
    QUrl u = base;
    const int qm = pathAndQuery.indexOf(QLatin1Char('?'));
    u.setPath(qm < 0 ? pathAndQuery : pathAndQuery.left(qm));
    if (qm >= 0)
        u.setQuery(pathAndQuery.mid(qm + 1));
    return u;
}
} // namespace

SnapshotReader::SnapshotReader(HttpClient *client, QList<SnapshotRead> initial, FollowUps followUps,
                               QObject *parent)
    : Task(parent), m_client(client), m_initial(std::move(initial)), m_followUps(std::move(followUps))
{
    m_snapshot.baseUrl = client->origin();
}

void SnapshotReader::run()
{
    startRound(m_initial);
}

void SnapshotReader::startRound(const QList<SnapshotRead> &reads)
{
    ++m_rounds;
    auto *round = new ConcurrentTask(ConcurrentTask::Mode::CollectResults, 0, this);
    m_round = round;
    for (const SnapshotRead &read : reads) {
        if (m_snapshot.answers.contains(read.path))
            continue;
        m_snapshot.answers.insert(read.path, SnapshotAnswer{}); // reserved: asked once only
        HttpJob *job = m_client->get(urlFor(m_snapshot.baseUrl, read.path));
        job->setLabel(read.label);
        const QString path = read.path;
        connect(job, &Task::finished, this, [this, job, path] {
            SnapshotAnswer answer;
            if (job->succeeded()) {
                answer.response = job->response();
                if (!job->acceptedPin().isEmpty())
                    m_snapshot.pinsUsed.insert(hostPortKey(job->request().url), job->acceptedPin());
            } else
                answer.error = job->error();
            if (!job->untrustedCertificate().isNull())
                m_snapshot.untrustedCertificate = job->untrustedCertificate();
            const bool overCap = answer.error.code == ErrorCode::TooLarge;
            m_snapshot.answers.insert(path, answer);
            ++m_answeredCount;
            setProgress(m_answeredCount, m_asked, job->label());
            // One answer over the cap decides the result (it is reported whatever the other reads say): stop
            // the other reads instead of letting each of them download up to the cap as well.
            if (overCap && isRunning()) {
                m_snapshot.requestCount = m_client->requestCount();
                abort();
                succeed();
            }
        });
        round->addTask(job);
        ++m_asked;
    }
    connect(round, &Task::finished, this, &SnapshotReader::onRoundFinished);
    round->start();
}

void SnapshotReader::onRoundFinished()
{
    if (!isRunning())
        return;
    ConcurrentTask *done = m_round;
    m_round = nullptr;
    if (done)
        done->deleteLater();
    m_snapshot.requestCount = m_client->requestCount();
    if (m_followUps && m_rounds < kMaxRounds) {
        QList<SnapshotRead> more;
        for (const SnapshotRead &read : m_followUps(m_snapshot)) {
            if (!m_snapshot.answers.contains(read.path))
                more << read;
        }
        if (!more.isEmpty()) {
            startRound(more);
            return;
        }
    }
    succeed();
}

bool SnapshotReader::abort()
{
    if (ConcurrentTask *round = m_round) {
        m_round = nullptr;
        round->disconnect(this);
        round->cancel();
    }
    return false;
}

} // namespace bp
