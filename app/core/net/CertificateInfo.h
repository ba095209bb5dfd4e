// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDateTime>
#include <QList>
#include <QSslCertificate>
#include <QSslError>
#include <QString>
#include <QStringList>

namespace bp {

// What the user needs to see before trusting a server certificate.
struct CertificateInfo
{
    QString host; // host:port it was presented for
    QString subject;
    QString issuer;
    QString sha256;        // lower-case hex, no separators (the pin format)
    QString sha256Display; // AA:BB:... for people
    QDateTime notBefore;
    QDateTime notAfter;
    bool selfSigned = false;
    QStringList problems; // translated QSslError strings
    QByteArray pem;

    bool isNull() const { return sha256.isEmpty(); }
    static CertificateInfo from(const QSslCertificate &cert, const QList<QSslError> &errors,
                                const QString &host);
    static QString fingerprintSha256(const QSslCertificate &cert);
    static QString displayFingerprint(const QString &hex);
};

} // namespace bp
