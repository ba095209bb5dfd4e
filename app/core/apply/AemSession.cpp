// SPDX-License-Identifier: Apache-2.0
#include "apply/AemSession.h"

#include "aem/AemParsers.h"
#include "i18n/DisplayFormat.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QUrlQuery>

namespace bp {

namespace {

bool isLoginAnswer(const HttpResponse &response)
{
    return response.isRedirect() && parsers::isLoginRedirect(response.redirectTarget());
}

} // namespace

AemCall::AemCall(AemSession *session, HttpRequest request, QString path)
    : Task(session), m_session(session), m_request(std::move(request)), m_path(std::move(path))
{
}

AemCall::~AemCall() = default;

QString AemCall::describe() const
{
    return QString::fromLatin1(m_request.method) + QLatin1Char(' ') + m_path +
           (m_response.status ? QStringLiteral(": HTTP ") + QString::number(m_response.status) : QString());
}

void AemCall::run()
{
    if (HttpClient::isWriteMethod(m_request.method) && m_session->m_csrfToken.isEmpty() &&
        m_session->client().writePolicy() == WritePolicy::Allow) {
        fetchToken();
        return;
    }
    send();
}

bool AemCall::abort()
{
    if (m_job)
        m_job->cancel();
    return false;
}

void AemCall::fetchToken()
{
    m_fetchingToken = true;
    m_job = m_session->client().get(m_session->url(m_session->m_csrfPath));
    connect(m_job, &Task::finished, this, &AemCall::onJobFinished);
    m_job->start();
}

void AemCall::send()
{
    m_fetchingToken = false;
    HttpRequest request = m_request;
    if (HttpClient::isWriteMethod(request.method) && !m_session->m_csrfToken.isEmpty())
        request.headers.append({QByteArrayLiteral("CSRF-Token"), m_session->m_csrfToken});
    m_job = m_session->client().createJob(std::move(request));
    connect(m_job, &Task::finished, this, &AemCall::onJobFinished);
    m_job->start();
}

void AemCall::onJobFinished()
{
    HttpJob *job = m_job;
    if (!job || !isRunning())
        return;
    m_job.clear();
    job->deleteLater();
    if (!job->succeeded()) {
        fail(job->error());
        return;
    }
    const HttpResponse &response = job->response();
    if (response.status == 401 || isLoginAnswer(response)) {
        fail(
            Error(ErrorCode::Auth, tr("AEM no longer accepts the user name and password."),
                  describe() + QStringLiteral(": HTTP ") + QString::number(response.status), response.status)
                .withId(QStringLiteral("aem-auth"))
                .withRemedy(tr("Check the AEM password (it may have been changed while bpsetup was working), "
                               "then run the command again; what was already written is in the backup.")));
        return;
    }
    if (m_fetchingToken) {
        const QJsonObject json = QJsonDocument::fromJson(response.body).object();
        const QByteArray token = json.value(QStringLiteral("token")).toString().toUtf8();
        if (response.status != 200 || token.isEmpty()) {
            fail(
                Error(ErrorCode::Http,
                      response.status == 200
                          ? tr("AEM did not hand out a CSRF token, so it cannot be changed.")
                          : tr("AEM did not hand out a CSRF token (it answered %1), so it cannot be changed.")
                                .arg(httpStatusText(response.status)),
                      QStringLiteral("GET ") + m_session->m_csrfPath + QStringLiteral(": HTTP ") +
                          QString::number(response.status),
                      response.status)
                    .withId(QStringLiteral("aem-csrf"))
                    .withRemedy(tr("Allow %1 in the dispatcher and pass the CSRF-Token header through, or "
                                   "connect to the author directly.")
                                    .arg(m_session->m_csrfPath)));
            return;
        }
        m_session->m_csrfToken = token;
        send();
        return;
    }
    if (response.status == 403 && HttpClient::isWriteMethod(m_request.method) && !m_retriedToken) {
        // CSRF tokens expire (and AEM answers an expired one with 403): fetch a new one, once.
        m_retriedToken = true;
        m_session->m_csrfToken.clear();
        fetchToken();
        return;
    }
    m_response = response;
    succeed();
}

AemSession::AemSession(std::unique_ptr<HttpClient> client, QUrl baseUrl, QObject *parent)
    : QObject(parent), m_client(std::move(client)), m_baseUrl(std::move(baseUrl))
{
}

AemSession::~AemSession() = default;

QUrl AemSession::url(const QString &pathAndQuery) const
{
    QUrl base = m_baseUrl;
    QString prefix = base.path();
    if (prefix.endsWith(QLatin1Char('/')))
        prefix.chop(1);
    const qsizetype q = pathAndQuery.indexOf(QLatin1Char('?'));
    const QString path = q < 0 ? pathAndQuery : pathAndQuery.left(q);
    base.setPath(prefix + path, QUrl::TolerantMode);
    if (q >= 0)
        base.setQuery(pathAndQuery.mid(q + 1), QUrl::TolerantMode);
    else
        base.setQuery(QString());
    return base;
}

QByteArray AemSession::formEncode(const FormFields &fields)
{
    QByteArray body;
    for (const FormField &f : fields) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(f.name) + '=' + QUrl::toPercentEncoding(f.value);
    }
    return body;
}

AemCall *AemSession::make(HttpRequest request, const QString &path)
{
    return new AemCall(this, std::move(request), path);
}

AemCall *AemSession::get(const QString &pathAndQuery)
{
    HttpRequest r;
    r.url = url(pathAndQuery);
    return make(std::move(r), pathAndQuery);
}

AemCall *AemSession::post(const QString &pathAndQuery, const FormFields &fields)
{
    HttpRequest r;
    r.method = "POST";
    r.url = url(pathAndQuery);
    r.headers.append(
        {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-www-form-urlencoded")});
    r.body = formEncode(fields);
    return make(std::move(r), pathAndQuery);
}

AemCall *AemSession::postMultipart(const QString &pathAndQuery, const FormFields &fields,
                                   const QList<FilePart> &files)
{
    QByteArray boundary = "----bpsetup";
    for (int i = 0; i < 4; ++i)
        boundary += QByteArray::number(QRandomGenerator::global()->generate(), 16);
    QByteArray body;
    for (const FormField &f : fields) {
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.name.toUtf8() +
                "\"\r\n\r\n" + f.value.toUtf8() + "\r\n";
    }
    for (const FilePart &f : files) {
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.field.toUtf8() +
                "\"; filename=\"" + f.fileName.toUtf8() + "\"\r\nContent-Type: " + f.contentType +
                "\r\n\r\n" + f.data + "\r\n";
    }
    body += "--" + boundary + "--\r\n";
    HttpRequest r;
    r.method = "POST";
    r.url = url(pathAndQuery);
    r.headers.append({QByteArrayLiteral("Content-Type"), "multipart/form-data; boundary=" + boundary});
    r.body = body;
    return make(std::move(r), pathAndQuery);
}

AemCall *AemSession::deleteResource(const QString &path)
{
    HttpRequest r;
    r.method = "DELETE";
    r.url = url(path);
    return make(std::move(r), path);
}

Error unexpectedAnswer(const AemCall &call, const QString &what)
{
    const int status = call.status();
    Error e(
        ErrorCode::Http,
        QCoreApplication::translate("AemSession", "%1: AEM answered %2.").arg(what, httpStatusText(status)),
        call.describe(), status, status >= 500);
    e.id = QStringLiteral("aem-http-") + QString::number(status);
    if (status == 404)
        e.remedy = QCoreApplication::translate(
                       "AemSession",
                       "AEM or a dispatcher in front of it does not offer %1: allow it, or connect to the "
                       "author directly.")
                       .arg(call.path().section(QLatin1Char('?'), 0, 0));
    else if (status == 403)
        e.remedy = QCoreApplication::translate(
                       "AemSession", "The AEM user needs write access to %1 (use an administrator).")
                       .arg(call.path().section(QLatin1Char('?'), 0, 0));
    else
        e.remedy = QCoreApplication::translate("AemSession",
                                               "Look at AEM's error.log for this request, then run again.");
    return e;
}

} // namespace bp
