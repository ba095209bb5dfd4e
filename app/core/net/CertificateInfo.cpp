// SPDX-License-Identifier: Apache-2.0
#include "net/CertificateInfo.h"

#include <QCoreApplication>
#include <QCryptographicHash>

namespace bp {

namespace {
// One translation context for the file, spelled the same for lupdate and at run time.
class Text
{
    Q_DECLARE_TR_FUNCTIONS(bp::CertificateInfo)
};
} // namespace

QString CertificateInfo::fingerprintSha256(const QSslCertificate &cert)
{
    return QString::fromLatin1(cert.digest(QCryptographicHash::Sha256).toHex());
}

QString CertificateInfo::displayFingerprint(const QString &hex)
{
    QString digits;
    digits.reserve(hex.size());
    for (const QChar c : hex) {
        if (c.isLetterOrNumber())
            digits += c.toLower();
    }
    QStringList pairs;
    for (int i = 0; i + 1 < digits.size(); i += 2)
        pairs << digits.mid(i, 2);
    return pairs.join(QLatin1Char(':'));
}

QString CertificateInfo::displayTime(const QDateTime &when)
{
    if (!when.isValid())
        return Text::tr("unknown");
    return Text::tr("%1 UTC").arg(when.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
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
