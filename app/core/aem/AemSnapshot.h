// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "errors/Error.h"
#include "net/CertificateInfo.h"
#include "net/HttpClient.h"

#include <QHash>
#include <QMap>
#include <QString>
#include <QUrl>

namespace bp {

// What one read of an AEM path brought back: an HTTP answer (any status), or the error that kept it from
// arriving.
struct SnapshotAnswer
{
    HttpResponse response;
    Error error;

    bool answered() const { return error.code == ErrorCode::None; }
    int status() const { return answered() ? response.status : 0; }
    bool isOk() const { return status() == 200; }
};

// The raw answers of one detection run, by request path (with query), exactly as they came. Classifiers are
// pure functions of it, so tests feed them recorded or hand-made snapshots and diagnose can keep one.
struct AemSnapshot
{
    QUrl baseUrl;
    QMap<QString, SnapshotAnswer> answers;
    CertificateInfo untrustedCertificate; // set when a read failed because the certificate is not trusted
    // host:port -> pinned fingerprint that was used for an answer (TLS errors overridden by explicit trust)
    QHash<QString, QString> pinsUsed;
    int requestCount = 0;

    const SnapshotAnswer *find(const QString &path) const
    {
        const auto it = answers.constFind(path);
        return it == answers.constEnd() ? nullptr : &it.value();
    }
};

} // namespace bp
