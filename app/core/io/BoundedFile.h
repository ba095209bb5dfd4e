// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "errors/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace bp {

// What a small input file is, for its size cap and for messages.
enum class InputFileKind
{
    Credential,  // Developer Console JSON
    PrivateKey,  // PEM
    Certificate, // PEM or DER
    CaBundle,    // PEM or DER CA certificates
    Recipe,      // detection/apply recipe JSON
    Profiles,    // profiles.json
    TrustStore,  // trusted-certificates.json
    Backup,      // backup.json of an apply
    Plan,        // a saved plan (plan --json)
    Package,     // an AEM content package zip (the OAuth compatibility hotfix)
    Report,      // a diagnose report (diagnose --json), for simulate --from-report
    Inventory,   // diagnose --inventory (CSV or JSON)
};

// The one reader for files the tool reads whole. It refuses anything that is not a regular file (a FIFO, a
// device such as /dev/zero, a directory) without blocking on it, and stops reading one byte past the cap of
// the kind, so memory is bounded by the bytes actually read, never by what QFile::size() claims (0 for pipes
// and devices).
class BoundedFile
{
public:
    static qint64 capBytes(InputFileKind kind);
    // Errors: InvalidInput (id "file-unreadable", "file-not-regular", "file-too-large") naming the file and
    // what it was expected to be.
    static Result<QByteArray> read(const QString &path, InputFileKind kind);
    // The words for the kind in messages: "credential file", "private key", ...
    static QString describe(InputFileKind kind);
    // Renames a damaged file of the tool's own (profiles, trust store) to "<path>.damaged-<time>[-n]", a name
    // that is new even for two failures in the same millisecond. Returns the new path, or empty when the
    // rename failed (the file is then still where it was).
    static QString keepDamagedAside(const QString &path, const QDateTime &nowUtc);
};

} // namespace bp
