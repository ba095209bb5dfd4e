// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "credentials/Credential.h"
#include "credentials/InputSniffer.h"
#include "crypto/PrivateKey.h"
#include "errors/Result.h"
#include "services/KeyMaterial.h"

#include <QDate>
#include <QDateTime>
#include <QString>

#include <optional>

namespace bp {

// The file side of entering a credential, for the wizard's Credentials page (which shows the results and
// holds no file logic of its own): what a dropped or chosen file is, its credential, the private key's state,
// the certificate's facts. Every read is bounded (BoundedFile).
namespace CredentialInput {

struct ImportedFile
{
    InputContent content = InputContent::Unknown;
    std::optional<Credential> credential; // for JSON that is a Developer Console credential
};

// Reads a file and says what it is. JSON is parsed as a credential (Parse/InvalidInput naming what was found
// when it is not one); a key or certificate is only recognised (the caller loads it as such). The buffer that
// held the file is wiped.
Result<ImportedFile> importFile(const QString &path, const QDate &today);

// A private key's state for the form: loads it as loadKeyMaterial() would, with the certificate if one is
// known. problem is empty when the key can be used.
struct KeyCheck
{
    QString problem;   // translated
    QString problemId; // key-passphrase-required, file-*, key-invalid, ...
    bool encrypted = false;
    enum class Match
    {
        Unknown,
        Matches,
        Differs
    } match = Match::Unknown;
};
KeyCheck checkKey(const KeyMaterialRequest &request, const QDateTime &nowUtc);

Result<CertificateFacts> readCertificate(const QString &path, const QDateTime &nowUtc);

// certificate_pub.crt beside a key file (how Developer Console's zip and `openssl req` leave them), or empty.
QString certificateBesideKey(const QString &keyPath);

} // namespace CredentialInput

} // namespace bp
