// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "aem/AemConnection.h"
#include "aem/AemInstance.h"
#include "aem/AemSnapshot.h"
#include "aem/DetectionRecipe.h"
#include "errors/Result.h"
#include "tasks/Task.h"

#include <QPointer>

#include <memory>

namespace bp {

class Clock;
class HttpClient;
class SnapshotReader;

// Reads the instance model of one AEM author: a SnapshotReader with a client that refuses every write (so
// detection is read-only by construction), then the pure InstanceClassifier. A Task: fails with the reason
// AEM could not be read (login page, not AEM, TLS, network), succeeds with the instance otherwise.
class InstanceDetector : public Task
{
    Q_OBJECT
public:
    explicit InstanceDetector(AemConnection connection, QObject *parent = nullptr);
    InstanceDetector(AemConnection connection, Clock &clock, QObject *parent = nullptr);
    ~InstanceDetector() override;

    // Before start().
    void setRecipe(const DetectionRecipe &recipe) { m_recipe = recipe; }
    // Used when the version cannot be read and the user chose it by hand.
    void setManualVersion(const AemVersion &version) { m_manualVersion = version; }

    const AemConnection &connection() const { return m_connection; }
    const Result<AemInstance> &result() const { return m_result; }
    const AemSnapshot &snapshot() const;
    // Set when the run failed because the server's certificate is not trusted.
    const CertificateInfo &untrustedCertificate() const;
    int requestCount() const;
    int refusedWriteCount() const;

protected:
    void run() override;
    bool abort() override;

private:
    void onReadFinished();

    AemConnection m_connection;
    Clock *m_clock;
    DetectionRecipe m_recipe;
    AemVersion m_manualVersion;
    std::unique_ptr<HttpClient> m_client;
    QPointer<SnapshotReader> m_reader;
    AemSnapshot m_snapshot;
    Result<AemInstance> m_result{Error(ErrorCode::Internal, QString(), QStringLiteral("not run"))};
};

} // namespace bp
