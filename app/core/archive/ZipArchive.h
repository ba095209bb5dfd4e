// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "errors/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

namespace bp {

// One file (or folder) of a zip, as its central directory describes it.
struct ZipEntry
{
    QString name;       // as stored: '/'-separated, a trailing '/' for folders
    quint16 method = 0; // 0 stored, 8 deflate
    quint16 flags = 0;
    quint32 crc32 = 0;
    qint64 compressedBytes = 0;
    qint64 uncompressedBytes = 0;
    qint64 localHeaderOffset = 0;

    bool isDirectory() const { return name.endsWith(QLatin1Char('/')); }
};

// Bounds of what a zip may hold: it comes from the user or from a server and is extracted into memory.
struct ZipLimits
{
    int maxEntries = 10000;
    qint64 maxEntryBytes = 64 * 1024 * 1024;  // uncompressed, per entry
    qint64 maxTotalBytes = 256 * 1024 * 1024; // uncompressed, all entries together
};

// Reads a zip held in memory: the central directory on open, entries on demand (stored, or deflate through
// zlib). Sizes and CRCs come from the central directory only, so entries written with a data descriptor
// (sizes 0 in the local header, as Java's ZipOutputStream writes them) are read correctly. Inflation never
// produces more than the declared size, and the declared sizes are capped by the limits, so a zip bomb
// costs at most the limits' memory. Zip64, multi-disk and encrypted archives are refused.
// Errors: Parse with id "not-a-zip" (no zip structure at all), "zip-corrupt" (truncated, inconsistent,
// bad CRC), "zip-unsupported" (zip64, encryption, another method); TooLarge "zip-too-large" (above limits).
class ZipArchive
{
    Q_DECLARE_TR_FUNCTIONS(ZipArchive)
public:
    static Result<ZipArchive> open(QByteArray data, ZipLimits limits = ZipLimits());

    const QList<ZipEntry> &entries() const { return m_entries; }
    // The entry of that exact name, or null.
    const ZipEntry *find(const QString &name) const;
    Result<QByteArray> extract(const ZipEntry &entry) const;
    // Error "zip-entry-missing" (Parse) when there is no such entry.
    Result<QByteArray> extract(const QString &name) const;

private:
    QByteArray m_data;
    ZipLimits m_limits;
    qint64 m_centralDirectoryOffset = 0;
    QList<ZipEntry> m_entries;
};

} // namespace bp
