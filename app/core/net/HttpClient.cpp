// SPDX-License-Identifier: Apache-2.0
#include "net/HttpClient.h"

#include "time/Clock.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>

Q_LOGGING_CATEGORY(lcNet, "bpsetup.net", QtWarningMsg)

namespace bp {

namespace {

// The reply keeps at most this much unread; Qt's network thread waits while it is full, so a fast sender
// cannot run ahead of the body cap.
constexpr qint64 kReadBufferBytes = 256 * 1024;

// Logs show the path only: queries may carry form data.
QString redactedUrl(const QUrl &url)
{
    return url.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
}

// The system proxy, asked per request and per client: QNetworkProxyFactory::setUseSystemConfiguration()
// would change every client in the process.
class SystemProxyFactory : public QNetworkProxyFactory
{
public:
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override
    {
        return QNetworkProxyFactory::systemProxyForQuery(query);
    }
};

class FixedProxyFactory : public QNetworkProxyFactory
{
public:
    explicit FixedProxyFactory(QNetworkProxy proxy) : m_proxy(std::move(proxy)) {}
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &) override { return {m_proxy}; }

private:
    QNetworkProxy m_proxy;
};

} // namespace

QString formatSeconds(int milliseconds)
{
    // Both English forms spelled out rather than a "%n second(s)" plural, which needs an English translation
    // loaded to read well (tests and embedders have none). Timeouts here are never 0.
    if (milliseconds == 1000)
        return QCoreApplication::translate("bp::HttpJob", "1 second");
    const int wholeSeconds = milliseconds / 1000; // lupdate misreads a division inside the call
    if (milliseconds % 1000 == 0)
        return QCoreApplication::translate("bp::HttpJob", "%1 seconds").arg(wholeSeconds);
    return QCoreApplication::translate("bp::HttpJob", "%1 seconds")
        .arg(QLocale().toString(milliseconds / 1000.0, 'g', 3));
}

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

// --- HttpJob ---------------------------------------------------------------------------------------------

HttpJob::HttpJob(HttpClient *client, HttpRequest request)
    : Task(client), m_client(client), m_request(std::move(request))
{
}

HttpJob::~HttpJob()
{
    detachReply();
    releaseBuffered();
}

void HttpJob::releaseBuffered()
{
    m_client->m_bufferedBytes -= m_counted;
    m_counted = 0;
}

Result<HttpResponse> HttpJob::result() const
{
    if (succeeded())
        return m_response;
    if (!isFinished())
        return Error(ErrorCode::Internal, QString(), QStringLiteral("not finished"));
    return error();
}

void HttpJob::run()
{
    m_startedMs = m_client->clock().monotonicMs();
    Error refused;
    QNetworkReply *reply = m_client->dispatch(m_request, &refused);
    if (!reply) {
        fail(refused);
        return;
    }
    m_sent = true;
    m_reply = reply;
    reply->setReadBufferSize(kReadBufferBytes);
    connect(reply, &QNetworkReply::readyRead, this, &HttpJob::onReadyRead);
    connect(reply, &QNetworkReply::metaDataChanged, this, &HttpJob::onMetaDataChanged);
    connect(reply, &QNetworkReply::finished, this, &HttpJob::onReplyFinished);
    connect(reply, &QNetworkReply::sslErrors, this, &HttpJob::onSslErrors);
    connect(reply, &QNetworkReply::requestSent, this, [this] { m_requestSent = true; });
    // Qt stops inflating past the safety threshold (the body cap) when the ratio looks like a bomb, and then
    // keeps reporting an error for every further compressed block: stop the reply at the first one.
    connect(reply, &QNetworkReply::errorOccurred, this, [this] {
        if (m_reply &&
            m_reply->errorString().startsWith(QLatin1String("Decompression failed"), Qt::CaseInsensitive))
            abortWith(tooLargeError(Oversize::Decompressed));
    });
    const int timeoutMs = m_client->networkSettings().timeoutMs;
    m_deadline = m_client->clock().startTimer(timeoutMs, [this, timeoutMs] {
        const QString what =
            m_client->peerKind() == PeerKind::Ims
                ? tr("Check that Adobe IMS can be reached from this machine (firewall, proxy).")
                : tr("Check that the address and port are right and that no firewall or proxy "
                     "holds the connection.");
        // Headers that never end (Qt 6.4 reads a header block without a limit) look like silence from here;
        // say at least that the request went out and no complete answer came back.
        const QString message =
            m_requestSent
                ? tr("%1 did not send a complete answer within %2.")
                      .arg(m_request.url.host(), formatSeconds(timeoutMs))
                : tr("%1 did not answer within %2.").arg(m_request.url.host(), formatSeconds(timeoutMs));
        abortWith(Error(ErrorCode::Timeout, message,
                        QStringLiteral("deadline %1 ms for %2 %3")
                            .arg(timeoutMs)
                            .arg(QString::fromLatin1(m_request.method), redactedUrl(m_request.url)),
                        0, true)
                      .withId(QStringLiteral("timeout"))
                      .withRemedy(what));
    });
}

bool HttpJob::abort()
{
    if (m_abortReason.code == ErrorCode::None)
        m_abortReason = cancelledError();
    detachReply();
    releaseBuffered();
    return false;
}

void HttpJob::detachReply()
{
    m_deadline.reset();
    if (QNetworkReply *reply = m_reply.data()) {
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void HttpJob::abortWith(Error reason)
{
    if (isFinished())
        return;
    if (m_abortReason.code == ErrorCode::None)
        m_abortReason = std::move(reason);
    detachReply();
    m_response.body.clear();
    releaseBuffered();
    fail(m_abortReason);
}

Error HttpJob::tooLargeError(Oversize what) const
{
    const QString host = m_request.url.host();
    const QString path = m_request.url.path();
    const QString peer = m_client->peerKind() == PeerKind::Ims ? tr("Adobe IMS") : tr("AEM");
    const qint64 capMiB = m_client->networkSettings().maxBodyBytes / (1024 * 1024);
    Error e(ErrorCode::TooLarge, QString());
    switch (what) {
    case Oversize::Body:
        e.id = QStringLiteral("too-large");
        e.userMessage = tr("%1 sent an answer larger than %2 MiB for %3; that is not what %4 sends here.")
                            .arg(host)
                            .arg(capMiB)
                            .arg(path, peer);
        e.detail = QStringLiteral("body above %1 bytes").arg(m_client->networkSettings().maxBodyBytes);
        break;
    case Oversize::Together:
        e.id = QStringLiteral("too-large");
        e.userMessage =
            tr("%1 sent answers larger than %2 MiB together while %3 was read; that is not what %4 "
               "sends.")
                .arg(host)
                .arg(m_client->networkSettings().maxBufferedBytes / (1024 * 1024))
                .arg(path, peer);
        e.detail = QStringLiteral("bodies in flight above %1 bytes")
                       .arg(m_client->networkSettings().maxBufferedBytes);
        break;
    case Oversize::HeaderBlock:
        e.id = QStringLiteral("header-block-too-large");
        e.userMessage = tr("%1 sent a response header block larger than %2 KiB for %3 (or one that cannot be "
                           "read); that is not what %4 sends.")
                            .arg(host)
                            .arg(HttpClient::kMaxHeaderBytes / 1024)
                            .arg(path, peer);
        e.detail = QStringLiteral("header block above the limit or dropped by the parser");
        break;
    case Oversize::Decompressed:
        e.id = QStringLiteral("decompression-refused");
        e.userMessage =
            tr("%1 sent a compressed answer for %2 that expands beyond %3 MiB (or is damaged); that "
               "is not what %4 sends.")
                .arg(host, path)
                .arg(capMiB)
                .arg(peer);
        e.detail = QStringLiteral("decompression stopped by the safety check");
        break;
    }
    e.remedy = m_client->peerKind() == PeerKind::Aem
                   ? tr("Check that the address points at an AEM author instance.")
                   : tr("Check the address.");
    return e;
}

void HttpJob::onMetaDataChanged()
{
    if (!m_reply)
        return;
    const qint64 announced = m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
    if (announced > m_client->networkSettings().maxBodyBytes) {
        abortWith(tooLargeError(Oversize::Body));
        return;
    }
    qint64 headerBytes = 0;
    for (const auto &pair : m_reply->rawHeaderPairs())
        headerBytes += pair.first.size() + pair.second.size() + 4;
    if (headerBytes > HttpClient::kMaxHeaderBytes)
        abortWith(tooLargeError(Oversize::HeaderBlock));
}

void HttpJob::onReadyRead()
{
    if (!m_reply || !m_reply->isOpen())
        return;
    const qint64 cap = m_client->networkSettings().maxBodyBytes;
    // Bytes as they arrive (decompressed, when the server compressed them): the cap is checked before more
    // is kept, so an endless or decompression-bomb answer stops here.
    const qint64 available = m_reply->bytesAvailable();
    if (m_response.body.size() + available > cap) {
        abortWith(tooLargeError(Oversize::Body));
        return;
    }
    if (m_client->m_bufferedBytes + available > m_client->networkSettings().maxBufferedBytes) {
        abortWith(tooLargeError(Oversize::Together));
        return;
    }
    m_response.body.append(m_reply->read(available));
    m_counted += available;
    m_client->m_bufferedBytes += available;
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
            m_acceptedPin = pinned.toLower();
            return;
        }
    }
    m_untrusted = CertificateInfo::from(leaf, errors, key);
    m_untrusted.peer = m_client->peerKind();
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
    if (!reply || isFinished())
        return;
    m_deadline.reset();
    const QVariant statusAttr = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (statusAttr.isValid() && statusAttr.toInt() > 0 &&
        reply->error() != QNetworkReply::OperationCanceledError) {
        onReadyRead();
        if (isFinished())
            return; // the rest was over the cap
        m_response.status = statusAttr.toInt();
        m_response.url = m_request.url;
        for (const auto &pair : reply->rawHeaderPairs())
            m_response.headers.append(pair);
        m_response.elapsedMs = m_client->clock().monotonicMs() - m_startedMs;
        const QNetworkReply::NetworkError transport = reply->error();
        const bool decompressionRefused =
            reply->errorString().startsWith(QLatin1String("Decompression failed"), Qt::CaseInsensitive);
        m_reply = nullptr;
        reply->disconnect(this);
        reply->deleteLater();
        if (decompressionRefused) {
            // Qt stops inflating past the safety threshold (set to the body cap) when the ratio looks like a
            // bomb, and reports that as a failed decompression, with no more detail than for a damaged
            // stream.
            m_response = HttpResponse();
            releaseBuffered();
            fail(tooLargeError(Oversize::Decompressed));
            return;
        }
        if (m_response.headers.isEmpty()) {
            // Qt 6.4 drops the whole header block when it exceeds its parser's limits, keeping status and
            // body. AEM and IMS always send headers (Date, Content-Type).
            m_response = HttpResponse();
            releaseBuffered();
            fail(tooLargeError(Oversize::HeaderBlock));
            return;
        }
        // An HTTP error status is an answer. A transport error after the status line (a body cut off) is not:
        // the body is incomplete.
        if (transport != QNetworkReply::NoError && transport < QNetworkReply::ContentAccessDenied) {
            m_response = HttpResponse();
            releaseBuffered();
            fail(transportError(reply));
            return;
        }
        qCDebug(lcNet) << m_request.method << redactedUrl(m_request.url) << m_response.status
                       << m_response.elapsedMs << "ms";
        releaseBuffered(); // the answer is complete: it no longer counts as in flight
        if (!m_acceptedPin.isEmpty())
            m_client->m_pinsUsed.insert(hostPortKey(m_request.url), m_acceptedPin);
        succeed();
        return;
    }
    const Error e = transportError(reply);
    m_reply = nullptr;
    reply->disconnect(this);
    reply->deleteLater();
    releaseBuffered();
    fail(e);
}

Error HttpJob::transportError(QNetworkReply *reply) const
{
    const QString host = hostPortKey(m_request.url);
    const bool plainHttp = m_request.url.scheme() == QLatin1String("http");
    const NetworkSettings &settings = m_client->networkSettings();
    const bool explicitProxy = !settings.proxyUrl.isEmpty() &&
                               settings.proxyUrl.compare(QLatin1String("none"), Qt::CaseInsensitive) != 0;
    Error e{ErrorCode::Network, QString(), reply->errorString()};
    e.retryable = true;
    e.id = QStringLiteral("network");
    const QString errorText = reply->errorString();
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        e.id = QStringLiteral("connection-refused");
        if (explicitProxy) {
            // Qt reports a refused proxy connection like a refused server connection; the proxy is the
            // likelier cause.
            e.userMessage = tr("The connection to %1 through the proxy %2 was refused.")
                                .arg(host, QUrl(settings.proxyUrl).toString(QUrl::RemoveUserInfo));
            e.remedy = tr("Check the proxy address, or clear it to use the system proxy.");
            break;
        }
        e.userMessage = tr("Nothing accepted the connection at %1.").arg(host);
        switch (m_client->peerKind()) {
        case PeerKind::Aem:
            e.remedy =
                tr("Check that AEM is running and that the port is right (an AEM author usually listens "
                   "on 4502 or, behind a load balancer, 443).");
            break;
        case PeerKind::Ims:
            e.remedy =
                tr("Check the Adobe IMS address (normally https://ims-na1.adobelogin.com) and that this "
                   "machine may connect to it.");
            break;
        case PeerKind::Other:
            e.remedy = tr("Check the address and port.");
            break;
        }
        break;
    case QNetworkReply::HostNotFoundError:
        e.id = QStringLiteral("host-not-found");
        e.userMessage = tr("The host name %1 could not be found.").arg(m_request.url.host());
        e.remedy = tr("Check the spelling and your DNS or VPN.");
        break;
    case QNetworkReply::RemoteHostClosedError:
        e.id = QStringLiteral("connection-closed");
        e.userMessage = tr("%1 closed the connection without answering.").arg(host);
        if (plainHttp)
            e.remedy = tr("If the server uses HTTPS, change the address to https://.");
        break;
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::InsecureRedirectError:
        e.code = ErrorCode::Tls;
        e.retryable = false;
        e.id = QStringLiteral("tls");
        if (!m_untrusted.isNull()) {
            e.id = QStringLiteral("tls-untrusted");
            e.userMessage = tr("The certificate of %1 is not trusted (%2).")
                                .arg(host, m_untrusted.problems.join(QLatin1String("; ")));
            // Adobe's own certificate is trusted everywhere: for IMS, an untrusted one is the network's (a
            // proxy that inspects TLS), and the network team knows its fingerprint and CA.
            e.remedy =
                m_client->peerKind() == PeerKind::Ims
                    ? tr("A proxy that inspects TLS is probably answering for Adobe IMS: trust its "
                         "certificate "
                         "only if your network team confirms its SHA-256 fingerprint, or add the proxy's CA "
                         "with the CA file option.")
                    : tr("Trust it only if its SHA-256 fingerprint matches what your administrator gave you, "
                         "or "
                         "add the issuing CA with the CA file option.");
            e.withCertificate(m_untrusted);
        } else {
            e.userMessage = tr("The secure connection to %1 failed (%2).").arg(host, errorText);
            e.remedy = tr("If this port serves plain HTTP, change the address to http://.");
        }
        break;
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
        e.id = QStringLiteral("proxy");
        e.userMessage = tr("The proxy could not be used (%1).").arg(errorText);
        e.remedy = tr("Check the proxy address, or clear it to use the system proxy.");
        break;
    case QNetworkReply::ProxyAuthenticationRequiredError:
        e.code = ErrorCode::Auth;
        e.retryable = false;
        e.id = QStringLiteral("proxy-auth");
        e.userMessage = tr("The proxy asks for a login (HTTP 407).");
        e.remedy =
            tr("Put the proxy user and password in the proxy address (http://user:password@proxy:port).");
        break;
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        e.code = ErrorCode::Timeout;
        e.id = QStringLiteral("timeout");
        e.userMessage = tr("%1 stopped sending data.").arg(host);
        e.remedy = tr("Check the network and try again.");
        break;
    default:
        e.userMessage = tr("Talking to %1 failed: %2.").arg(host, errorText);
        if (plainHttp && reply->error() == QNetworkReply::UnknownNetworkError)
            e.remedy = tr("If the server uses HTTPS, use https://.");
        break;
    }
    if (e.remedy.isEmpty() && m_client->peerKind() == PeerKind::Ims && e.code == ErrorCode::Network)
        e.remedy =
            tr("Open %1 in a browser on this machine to see what answers.").arg(originText(m_request.url));
    return e;
}

// --- HttpClient ------------------------------------------------------------------------------------------

HttpClient::HttpClient(QObject *parent) : HttpClient(Clock::system(), parent) {}

HttpClient::HttpClient(Clock &clock, QObject *parent)
    : QObject(parent), m_clock(&clock), m_nam(new QNetworkAccessManager(this))
{
    m_nam->setProxyFactory(new SystemProxyFactory); // the manager owns it
    m_nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

HttpClient::~HttpClient()
{
    // Jobs are children: end them while this is still an HttpClient (they return their buffer budget to it
    // and detach from replies the manager below still owns), not in ~QObject after this body has run.
    const QList<HttpJob *> jobs = findChildren<HttpJob *>(Qt::FindDirectChildrenOnly);
    qDeleteAll(jobs);
    m_authHeader.fill('\0');
}

Result<bool> HttpClient::setNetworkSettings(const NetworkSettings &settings)
{
    QList<QSslCertificate> cas;
    if (!settings.caFile.isEmpty()) {
        auto loaded = loadCaFile(settings.caFile);
        if (!loaded)
            return loaded.error();
        cas = loaded.value();
    }
    QNetworkProxyFactory *factory = nullptr;
    if (settings.proxyUrl.isEmpty()) {
        factory = new SystemProxyFactory;
    } else if (settings.proxyUrl.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0) {
        factory = new FixedProxyFactory(QNetworkProxy(QNetworkProxy::NoProxy));
    } else {
        auto url = parseProxyUrl(settings.proxyUrl);
        if (!url)
            return url.error();
        const QUrl &u = url.value();
        factory = new FixedProxyFactory(QNetworkProxy(
            u.scheme() == QLatin1String("socks5") ? QNetworkProxy::Socks5Proxy : QNetworkProxy::HttpProxy,
            u.host(), static_cast<quint16>(u.port()), u.userName(), u.password()));
    }
    m_nam->setProxyFactory(factory); // deletes the previous one
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

bool HttpClient::sameOrigin(const QUrl &a, const QUrl &b)
{
    const auto defaultPort = [](const QUrl &u) { return u.scheme() == QLatin1String("http") ? 80 : 443; };
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0 &&
           a.host().compare(b.host(), Qt::CaseInsensitive) == 0 &&
           a.port(defaultPort(a)) == b.port(defaultPort(b));
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

QNetworkReply *HttpClient::dispatch(const HttpRequest &r, Error *refused)
{
    if (isWriteMethod(r.method)) {
        if (m_writePolicy == WritePolicy::Refuse) {
            ++m_refusedWrites;
            *refused = Error(ErrorCode::WriteRefused,
                             tr("Refused to send %1 %2: this operation is read-only.")
                                 .arg(QString::fromLatin1(r.method), r.url.path()),
                             QStringLiteral("write refused"))
                           .withId(QStringLiteral("write-refused"))
                           .withRemedy(tr("Nothing was sent. This is a defect in bpsetup: please report it "
                                          "with the command you ran."));
            return nullptr;
        }
        ++m_writeCount;
    }
    ++m_requestCount;
    QNetworkRequest req(r.url);
    // Qt's inactivity timeout is only a backstop behind the job's deadline (same start, whole answer). With
    // the same value it won the tie, and a server that never answered was reported as "stopped sending data"
    // instead of "did not answer within N seconds".
    req.setTransferTimeout(2 * m_settings.timeoutMs);
    // Qt's decompression-bomb check starts at this many inflated bytes: the body cap.
    req.setDecompressedSafetyCheckThreshold(m_settings.maxBodyBytes);
    // Redirects are data here (a login redirect means "not authenticated"), and following one to another host
    // must never carry credentials.
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    req.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    req.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    req.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("bpsetup/" BPSETUP_VERSION));
    for (const auto &h : r.headers)
        req.setRawHeader(h.first, h.second);
    if (r.authenticate && !m_authHeader.isEmpty() && !m_origin.isEmpty() && sameOrigin(m_origin, r.url))
        req.setRawHeader("Authorization", m_authHeader);
    if (r.url.scheme() == QLatin1String("https")) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        if (!m_extraCas.isEmpty())
            ssl.addCaCertificates(m_extraCas);
        req.setSslConfiguration(ssl);
    }
    qCDebug(lcNet) << "start" << r.method << redactedUrl(r.url);
    // The verb's own call, not sendCustomRequest(): Qt delivers a custom request's body in a few huge blocks
    // and ignores the read buffer size, so the body cap could not stop an endless answer in time.
    const QByteArray method = r.method.toUpper();
    if (method == "GET")
        return m_nam->get(req);
    if (method == "HEAD")
        return m_nam->head(req);
    if (method == "POST")
        return m_nam->post(req, r.body);
    if (method == "PUT")
        return m_nam->put(req, r.body);
    if (method == "DELETE" && r.body.isEmpty())
        return m_nam->deleteResource(req);
    return m_nam->sendCustomRequest(req, r.method, r.body);
}

} // namespace bp
