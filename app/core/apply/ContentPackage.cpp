// SPDX-License-Identifier: Apache-2.0
#include "apply/ContentPackage.h"

#include "apply/ApplyRecipe.h"
#include "archive/ZipArchive.h"
#include "io/BoundedFile.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QXmlStreamReader>

namespace bp {

namespace {

const QString PropertiesEntry = QStringLiteral("META-INF/vault/properties.xml");

// The download advice every hotfix error ends with.
QString hotfixRemedy(const ApplyRecipe &recipe)
{
    return ContentPackage::tr("Download %1 from Adobe's Software Distribution (%2) and give that file.")
        .arg(recipe.value(QStringLiteral("hotfix"), QStringLiteral("fileName")),
             recipe.value(QStringLiteral("hotfix"), QStringLiteral("downloadUrl")));
}

Error packageError(const char *id, const QString &message, const QString &detail = QString())
{
    return Error(ErrorCode::InvalidInput, message, detail).withId(QString::fromLatin1(id));
}

} // namespace

QString ContentPackage::installPath() const
{
    QString file = name;
    if (!version.isEmpty())
        file += QLatin1Char('-') + version;
    return QStringLiteral("/etc/packages/") + (group.isEmpty() ? QString() : group + QLatin1Char('/')) +
           file + QStringLiteral(".zip");
}

QString ContentPackage::displayName() const
{
    return version.isEmpty() ? name : name + QLatin1Char(' ') + version;
}

Result<QHash<QString, QString>> ContentPackage::parseProperties(const QByteArray &xml)
{
    QXmlStreamReader reader(xml);
    QHash<QString, QString> values;
    bool sawProperties = false;
    while (!reader.atEnd()) {
        reader.readNext();
        if (!reader.isStartElement())
            continue;
        if (reader.name() == QLatin1String("properties")) {
            sawProperties = true;
        } else if (sawProperties && reader.name() == QLatin1String("entry")) {
            const QString key = reader.attributes().value(QLatin1String("key")).toString();
            const QString value = reader.readElementText(QXmlStreamReader::SkipChildElements);
            if (!key.isEmpty())
                values.insert(key, value);
        }
    }
    if (reader.hasError() || !sawProperties)
        return Error(ErrorCode::Parse, tr("The package's properties.xml is not a properties document."),
                     reader.errorString());
    return values;
}

Result<ContentPackage> ContentPackage::read(const QString &path)
{
    Result<QByteArray> data = BoundedFile::read(path, InputFileKind::Package);
    if (!data)
        return data.error();
    return fromData(data.value(), path);
}

Result<ContentPackage> ContentPackage::fromData(QByteArray data, const QString &filePath)
{
    const QString shown = QDir::toNativeSeparators(filePath);
    ContentPackage p;
    p.filePath = filePath;
    p.fileName = QFileInfo(filePath).fileName();
    Result<ZipArchive> zip = ZipArchive::open(data);
    if (!zip) {
        const Error &e = zip.error();
        if (e.id == QLatin1String("not-a-zip"))
            return packageError("not-a-zip",
                                tr("%1 is not a zip file, so it is not an AEM content package.").arg(shown));
        if (e.id == QLatin1String("zip-too-large"))
            return packageError("zip-too-large",
                                tr("%1 unpacks to more than a content package "
                                   "bpsetup accepts: %2")
                                    .arg(shown, e.userMessage),
                                e.detail);
        return packageError(
            "zip-corrupt", tr("%1 is a damaged or incomplete zip file (%2).").arg(shown, e.detail), e.detail);
    }
    if (!zip.value().find(PropertiesEntry))
        return packageError("package-not-content-package",
                            tr("%1 is a zip file but not an AEM content package (it has no %2).")
                                .arg(shown, PropertiesEntry));
    Result<QByteArray> xml = zip.value().extract(PropertiesEntry);
    if (!xml)
        return packageError("zip-corrupt",
                            tr("%1 is a damaged zip file (%2).").arg(shown, xml.error().detail),
                            xml.error().detail);
    Result<QHash<QString, QString>> props = parseProperties(xml.value());
    if (!props || props.value().value(QStringLiteral("name")).trimmed().isEmpty())
        return packageError("package-not-content-package",
                            tr("%1 is not an AEM content package: its %2 does not name the package.")
                                .arg(shown, PropertiesEntry),
                            props ? QString() : props.error().detail);
    p.name = props.value().value(QStringLiteral("name")).trimmed();
    p.group = props.value().value(QStringLiteral("group")).trimmed();
    p.version = props.value().value(QStringLiteral("version")).trimmed();
    // The name becomes part of a repository path: refuse what would leave /etc/packages.
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$"));
    for (const QString &part : {p.name, p.group, p.version}) {
        if (!part.isEmpty() &&
            (!safe.match(part).hasMatch() || part.split(QLatin1Char('/')).contains(QStringLiteral(".."))))
            return packageError(
                "package-not-content-package",
                tr("%1 names its package \"%2\", which is not a valid package name.").arg(shown, part));
    }
    p.data = std::move(data);
    return p;
}

Result<bool> ContentPackage::checkHotfix(const ContentPackage &package, const ApplyRecipe &recipe)
{
    const QRegularExpression pattern(recipe.value(QStringLiteral("hotfix"), QStringLiteral("namePattern")));
    if (pattern.match(package.name).hasMatch())
        return true;
    return packageError("package-wrong",
                        tr("%1 is the content package %2 (group %3), not the OAuth compatibility hotfix "
                           "%4 that AEM 6.5.11.0 to 6.5.20.0 need.")
                            .arg(QDir::toNativeSeparators(package.filePath), package.displayName(),
                                 package.group.isEmpty() ? tr("none") : package.group,
                                 recipe.value(QStringLiteral("hotfix"), QStringLiteral("fileName"))))
        .withRemedy(hotfixRemedy(recipe));
}

Result<ContentPackage> ContentPackage::readHotfix(const QString &path, const ApplyRecipe &recipe)
{
    Result<ContentPackage> p = read(path);
    if (!p) {
        Error e = p.error();
        if (e.remedy.isEmpty())
            e.remedy = hotfixRemedy(recipe);
        return e;
    }
    if (Result<bool> ok = checkHotfix(p.value(), recipe); !ok)
        return ok.error();
    return p;
}

} // namespace bp
