// SPDX-License-Identifier: Apache-2.0
#include "ims/ImsValidator.h"

#include "ims/ServiceAccountJwt.h"
#include "net/HttpClient.h"

#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QTimer>
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

class ImsValidator::Private
{
public:
    ImsValidator *q;
    QNetworkAccessManager *nam;
    NetworkSettings settings;
    int maxAttempts = 3;
    int retryBaseDelayMs = 500;

    HttpClient *client = nullptr;
    HttpJob *job = nullptr;
    QTimer retryTimer;
    Credential credential;
    QByteArray signedJwt; // a bearer credential for a few minutes: wiped when done
    QUrl imsUrl;
    int secretIndex = 0;
    int attempt = 0;
    bool running = false;
    ValidationOutcome outcome;
    Result<ValidationOutcome> result{Error(ErrorCode::Internal, QString(), QStringLiteral("not run"))};

    explicit Private(ImsValidator *qq, QNetworkAccessManager *n) : q(qq), nam(n)
    {
        retryTimer.setSingleShot(true);
        QObject::connect(&retryTimer, &QTimer::timeout, q, [this] { send(); });
    }

    QUrl endpoint() const
    {
        QUrl u = imsUrl;
        const QString base = u.path().endsWith(QLatin1Char('/')) ? u.path().chopped(1) : u.path();
        u.setPath(base + (credential.kind == CredentialKind::ServiceAccountJwt
                              ? QStringLiteral("/ims/exchange/jwt")
                              : QStringLiteral("/ims/token/v3")));
        return u;
    }

    void send()
    {
        ++attempt;
        HttpRequest request;
        request.method = "POST";
        request.url = endpoint();
        request.authenticate = false;
        request.headers.append(
            qMakePair(QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")));
        request.headers.append(qMakePair(QByteArray("Accept"), QByteArray("application/json")));
        const QByteArray secret = credential.clientSecrets.value(secretIndex).revealUtf8();
        if (credential.kind == CredentialKind::ServiceAccountJwt)
            request.body = formEncode({{"client_id", credential.clientId.toUtf8()},
                                       {"client_secret", secret},
                                       {"jwt_token", signedJwt}});
        else
            request.body = formEncode({{"grant_type", "client_credentials"},
                                       {"client_id", credential.clientId.toUtf8()},
                                       {"client_secret", secret},
                                       {"scope", credential.scopes.join(QLatin1Char(',')).toUtf8()}});
        emit q->progress(
            attempt > 1
                ? ImsValidator::tr("Asking Adobe IMS again (attempt %1 of %2)…").arg(attempt).arg(maxAttempts)
                : ImsValidator::tr("Asking Adobe IMS at %1 for a token…").arg(imsUrl.host()));
        job = client->createJob(std::move(request));
        QObject::connect(job, &HttpJob::finished, q, [this] { onFinished(); });
        job->start();
    }

    // Retries transport failures, 429 and 5xx with capped exponential back-off, honouring Retry-After.
    bool retryLater(const HttpResponse *response)
    {
        if (attempt >= maxAttempts)
            return false;
        int delayMs = retryBaseDelayMs << (attempt - 1);
        if (response) {
            bool ok = false;
            const int retryAfter = response->header("Retry-After").trimmed().toInt(&ok);
            if (ok && retryAfter >= 0)
                delayMs = qMin(retryAfter * 1000, 30000);
        }
        emit q->progress(
            ImsValidator::tr("Adobe IMS is busy; trying again in %1 s…").arg(delayMs / 1000.0, 0, 'f', 1));
        retryTimer.start(delayMs);
        return true;
    }

    void noteClock(const HttpResponse &response)
    {
        // HTTP dates (RFC 9110 5.6.7) are always English and GMT: parse with the C locale, not the user's.
        QDateTime server = QLocale::c().toDateTime(QString::fromLatin1(response.header("Date")).trimmed(),
                                                   QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"));
        server.setTimeZone(QTimeZone::utc());
        if (!server.isValid())
            return;
        outcome.clockSkewKnown = true;
        outcome.clockSkewSeconds = server.secsTo(QDateTime::currentDateTimeUtc());
    }

    void onFinished()
    {
        HttpJob *done = job;
        job = nullptr;
        done->deleteLater();
        const Result<HttpResponse> &r = done->result();
        if (!r.ok()) {
            const Error &e = r.error();
            if (e.code == ErrorCode::Cancelled)
                return; // cancel() already finished the run
            if ((e.code == ErrorCode::Network || e.code == ErrorCode::Timeout) && retryLater(nullptr))
                return;
            Error reported = e;
            if (e.code == ErrorCode::Network || e.code == ErrorCode::Timeout)
                reported.userMessage +=
                    QLatin1Char(' ') +
                    ImsValidator::tr("Cannot reach Adobe IMS: allow HTTPS to %1 through the "
                                     "firewall or proxy.")
                        .arg(imsUrl.host());
            finish(reported);
            return;
        }
        const HttpResponse &response = r.value();
        noteClock(response);
        outcome.problem.debugId = QString::fromLatin1(response.header("x-debug-id"));
        const QJsonDocument doc = QJsonDocument::fromJson(response.body);
        const bool json = doc.isObject();

        if (response.status == 429 || response.status >= 500) {
            if (retryLater(&response))
                return;
            outcome.imsDecided = false;
            outcome.problem = explain(
                response.status, json ? doc.object().value(QLatin1String("error")).toString() : QString(),
                json ? doc.object().value(QLatin1String("error_description")).toString() : QString(),
                credential.kind, outcome.clockSkewSeconds, outcome.clockSkewKnown);
            outcome.problem.debugId = QString::fromLatin1(response.header("x-debug-id"));
            finish(outcome);
            return;
        }
        if (!json) {
            outcome.imsDecided = false;
            outcome.problem.httpStatus = response.status;
            outcome.problem.code = QStringLiteral("html-answer");
            outcome.problem.message =
                response.contentType().contains(QLatin1String("html"))
                    ? ImsValidator::tr(
                          "Something other than Adobe IMS answered at %1 with a web page (HTTP %2): "
                          "usually a proxy login, a captive portal or a firewall block page.")
                          .arg(imsUrl.host())
                          .arg(response.status)
                    : ImsValidator::tr("%1 answered HTTP %2 without JSON, which Adobe IMS always sends.")
                          .arg(imsUrl.host())
                          .arg(response.status);
            outcome.problem.remedy =
                ImsValidator::tr("Open https://%1 in a browser on this machine to see what "
                                 "answers; allow HTTPS to it or set the proxy.")
                    .arg(imsUrl.host());
            finish(outcome);
            return;
        }
        const QJsonObject o = doc.object();
        if (response.status == 200 && o.contains(QLatin1String("access_token"))) {
            outcome.ok = true;
            outcome.tokenType = o.value(QLatin1String("token_type")).toString();
            const qint64 expires = o.value(QLatin1String("expires_in")).toVariant().toLongLong();
            // The JWT exchange reports milliseconds, the OAuth S2S endpoint seconds (adobe-ims.md §2.3,
            // §3.2).
            outcome.expiresInSeconds =
                credential.kind == CredentialKind::ServiceAccountJwt ? expires / 1000 : expires;
            outcome.secretIndexUsed = secretIndex;
            finish(outcome); // the token itself is never kept
            return;
        }
        const QString error = o.value(QLatin1String("error")).toString();
        const QString description = o.value(QLatin1String("error_description")).toString();
        // Rotation: a credential may hold two secrets; try the next when IMS rejects this one.
        if (credential.kind == CredentialKind::OAuthServerToServer &&
            error == QLatin1String("invalid_client") &&
            description.contains(QLatin1String("client_secret")) &&
            secretIndex + 1 < credential.clientSecrets.size()) {
            ++secretIndex;
            attempt = 0;
            emit q->progress(
                ImsValidator::tr("The first client secret was not accepted; trying the second…"));
            send();
            return;
        }
        outcome.problem = explain(response.status, error, description, credential.kind,
                                  outcome.clockSkewSeconds, outcome.clockSkewKnown);
        outcome.problem.debugId = QString::fromLatin1(response.header("x-debug-id"));
        finish(outcome);
    }

    void finish(Result<ValidationOutcome> r)
    {
        signedJwt.fill('\0');
        signedJwt.clear();
        running = false;
        result = std::move(r);
        emit q->finished();
    }
};

ImsValidator::ImsValidator(QNetworkAccessManager *nam, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>(this, nam))
{
}

ImsValidator::~ImsValidator()
{
    if (d->job)
        d->job->disconnect(this);
    d->signedJwt.fill('\0');
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
                     tr("\"%1\" is not an IMS address; use e.g. https://ims-na1.adobelogin.com.").arg(text));
    if (url.scheme() == QLatin1String("http") && !isLoopbackHost(url.host()))
        return Error(
            ErrorCode::InvalidInput,
            tr("Adobe IMS must be reached over https://; plain http:// is accepted only for a simulator on "
               "this machine (127.0.0.1 or localhost)."));
    if (url.hasQuery() || url.hasFragment() || !url.userInfo().isEmpty())
        return Error(ErrorCode::InvalidInput, tr("Give the IMS address without a query, fragment or login."));
    return url;
}

void ImsValidator::setNetworkSettings(const NetworkSettings &settings)
{
    d->settings = settings;
}
void ImsValidator::setMaxAttempts(int attempts)
{
    d->maxAttempts = qMax(1, attempts);
}
void ImsValidator::setRetryBaseDelayMs(int ms)
{
    d->retryBaseDelayMs = qMax(0, ms);
}
bool ImsValidator::isRunning() const
{
    return d->running;
}
const Result<ValidationOutcome> &ImsValidator::result() const
{
    return d->result;
}

void ImsValidator::start(const Credential &credential, const PrivateKey *key, const QUrl &imsUrl)
{
    cancel();
    d->credential = credential;
    d->imsUrl = imsUrl;
    d->secretIndex = 0;
    d->attempt = 0;
    d->outcome = ValidationOutcome{};
    d->outcome.method = credential.kind;
    d->outcome.clientId = credential.clientId;
    d->outcome.orgId = credential.orgId;
    d->running = true;
    delete d->client;
    d->client = new HttpClient(d->nam, this);
    const auto failSoon = [this](const Error &e) {
        QMetaObject::invokeMethod(
            this, [this, e] { d->finish(e); }, Qt::QueuedConnection);
    };
    if (const auto applied = d->client->setNetworkSettings(d->settings); !applied) {
        failSoon(applied.error());
        return;
    }
    if (credential.kind == CredentialKind::ServiceAccountJwt) {
        if (!key || key->isNull()) {
            failSoon(Error(
                ErrorCode::InvalidInput,
                tr("A JWT credential is validated by signing a JWT with its private key, and none was "
                   "given. If AEM generated the key pair (you uploaded AEM's public certificate to "
                   "Developer Console), the key exists only inside AEM: direct validation is impossible, "
                   "and AEM's own health check after the configuration is applied will test it.")));
            return;
        }
        // Signed once, up front: the key is not needed (nor kept) after start() returns.
        auto jwt = ServiceAccountJwt::sign(
            ServiceAccountJwt::claims(credential, imsUrl, QDateTime::currentDateTimeUtc()), *key);
        if (!jwt) {
            failSoon(jwt.error());
            return;
        }
        d->signedJwt = jwt.value();
    } else if (credential.kind != CredentialKind::OAuthServerToServer) {
        failSoon(Error(ErrorCode::InvalidInput, tr("The credential kind is unknown.")));
        return;
    }
    d->send();
}

void ImsValidator::cancel()
{
    d->retryTimer.stop();
    if (!d->running)
        return;
    if (d->job) {
        d->job->disconnect(this);
        d->job->cancel();
        d->job->deleteLater();
        d->job = nullptr;
    }
    d->finish(Error(ErrorCode::Cancelled, tr("Cancelled.")));
}

ImsProblem ImsValidator::explain(int httpStatus, const QString &error, const QString &description,
                                 CredentialKind kind, qint64 clockSkewSeconds, bool clockSkewKnown)
{
    ImsProblem p;
    p.httpStatus = httpStatus;
    p.code = error.isEmpty() ? QStringLiteral("http-%1").arg(httpStatus) : error;
    p.imsDescription = description;
    const bool jwt = kind == CredentialKind::ServiceAccountJwt;
    const QString desc = description.toLower();
    const QString skewNote =
        clockSkewKnown && qAbs(clockSkewSeconds) > 60
            ? tr(" This computer's clock is %1 seconds %2 Adobe IMS: synchronise it (NTP) and try again.")
                  .arg(qAbs(clockSkewSeconds))
                  .arg(clockSkewSeconds > 0 ? tr("ahead of") : tr("behind"))
            : QString();

    if (error == QLatin1String("invalid_client")) {
        if (desc.contains(QLatin1String("client_secret")) || httpStatus == 401) {
            p.message = tr("Adobe IMS did not accept the client secret.");
            p.remedy =
                jwt ? tr("Copy the client secret again from the JWT credential page in Developer Console "
                         "(Retrieve client secret).")
                    : tr("Copy the client secret again from the OAuth Server-to-Server credential page in "
                         "Developer Console; if it was rotated or deleted, use a current one.");
        } else if (desc.contains(QLatin1String("client_id"))) {
            p.message = tr("Adobe IMS does not know this client ID.");
            p.remedy =
                tr("Check the client ID (API key) on the credential page, and that the credential still "
                   "exists in Developer Console (a cancelled migration deletes the OAuth credential).");
        } else {
            p.message =
                jwt ? tr("Adobe IMS rejected the client: the JWT audience does not match the client ID or "
                         "this IMS host.")
                    : tr("Adobe IMS rejected the client.");
            p.remedy = tr("Check the client ID and that the IMS address is https://ims-na1.adobelogin.com.");
        }
    } else if (error == QLatin1String("unauthorized_client")) {
        p.message = tr("This credential cannot log in server-to-server (it is not an OAuth Server-to-Server "
                       "credential).");
        p.remedy = tr("Add an OAuth Server-to-Server credential with the AEM Brand Portal API to the "
                      "project, or migrate "
                      "the JWT credential, and use its values.");
    } else if (error == QLatin1String("invalid_scope")) {
        if (jwt) {
            p.message = tr("The JWT metascope does not match the APIs on this credential.");
            p.remedy =
                tr("The credential needs the AEM Brand Portal API (metascope ent_brand_portal_sdk) and the "
                   "Assets Brand Portal product profile in Developer Console.");
        } else {
            p.message = tr("Adobe IMS refused the requested scopes.");
            p.remedy =
                tr("Use exactly the scopes listed on the credential's Scopes tab. If they are right, the "
                   "credential is missing the AEM Brand Portal API or the Assets Brand Portal product "
                   "profile: add them in Developer Console.");
        }
    } else if (error == QLatin1String("invalid_token") || error == QLatin1String("invalid_signature")) {
        if (desc.contains(QLatin1String("expire")) || desc.contains(QLatin1String("exp "))) {
            p.message = tr("Adobe IMS says the JWT has expired.") + skewNote;
            p.remedy = skewNote.isEmpty() ? tr("Check this computer's date and time, then try again.")
                                          : tr("Synchronise this computer's clock, then try again.");
        } else if (desc.contains(QLatin1String("incorrectly formatted"))) {
            p.message = tr("Adobe IMS could not decode the JWT this tool built.");
            p.remedy = tr("This is a defect in bpsetup; please report it with the debug id.");
        } else {
            p.message =
                tr("The JWT signature matches no certificate on this credential, or the organization ID or "
                   "technical account ID is wrong.") +
                skewNote;
            p.remedy =
                tr("Use the private key whose certificate is uploaded to the credential, and check the "
                   "organization and technical account IDs. JWT certificates can no longer be renewed: "
                   "switch to OAuth Server-to-Server.");
        }
    } else if (error == QLatin1String("invalid_jti")) {
        p.message = tr("Adobe IMS requires a unique JWT id (jti) for this credential.");
        p.remedy = tr("This credential's binding asks for jti, which bpsetup does not send; switch to OAuth "
                      "Server-to-Server.");
    } else if (httpStatus == 429) {
        p.message = tr("Adobe IMS is throttling requests from this client.");
        p.remedy = tr("Wait a few minutes and try again.");
    } else if (httpStatus >= 500) {
        p.message =
            tr("Adobe IMS had a server error (HTTP %1) and still had it after retries.").arg(httpStatus);
        p.remedy = jwt ? tr("Try again later. If it persists, this JWT credential may already have been "
                            "converted to "
                            "OAuth Server-to-Server: use that credential instead.")
                       : tr("Try again later; Adobe status: https://status.adobe.com.");
    } else {
        p.message = tr("Adobe IMS rejected the request (HTTP %1, %2).").arg(httpStatus).arg(p.code);
        p.remedy = tr("Check every value against the credential page in Developer Console.");
    }
    return p;
}

} // namespace bp
