// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "crypto/PrivateKey.h"
#include "errors/Result.h"

#include <QString>

namespace bp {

struct KeyPairPaths
{
    QString privateKey;
    QString certificate;

    // private.key and certificate_pub.crt in a folder (what `keygen --out DIR` writes).
    static KeyPairPaths inFolder(const QString &dir);
    // The certificate next to a chosen key file: private.key → certificate_pub.crt, name.key → name.crt.
    static KeyPairPaths forKeyFile(const QString &keyPath);
};

// The one writer of a generated key pair, for `bpsetup keygen` and the wizard's key-pair dialog: both files
// or neither. The key is created fresh with mode 0600 before any byte is written (a replaced file would keep
// its old, maybe readable, mode), unbuffered so no copy stays in a buffer; the certificate follows; when the
// certificate cannot be written the key is removed again, since a key without its certificate is no use
// and would block the next run. An existing file is refused (InvalidInput "key-pair-exists") unless
// replaceExisting. Other failures: Storage.
Result<bool> writeKeyPair(const KeyPairPaths &paths, const GeneratedKeyPair &pair, bool replaceExisting);

} // namespace bp
