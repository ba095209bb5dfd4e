// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QCoreApplication>

#include "errors/Result.h"

#include <QHash>
#include <QList>
#include <QSslCertificate>
#include <QString>
#include <QUrl>

namespace bp {

// Transport settings shared by every request to AEM and IMS.
struct NetworkSettings
{
    Q_DECLARE_TR_FUNCTIONS(NetworkSettings)

public:
    QString proxyUrl; // empty: the system proxy; "none": no proxy; else http://[user:pass@]host:port
    QString caFile;   // extra PEM CA certificates, trusted in addition to the system CAs
    // Certificates the user explicitly trusted: "host:port" -> SHA-256 fingerprint (lower-case hex, no
    // colons).
    QHash<QString, QString> pinnedSha256;
    int timeoutMs = 15000; // per request: transfer timeout and overall deadline
    qint64 maxBodyBytes = 8 * 1024 * 1024;
    // All bodies one client is receiving at the same time, together: concurrent reads (detection asks eight
    // paths at once) must not multiply the cap. A client over it fails the read that crossed it.
    qint64 maxBufferedBytes = 16 * 1024 * 1024;
};

// Validates what a user typed as the AEM address: scheme http(s), a host, optional port, no path/query.
Result<QUrl> parseAemUrl(const QString &text);
// Validates a proxy URL for --proxy and the Connect page.
Result<QUrl> parseProxyUrl(const QString &text);
QString hostPortKey(const QUrl &url); // "host:port" with the scheme's default port filled in
// "https://host" or "http://host:port", exactly as the URL gives them, for messages that say what to open.
QString originText(const QUrl &url);
// The extra CA certificates of a CA file (PEM or DER, read with its cap): InvalidInput naming the file when
// it cannot be read or holds no certificate. HttpClient and the Connect page's field check both use it.
Result<QList<QSslCertificate>> loadCaFile(const QString &path);

// --timeout and the wizard's timeout: seconds as a finite number from 0.01 to 600 (InvalidInput otherwise;
// "nan", "inf", negative and absurd values included). Returns milliseconds.
Result<int> parseTimeoutSeconds(const QString &text);
constexpr int kMaxTimeoutSeconds = 600;

} // namespace bp
