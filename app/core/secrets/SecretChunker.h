// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace bp {

// Splits a secret across several keychain entries and joins it again. Pure: no keychain access, so it is
// tested on every platform even though only Windows uses it.
//
// Why: QtKeychain before 0.15 stores a Windows secret as one Credential Manager blob, which CredWrite caps at
// CRED_MAX_CREDENTIAL_BLOB_SIZE = 5 * 512 = 2560 bytes. A PEM private key (~1.7 KB for RSA-2048, ~3.3 KB for
// RSA-4096) does not fit, so larger values go to "<key>#1".."<key>#n" and "<key>" itself holds "chunks:<n>".
// Same scheme as nextcloud's KeychainChunk (src/libsync/creds/keychainchunk.h), with the count in the head.
class SecretChunker
{
public:
    // Stays well below 2560 bytes so a later change of encoding (e.g. UTF-16) still fits.
    static constexpr int kDefaultChunkBytes = 2000;
    static constexpr int kMaxChunks = 64; // 128 KB: far more than any key; bounds what a corrupt head can ask

    explicit SecretChunker(int chunkBytes = kDefaultChunkBytes)
        : m_chunkBytes(chunkBytes > 0 ? chunkBytes : 1)
    {
    }

    struct Split
    {
        QByteArray head;          // what "<key>" holds: the value itself, or "chunks:<n>"
        QList<QByteArray> chunks; // "<key>#1".."<key>#n"; empty when the value fits in the head
        void wipe();              // zero every buffer (they hold the secret)
    };

    // A value that would read back as a chunk count ("chunks:3") is chunked too, so a head is never
    // ambiguous.
    Split split(const QByteArray &value) const;

    // The number of chunks a head announces, 0 when the head is the value itself, -1 when it is corrupt
    // ("chunks:" followed by something that is not a count in 1..kMaxChunks).
    static int chunkCount(const QByteArray &head);
    static QString chunkKey(const QString &key, int index); // index is 1-based: "<key>#1"
    static QByteArray join(const QList<QByteArray> &chunks);

    int chunkBytes() const { return m_chunkBytes; }

private:
    int m_chunkBytes;
};

} // namespace bp
