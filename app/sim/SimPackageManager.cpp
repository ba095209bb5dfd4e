// SPDX-License-Identifier: Apache-2.0
#include "sim/SimPackageManager.h"

#include "apply/ContentPackage.h"
#include "archive/ZipArchive.h"
#include "archive/ZipWriter.h"
#include "sim/SimAemPages.h"
#include "sim/SimForm.h"
#include "sim/SimRepository.h"
#include "sim/SimSlingJson.h"
#include "sim/Simulator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace bp::sim {

namespace {

const QString Definition = QStringLiteral("vlt:definition");
const QString HotfixName = QStringLiteral("^ims-jwt-compatibility-package-6\\.5");

SimHttpResponse answer(int status, bool success, const QString &message, const QString &path = QString())
{
    QJsonObject json{{QStringLiteral("success"), success}, {QStringLiteral("msg"), message}};
    if (!path.isEmpty())
        json.insert(QStringLiteral("path"), path);
    return SimHttpResponse::json(status, QJsonDocument(json).toJson(QJsonDocument::Compact));
}

// The package node's definition (jcr:content/vlt:definition), or null for anything that is not a package.
SimNode *definitionOf(const SimNode *file)
{
    if (!file || file->primaryType() != QLatin1String("nt:file"))
        return nullptr;
    SimNode *content = file->child(QStringLiteral("jcr:content"));
    return content ? content->child(Definition) : nullptr;
}

// Where a package the simulator built keeps its content with full fidelity (types, binaries): real FileVault
// writes .content.xml files under jcr_root; the simulator's own typed JSON stands in for them so that an
// install brings back exactly what was built (users and keystores included).
const QString ContentEntry = QStringLiteral("META-INF/vault/bpsetup-sim-content.json");

QJsonObject exportValue(const QVariant &v)
{
    QString type;
    QJsonValue value;
    switch (v.typeId()) {
    case QMetaType::Bool:
        type = QStringLiteral("Boolean");
        value = v.toBool();
        break;
    case QMetaType::LongLong:
    case QMetaType::Int:
        type = QStringLiteral("Long");
        value = QString::number(v.toLongLong());
        break;
    case QMetaType::QStringList:
        type = QStringLiteral("String[]");
        value = QJsonArray::fromStringList(v.toStringList());
        break;
    case QMetaType::QDateTime:
        type = QStringLiteral("Date");
        value = v.toDateTime().toUTC().toString(Qt::ISODateWithMs);
        break;
    case QMetaType::QByteArray:
        type = QStringLiteral("Binary");
        value = QString::fromLatin1(v.toByteArray().toBase64());
        break;
    default:
        type = QStringLiteral("String");
        value = v.toString();
    }
    return {{QStringLiteral("type"), type}, {QStringLiteral("value"), value}};
}

QVariant importValue(const QJsonObject &o)
{
    const QString type = o.value(QStringLiteral("type")).toString();
    const QJsonValue v = o.value(QStringLiteral("value"));
    if (type == QLatin1String("Boolean"))
        return v.toBool();
    if (type == QLatin1String("Long"))
        return v.toString().toLongLong();
    if (type == QLatin1String("String[]")) {
        QStringList list;
        for (const QJsonValue &e : v.toArray())
            list.append(e.toString());
        return list;
    }
    if (type == QLatin1String("Date"))
        return QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    if (type == QLatin1String("Binary"))
        return QByteArray::fromBase64(v.toString().toLatin1());
    return v.toString();
}

QJsonObject exportNode(const SimNode *node)
{
    QJsonArray properties;
    for (const auto &p : node->properties()) {
        QJsonObject o = exportValue(p.second);
        o.insert(QStringLiteral("name"), p.first);
        properties.append(o);
    }
    QJsonArray children;
    for (const SimNode *c : node->children())
        children.append(exportNode(c));
    return {{QStringLiteral("name"), node->name()},
            {QStringLiteral("primaryType"), node->primaryType()},
            {QStringLiteral("properties"), properties},
            {QStringLiteral("children"), children}};
}

void importChildren(SimNode *node, const QJsonObject &data)
{
    for (const QJsonValue &p : data.value(QStringLiteral("properties")).toArray()) {
        const QJsonObject o = p.toObject();
        node->setProperty(o.value(QStringLiteral("name")).toString(), importValue(o));
    }
    for (const QJsonValue &c : data.value(QStringLiteral("children")).toArray()) {
        const QJsonObject o = c.toObject();
        SimNode *child = node->addChild(o.value(QStringLiteral("name")).toString(),
                                        o.value(QStringLiteral("primaryType")).toString());
        importChildren(child, o);
    }
}

void collect(const SimNode *node, QList<const SimNode *> *out)
{
    for (const SimNode *child : node->children()) {
        if (definitionOf(child))
            out->append(child);
        else if (child->primaryType() != QLatin1String("nt:file"))
            collect(child, out);
    }
}

QList<SimPackageListing> storedPackages(const SimRepository &repository)
{
    QList<SimPackageListing> out;
    const SimNode *root = repository.node(SimPackageManager::Root);
    if (!root)
        return out;
    QList<const SimNode *> files;
    collect(root, &files);
    for (const SimNode *file : std::as_const(files)) {
        const SimNode *d = definitionOf(file);
        out.append({d->property(QStringLiteral("group")).toString(),
                    d->property(QStringLiteral("name")).toString(),
                    d->property(QStringLiteral("version")).toString(), SimRepository::fileData(file).size(),
                    d->property(QStringLiteral("lastUnpacked")).toString()});
    }
    return out;
}

QByteArray propertiesXml(const QString &name, const QString &group)
{
    return "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"no\"?>\n<!DOCTYPE properties SYSTEM "
           "\"http://java.sun.com/dtd/properties.dtd\">\n<properties>\n<entry key=\"name\">" +
           name.toHtmlEscaped().toUtf8() + "</entry>\n<entry key=\"group\">" +
           group.toHtmlEscaped().toUtf8() + "</entry>\n</properties>\n";
}

// What cmd=create stores until the package is built: its properties only.
QByteArray emptyPackage(const QString &name, const QString &group)
{
    ZipWriter zip;
    zip.addFile(QStringLiteral("META-INF/vault/properties.xml"), propertiesXml(name, group));
    return zip.finish();
}

} // namespace

const QString SimPackageManager::ListPath = QStringLiteral("/crx/packmgr/service.jsp");
const QString SimPackageManager::ServicePath = QStringLiteral("/crx/packmgr/service/.json");
const QString SimPackageManager::UpdatePath = QStringLiteral("/crx/packmgr/update.jsp");
const QString SimPackageManager::Root = QStringLiteral("/etc/packages");

SimPackageManager::SimPackageManager(const SimulatorOptions &options, SimRepository &repository)
    : m_options(options), m_repository(repository)
{
}

bool SimPackageManager::handlesWrite(const QString &path)
{
    return path == ServicePath || path == UpdatePath ||
           path.startsWith(ServicePath + Root + QLatin1Char('/'));
}

SimHttpResponse SimPackageManager::list(const SimHttpRequest &request) const
{
    if (request.query().queryItemValue(QStringLiteral("cmd")) != QLatin1String("ls"))
        return SimHttpResponse::html(400, SimAemPages::forbidden(QStringLiteral("Unsupported command.")));
    return SimHttpResponse::make(200, QByteArrayLiteral("text/xml;charset=utf-8"),
                                 SimAemPages::packageList(m_options, storedPackages(m_repository)));
}

bool SimPackageManager::hotfixInstalled() const
{
    static const QRegularExpression hotfix(HotfixName);
    for (const SimPackageListing &p : SimAemPages::fixedPackages(m_options) + storedPackages(m_repository)) {
        if (hotfix.match(p.name).hasMatch() && !p.lastUnpacked.isEmpty())
            return true;
    }
    return false;
}

SimHttpResponse SimPackageManager::post(const QString &path, const SimHttpRequest &request)
{
    QString cmd;
    for (const SimFormPart &p : simFormParts(request)) {
        if (p.name == QLatin1String("cmd"))
            cmd = QString::fromUtf8(p.data);
    }
    if (path == UpdatePath)
        return update(request);
    if (path == ServicePath) {
        if (cmd == QLatin1String("upload"))
            return upload(request);
        return answer(400, false, QStringLiteral("Unsupported command: ") + cmd);
    }
    const QString packagePath = path.mid(ServicePath.size());
    if (cmd == QLatin1String("create"))
        return create(packagePath, request);
    SimNode *file = m_repository.node(packagePath);
    SimNode *definition = definitionOf(file);
    if (!definition)
        return answer(404, false, QStringLiteral("No package at ") + packagePath);
    if (cmd == QLatin1String("install")) {
        unpack(file);
        definition->setProperty(QStringLiteral("lastUnpacked"),
                                SimAemPages::packageDate(QDateTime::currentDateTimeUtc()));
        definition->setProperty(QStringLiteral("lastUnpackedBy"), m_options.user);
        return answer(200, true, QStringLiteral("Package installed"));
    }
    if (cmd == QLatin1String("uninstall")) {
        definition->removeProperty(QStringLiteral("lastUnpacked"));
        definition->removeProperty(QStringLiteral("lastUnpackedBy"));
        return answer(200, true, QStringLiteral("Package uninstalled"));
    }
    if (cmd == QLatin1String("build")) {
        build(file);
        return answer(200, true, QStringLiteral("Package built"));
    }
    if (cmd == QLatin1String("delete")) {
        m_repository.removeNode(packagePath);
        // The simulator's choice (not documented): group folders left empty go with the last package.
        QString folder = packagePath.section(QLatin1Char('/'), 0, -2);
        while (folder.startsWith(Root + QLatin1Char('/'))) {
            const SimNode *node = m_repository.node(folder);
            if (!node || !node->children().isEmpty())
                break;
            m_repository.removeNode(folder);
            folder = folder.section(QLatin1Char('/'), 0, -2);
        }
        return answer(200, true, QStringLiteral("Package deleted"));
    }
    return answer(400, false, QStringLiteral("Unsupported command: ") + cmd);
}

SimHttpResponse SimPackageManager::upload(const SimHttpRequest &request)
{
    const SimFormPart *file = nullptr;
    bool force = false;
    const QList<SimFormPart> parts = simFormParts(request);
    for (const SimFormPart &p : parts) {
        if (p.name == QLatin1String("package") && !p.fileName.isEmpty())
            file = &p;
        else if (p.name == QLatin1String("force"))
            force = p.data == "true";
    }
    if (!file)
        return answer(400, false, QStringLiteral("No package file in the request"));
    // Package Manager reads the package's own properties, like AEM does (the file name does not matter).
    Result<ContentPackage> package = ContentPackage::fromData(file->data, file->fileName);
    if (!package)
        return answer(500, false, QStringLiteral("Not a valid content package: ") + package.error().id);
    const ContentPackage &p = package.value();
    const QString path = p.installPath();
    if (m_repository.node(path)) {
        if (!force)
            return answer(409, false, QStringLiteral("Package already exists: ") + path);
        m_repository.removeNode(path);
    }
    store(path, file->data, p.name, p.group, p.version);
    return answer(200, true, QStringLiteral("Package uploaded"), path);
}

SimNode *SimPackageManager::store(const QString &path, const QByteArray &zip, const QString &name,
                                  const QString &group, const QString &version)
{
    SimNode *node = m_repository.addFile(path, zip, QStringLiteral("application/zip"));
    SimNode *definition =
        node->child(QStringLiteral("jcr:content"))->addChild(Definition, QStringLiteral("nt:unstructured"));
    definition->setProperty(QStringLiteral("name"), name);
    definition->setProperty(QStringLiteral("group"), group);
    definition->setProperty(QStringLiteral("version"), version);
    return definition;
}

SimHttpResponse SimPackageManager::create(const QString &packagePath, const SimHttpRequest &request)
{
    QString name;
    QString group;
    for (const SimFormPart &p : simFormParts(request)) {
        if (p.name == QLatin1String("packageName"))
            name = QString::fromUtf8(p.data);
        else if (p.name == QLatin1String("groupName"))
            group = QString::fromUtf8(p.data);
    }
    const QString expected =
        Root + QLatin1Char('/') + group + QLatin1Char('/') + name + QStringLiteral(".zip");
    if (name.isEmpty() || packagePath != expected || packagePath.contains(QLatin1String("..")))
        return answer(400, false, QStringLiteral("packageName and groupName must name the package path"));
    if (m_repository.node(packagePath))
        return answer(409, false, QStringLiteral("Package already exists: ") + packagePath);
    store(packagePath, emptyPackage(name, group), name, group, QString());
    return answer(200, true, QStringLiteral("Package created"), packagePath);
}

SimHttpResponse SimPackageManager::update(const SimHttpRequest &request)
{
    QString path;
    QString filter;
    for (const SimFormPart &p : simFormParts(request)) {
        if (p.name == QLatin1String("path"))
            path = QString::fromUtf8(p.data);
        else if (p.name == QLatin1String("filter"))
            filter = QString::fromUtf8(p.data);
    }
    SimNode *definition = definitionOf(m_repository.node(path));
    if (!definition)
        return answer(404, false, QStringLiteral("No package at ") + path);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(filter.toUtf8(), &error);
    if (!doc.isArray())
        return answer(400, false, QStringLiteral("The filter is not a JSON array: ") + error.errorString());
    QStringList roots;
    for (const QJsonValue &v : doc.array())
        roots.append(v.toObject().value(QStringLiteral("root")).toString());
    definition->setProperty(QStringLiteral("filter"), roots);
    return answer(200, true, QStringLiteral("Package updated"), path);
}

void SimPackageManager::build(SimNode *file)
{
    // The package's zip: properties, the filter, and (simplified: FileVault writes .content.xml files)
    // each filter root's subtree as Sling JSON under jcr_root.
    SimNode *definition = definitionOf(file);
    const QString name = definition->property(QStringLiteral("name")).toString();
    const QString group = definition->property(QStringLiteral("group")).toString();
    const QStringList roots = definition->property(QStringLiteral("filter")).toStringList();
    ZipWriter zip;
    zip.addFile(QStringLiteral("META-INF/vault/properties.xml"), propertiesXml(name, group),
                ZipWriter::Method::Deflate);
    QByteArray filter = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<workspaceFilter version=\"1.0\">\n";
    for (const QString &root : roots)
        filter += "    <filter root=\"" + root.toHtmlEscaped().toUtf8() + "\"/>\n";
    filter += "</workspaceFilter>\n";
    zip.addFile(QStringLiteral("META-INF/vault/filter.xml"), filter, ZipWriter::Method::Deflate);
    QJsonObject packaged;
    for (const QString &root : roots) {
        const SimNode *node = m_repository.node(root);
        if (!node)
            continue;
        zip.addFile(QStringLiteral("jcr_root") + root + QStringLiteral(".json"),
                    SimSlingJson::render(node, SimSlingJson::Infinity, true), ZipWriter::Method::Deflate);
        QJsonObject entry = exportNode(node);
        entry.insert(QStringLiteral("parentType"),
                     node->parent() ? node->parent()->primaryType() : QString());
        packaged.insert(root, entry);
    }
    zip.addFile(ContentEntry, QJsonDocument(packaged).toJson(QJsonDocument::Compact),
                ZipWriter::Method::Deflate);
    const QByteArray data = zip.finish();
    SimNode *content = file->child(QStringLiteral("jcr:content"));
    content->setProperty(QStringLiteral("jcr:data"), data);
    definition->setProperty(QStringLiteral("lastWrapped"),
                            SimAemPages::packageDate(QDateTime::currentDateTimeUtc()));
}

void SimPackageManager::unpack(SimNode *file)
{
    // Only packages with the simulator's content entry carry restorable content (the ones it built); an
    // uploaded package such as the hotfix is "installed" without touching the repository.
    Result<ZipArchive> zip = ZipArchive::open(SimRepository::fileData(file));
    if (!zip)
        return;
    Result<QByteArray> data = zip.value().extract(ContentEntry);
    if (!data)
        return;
    const QJsonObject content = QJsonDocument::fromJson(data.value()).object();
    // FileVault's default (replace) import mode: each filter root becomes exactly what the package holds,
    // and a root the package does not hold is removed.
    // The filter as the package's own filter.xml has it (an uploaded copy has no filter property yet).
    QStringList roots;
    if (Result<QByteArray> filter = zip.value().extract(QStringLiteral("META-INF/vault/filter.xml"))) {
        static const QRegularExpression rootAttribute(QStringLiteral("<filter root=\"([^\"]+)\""));
        auto it = rootAttribute.globalMatch(QString::fromUtf8(filter.value()));
        while (it.hasNext()) {
            QString root = it.next().captured(1);
            root.replace(QLatin1String("&amp;"), QLatin1String("&"))
                .replace(QLatin1String("&quot;"), QLatin1String("\""))
                .replace(QLatin1String("&lt;"), QLatin1String("<"))
                .replace(QLatin1String("&gt;"), QLatin1String(">"));
            roots.append(root);
        }
    }
    for (const QString &root : std::as_const(roots)) {
        m_repository.removeNode(root);
        if (!content.contains(root))
            continue;
        const QJsonObject entry = content.value(root).toObject();
        const QString parentPath = root.section(QLatin1Char('/'), 0, -2);
        SimNode *parent =
            parentPath.isEmpty()
                ? m_repository.root()
                : m_repository.ensureNode(parentPath, entry.value(QStringLiteral("parentType")).toString());
        SimNode *node = parent->addChild(entry.value(QStringLiteral("name")).toString(),
                                         entry.value(QStringLiteral("primaryType")).toString());
        importChildren(node, entry);
    }
}

} // namespace bp::sim
