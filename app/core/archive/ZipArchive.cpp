// SPDX-License-Identifier: Apache-2.0
#include "archive/ZipArchive.h"

#include <zlib.h>

#include <limits>

namespace bp {

namespace {

constexpr quint32 LocalHeaderSignature = 0x04034b50;
constexpr quint32 CentralHeaderSignature = 0x02014b50;
constexpr quint32 EndSignature = 0x06054b50;
constexpr qint64 EndRecordBytes = 22;
constexpr qint64 CentralHeaderBytes = 46;
constexpr qint64 LocalHeaderBytes = 30;
constexpr qint64 MaxCommentBytes = 0xFFFF;
constexpr quint16 FlagEncrypted = 0x0001;
constexpr quint16 FlagUtf8 = 0x0800;

quint16 u16(const QByteArray &d, qint64 at)
{
    const auto *p = reinterpret_cast<const uchar *>(d.constData() + at);
    return quint16(p[0] | (p[1] << 8));
}

quint32 u32(const QByteArray &d, qint64 at)
{
    const auto *p = reinterpret_cast<const uchar *>(d.constData() + at);
    return quint32(p[0]) | (quint32(p[1]) << 8) | (quint32(p[2]) << 16) | (quint32(p[3]) << 24);
}

Error zipError(ErrorCode code, const char *id, const QString &message, const QString &detail = QString())
{
    return Error(code, message, detail).withId(QString::fromLatin1(id));
}

Error corrupt(const QString &detail)
{
    return zipError(ErrorCode::Parse, "zip-corrupt", ZipArchive::tr("The zip file is damaged or incomplete."),
                    detail);
}

Error unsupported(const QString &detail)
{
    return zipError(ErrorCode::Parse, "zip-unsupported",
                    ZipArchive::tr("The zip file uses a feature bpsetup does not read (%1).").arg(detail),
                    detail);
}

Error tooLarge(const QString &detail)
{
    return zipError(ErrorCode::TooLarge, "zip-too-large",
                    ZipArchive::tr("The zip file holds more than bpsetup reads (%1).").arg(detail), detail);
}

// The end-of-central-directory record: the last signature within the comment range whose comment length
// reaches exactly to the end of the data (a signature inside a comment does not count).
qint64 findEndRecord(const QByteArray &data)
{
    const qint64 size = data.size();
    if (size < EndRecordBytes)
        return -1;
    const qint64 lowest = std::max<qint64>(0, size - EndRecordBytes - MaxCommentBytes);
    for (qint64 at = size - EndRecordBytes; at >= lowest; --at) {
        if (u32(data, at) == EndSignature && at + EndRecordBytes + u16(data, at + 20) == size)
            return at;
    }
    return -1;
}

} // namespace

Result<ZipArchive> ZipArchive::open(QByteArray data, ZipLimits limits)
{
    const qint64 end = findEndRecord(data);
    if (end < 0) {
        // A local header at the start but no end record: a zip cut short (an interrupted download).
        if (data.size() >= 4 && u32(data, 0) == LocalHeaderSignature)
            return corrupt(QStringLiteral("no end of central directory record"));
        return zipError(ErrorCode::Parse, "not-a-zip", tr("The file is not a zip archive."));
    }
    const quint16 disk = u16(data, end + 4);
    const quint16 centralDisk = u16(data, end + 6);
    const quint16 entriesOnDisk = u16(data, end + 8);
    const quint16 entryCount = u16(data, end + 10);
    const quint32 centralBytes = u32(data, end + 12);
    const quint32 centralOffset = u32(data, end + 16);
    if (entryCount == 0xFFFF || centralBytes == 0xFFFFFFFF || centralOffset == 0xFFFFFFFF)
        return unsupported(QStringLiteral("zip64"));
    if (disk != 0 || centralDisk != 0 || entriesOnDisk != entryCount)
        return unsupported(QStringLiteral("multi-disk"));
    if (entryCount > limits.maxEntries)
        return tooLarge(tr("%1 entries, at most %2").arg(entryCount).arg(limits.maxEntries));
    if (qint64(centralOffset) + qint64(centralBytes) > end)
        return corrupt(QStringLiteral("central directory outside the file"));

    ZipArchive archive;
    archive.m_limits = limits;
    archive.m_centralDirectoryOffset = centralOffset;
    qint64 at = centralOffset;
    const qint64 centralEnd = qint64(centralOffset) + qint64(centralBytes);
    qint64 total = 0;
    for (int i = 0; i < entryCount; ++i) {
        if (at + CentralHeaderBytes > centralEnd || u32(data, at) != CentralHeaderSignature)
            return corrupt(QStringLiteral("central directory entry %1").arg(i));
        ZipEntry e;
        e.flags = u16(data, at + 8);
        e.method = u16(data, at + 10);
        e.crc32 = u32(data, at + 16);
        const quint32 compressed = u32(data, at + 20);
        const quint32 uncompressed = u32(data, at + 24);
        const quint16 nameBytes = u16(data, at + 28);
        const quint16 extraBytes = u16(data, at + 30);
        const quint16 commentBytes = u16(data, at + 32);
        const quint32 offset = u32(data, at + 42);
        if (at + CentralHeaderBytes + nameBytes + extraBytes + commentBytes > centralEnd)
            return corrupt(QStringLiteral("central directory entry %1").arg(i));
        if (compressed == 0xFFFFFFFF || uncompressed == 0xFFFFFFFF || offset == 0xFFFFFFFF)
            return unsupported(QStringLiteral("zip64"));
        const QByteArray rawName = data.mid(at + CentralHeaderBytes, nameBytes);
        if (rawName.isEmpty() || rawName.contains('\0'))
            return corrupt(QStringLiteral("entry %1 has no usable name").arg(i));
        // Without the UTF-8 flag the name is CP437; content packages use ASCII names, where both agree.
        e.name = (e.flags & FlagUtf8) ? QString::fromUtf8(rawName) : QString::fromLatin1(rawName);
        e.compressedBytes = compressed;
        e.uncompressedBytes = uncompressed;
        e.localHeaderOffset = offset;
        if (e.flags & FlagEncrypted)
            return unsupported(QStringLiteral("encryption"));
        if (e.method != 0 && e.method != 8)
            return unsupported(QStringLiteral("compression method %1").arg(e.method));
        if (e.method == 0 && e.compressedBytes != e.uncompressedBytes)
            return corrupt(QStringLiteral("stored entry %1 with two sizes").arg(e.name));
        if (e.localHeaderOffset + LocalHeaderBytes + e.compressedBytes > qint64(centralOffset))
            return corrupt(QStringLiteral("entry %1 outside the file").arg(e.name));
        if (e.uncompressedBytes > limits.maxEntryBytes)
            return tooLarge(tr("%1 is %2 bytes uncompressed, at most %3")
                                .arg(e.name)
                                .arg(e.uncompressedBytes)
                                .arg(limits.maxEntryBytes));
        total += e.uncompressedBytes;
        if (total > limits.maxTotalBytes)
            return tooLarge(tr("more than %1 bytes uncompressed").arg(limits.maxTotalBytes));
        archive.m_entries.append(e);
        at += CentralHeaderBytes + nameBytes + extraBytes + commentBytes;
    }
    archive.m_data = std::move(data);
    return archive;
}

const ZipEntry *ZipArchive::find(const QString &name) const
{
    for (const ZipEntry &e : m_entries) {
        if (e.name == name)
            return &e;
    }
    return nullptr;
}

Result<QByteArray> ZipArchive::extract(const QString &name) const
{
    const ZipEntry *e = find(name);
    if (!e)
        return zipError(ErrorCode::Parse, "zip-entry-missing", tr("The zip file has no %1.").arg(name));
    return extract(*e);
}

Result<QByteArray> ZipArchive::extract(const ZipEntry &entry) const
{
    // The local header only tells where the data starts (its own name and extra lengths); its sizes may be
    // zero (data descriptor) and are not used.
    const qint64 at = entry.localHeaderOffset;
    if (at + LocalHeaderBytes > m_centralDirectoryOffset || u32(m_data, at) != LocalHeaderSignature)
        return corrupt(QStringLiteral("local header of %1").arg(entry.name));
    const qint64 start = at + LocalHeaderBytes + u16(m_data, at + 26) + u16(m_data, at + 28);
    if (start + entry.compressedBytes > m_centralDirectoryOffset)
        return corrupt(QStringLiteral("data of %1 outside the file").arg(entry.name));
    if (entry.uncompressedBytes > m_limits.maxEntryBytes)
        return tooLarge(entry.name);

    QByteArray out;
    if (entry.method == 0) {
        out = m_data.mid(start, entry.compressedBytes);
    } else {
        // One byte more than declared: a stream that would produce more is damaged (or a bomb that lies
        // about its size), and it is stopped there.
        out.resize(entry.uncompressedBytes + 1);
        z_stream z{};
        if (inflateInit2(&z, -MAX_WBITS) != Z_OK)
            return corrupt(QStringLiteral("zlib init"));
        z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(m_data.constData() + start));
        z.avail_in = uInt(entry.compressedBytes);
        z.next_out = reinterpret_cast<Bytef *>(out.data());
        z.avail_out = uInt(out.size());
        const int rc = inflate(&z, Z_FINISH);
        const qint64 produced = qint64(z.total_out);
        inflateEnd(&z);
        if (rc != Z_STREAM_END || produced != entry.uncompressedBytes)
            return corrupt(QStringLiteral("%1 does not inflate to its declared size").arg(entry.name));
        out.resize(produced);
    }
    const quint32 crc = quint32(
        ::crc32(::crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef *>(out.constData()), uInt(out.size())));
    if (crc != entry.crc32)
        return corrupt(QStringLiteral("CRC mismatch in %1").arg(entry.name));
    return out;
}

} // namespace bp
