// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "errors/Result.h"
#include "secrets/SecretString.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <memory>

namespace bp {

// An RSA private key for signing service-account JWTs (OpenSSL EVP_PKEY underneath). Move-only; the key
// material never leaves except through toPkcs8Pem() for saving a freshly generated key.
class PrivateKey
{
    Q_DECLARE_TR_FUNCTIONS(PrivateKey)

public:
    PrivateKey();
    PrivateKey(PrivateKey &&) noexcept;
    PrivateKey &operator=(PrivateKey &&) noexcept;
    ~PrivateKey();

    // PEM, PKCS#1 ("BEGIN RSA PRIVATE KEY") or PKCS#8 ("BEGIN PRIVATE KEY" / "BEGIN ENCRYPTED PRIVATE
    // KEY"), Windows line endings tolerated. The passphrase is used only for encrypted keys; OpenSSL never
    // prompts on a terminal. Errors (InvalidInput) say which: corrupt PEM, a certificate where a key was
    // expected, wrong or missing passphrase, not RSA, RSA under 2048 bits.
    static Result<PrivateKey> fromPem(const QByteArray &pem, const SecretString &passphrase = SecretString());

    bool isNull() const;
    int bits() const;
    // True when the certificate (PEM or DER) carries this key's public half.
    Result<bool> matchesCertificate(const QByteArray &certificate) const;
    // RSASSA-PKCS1-v1_5 with SHA-256 (JWT "RS256").
    Result<QByteArray> signSha256(const QByteArray &data) const;
    SecretString toPkcs8Pem() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

// A new key pair for upload to Developer Console: RSA 2048 and a self-signed X.509 certificate.
struct GeneratedKeyPair
{
    SecretString privateKeyPem; // PKCS#8, unencrypted (saved with mode 0600)
    QByteArray certificatePem;
    QDateTime notBefore;
    QDateTime notAfter;
    QString sha256; // certificate fingerprint, lower-case hex
};

class KeyPairGenerator
{
    Q_DECLARE_TR_FUNCTIONS(KeyPairGenerator)

public:
    // days: validity, 1..3650 (Developer Console's own pairs last 365 days).
    static Result<GeneratedKeyPair> generate(int days, const QString &commonName = QStringLiteral("bpsetup"));
};

// Facts about a certificate the user has (or is about to upload).
struct CertificateFacts
{
    QString subject;
    QDateTime notAfter;
    QString sha256;
    bool expiresWithin30Days = false;
    bool expired = false;
    static Result<CertificateFacts> fromPemOrDer(const QByteArray &data, const QDateTime &now);
};

} // namespace bp
