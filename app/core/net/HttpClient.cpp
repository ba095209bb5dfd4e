// SPDX-License-Identifier: Apache-2.0
#include "net/HttpClient.h"

#include <QCoreApplication>
#include <QFile>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>

Q_LOGGING_CATEGORY(lcNet, "bpsetup.net", QtWarningMsg)

namespace bp {

namespace {
bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme() == b.scheme() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0 &&
           a.port(a.scheme() == QLatin1String("http") ? 80 : 443) ==
               b.port(b.scheme() == QLatin1String("http") ? 80 : 443);
}

// Logs show the path only: queries may carry form data.
QString redactedUrl(const QUrl &url)
{
    return url.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
}
} // namespace

QByteArray HttpResponse::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return QByteArray();
}

QString HttpResponse::contentType() const
{
    const QByteArray raw = header("Content-Type");
    const int semi = raw.indexOf(';');
    return QString::fromLatin1(semi < 0 ? raw : raw.left(semi)).trimmed().toLower();
}

QUrl HttpResponse::redirectTarget() const
{
    const QByteArray location = header("Location");
    if (location.isEmpty())
        return QUrl();
    return url.resolved(QUrl::fromEncoded(location));
}

// ---------------------------------------------------------------------------------------------------------

HttpJob::HttpJob(HttpClient *client, HttpRequest request)
    : QObject(client), m_client(client), m_request(std::move(request))
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        abortWith(
            Error{ErrorCode::Timeout,
                  tr("%1 did not answer within %2 seconds. Check that the address and port are right and "
                     "that no firewall or proxy holds the connection.")
                      .arg(m_request.url.host())
                      .arg(m_client->networkSettings().timeoutMs / 1000.0),
                  QStringLiteral("deadline %1 ms for %2 %3")
                      .arg(m_client->networkSettings().timeoutMs)
                      .arg(QString::fromLatin1(m_request.method), redactedUrl(m_request.url)),
                  0, true});
    });
}

HttpJob::~HttpJob()
{
    if (QNetworkReply *reply = m_reply.data()) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void HttpJob::start()
{
    if (m_started)
        return;
    m_started = true;
    m_elapsed.start();
    Error refused;
    QNetworkReply *reply = m_client->dispatch(this, &refused);
    if (!reply) {
        // Report asynchronously so finished() never fires inside start().
        QMetaObject::invokeMethod(
            this, [this, refused] { fail(refused); }, Qt::QueuedConnection);
        return;
    }
    m_reply = reply;
    connect(reply, &QNetworkReply::finished, this, &HttpJob::onReplyFinished);
    connect(reply, &QNetworkReply::sslErrors, this, &HttpJob::onSslErrors);
    connect(reply, &QNetworkReply::downloadProgress, this, &HttpJob::onDownloadProgress);
    connect(reply, &QNetworkReply::metaDataChanged, this, [this] {
        const qint64 announced = m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
        if (announced > m_client->networkSettings().maxBodyBytes)
            onDownloadProgress(announced, announced);
    });
    m_deadline.start(m_client->networkSettings().timeoutMs);
}

void HttpJob::cancel()
{
    if (m_finished)
        return;
    abortWith(Error{ErrorCode::Cancelled, tr("Cancelled."), QString()});
}

void HttpJob::abortWith(Error reason)
{
    if (m_finished)
        return;
    if (m_abortReason.code == ErrorCode::None)
        m_abortReason = std::move(reason);
    QNetworkReply *reply = m_reply.data();
    if (reply && reply->isRunning()) {
        reply->abort(); // finished() follows and reports m_abortReason
        return;
    }
    if (!reply)
        fail(m_abortReason);
}

void HttpJob::onDownloadProgress(qint64 received, qint64)
{
    const qint64 cap = m_client->networkSettings().maxBodyBytes;
    if (received > cap)
        abortWith(
            Error{ErrorCode::TooLarge,
                  tr("%1 sent a response larger than %2 MiB for %3; that is not what AEM sends here. Check "
                     "that the address points at an AEM author instance.")
                      .arg(m_request.url.host())
                      .arg(cap / (1024 * 1024))
                      .arg(m_request.url.path()),
                  QStringLiteral("body above %1 bytes").arg(cap)});
}

void HttpJob::onSslErrors(const QList<QSslError> &errors)
{
    if (!m_reply)
        return;
    const QList<QSslCertificate> chain = m_reply->sslConfiguration().peerCertificateChain();
    const QSslCertificate leaf = chain.isEmpty() ? QSslCertificate() : chain.first();
    const QString key = hostPortKey(m_request.url);
    const QString pinned = m_client->networkSettings().pinnedSha256.value(key);
    if (!leaf.isNull() && !pinned.isEmpty() && CertificateInfo::fingerprintSha256(leaf) == pinned.toLower()) {
        // The user explicitly trusted exactly this certificate for this host: accept only these errors.
        QList<QSslError> expected;
        for (const QSslError &e : errors) {
            if (e.certificate().isNull() || e.certificate() == leaf)
                expected << e;
        }
        if (expected.size() == errors.size()) {
            m_reply->ignoreSslErrors(expected);
            return;
        }
    }
    m_untrusted = CertificateInfo::from(leaf, errors, key);
    if (!pinned.isEmpty() && !leaf.isNull())
        m_untrusted.problems.prepend(
            tr("The server's certificate is not the one trusted earlier for %1 (trusted SHA-256 %2). It may "
               "have been renewed, or someone may be intercepting the connection: check with your "
               "administrator before trusting the new one.")
                .arg(key, CertificateInfo::displayFingerprint(pinned.toLower())));
}

void HttpJob::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply || m_finished)
        return;
    m_deadline.stop();
    reply->deleteLater();
    m_reply = nullptr;

    if (m_abortReason.code != ErrorCode::None) {
        fail(m_abortReason);
        return;
    }
    const QVariant statusAttr = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (statusAttr.isValid() && statusAttr.toInt() > 0) {
        HttpResponse response;
        response.status = statusAttr.toInt();
        response.url = m_request.url;
        for (const auto &pair : reply->rawHeaderPairs())
            response.headers.append(pair);
        response.body = reply->readAll();
        response.elapsedMs = m_elapsed.elapsed();
        if (response.body.size() > m_client->networkSettings().maxBodyBytes) {
            onDownloadProgress(response.body.size(), response.body.size());
            fail(m_abortReason);
            return;
        }
        qCDebug(lcNet) << m_request.method << redactedUrl(m_request.url) << response.status
                       << response.elapsedMs << "ms";
        finish(std::move(response));
        return;
    }

    const QString host = hostPortKey(m_request.url);
    const bool plainHttp = m_request.url.scheme() == QLatin1String("http");
    Error e{ErrorCode::Network, QString(), reply->errorString()};
    e.retryable = true;
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        if (!m_client->networkSettings().proxyUrl.isEmpty() &&
            m_client->networkSettings().proxyUrl.compare(QLatin1String("none"), Qt::CaseInsensitive) != 0) {
            // Qt reports a refused proxy connection like a refused server connection; the proxy is the
            // likelier cause.
            e.userMessage =
                tr("The connection to %1 through the proxy %2 was refused. Check the proxy address, or "
                   "clear it to use the system proxy.")
                    .arg(host, QUrl(m_client->networkSettings().proxyUrl).toString(QUrl::RemoveUserInfo));
            break;
        }
        e.userMessage =
            tr("Nothing accepted the connection at %1. Check that AEM is running and that the port is "
               "right (an AEM author usually listens on 4502 or, behind a load balancer, 443).")
                .arg(host);
        break;
    case QNetworkReply::HostNotFoundError:
        e.userMessage = tr("The host name %1 could not be found. Check the spelling and your DNS or VPN.")
                            .arg(m_request.url.host());
        break;
    case QNetworkReply::RemoteHostClosedError:
        e.userMessage = plainHttp
                            ? tr("%1 closed the connection without answering. If the server uses HTTPS, "
                                 "change the address to https://.")
                                  .arg(host)
                            : tr("%1 closed the connection without answering.").arg(host);
        break;
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::InsecureRedirectError:
        e.code = ErrorCode::Tls;
        e.retryable = false;
        if (!m_untrusted.isNull())
            e.userMessage =
                tr("The certificate of %1 is not trusted (%2). Trust it only if its SHA-256 "
                   "fingerprint matches what your administrator gave you, or add the issuing CA with "
                   "the CA file option.")
                    .arg(host, m_untrusted.problems.join(QLatin1String("; ")));
        else
            e.userMessage =
                tr("The secure connection to %1 failed (%2). If this port serves plain HTTP, change the "
                   "address to http://.")
                    .arg(host, reply->errorString());
        break;
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
        e.userMessage =
            tr("The proxy could not be used (%1). Check the proxy address, or clear it to use the "
               "system proxy.")
                .arg(reply->errorString());
        break;
    case QNetworkReply::ProxyAuthenticationRequiredError:
        e.code = ErrorCode::Auth;
        e.retryable = false;
        e.userMessage =
            tr("The proxy asks for a login (HTTP 407). Put the proxy user and password in the proxy "
               "address (http://user:password@proxy:port).");
        break;
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        e.code = ErrorCode::Timeout;
        e.userMessage = tr("%1 stopped sending data. Check the network and try again.").arg(host);
        break;
    default:
        e.userMessage = plainHttp && reply->error() == QNetworkReply::UnknownNetworkError
                            ? tr("Talking to %1 failed (%2). If the server uses HTTPS, use https://.")
                                  .arg(host, reply->errorString())
                            : tr("Talking to %1 failed: %2.").arg(host, reply->errorString());
        break;
    }
    fail(e);
}

void HttpJob::fail(Error error)
{
    finish(std::move(error));
}

void HttpJob::finish(Result<HttpResponse> result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_deadline.stop();
    m_result = std::move(result);
    emit finished();
}

// ---------------------------------------------------------------------------------------------------------

HttpClient::HttpClient(QNetworkAccessManager *nam, QObject *parent) : QObject(parent), m_nam(nam) {}

HttpClient::~HttpClient()
{
    m_authHeader.fill('\0');
}

Result<bool> HttpClient::setNetworkSettings(const NetworkSettings &settings)
{
    QList<QSslCertificate> cas;
    if (!settings.caFile.isEmpty()) {
        QFile file(settings.caFile);
        if (!file.open(QIODevice::ReadOnly))
            return Error{ErrorCode::InvalidInput,
                         tr("Cannot read the CA file %1: %2").arg(settings.caFile, file.errorString())};
        const QByteArray data = file.readAll();
        cas = QSslCertificate::fromData(data, QSsl::Pem);
        if (cas.isEmpty())
            cas = QSslCertificate::fromData(data, QSsl::Der);
        if (cas.isEmpty())
            return Error{
                ErrorCode::InvalidInput,
                tr("The CA file %1 contains no certificate (PEM or DER expected).").arg(settings.caFile)};
    }
    QNetworkProxy proxy(QNetworkProxy::DefaultProxy);
    if (settings.proxyUrl.isEmpty()) {
        // The system proxy (environment variables, or the desktop's settings through libproxy).
        QNetworkProxyFactory::setUseSystemConfiguration(true);
    } else if (settings.proxyUrl.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0) {
        proxy = QNetworkProxy(QNetworkProxy::NoProxy);
    } else if (!settings.proxyUrl.isEmpty()) {
        auto url = parseProxyUrl(settings.proxyUrl);
        if (!url)
            return url.error();
        const QUrl &u = url.value();
        proxy = QNetworkProxy(u.scheme() == QLatin1String("socks5") ? QNetworkProxy::Socks5Proxy
                                                                    : QNetworkProxy::HttpProxy,
                              u.host(), static_cast<quint16>(u.port()), u.userName(), u.password());
    }
    m_nam->setProxy(proxy);
    m_extraCas = cas;
    m_settings = settings;
    return true;
}

void HttpClient::setBasicAuth(const QString &user, const SecretString &password)
{
    clearCredentials();
    QByteArray raw = user.toUtf8() + ':' + password.revealUtf8();
    m_authHeader = "Basic " + raw.toBase64();
    raw.fill('\0');
}

void HttpClient::setBearerToken(const SecretString &token)
{
    clearCredentials();
    m_authHeader = "Bearer " + token.revealUtf8();
}

void HttpClient::clearCredentials()
{
    m_authHeader.fill('\0');
    m_authHeader.clear();
}

bool HttpClient::isWriteMethod(const QByteArray &method)
{
    const QByteArray m = method.toUpper();
    return m != "GET" && m != "HEAD" && m != "OPTIONS";
}

HttpJob *HttpClient::createJob(HttpRequest request)
{
    return new HttpJob(this, std::move(request));
}

HttpJob *HttpClient::get(const QUrl &url)
{
    HttpRequest r;
    r.url = url;
    return createJob(std::move(r));
}

QNetworkReply *HttpClient::dispatch(HttpJob *job, Error *refused)
{
    const HttpRequest &r = job->m_request;
    ++m_requestCount;
    if (isWriteMethod(r.method)) {
        if (m_writePolicy == WritePolicy::Refuse) {
            ++m_refusedWrites;
            *refused = Error{ErrorCode::Internal,
                             tr("Refused to send %1 %2: this operation is read-only.")
                                 .arg(QString::fromLatin1(r.method), r.url.path()),
                             QStringLiteral("write refused")};
            return nullptr;
        }
        ++m_writeCount;
    }
    QNetworkRequest req(r.url);
    req.setTransferTimeout(m_settings.timeoutMs);
    // Redirects are data here (a login redirect means "not authenticated"), and following one to another host
    // must never carry credentials.
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    req.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    req.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("bpsetup/" BPSETUP_VERSION));
    for (const auto &h : r.headers)
        req.setRawHeader(h.first, h.second);
    if (r.authenticate && !m_authHeader.isEmpty() && (m_origin.isEmpty() || sameOrigin(m_origin, r.url)))
        req.setRawHeader("Authorization", m_authHeader);
    if (r.url.scheme() == QLatin1String("https")) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        if (!m_extraCas.isEmpty())
            ssl.addCaCertificates(m_extraCas);
        req.setSslConfiguration(ssl);
    }
    qCDebug(lcNet) << "start" << r.method << redactedUrl(r.url);
    return m_nam->sendCustomRequest(req, r.method, r.body);
}

} // namespace bp
