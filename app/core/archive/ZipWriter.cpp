// SPDX-License-Identifier: Apache-2.0
#include "archive/ZipWriter.h"

#include <zlib.h>

namespace bp {

namespace {

constexpr quint16 DosDate1980 = (0 << 9) | (1 << 5) | 1; // 1980-01-01
constexpr quint16 FlagDataDescriptor = 0x0008;
constexpr quint16 FlagUtf8 = 0x0800;

void put16(QByteArray &out, quint32 v)
{
    out.append(char(v & 0xFF));
    out.append(char((v >> 8) & 0xFF));
}

void put32(QByteArray &out, quint32 v)
{
    put16(out, v & 0xFFFF);
    put16(out, v >> 16);
}

QByteArray rawDeflate(const QByteArray &data)
{
    z_stream z{};
    deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    QByteArray out;
    out.resize(int(deflateBound(&z, uLong(data.size()))));
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    z.avail_in = uInt(data.size());
    z.next_out = reinterpret_cast<Bytef *>(out.data());
    z.avail_out = uInt(out.size());
    deflate(&z, Z_FINISH);
    out.resize(qsizetype(z.total_out));
    deflateEnd(&z);
    return out;
}

} // namespace

void ZipWriter::addFile(const QString &name, const QByteArray &data, Method method, bool dataDescriptor)
{
    Item item;
    item.name = name.toUtf8();
    item.method = method == Method::Deflate ? 8 : 0;
    item.flags = quint16(FlagUtf8 | (dataDescriptor ? FlagDataDescriptor : 0));
    item.crc = quint32(::crc32(::crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef *>(data.constData()),
                               uInt(data.size())));
    item.payload = method == Method::Deflate ? rawDeflate(data) : data;
    item.size = data.size();
    m_items.append(item);
}

void ZipWriter::addDirectory(const QString &name)
{
    addFile(name.endsWith(QLatin1Char('/')) ? name : name + QLatin1Char('/'), QByteArray());
}

QByteArray ZipWriter::finish() const
{
    QByteArray out;
    QList<quint32> offsets;
    for (const Item &item : m_items) {
        const bool descriptor = item.flags & FlagDataDescriptor;
        offsets.append(quint32(out.size()));
        put32(out, 0x04034b50);
        put16(out, 20); // version needed: 2.0 (deflate)
        put16(out, item.flags);
        put16(out, item.method);
        put16(out, 0); // time
        put16(out, DosDate1980);
        put32(out, descriptor ? 0 : item.crc);
        put32(out, descriptor ? 0 : quint32(item.payload.size()));
        put32(out, descriptor ? 0 : quint32(item.size));
        put16(out, quint32(item.name.size()));
        put16(out, 0); // extra
        out += item.name;
        out += item.payload;
        if (descriptor) {
            put32(out, 0x08074b50);
            put32(out, item.crc);
            put32(out, quint32(item.payload.size()));
            put32(out, quint32(item.size));
        }
    }
    const quint32 centralOffset = quint32(out.size());
    for (int i = 0; i < m_items.size(); ++i) {
        const Item &item = m_items.at(i);
        put32(out, 0x02014b50);
        put16(out, 0x0314); // made by: Unix, 2.0
        put16(out, 20);
        put16(out, item.flags);
        put16(out, item.method);
        put16(out, 0);
        put16(out, DosDate1980);
        put32(out, item.crc);
        put32(out, quint32(item.payload.size()));
        put32(out, quint32(item.size));
        put16(out, quint32(item.name.size()));
        put16(out, 0); // extra
        put16(out, 0); // comment
        put16(out, 0); // disk
        put16(out, 0); // internal attributes
        put32(out, item.name.endsWith('/') ? (040755u << 16) | 0x10 : (0100644u << 16));
        put32(out, offsets.at(i));
        out += item.name;
    }
    const quint32 centralBytes = quint32(out.size()) - centralOffset;
    put32(out, 0x06054b50);
    put16(out, 0);
    put16(out, 0);
    put16(out, quint32(m_items.size()));
    put16(out, quint32(m_items.size()));
    put32(out, centralBytes);
    put32(out, centralOffset);
    put16(out, 0); // comment
    return out;
}

} // namespace bp
