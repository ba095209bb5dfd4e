// SPDX-License-Identifier: Apache-2.0
#include "cli/TerminalSafeDevice.h"

#include <QFileDevice>

namespace bp::cli {

namespace {
QByteArray hexEscape(const char *prefix, unsigned value, int digits)
{
    return QByteArray(prefix) + QByteArray::number(value, 16).rightJustified(digits, '0');
}
} // namespace

TerminalSafeDevice::TerminalSafeDevice(QIODevice *target, QObject *parent)
    : QIODevice(parent), m_target(target)
{
    open(QIODevice::WriteOnly | QIODevice::Unbuffered);
}

QByteArray TerminalSafeDevice::escape(const QByteArray &utf8)
{
    QByteArray out;
    out.reserve(utf8.size());
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const auto c = static_cast<unsigned char>(utf8.at(i));
        if (c == '\n' || c == '\t') {
            out += char(c);
        } else if (c == 0) {
            out += "\\0";
        } else if (c < 0x20 || c == 0x7f) {
            out += hexEscape("\\x", c, 2);
        } else if (c == 0xc2 && i + 1 < utf8.size() && static_cast<unsigned char>(utf8.at(i + 1)) >= 0x80 &&
                   static_cast<unsigned char>(utf8.at(i + 1)) <= 0x9f) {
            // C1 controls (U+0080..U+009F) include CSI, which terminals honour like ESC [.
            out += hexEscape("\\u", static_cast<unsigned char>(utf8.at(i + 1)), 4);
            ++i;
        } else {
            out += char(c);
        }
    }
    return out;
}

qint64 TerminalSafeDevice::writeData(const char *data, qint64 size)
{
    if (!m_target)
        return size;
    QByteArray chunk = m_pending + QByteArray(data, size);
    m_pending.clear();
    if (chunk.endsWith('\xc2')) {
        m_pending = "\xc2";
        chunk.chop(1);
    }
    const QByteArray safe = escape(chunk);
    m_target->write(safe);
    if (auto *file = qobject_cast<QFileDevice *>(m_target.data()))
        file->flush();
    return size;
}

} // namespace bp::cli
