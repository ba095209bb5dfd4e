// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/HttpClient.h"
#include "tasks/Task.h"

#include <memory>
#include <QByteArray>
#include <QList>
#include <QPointer>
#include <QString>

namespace bp {

struct FormField
{
    QString name;
    QString value;
};
using FormFields = QList<FormField>;

struct FilePart
{
    QString field;
    QString fileName;
    QByteArray data;
    QByteArray contentType = "application/octet-stream";
};

class AemSession;

// One request to the author through a session: writes carry the CSRF token (fetched when missing, fetched
// again once on a 403, since tokens expire), 401 and login redirects become Auth errors (the password may
// have changed midway), and any other HTTP answer is a success the caller interprets. Transport failures
// (network, timeout, TLS, too large, a refused write in a dry run) fail the task with the client's error.
class AemCall : public Task
{
    Q_OBJECT
public:
    ~AemCall() override;
    const HttpResponse &response() const { return m_response; }
    int status() const { return m_response.status; }
    const QString &path() const { return m_path; }
    // A readable summary for error details ("POST /system/console/configMgr/...: HTTP 500").
    QString describe() const;

protected:
    void run() override;
    bool abort() override;

private:
    friend class AemSession;
    AemCall(AemSession *session, HttpRequest request, QString path);
    void fetchToken();
    void send();
    void onJobFinished();

    AemSession *m_session;
    HttpRequest m_request;
    QString m_path;
    HttpResponse m_response;
    QPointer<HttpJob> m_job;
    bool m_fetchingToken = false;
    bool m_retriedToken = false;
};

// The writes of one apply or rollback to one author, over one HttpClient (which counts every write and
// refuses them in a dry run).
class AemSession : public QObject
{
    Q_OBJECT
public:
    AemSession(std::unique_ptr<HttpClient> client, QUrl baseUrl, QObject *parent = nullptr);
    ~AemSession() override;

    HttpClient &client() const { return *m_client; }
    const QUrl &baseUrl() const { return m_baseUrl; }
    // pathAndQuery is as AEM expects it on the wire (already percent-encoded where needed).
    QUrl url(const QString &pathAndQuery) const;

    void setCsrfPath(const QString &path) { m_csrfPath = path; }
    const QString &csrfPath() const { return m_csrfPath; }

    AemCall *get(const QString &pathAndQuery);
    AemCall *post(const QString &pathAndQuery, const FormFields &fields);
    AemCall *postMultipart(const QString &pathAndQuery, const FormFields &fields,
                           const QList<FilePart> &files);
    AemCall *deleteResource(const QString &path);

    static QByteArray formEncode(const FormFields &fields);

    // The CSRF token in use (empty until the first write).
    const QByteArray &csrfToken() const { return m_csrfToken; }

private:
    friend class AemCall;
    AemCall *make(HttpRequest request, const QString &path);

    std::unique_ptr<HttpClient> m_client;
    QUrl m_baseUrl;
    QString m_csrfPath = QStringLiteral("/libs/granite/csrf/token.json");
    QByteArray m_csrfToken;
};

// Error helpers shared by the apply steps.
// The error for an unexpected HTTP answer to call (Http, with the status and what to check).
Error unexpectedAnswer(const AemCall &call, const QString &what);

} // namespace bp
