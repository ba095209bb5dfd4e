// SPDX-License-Identifier: Apache-2.0
#include "ims/ImsValidator.h"

#include "i18n/DisplayFormat.h"
#include "ims/ServiceAccountJwt.h"
#include "net/HttpClient.h"
#include "policy/AdobePolicy.h"
#include "time/Clock.h"

#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTimeZone>

namespace bp {

namespace {

QByteArray formEncode(const QList<QPair<QByteArray, QByteArray>> &fields)
{
    // QUrlQuery leaves '+' alone, which a form decoder reads as a space: encode every value fully.
    QByteArray body;
    for (const auto &f : fields) {
        if (!body.isEmpty())
            body += '&';
        body += f.first + '=' + QUrl::toPercentEncoding(QString::fromUtf8(f.second));
    }
    return body;
}

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

} // namespace

ImsValidator::ImsValidator(QObject *parent) : ImsValidator(Clock::system(), parent) {}

ImsValidator::ImsValidator(Clock &clock, QObject *parent) : Task(parent), m_clock(&clock) {}

ImsValidator::~ImsValidator()
{
    if (m_job) {
        m_job->disconnect(this);
        delete m_job.data();
    }
    wipe();
}

QUrl ImsValidator::defaultImsUrl()
{
    return QUrl(QStringLiteral("https://ims-na1.adobelogin.com"));
}

Result<QUrl> ImsValidator::parseImsUrl(const QString &text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
        return Error(ErrorCode::InvalidInput,
                     tr("\"%1\" is not an IMS address; use e.g. https://ims-na1.adobelogin.com.").arg(text))
            .withId(QStringLiteral("ims-url-invalid"));
    if (url.scheme() == QLatin1String("http") && !isLoopbackHost(url.host()))
        return Error(ErrorCode::InvalidInput, tr("Adobe IMS must be reached over https://; plain http:// is "
                                                 "accepted only for a simulator on "
                                                 "this machine (127.0.0.1 or localhost)."))
            .withId(QStringLiteral("ims-url-plain-http"));
    if (url.hasQuery() || url.hasFragment() || !url.userInfo().isEmpty())
        return Error(ErrorCode::InvalidInput, tr("Give the IMS address without a query, fragment or login."))
            .withId(QStringLiteral("ims-url-invalid"));
    return url;
}

void ImsValidator::setCredential(const Credential &credential, const PrivateKey *key, const QUrl &imsUrl)
{
    m_credential = credential;
    m_key = key;
    m_imsUrl = imsUrl;
}

void ImsValidator::setNetworkSettings(const NetworkSettings &settings)
{
    m_settings = settings;
}

QHash<QString, QString> ImsValidator::pinsUsed() const
{
    return m_client ? m_client->pinsUsed() : QHash<QString, QString>();
}

void ImsValidator::setMaxAttempts(int attempts)
{
    m_maxAttempts = qMax(1, attempts);
}

void ImsValidator::setRetryBaseDelayMs(int ms)
{
    m_retryBaseDelayMs = qMax(0, ms);
}

void ImsValidator::wipe()
{
    m_signedJwt.fill('\0');
    m_signedJwt.clear();
}

QUrl ImsValidator::endpoint() const
{
    QUrl u = m_imsUrl;
    const QString base = u.path().endsWith(QLatin1Char('/')) ? u.path().chopped(1) : u.path();
    u.setPath(base + (m_credential.kind == CredentialKind::ServiceAccountJwt
                          ? QStringLiteral("/ims/exchange/jwt")
                          : QStringLiteral("/ims/token/v3")));
    return u;
}

void ImsValidator::run()
{
    m_outcome = ValidationOutcome{};
    m_outcome.method = m_credential.kind;
    m_outcome.clientId = m_credential.clientId;
    m_outcome.orgId = m_credential.orgId;
    m_secretIndex = 0;
    m_attempt = 0;
    m_client = std::make_unique<HttpClient>(*m_clock);
    m_client->setPeerKind(PeerKind::Ims);
    if (const auto applied = m_client->setNetworkSettings(m_settings); !applied) {
        fail(applied.error());
        return;
    }
    if (!m_imsUrl.isValid()) {
        fail(Error(ErrorCode::InvalidInput, tr("No Adobe IMS address was given.")));
        return;
    }
    if (m_credential.kind == CredentialKind::ServiceAccountJwt) {
        if (!m_key || m_key->isNull()) {
            fail(Error(ErrorCode::InvalidInput,
                       tr("A JWT credential is validated by signing a JWT with its private key, and none was "
                          "given."))
                     .withId(QStringLiteral("private-key-required"))
                     .withRemedy(
                         tr("If AEM generated the key pair (you uploaded AEM's public certificate to "
                            "Developer Console), the key exists only inside AEM: direct validation is "
                            "impossible, and AEM's own health check after the configuration is applied "
                            "will test it.")));
            return;
        }
        // Signed once, up front: the key is not needed (nor kept) after this.
        auto jwt = ServiceAccountJwt::sign(
            ServiceAccountJwt::claims(m_credential, m_imsUrl, m_clock->nowUtc()), *m_key);
        m_key = nullptr;
        if (!jwt) {
            fail(jwt.error());
            return;
        }
        m_signedJwt = jwt.value();
    } else if (m_credential.kind != CredentialKind::OAuthServerToServer) {
        fail(Error(ErrorCode::InvalidInput, tr("The credential kind is unknown.")));
        return;
    }
    send();
}

void ImsValidator::send()
{
    ++m_attempt;
    HttpRequest request;
    request.method = "POST";
    request.url = endpoint();
    request.authenticate = false;
    request.headers.append(
        qMakePair(QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")));
    request.headers.append(qMakePair(QByteArray("Accept"), QByteArray("application/json")));
    const QByteArray secret = m_credential.clientSecrets.value(m_secretIndex).revealUtf8();
    if (m_credential.kind == CredentialKind::ServiceAccountJwt)
        request.body = formEncode({{"client_id", m_credential.clientId.toUtf8()},
                                   {"client_secret", secret},
                                   {"jwt_token", m_signedJwt}});
    else
        request.body = formEncode({{"grant_type", "client_credentials"},
                                   {"client_id", m_credential.clientId.toUtf8()},
                                   {"client_secret", secret},
                                   {"scope", m_credential.scopes.join(QLatin1Char(',')).toUtf8()}});
    setProgress(m_attempt, m_maxAttempts,
                m_attempt > 1
                    ? tr("Asking Adobe IMS again (attempt %1 of %2)…").arg(m_attempt).arg(m_maxAttempts)
                    : tr("Asking Adobe IMS at %1 for a token…").arg(m_imsUrl.host()));
    HttpJob *job = m_client->createJob(std::move(request));
    request.body.fill('\0');
    m_job = job;
    connect(job, &Task::finished, this, &ImsValidator::onJobFinished);
    job->start();
}

// Retries transport failures, 429 and 5xx with capped exponential back-off, honouring Retry-After.
bool ImsValidator::retryLater(const QString &why, int retryAfterSeconds)
{
    if (m_attempt >= m_maxAttempts)
        return false;
    int delayMs = m_retryBaseDelayMs << (m_attempt - 1);
    if (retryAfterSeconds >= 0)
        delayMs = qMin(retryAfterSeconds * 1000, 30000);
    setProgress(m_attempt, m_maxAttempts,
                tr("%1 Trying again in %2 s…").arg(why, QLocale().toString(delayMs / 1000.0, 'f', 1)));
    // The fired timer stays until the next retry replaces it (or the validator goes): never destroyed from
    // inside its own call.
    m_retryTimer = m_clock->startTimer(
        delayMs, [this] { send(); }, TimerKind::Wait);
    return true;
}

void ImsValidator::noteClock(const QByteArray &dateHeader)
{
    // HTTP dates (RFC 9110 5.6.7) are always English and GMT: parse with the C locale, not the user's.
    QDateTime server = QLocale::c().toDateTime(QString::fromLatin1(dateHeader).trimmed(),
                                               QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"));
    server.setTimeZone(QTimeZone::utc());
    if (!server.isValid())
        return;
    m_outcome.clockSkewKnown = true;
    m_outcome.clockSkewSeconds = server.secsTo(m_clock->nowUtc());
}

void ImsValidator::onJobFinished()
{
    HttpJob *job = m_job;
    m_job = nullptr;
    if (!job || !isRunning())
        return;
    job->deleteLater();
    if (!job->succeeded()) {
        const Error &e = job->error();
        const bool transient = e.code == ErrorCode::Network || e.code == ErrorCode::Timeout;
        if (transient && retryLater(tr("Could not reach Adobe IMS (%1).").arg(e.userMessage), -1))
            return;
        Error reported = e;
        if (transient)
            // The address as given, scheme and port included: a firewall rule for "HTTPS to the host"
            // is the wrong rule for http://127.0.0.1:8443 (or any non-default port).
            reported.remedy =
                tr("Allow connections to %1 through the firewall or proxy, or set the proxy; open "
                   "it in a browser on this machine to see what answers.")
                    .arg(originText(m_imsUrl));
        wipe();
        fail(reported);
        return;
    }
    const HttpResponse &response = job->response();
    noteClock(response.header("Date"));
    m_outcome.debugId = QString::fromLatin1(response.header("x-debug-id"));
    const QJsonDocument doc = QJsonDocument::fromJson(response.body);
    const bool json = doc.isObject();
    const QJsonObject o = doc.object();
    const QString error = o.value(QLatin1String("error")).toString();
    const QString description = o.value(QLatin1String("error_description")).toString();

    if (response.status == 429 || response.status >= 500) {
        bool ok = false;
        const int retryAfter = response.header("Retry-After").trimmed().toInt(&ok);
        const QString why =
            response.status == 429
                ? tr("Adobe IMS is throttling requests (%1).").arg(httpStatusText(429))
                : tr("Adobe IMS had a server error (%1).").arg(httpStatusText(response.status));
        if (retryLater(why, ok ? retryAfter : -1))
            return;
        m_outcome.imsDescription = description;
        wipe();
        Error e = explain(response.status, error, description, m_credential.kind, m_outcome.clockSkewSeconds,
                          m_outcome.clockSkewKnown);
        // After 2026-03-01 a JWT exchange that keeps failing this way is Adobe's conversion of the
        // credential (adobe-ims.md: internal_error on the JWT endpoint of a migrated credential), not an
        // outage: a verdict on the credential, with the way out.
        if (m_credential.kind == CredentialKind::ServiceAccountJwt &&
            error == QLatin1String("internal_error") && AdobePolicy::jwtExchangeRetired(m_clock->today())) {
            e.code = ErrorCode::Rejected;
            e.id = QStringLiteral("jwt-converted");
            e.userMessage =
                tr("Adobe IMS no longer exchanges this JWT credential (%1, internal_error): Adobe "
                   "converted every Service Account (JWT) credential to OAuth Server-to-Server by "
                   "2026-03-01.")
                    .arg(httpStatusText(response.status));
            e.remedy =
                tr("Download the OAuth Server-to-Server credential of the same Developer Console project "
                   "(the client id is the same; it needs its client secret) and use that instead.");
        }
        fail(e);
        return;
    }
    const QString remedy =
        tr("Open %1 in a browser on this machine to see what answers; allow HTTPS to it or set "
           "the proxy.")
            .arg(originText(m_imsUrl));
    if (!json) {
        wipe();
        fail(Error(ErrorCode::NotIms,
                   response.contentType().contains(QLatin1String("html"))
                       ? tr("Something other than Adobe IMS answered at %1 with a web page (%2): usually a "
                            "proxy login, a captive portal or a firewall block page.")
                             .arg(m_imsUrl.host(), httpStatusText(response.status))
                       : tr("%1 answered %2 without JSON, which Adobe IMS always sends.")
                             .arg(m_imsUrl.host(), httpStatusText(response.status)),
                   QString(), response.status)
                 .withId(QStringLiteral("html-answer"))
                 .withRemedy(remedy));
        return;
    }
    if (response.status == 200 && o.contains(QLatin1String("access_token"))) {
        m_outcome.ok = true;
        m_outcome.tokenType = o.value(QLatin1String("token_type")).toString();
        const qint64 expires = o.value(QLatin1String("expires_in")).toVariant().toLongLong();
        // The JWT exchange reports milliseconds, the OAuth S2S endpoint seconds (adobe-ims.md §2.3, §3.2).
        m_outcome.expiresInSeconds =
            m_credential.kind == CredentialKind::ServiceAccountJwt ? expires / 1000 : expires;
        m_outcome.secretIndexUsed = m_secretIndex;
        wipe();
        succeed(); // the token itself is never kept
        return;
    }
    if (error.isEmpty()) {
        // JSON, but neither a token nor an OAuth error: IMS did not decide anything; another server answered.
        wipe();
        fail(Error(ErrorCode::NotIms,
                   tr("%1 answered %2 with JSON that is neither a token nor an Adobe IMS error: it is not "
                      "Adobe IMS.")
                       .arg(m_imsUrl.host(), httpStatusText(response.status)),
                   QString(), response.status)
                 .withId(QStringLiteral("not-ims-json"))
                 .withRemedy(tr("Check the IMS address (normally https://ims-na1.adobelogin.com).") +
                             QLatin1Char(' ') + remedy));
        return;
    }
    // Rotation: a credential may hold two secrets; try the next when IMS rejects this one.
    if (m_credential.kind == CredentialKind::OAuthServerToServer &&
        error == QLatin1String("invalid_client") && description.contains(QLatin1String("client_secret")) &&
        m_secretIndex + 1 < m_credential.clientSecrets.size()) {
        ++m_secretIndex;
        m_attempt = 0;
        setProgress(0, m_maxAttempts, tr("The first client secret was not accepted; trying the second…"));
        send();
        return;
    }
    m_outcome.imsDescription = description;
    wipe();
    fail(explain(response.status, error, description, m_credential.kind, m_outcome.clockSkewSeconds,
                 m_outcome.clockSkewKnown));
}

bool ImsValidator::abort()
{
    m_retryTimer.reset();
    if (HttpJob *job = m_job) {
        m_job = nullptr;
        job->disconnect(this);
        job->cancel();
        job->deleteLater();
    }
    wipe();
    return false;
}

Error ImsValidator::explain(int httpStatus, const QString &error, const QString &description,
                            CredentialKind kind, qint64 clockSkewSeconds, bool clockSkewKnown)
{
    Error p(ErrorCode::Rejected, QString(), description, httpStatus);
    p.id = error.isEmpty() ? QStringLiteral("http-%1").arg(httpStatus) : error;
    const bool jwt = kind == CredentialKind::ServiceAccountJwt;
    const QString desc = description.toLower();
    const QString skewNote =
        clockSkewKnown && AdobePolicy::clockSkewMatters(clockSkewSeconds)
            ? tr(" This computer's clock is %1 %2 Adobe IMS: synchronise it (NTP) and try again.")
                  .arg(formatDuration(qAbs(clockSkewSeconds)),
                       clockSkewSeconds > 0 ? tr("ahead of") : tr("behind"))
            : QString();

    if (error == QLatin1String("invalid_client")) {
        if (desc.contains(QLatin1String("client_secret")) || httpStatus == 401) {
            p.userMessage = tr("Adobe IMS did not accept the client secret.");
            p.remedy =
                jwt ? tr("Copy the client secret again from the JWT credential page in Developer Console "
                         "(Retrieve client secret).")
                    : tr("Copy the client secret again from the OAuth Server-to-Server credential page in "
                         "Developer Console; if it was rotated or deleted, use a current one.");
        } else if (desc.contains(QLatin1String("client_id"))) {
            p.userMessage = tr("Adobe IMS does not know this client ID.");
            p.remedy =
                tr("Check the client ID (API key) on the credential page, and that the credential still "
                   "exists in Developer Console (a cancelled migration deletes the OAuth credential).");
        } else {
            p.userMessage =
                jwt ? tr("Adobe IMS rejected the client: the JWT audience does not match the client ID "
                         "or this IMS host.")
                    : tr("Adobe IMS rejected the client.");
            p.remedy = tr("Check the client ID and that the IMS address is https://ims-na1.adobelogin.com.");
        }
    } else if (error == QLatin1String("unauthorized_client")) {
        p.userMessage =
            tr("This credential cannot log in server-to-server (it is not an OAuth Server-to-Server "
               "credential).");
        p.remedy =
            tr("Add an OAuth Server-to-Server credential with the AEM Brand Portal API to the project, or "
               "migrate the JWT credential, and use its values.");
    } else if (error == QLatin1String("invalid_scope")) {
        if (jwt) {
            p.userMessage = tr("The JWT metascope does not match the APIs on this credential.");
            p.remedy =
                tr("The credential needs the AEM Brand Portal API (metascope ent_brand_portal_sdk) and the "
                   "Assets Brand Portal product profile in Developer Console.");
        } else {
            p.userMessage = tr("Adobe IMS refused the requested scopes.");
            p.remedy =
                tr("Use exactly the scopes listed on the credential's Scopes tab. If they are right, the "
                   "credential is missing the AEM Brand Portal API or the Assets Brand Portal product "
                   "profile: add them in Developer Console.");
        }
    } else if (error == QLatin1String("invalid_token") || error == QLatin1String("invalid_signature")) {
        if (desc.contains(QLatin1String("expire")) || desc.contains(QLatin1String("exp "))) {
            p.userMessage = tr("Adobe IMS says the JWT has expired.") + skewNote;
            p.remedy = skewNote.isEmpty() ? tr("Check this computer's date and time, then try again.")
                                          : tr("Synchronise this computer's clock, then try again.");
        } else if (desc.contains(QLatin1String("incorrectly formatted"))) {
            p.userMessage = tr("Adobe IMS could not decode the JWT this tool built.");
            p.remedy = tr("This is a defect in bpsetup; please report it with the debug id.");
        } else {
            p.userMessage =
                tr("The JWT signature matches no certificate on this credential, or the organization ID "
                   "or technical account ID is wrong.") +
                skewNote;
            p.remedy =
                tr("Use the private key whose certificate is uploaded to the credential, and check the "
                   "organization and technical account IDs. JWT certificates can no longer be renewed: "
                   "switch to OAuth Server-to-Server.");
        }
    } else if (error == QLatin1String("invalid_jti")) {
        p.userMessage = tr("Adobe IMS requires a unique JWT id (jti) for this credential.");
        p.remedy = tr("This credential's binding asks for jti, which bpsetup does not send; switch to OAuth "
                      "Server-to-Server.");
    } else if (httpStatus == 429) {
        p.code = ErrorCode::Http;
        p.userMessage = tr("Adobe IMS is throttling requests from this client.");
        p.remedy = tr("Wait a few minutes and try again.");
    } else if (httpStatus >= 500) {
        p.code = ErrorCode::Http;
        p.userMessage = tr("Adobe IMS had a server error (%1) and still had it after retries.")
                            .arg(httpStatusText(httpStatus));
        p.remedy =
            jwt ? tr("Try again later. If it persists, this JWT credential may already have been converted "
                     "to OAuth Server-to-Server: use that credential instead.")
                : tr("Try again later; Adobe status: https://status.adobe.com.");
    } else {
        p.userMessage = tr("Adobe IMS rejected the request (%1, %2).").arg(httpStatusText(httpStatus), p.id);
        p.remedy = tr("Check every value against the credential page in Developer Console.");
    }
    return p;
}

} // namespace bp
