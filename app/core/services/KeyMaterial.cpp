// SPDX-License-Identifier: Apache-2.0
#include "services/KeyMaterial.h"

#include "credentials/InputSniffer.h"
#include "io/BoundedFile.h"
#include "net/CertificateInfo.h"

#include <QCoreApplication>
#include <QDir>

namespace bp {

namespace {

// One translation context for the file, spelled the same for lupdate and at run time.
class Text
{
    Q_DECLARE_TR_FUNCTIONS(bp::KeyMaterial)
};

Result<SecretString> keyText(const KeyMaterialRequest &request)
{
    if (request.keyPath.isEmpty())
        return request.keyPem;
    auto read = BoundedFile::read(request.keyPath, InputFileKind::PrivateKey);
    if (!read)
        return read.error();
    SecretString pem = SecretString::fromUtf8(read.value());
    read.value().fill('\0');
    return pem;
}

} // namespace

Result<bool> keyNeedsPassphrase(const KeyMaterialRequest &request)
{
    const auto pem = keyText(request);
    if (!pem)
        return pem.error();
    return isEncryptedPrivateKeyPem(pem.value().revealUtf8());
}

Result<KeyMaterial> loadKeyMaterial(const KeyMaterialRequest &request, const QDateTime &nowUtc)
{
    const auto pem = keyText(request);
    if (!pem)
        return pem.error();
    const QByteArray &bytes = pem.value().revealUtf8();
    if (sniffInput(bytes) == InputContent::Json)
        return Error(ErrorCode::InvalidInput,
                     Text::tr("%1 is a JSON file, not a private key: the credential file goes elsewhere (the "
                              "private key "
                              "is private.key, made together with the certificate).")
                         .arg(request.keyPath.isEmpty() ? Text::tr("The key")
                                                        : QDir::toNativeSeparators(request.keyPath)))
            .withId(QStringLiteral("not-a-private-key"));
    KeyMaterial material;
    material.encrypted = isEncryptedPrivateKeyPem(bytes);
    auto key = PrivateKey::fromPem(bytes, request.passphrase);
    if (!key)
        return key.error();
    material.key = std::move(key.value());
    material.pem = pem.value();
    if (request.certificatePath.isEmpty())
        return Result<KeyMaterial>(std::move(material));

    const auto certificate = BoundedFile::read(request.certificatePath, InputFileKind::Certificate);
    if (!certificate)
        return Error(certificate.error()).withId(QStringLiteral("certificate-invalid"));
    auto facts = CertificateFacts::fromPemOrDer(certificate.value(), nowUtc);
    if (!facts)
        return Error(facts.error()).withId(QStringLiteral("certificate-invalid"));
    const auto matches = material.key.matchesCertificate(certificate.value());
    if (!matches)
        return Error(matches.error()).withId(QStringLiteral("certificate-invalid"));
    if (!matches.value())
        return Error(
                   ErrorCode::InvalidInput,
                   Text::tr("The private key does not belong to the certificate %1 (SHA-256 %2). Use the key "
                            "that was "
                            "generated together with the uploaded certificate.")
                       .arg(QDir::toNativeSeparators(request.certificatePath),
                            CertificateInfo::displayFingerprint(facts.value().sha256)))
            .withId(QStringLiteral("key-certificate-mismatch"));
    material.certificate = facts.value();
    material.certificateMatches = true;
    return Result<KeyMaterial>(std::move(material));
}

} // namespace bp
