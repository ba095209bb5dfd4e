// SPDX-License-Identifier: Apache-2.0
#include "sim/SimOsgiConfigWriter.h"

namespace bp::sim {

QByteArray SimOsgiConfigWriter::quoted(const QString &value)
{
    QByteArray out = "\"";
    const QByteArray utf8 = value.toUtf8();
    for (const char c : utf8) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    out += '"';
    return out;
}

void SimOsgiConfigWriter::line(const QString &key, const QByteArray &value)
{
    m_text += key.toUtf8() + '=' + value + '\n';
}

SimOsgiConfigWriter &SimOsgiConfigWriter::string(const QString &key, const QString &value)
{
    line(key, quoted(value));
    return *this;
}

SimOsgiConfigWriter &SimOsgiConfigWriter::boolean(const QString &key, bool value)
{
    line(key, value ? QByteArrayLiteral("B\"true\"") : QByteArrayLiteral("B\"false\""));
    return *this;
}

SimOsgiConfigWriter &SimOsgiConfigWriter::integer(const QString &key, int value)
{
    line(key, "I\"" + QByteArray::number(value) + '"');
    return *this;
}

SimOsgiConfigWriter &SimOsgiConfigWriter::stringArray(const QString &key, const QStringList &values)
{
    QByteArray out = "[";
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i > 0)
            out += ',';
        out += quoted(values.at(i));
    }
    out += ']';
    line(key, out);
    return *this;
}

} // namespace bp::sim
