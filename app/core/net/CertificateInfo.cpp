// SPDX-License-Identifier: Apache-2.0
#include "net/CertificateInfo.h"

#include <QCryptographicHash>

namespace bp {

QString CertificateInfo::fingerprintSha256(const QSslCertificate &cert)
{
    return QString::fromLatin1(cert.digest(QCryptographicHash::Sha256).toHex());
}

QString CertificateInfo::displayFingerprint(const QString &hex)
{
    QStringList pairs;
    for (int i = 0; i + 1 < hex.size(); i += 2)
        pairs << hex.mid(i, 2).toUpper();
    return pairs.join(QLatin1Char(':'));
}

CertificateInfo CertificateInfo::from(const QSslCertificate &cert, const QList<QSslError> &errors,
                                      const QString &host)
{
    CertificateInfo info;
    if (cert.isNull())
        return info;
    info.host = host;
    info.subject = cert.subjectDisplayName();
    if (info.subject.isEmpty())
        info.subject = cert.subjectInfo(QSslCertificate::CommonName).join(QLatin1String(", "));
    info.issuer = cert.issuerDisplayName();
    info.sha256 = fingerprintSha256(cert);
    info.sha256Display = displayFingerprint(info.sha256);
    info.notBefore = cert.effectiveDate();
    info.notAfter = cert.expiryDate();
    info.selfSigned = cert.isSelfSigned();
    info.pem = cert.toPem();
    for (const QSslError &e : errors)
        info.problems << e.errorString();
    info.problems.removeDuplicates();
    return info;
}

} // namespace bp
