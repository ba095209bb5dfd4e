// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QStringList>

namespace bp::sim {

// Writes an OSGi configuration in the Apache Felix/Sling ".config" format, as AEM persists factory
// configurations under /apps/system/config: one key=value per line; strings "..." (quote and backslash
// escaped with a backslash), arrays ["a","b"], booleans B"true", integers I"5".
class SimOsgiConfigWriter
{
public:
    SimOsgiConfigWriter &string(const QString &key, const QString &value);
    SimOsgiConfigWriter &boolean(const QString &key, bool value);
    SimOsgiConfigWriter &integer(const QString &key, int value);
    SimOsgiConfigWriter &stringArray(const QString &key, const QStringList &values);

    QByteArray toBytes() const { return m_text; }

private:
    static QByteArray quoted(const QString &value);
    void line(const QString &key, const QByteArray &value);

    QByteArray m_text;
};

} // namespace bp::sim
