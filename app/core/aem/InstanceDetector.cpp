// SPDX-License-Identifier: Apache-2.0
#include "aem/InstanceDetector.h"

#include "aem/InstanceClassifier.h"
#include "aem/SnapshotReader.h"
#include "net/HttpClient.h"
#include "time/Clock.h"

namespace bp {

InstanceDetector::InstanceDetector(AemConnection connection, QObject *parent)
    : InstanceDetector(std::move(connection), Clock::system(), parent)
{
}

InstanceDetector::InstanceDetector(AemConnection connection, Clock &clock, QObject *parent)
    : Task(parent), m_connection(std::move(connection)), m_clock(&clock), m_recipe(DetectionRecipe::builtIn())
{
}

InstanceDetector::~InstanceDetector()
{
    // The reader's jobs belong to the client: stop them before the client goes.
    if (m_reader) {
        m_reader->disconnect(this);
        m_reader->cancel();
        delete m_reader.data();
    }
}

const AemSnapshot &InstanceDetector::snapshot() const
{
    return m_reader ? m_reader->snapshot() : m_snapshot;
}

const CertificateInfo &InstanceDetector::untrustedCertificate() const
{
    return snapshot().untrustedCertificate;
}

int InstanceDetector::requestCount() const
{
    return m_client ? m_client->requestCount() : 0;
}

int InstanceDetector::refusedWriteCount() const
{
    return m_client ? m_client->refusedWriteCount() : 0;
}

void InstanceDetector::run()
{
    auto client = makeAemClient(m_connection, WritePolicy::Refuse, *m_clock);
    if (!client) {
        m_result = client.error();
        fail(client.error());
        return;
    }
    m_client = std::move(client.value());
    const DetectionRecipe recipe = m_recipe;
    auto *reader = new SnapshotReader(
        m_client.get(), DetectionReads::initial(recipe),
        [recipe](const AemSnapshot &snapshot) { return DetectionReads::followUps(recipe, snapshot); }, this);
    m_reader = reader;
    connect(reader, &Task::progressChanged, this,
            [this](qint64 done, qint64 total, const QString &label) { setProgress(done, total, label); });
    connect(reader, &Task::finished, this, &InstanceDetector::onReadFinished);
    reader->start();
}

void InstanceDetector::onReadFinished()
{
    if (!isRunning() || !m_reader)
        return;
    m_snapshot = m_reader->snapshot();
    m_result = InstanceClassifier::classifyInstance(m_snapshot, m_recipe, m_manualVersion);
    if (m_result.ok())
        succeed();
    else
        fail(m_result.error());
}

bool InstanceDetector::abort()
{
    if (m_reader) {
        m_reader->disconnect(this);
        m_reader->cancel();
        m_snapshot = m_reader->snapshot();
    }
    m_result = cancelledError();
    return false;
}

} // namespace bp
