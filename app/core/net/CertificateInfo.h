// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/PeerKind.h"

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
    QString host;                    // host:port it was presented for
    PeerKind peer = PeerKind::Other; // who was asked: AEM, Adobe IMS (or a proxy standing in for it)
    QString subject;
    QString issuer;
    QString
        sha256; // lower-case hex, no separators (the pin and JSON format); show it with displayFingerprint()
    QDateTime notBefore;
    QDateTime notAfter;
    bool selfSigned = false;
    QStringList problems; // translated QSslError strings
    QByteArray pem;

    bool isNull() const { return sha256.isEmpty(); }
    static CertificateInfo from(const QSslCertificate &cert, const QList<QSslError> &errors,
                                const QString &host);
    static QString fingerprintSha256(const QSslCertificate &cert);
    // The one way a fingerprint is shown to people, in the wizard and the CLI: lower-case hex pairs joined by
    // colons ("ab:cd:…"), as openssl and browsers print them. Any case and separators in, that form out.
    static QString displayFingerprint(const QString &hex);
    // The one way a certificate's date is shown: "2027-03-01 12:00 UTC", always in UTC and saying so (the
    // CLI's output is pasted into tickets read in other time zones). "unknown" for an invalid date.
    static QString displayTime(const QDateTime &when);
};

} // namespace bp
