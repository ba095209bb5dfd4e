// SPDX-License-Identifier: Apache-2.0
#include "sim/SimCredentialFiles.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace bp::sim {

namespace {

Error writeError(const QString &path, const QString &reason)
{
    Error e;
    e.code = ErrorCode::InvalidInput;
    e.userMessage =
        QCoreApplication::translate("Simulator", "Could not write \"%1\": %2. Choose a directory you "
                                                 "can write to.")
            .arg(QDir::toNativeSeparators(path), reason);
    e.detail = QStringLiteral("writeCredentialFiles: %1: %2").arg(path, reason);
    return e;
}

// Console ids are digit strings (the aio-cli-plugin-app schema requires ^[0-9]+$); derived from the tenant so
// the downloads of one tenant look the same on every run, apart from the secrets.
QString numericId(const QString &tenant, const char *salt)
{
    const QByteArray digest = QCryptographicHash::hash(QByteArray(QByteArray(salt) + ':' + tenant.toUtf8()),
                                                       QCryptographicHash::Sha256);
    quint32 n = 0;
    for (int i = 0; i < 4; ++i)
        n = (n << 8) | static_cast<quint8>(digest.at(i));
    return QString::number(10000000u + n % 90000000u);
}

bool writeFile(const QString &path, const QByteArray &data, bool secret, QString *reason)
{
    // Replace rather than overwrite: an existing file could carry wider permissions than a secret deserves.
    if (QFile::exists(path) && !QFile::remove(path)) {
        *reason = QCoreApplication::translate("Simulator", "an existing file could not be replaced");
        return false;
    }
    QFile file(path);
    const QFileDevice::Permissions permissions = secret ? (QFileDevice::ReadOwner | QFileDevice::WriteOwner)
                                                        : (QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                           QFileDevice::ReadGroup | QFileDevice::ReadOther);
    // NewOnly + permissions: the file is created with its final mode, so a secret is never readable by
    // others, not even for the moment between creating and chmod-ing it.
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, permissions) ||
        file.write(data) != data.size() || !file.flush()) {
        *reason = file.errorString();
        return false;
    }
    file.close();
    return true;
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

QJsonObject projectDownload(const SimCredentialBundle &b, const QJsonObject &credential, const char *kind)
{
    const QString projectName = QStringLiteral("bpsetupsim"); // schema: ^[a-zA-Z0-9]{0,20}$
    const QString orgNumber = numericId(b.tenant, "org");
    QJsonObject org{{QStringLiteral("id"), orgNumber},
                    {QStringLiteral("name"), QStringLiteral("bpsetup simulator organization")},
                    {QStringLiteral("ims_org_id"), b.oauth.orgId}};
    QJsonObject details{
        {QStringLiteral("credentials"), QJsonArray{credential}},
        // Brand Portal's service code in these downloads has not been observed; an empty list (valid per the
        // schema) is better than an invented code a parser might learn to rely on.
        {QStringLiteral("services"), QJsonArray{}},
        {QStringLiteral("runtime"), QJsonObject{{QStringLiteral("namespaces"), QJsonArray{}}}}};
    const QString runtimeHost = orgNumber + QLatin1Char('-') + projectName + QStringLiteral("-stage");
    QJsonObject workspace{{QStringLiteral("id"), numericId(b.tenant, kind)},
                          {QStringLiteral("name"), QStringLiteral("Stage")},
                          {QStringLiteral("title"), QStringLiteral("Stage")},
                          {QStringLiteral("action_url"), QString(QStringLiteral("https://") + runtimeHost +
                                                                 QStringLiteral(".adobeioruntime.net"))},
                          {QStringLiteral("app_url"), QString(QStringLiteral("https://") + runtimeHost +
                                                              QStringLiteral(".adobeio-static.net"))},
                          {QStringLiteral("details"), details}};
    QJsonObject project{{QStringLiteral("id"), numericId(b.tenant, "project")},
                        {QStringLiteral("name"), projectName},
                        {QStringLiteral("title"), QString(QStringLiteral("bpsetup simulator ") + b.tenant)},
                        {QStringLiteral("org"), org},
                        {QStringLiteral("workspace"), workspace}};
    return QJsonObject{{QStringLiteral("project"), project}};
}

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

} // namespace

Result<QStringList> writeSimCredentialFiles(const QString &dir, const SimCredentialBundle &b)
{
    if (!QDir().mkpath(dir))
        return writeError(dir,
                          QCoreApplication::translate("Simulator", "the directory could not be created"));
    const QDir target(dir);

    // 4.1 "Download all", OAuth Server-to-Server.
    const QJsonObject oauthBlock{{QStringLiteral("client_id"), b.oauth.clientId},
                                 {QStringLiteral("client_secrets"), toArray(b.oauth.secrets)},
                                 {QStringLiteral("technical_account_email"), b.oauth.technicalAccountEmail},
                                 {QStringLiteral("technical_account_id"), b.oauth.technicalAccountId},
                                 {QStringLiteral("scopes"), toArray(b.oauth.scopes)}};
    const QJsonObject oauthCredential{
        {QStringLiteral("id"), numericId(b.tenant, "oauth-credential")},
        {QStringLiteral("name"), QStringLiteral("OAuth Server-to-Server")},
        {QStringLiteral("integration_type"), QStringLiteral("oauth_server_to_server")},
        {QStringLiteral("oauth_server_to_server"), oauthBlock}};
    // 4.2 credential page "Download JSON", OAuth Server-to-Server.
    const QJsonObject oauthFlat{{QStringLiteral("ORG_ID"), b.oauth.orgId},
                                {QStringLiteral("CLIENT_ID"), b.oauth.clientId},
                                {QStringLiteral("CLIENT_SECRETS"), toArray(b.oauth.secrets)},
                                {QStringLiteral("SCOPES"), toArray(b.oauth.scopes)},
                                {QStringLiteral("TECHNICAL_ACCOUNT_ID"), b.oauth.technicalAccountId},
                                {QStringLiteral("TECHNICAL_ACCOUNT_EMAIL"), b.oauth.technicalAccountEmail}};

    // 4.1 "Download all", Service Account (JWT).
    const QString jwtSecret = b.jwt.secrets.value(0);
    const QJsonObject jwtBlock{{QStringLiteral("client_id"), b.jwt.clientId},
                               {QStringLiteral("client_secret"), jwtSecret},
                               {QStringLiteral("technical_account_email"), b.jwt.technicalAccountEmail},
                               {QStringLiteral("technical_account_id"), b.jwt.technicalAccountId},
                               {QStringLiteral("meta_scopes"), toArray(b.jwt.metascopes)}};
    const QJsonObject jwtCredential{{QStringLiteral("id"), numericId(b.tenant, "jwt-credential")},
                                    {QStringLiteral("name"), QStringLiteral("Service Account (JWT)")},
                                    {QStringLiteral("integration_type"), QStringLiteral("service")},
                                    {QStringLiteral("jwt"), jwtBlock}};
    // 4.2 credential page "Download JSON", JWT: the certificate's SHA-1 fingerprint -> MM/DD/YYYY expiry.
    const SimCertificate &certificate = b.jwtIdentity.certificate;
    const QJsonObject jwtFlat{{QStringLiteral("API_KEY"), b.jwt.clientId},
                              {QStringLiteral("CLIENT_SECRET"), jwtSecret},
                              {QStringLiteral("ORG_ID"), b.jwt.orgId},
                              {QStringLiteral("TECHNICAL_ACCOUNT_ID"), b.jwt.technicalAccountId},
                              {QStringLiteral("TECHNICAL_ACCOUNT_EMAIL"), b.jwt.technicalAccountEmail},
                              {QStringLiteral("PUBLIC_KEYS_WITH_EXPIRY"),
                               QJsonObject{{certificate.sha1, certificate.notAfter.toUTC().toString(
                                                                  QStringLiteral("MM/dd/yyyy"))}}}};
    // 4.4 "Generate JWT" payload; the console's tab used exp = now + 24 h.
    QJsonObject payload{{QStringLiteral("exp"), QDateTime::currentSecsSinceEpoch() + 24 * 3600},
                        {QStringLiteral("iss"), b.jwt.orgId},
                        {QStringLiteral("sub"), b.jwt.technicalAccountId},
                        {QStringLiteral("aud"), QString(b.imsBase + QStringLiteral("/c/") + b.jwt.clientId)}};
    for (const QString &metascope : b.jwt.metascopes)
        payload.insert(b.imsBase + QStringLiteral("/s/") + metascope, true);

    struct Output
    {
        const char *name;
        QByteArray data;
        bool secret;
    };
    const Output outputs[] = {
        {"oauth-s2s-project.json", json(projectDownload(b, oauthCredential, "oauth-workspace")), true},
        {"oauth-s2s-credential.json", json(oauthFlat), true},
        {"jwt-project.json", json(projectDownload(b, jwtCredential, "jwt-workspace")), true},
        {"jwt-credential.json", json(jwtFlat), true},
        {"jwt-payload.json", json(payload), false},
        {"private.key", b.jwtIdentity.privateKeyPem, true},
        {"certificate_pub.crt", certificate.pem, false},
    };
    QStringList written;
    for (const Output &o : outputs) {
        const QString path = target.filePath(QString::fromLatin1(o.name));
        QString reason;
        if (!writeFile(path, o.data, o.secret, &reason))
            return writeError(path, reason);
        written << path;
    }
    return written;
}

} // namespace bp::sim
