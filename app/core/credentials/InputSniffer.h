// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

namespace bp {

// What a file the user hands over really is, by its content (file names lie): the wizard's drop target and
// file chooser and the CLI's --credentials / --private-key / --certificate all decide the same way.
enum class InputContent
{
    Json,           // a JSON object: a Developer Console download, maybe
    PrivateKeyPem,  // BEGIN PRIVATE KEY / RSA PRIVATE KEY / ENCRYPTED PRIVATE KEY
    CertificatePem, // BEGIN CERTIFICATE
    CertificateDer, // binary X.509 (an ASN.1 SEQUENCE) with a certificate extension
    OtherPem,       // a PEM block of another kind (public key, OpenSSH key, ...)
    Unknown
};

InputContent sniffInput(const QByteArray &data, const QString &fileName = QString());
bool isEncryptedPrivateKeyPem(const QByteArray &data);

} // namespace bp
