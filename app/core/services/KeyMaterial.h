// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "crypto/PrivateKey.h"
#include "errors/Result.h"
#include "secrets/SecretString.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace bp {

// Where a JWT credential's private key comes from: a file the user chose, or a PEM held in the keychain (a
// saved connection). The file wins when both are given.
struct KeyMaterialRequest
{
    QString keyPath;
    SecretString keyPem;
    SecretString passphrase;
    QString certificatePath; // optional: the certificate uploaded to the credential
};

struct KeyMaterial
{
    PrivateKey key;
    SecretString pem; // the key as read, for storing in the keychain
    bool encrypted = false;
    std::optional<CertificateFacts> certificate;
    bool certificateMatches = false; // only meaningful with a certificate
};

// The one loader of key material for the wizard and the CLI: the key file read with its cap (never through
// QFile::size()), a certificate where a key was expected said so, the passphrase applied, the certificate
// checked against the key and for expiry. Errors are InvalidInput with ids: file-*, not-a-private-key,
// key-passphrase-required, key-passphrase-wrong, key-invalid, certificate-invalid, key-certificate-mismatch.
// Buffers that held the PEM are wiped; the only copy left is KeyMaterial::pem.
Result<KeyMaterial> loadKeyMaterial(const KeyMaterialRequest &request, const QDateTime &nowUtc);

// Whether a key needs a passphrase, without loading it (for showing the passphrase field).
Result<bool> keyNeedsPassphrase(const KeyMaterialRequest &request);

} // namespace bp
