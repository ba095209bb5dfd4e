// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "aem/AemInstance.h"
#include "aem/DetectionRecipe.h"
#include "errors/Result.h"
#include "net/CertificateInfo.h"
#include "net/NetworkSettings.h"
#include "secrets/SecretString.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;

namespace bp {

class HttpClient;
class HttpJob;

// Everything needed to talk to one AEM author.
struct AemConnection
{
    QUrl baseUrl;
    QString user;
    SecretString password;
    SecretString bearerToken; // Cloud Service: a developer/local token instead of a password
    NetworkSettings network;
};

// Reads the instance model (version from several independent sources, Brand Portal configuration state)
// with independent requests in parallel. Read-only: its client refuses every write.
class InstanceDetector : public QObject
{
    Q_OBJECT
public:
    explicit InstanceDetector(QNetworkAccessManager *nam, QObject *parent = nullptr);
    ~InstanceDetector() override;

    void setRecipe(const DetectionRecipe &recipe);
    // Used when the version cannot be read and the user chose it by hand.
    void setManualVersion(const AemVersion &version);

    void start(const AemConnection &connection);
    void cancel();
    bool isRunning() const;

    const Result<AemInstance> &result() const;
    // Set when the run failed because the server's certificate is not trusted.
    const CertificateInfo &untrustedCertificate() const;
    int requestCount() const;
    int refusedWriteCount() const;

signals:
    void progress(const QString &message, int done, int total);
    void finished();

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace bp
