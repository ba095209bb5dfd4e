// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "errors/Result.h"
#include "net/CertificateInfo.h"
#include "net/NetworkSettings.h"
#include "net/PeerKind.h"
#include "secrets/SecretString.h"
#include "tasks/Task.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QSslError>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace bp {

class Clock;
class ClockTimer;

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

// One request, as a Task. A job cancelled before start() sends nothing. The Task fails only when no HTTP
// answer arrived (network, TLS, timeout, too large, refused write); any HTTP status is a success whose
// response() the caller interprets.
class HttpJob : public Task
{
    Q_OBJECT
public:
    ~HttpJob() override;

    const HttpRequest &request() const { return m_request; }
    // The answer once succeeded (an empty response otherwise).
    const HttpResponse &response() const { return m_response; }
    // The response, or the error for a job that did not succeed.
    Result<HttpResponse> result() const;
    // The certificate the server presented when TLS verification failed (null otherwise).
    const CertificateInfo &untrustedCertificate() const { return m_untrusted; }
    // Whether the request went out at all (false for a refused write or a job cancelled before start()).
    bool wasSent() const { return m_sent; }
    // The pinned fingerprint this job accepted a certificate for (TLS errors overridden by an explicit
    // trust), empty when none was needed. A pin is worth saving only after it was used for a successful
    // answer.
    const QString &acceptedPin() const { return m_acceptedPin; }

protected:
    void run() override;
    bool abort() override;

private:
    friend class HttpClient;
    HttpJob(HttpClient *client, HttpRequest request);
    void onReadyRead();
    void onMetaDataChanged();
    void onReplyFinished();
    void onSslErrors(const QList<QSslError> &errors);
    void abortWith(Error reason);
    void detachReply();
    Error transportError(QNetworkReply *reply) const;
    enum class Oversize
    {
        Body,
        Together,
        HeaderBlock,
        Decompressed
    };
    void releaseBuffered();
    Error tooLargeError(Oversize what) const;

    HttpClient *m_client;
    HttpRequest m_request;
    HttpResponse m_response;
    QPointer<QNetworkReply> m_reply;
    std::unique_ptr<ClockTimer> m_deadline;
    qint64 m_startedMs = 0;
    Error m_abortReason; // Qt reports timeouts and size aborts as "cancelled": the real reason is kept here
    CertificateInfo m_untrusted;
    bool m_sent = false;
    bool m_requestSent = false;
    QString m_acceptedPin;
    qint64 m_counted = 0; // body bytes of this job counted in the client's buffered total
};

// The one HTTP layer for AEM and IMS. Each client owns its network manager, so its proxy, extra CAs,
// certificate pins and timeouts are its own and never another client's or the process's. Credentials are
// sent only to the configured origin; redirects are never followed (they are data: a login redirect means
// "not signed in"); bodies and header blocks are capped while they arrive; every write is counted, and can
// be refused, so dry runs and diagnose prove they changed nothing.
class HttpClient : public QObject
{
    Q_OBJECT
public:
    explicit HttpClient(QObject *parent = nullptr);
    explicit HttpClient(Clock &clock, QObject *parent = nullptr);
    ~HttpClient() override;

    // Loads the CA file (capped) and sets this client's proxy. InvalidInput for an unreadable CA file or a
    // bad proxy; the previous settings stay in force then.
    Result<bool> setNetworkSettings(const NetworkSettings &settings);
    const NetworkSettings &networkSettings() const { return m_settings; }
    void setBasicAuth(const QString &user, const SecretString &password);
    void setBearerToken(const SecretString &token);
    void clearCredentials();
    // Credentials are only sent to this origin (scheme, host, port). Without one, none are sent.
    void setOrigin(const QUrl &origin) { m_origin = origin; }
    const QUrl &origin() const { return m_origin; }
    void setWritePolicy(WritePolicy policy) { m_writePolicy = policy; }
    WritePolicy writePolicy() const { return m_writePolicy; }
    void setPeerKind(PeerKind kind) { m_peer = kind; }
    PeerKind peerKind() const { return m_peer; }
    Clock &clock() const { return *m_clock; }

    // Creates an unstarted job parented to this client. Call start() on it.
    HttpJob *createJob(HttpRequest request);
    HttpJob *get(const QUrl &url);

    int requestCount() const { return m_requestCount; }
    // Body bytes the running jobs are holding right now (bounded by NetworkSettings::maxBufferedBytes).
    qint64 bufferedBytes() const { return m_bufferedBytes; }
    int writeCount() const { return m_writeCount; }
    // host:port -> the pinned fingerprint a certificate was accepted for, for every answer this client got
    // only because the user trusted exactly that certificate (TrustedCertificates saves such pins).
    const QHash<QString, QString> &pinsUsed() const { return m_pinsUsed; }
    int refusedWriteCount() const { return m_refusedWrites; }

    static bool isWriteMethod(const QByteArray &method);
    static bool sameOrigin(const QUrl &a, const QUrl &b);
    // Response header blocks above this are "too large" (Qt's own parser refuses far less than a DoS needs).
    static constexpr int kMaxHeaderBytes = 64 * 1024;

private:
    friend class HttpJob;
    // Sends the request, or returns null with *refused set when the write policy forbids it.
    QNetworkReply *dispatch(const HttpRequest &request, Error *refused);

    Clock *m_clock;
    QNetworkAccessManager *m_nam;
    NetworkSettings m_settings;
    QList<QSslCertificate> m_extraCas;
    QUrl m_origin;
    QByteArray m_authHeader; // wiped on change and destruction
    WritePolicy m_writePolicy = WritePolicy::Allow;
    PeerKind m_peer = PeerKind::Aem;
    int m_requestCount = 0;
    int m_writeCount = 0;
    int m_refusedWrites = 0;
    qint64 m_bufferedBytes = 0;
    QHash<QString, QString> m_pinsUsed;
};

// "1 second", "0.5 seconds", "15 seconds": a timeout for messages, without rounding sub-second ones to 0.
QString formatSeconds(int milliseconds);

} // namespace bp
