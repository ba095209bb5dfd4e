// SPDX-License-Identifier: Apache-2.0
#include "credentials/InputSniffer.h"

#include <QFileInfo>

namespace bp {

InputContent sniffInput(const QByteArray &data, const QString &fileName)
{
    const QByteArray trimmed = data.trimmed();
    if (trimmed.startsWith('{'))
        return InputContent::Json;
    if (trimmed.contains("-----BEGIN") && trimmed.contains("PRIVATE KEY-----") &&
        !trimmed.contains("OPENSSH PRIVATE KEY"))
        return InputContent::PrivateKeyPem;
    if (trimmed.contains("-----BEGIN CERTIFICATE-----"))
        return InputContent::CertificatePem;
    if (trimmed.contains("-----BEGIN"))
        return InputContent::OtherPem;
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    // DER has no text marker; trust the extension only for binary content starting with a SEQUENCE.
    if ((suffix == QLatin1String("crt") || suffix == QLatin1String("cer") ||
         suffix == QLatin1String("der")) &&
        data.startsWith('\x30'))
        return InputContent::CertificateDer;
    return InputContent::Unknown;
}

bool isEncryptedPrivateKeyPem(const QByteArray &data)
{
    return data.contains("BEGIN ENCRYPTED PRIVATE KEY") || data.contains("Proc-Type: 4,ENCRYPTED");
}

} // namespace bp
