// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "errors/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace bp::sim {

// A certificate as the simulated Developer Console keeps it: the PEM plus what the simulator shows about it.
struct SimCertificate
{
    QByteArray pem;      // normalised PEM ("-----BEGIN CERTIFICATE-----"), whatever form was uploaded
    QString sha1;        // lower-case hex of the DER, the key of PUBLIC_KEYS_WITH_EXPIRY downloads
    QString sha256;      // lower-case hex of the DER
    QDateTime notAfter;  // UTC
    QDateTime notBefore; // UTC
};

// A throw-away RSA 2048 key pair and self-signed certificate, like the pair Developer Console's "Generate a
// key pair" hands out for a Service Account (JWT) credential.
struct SimRsaIdentity
{
    QByteArray privateKeyPem; // PKCS#8 ("-----BEGIN PRIVATE KEY-----"), unencrypted, as the console's pair
    SimCertificate certificate;
};

// OpenSSL 3 EVP helpers of the simulated IMS. Deliberately independent of app/core/crypto: the simulator is
// the reference the product's own crypto code is tested against, so it must not share its bugs.
namespace SimCrypto {
// Cryptographically random bytes (CSRF tokens, keys, IVs).
QByteArray randomBytes(int count);

// Costs ~50-100 ms (RSA key generation): call only when the key is really needed.
Result<SimRsaIdentity> generateRsaIdentity(const QString &commonName, int validDays);

// Parses one X.509 certificate (PEM, or DER as the console also accepted). Fails with InvalidInput for
// anything else and for certificates whose key is not RSA (they could never verify an RS256 JWT).
Result<SimCertificate> parseCertificate(const QByteArray &data);

// RSASSA-PKCS1-v1_5 with SHA-256 (JWS "RS256") of signingInput, checked against the certificate's public key.
bool verifyRs256(const QByteArray &certificatePem, const QByteArray &signingInput,
                 const QByteArray &signature);

} // namespace SimCrypto

} // namespace bp::sim
