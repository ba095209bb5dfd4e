// SPDX-License-Identifier: Apache-2.0
#pragma once

// Content packages for tests, written with the core's zip writer.
#include "archive/ZipWriter.h"

#include <QByteArray>
#include <QString>

namespace bp::test {

inline QByteArray propertiesXml(const QString &name, const QString &group, const QString &version)
{
    return "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"no\"?>\n"
           "<!DOCTYPE properties SYSTEM \"http://java.sun.com/dtd/properties.dtd\">\n<properties>\n"
           "<comment>FileVault Package Properties</comment>\n<entry key=\"name\">" +
           name.toUtf8() + "</entry>\n<entry key=\"group\">" + group.toUtf8() +
           "</entry>\n<entry key=\"version\">" + version.toUtf8() +
           "</entry>\n<entry key=\"description\">test</entry>\n</properties>\n";
}

// A content package as Package Manager builds one (the properties deflated with a data descriptor, the
// way Java's ZipOutputStream writes them).
inline QByteArray contentPackage(const QString &name,
                                 const QString &group = QStringLiteral("adobe/cq650/hotfix"),
                                 const QString &version = QStringLiteral("1.0"))
{
    ZipWriter zip;
    zip.addDirectory(QStringLiteral("META-INF/"));
    zip.addDirectory(QStringLiteral("META-INF/vault/"));
    zip.addFile(QStringLiteral("META-INF/vault/properties.xml"), propertiesXml(name, group, version),
                ZipWriter::Method::Deflate, true);
    zip.addFile(QStringLiteral("META-INF/vault/filter.xml"),
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<workspaceFilter version=\"1.0\"/>\n");
    zip.addFile(QStringLiteral("jcr_root/apps/.content.xml"), QByteArray(2000, 'x'),
                ZipWriter::Method::Deflate);
    return zip.finish();
}

inline QByteArray hotfixPackage()
{
    return contentPackage(QStringLiteral("ims-jwt-compatibility-package-6.5"));
}

} // namespace bp::test
