// SPDX-License-Identifier: Apache-2.0
#include "secrets/SecretChunker.h"

namespace bp {

namespace {
const QByteArray kPrefix = QByteArrayLiteral("chunks:");
} // namespace

namespace {
// A buffer shared with another QByteArray is only released: fill() would detach and zero a fresh copy.
void wipeBuffer(QByteArray &bytes)
{
    if (!bytes.isEmpty() && bytes.isDetached())
        bytes.fill('\0');
    bytes.clear();
}
} // namespace

void SecretChunker::Split::wipe()
{
    wipeBuffer(head);
    for (QByteArray &chunk : chunks)
        wipeBuffer(chunk);
    chunks.clear();
}

SecretChunker::Split SecretChunker::split(const QByteArray &value) const
{
    Split result;
    if (value.size() <= m_chunkBytes && !value.startsWith(kPrefix)) {
        result.head = value;
        return result;
    }
    for (qsizetype offset = 0; offset < value.size(); offset += m_chunkBytes)
        result.chunks.append(value.mid(offset, m_chunkBytes));
    result.head = kPrefix + QByteArray::number(result.chunks.size());
    return result;
}

int SecretChunker::chunkCount(const QByteArray &head)
{
    if (!head.startsWith(kPrefix))
        return 0;
    const QByteArray digits = head.mid(kPrefix.size());
    bool ok = false;
    const int count = digits.toInt(&ok);
    // Strict digits only: "chunks:+3" or "chunks: 3" are not something split() writes.
    if (!ok || digits.isEmpty() || digits.front() < '1' || digits.front() > '9' || count > kMaxChunks)
        return -1;
    for (const char c : digits) {
        if (c < '0' || c > '9')
            return -1;
    }
    return count;
}

QString SecretChunker::chunkKey(const QString &key, int index)
{
    return key + QLatin1Char('#') + QString::number(index);
}

QByteArray SecretChunker::join(const QList<QByteArray> &chunks)
{
    qsizetype total = 0;
    for (const QByteArray &chunk : chunks)
        total += chunk.size();
    QByteArray value;
    // One allocation, so no partially filled copies of the secret are left behind in freed memory.
    value.reserve(total);
    for (const QByteArray &chunk : chunks)
        value.append(chunk);
    return value;
}

} // namespace bp
