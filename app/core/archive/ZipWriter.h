// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace bp {

// Writes a small zip in memory (what tests and the simulator need to make content packages). Entries are
// stored, or deflated through zlib; a data descriptor can be asked for, to write entries the way streaming
// writers do (zero sizes in the local header). Times are fixed (1980-01-01) so the output is reproducible.
class ZipWriter
{
public:
    enum class Method
    {
        Stored,
        Deflate
    };

    void addFile(const QString &name, const QByteArray &data, Method method = Method::Stored,
                 bool dataDescriptor = false);
    void addDirectory(const QString &name); // a trailing '/' is added when missing
    // The archive: local entries, central directory, end record.
    QByteArray finish() const;

private:
    struct Item
    {
        QByteArray name;
        quint16 method = 0;
        quint16 flags = 0;
        quint32 crc = 0;
        QByteArray payload; // as written (compressed for deflate)
        qint64 size = 0;    // uncompressed
    };
    QList<Item> m_items;
};

} // namespace bp
