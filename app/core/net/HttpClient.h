// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "errors/Result.h"
#include "net/CertificateInfo.h"
#include "net/NetworkSettings.h"
#include "secrets/SecretString.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QSslError>
#include <QTimer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace bp {

struct HttpRequest
{
    QByteArray method = "GET";
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool authenticate = true; // send the client's credentials (only ever to the configured origin)
};

struct HttpResponse
{
    int status = 0;
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    qint64 elapsedMs = 0;

    QByteArray header(const QByteArray &name) const; // case-insensitive
    QString contentType() const;                     // lower-case media type without parameters
    bool isRedirect() const { return status >= 300 && status < 400; }
    QUrl redirectTarget() const; // resolved against url
};

enum class WritePolicy
{
    Allow,
    Refuse
};

class HttpClient;

// One request. start() never blocks; cancel() is idempotent; finished() is emitted exactly once.
class HttpJob : public QObject
{
    Q_OBJECT
public:
    ~HttpJob() override;
    void start();
    void cancel();
    bool isFinished() const { return m_finished; }
    const HttpRequest &request() const { return m_request; }
    const Result<HttpResponse> &result() const { return m_result; }
    // The certificate the server presented when TLS verification failed (null otherwise).
    const CertificateInfo &untrustedCertificate() const { return m_untrusted; }

signals:
    void finished();

private:
    friend class HttpClient;
    HttpJob(HttpClient *client, HttpRequest request);
    void onReplyFinished();
    void onSslErrors(const QList<QSslError> &errors);
    void onDownloadProgress(qint64 received, qint64 total);
    void fail(Error error);
    void finish(Result<HttpResponse> result);
    void abortWith(Error reason);

    HttpClient *m_client;
    HttpRequest m_request;
    QPointer<QNetworkReply> m_reply;
    QTimer m_deadline;
    QElapsedTimer m_elapsed;
    Result<HttpResponse> m_result{Error{ErrorCode::Internal, QString(), QStringLiteral("not finished")}};
    Error m_abortReason; // Qt reports timeouts and size aborts as "cancelled"; keep the real reason here
    CertificateInfo m_untrusted;
    bool m_started = false;
    bool m_finished = false;
};

// The one HTTP layer for AEM and IMS: timeouts, body cap, TLS pins and extra CAs, proxy, credentials that
// never leave the configured origin, no automatic redirects, and counting (or refusing) of writes so that
// dry runs and diagnose can prove they changed nothing.
class HttpClient : public QObject
{
    Q_OBJECT
public:
    explicit HttpClient(QNetworkAccessManager *nam, QObject *parent = nullptr);

    // Loads the CA file and sets the proxy. Fails with InvalidInput for an unreadable CA file or bad proxy.
    Result<bool> setNetworkSettings(const NetworkSettings &settings);
    const NetworkSettings &networkSettings() const { return m_settings; }
    void setBasicAuth(const QString &user, const SecretString &password);
    void setBearerToken(const SecretString &token);
    void clearCredentials();
    // Credentials are only sent to this origin (scheme, host, port).
    void setOrigin(const QUrl &origin) { m_origin = origin; }
    void setWritePolicy(WritePolicy policy) { m_writePolicy = policy; }

    // Creates a job owned by the caller (parented to this client). Call start() on it.
    HttpJob *createJob(HttpRequest request);
    HttpJob *get(const QUrl &url);

    int requestCount() const { return m_requestCount; }
    int writeCount() const { return m_writeCount; }
    int refusedWriteCount() const { return m_refusedWrites; }

    static bool isWriteMethod(const QByteArray &method);

private:
    friend class HttpJob;
    QNetworkReply *dispatch(HttpJob *job, Error *refused);

    QNetworkAccessManager *m_nam;
    NetworkSettings m_settings;
    QList<QSslCertificate> m_extraCas;
    QUrl m_origin;
    QByteArray m_authHeader; // cleared on destruction
    WritePolicy m_writePolicy = WritePolicy::Allow;
    int m_requestCount = 0;
    int m_writeCount = 0;
    int m_refusedWrites = 0;

public:
    ~HttpClient() override;
};

} // namespace bp
