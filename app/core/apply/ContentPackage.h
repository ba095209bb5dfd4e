// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "errors/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace bp {

class ApplyRecipe;

// An AEM content package file given by the user: a zip with META-INF/vault/properties.xml (a Java
// properties XML naming the package). Held in memory, to be uploaded as it is.
struct ContentPackage
{
    Q_DECLARE_TR_FUNCTIONS(ContentPackage)
public:
    QString filePath; // as given
    QString fileName; // its last part, sent as the upload's file name
    QByteArray data;
    QString name;
    QString group;
    QString version;

    // Where Package Manager keeps it: /etc/packages/<group>/<name>[-<version>].zip.
    QString installPath() const;
    // "name version" for people.
    QString displayName() const;

    // Reads and checks a file (a regular file only, size-capped). Errors, all InvalidInput: the
    // BoundedFile ids (file-unreadable, file-not-regular, file-too-large), not-a-zip, zip-corrupt (also for
    // an archive bpsetup does not read), zip-too-large, package-not-content-package.
    static Result<ContentPackage> read(const QString &path);
    // The same checks on bytes already read.
    static Result<ContentPackage> fromData(QByteArray data, const QString &filePath);
    // read(), and the package must be the OAuth compatibility hotfix the recipe names (package-wrong
    // otherwise). Every error says where to get the right file.
    static Result<ContentPackage> readHotfix(const QString &path, const ApplyRecipe &recipe);
    static Result<bool> checkHotfix(const ContentPackage &package, const ApplyRecipe &recipe);

    // The values of a Java properties XML document (<entry key="name">value</entry>); Parse on bad XML.
    static Result<QHash<QString, QString>> parseProperties(const QByteArray &xml);
};

} // namespace bp
