// SPDX-License-Identifier: Apache-2.0
#include "sim/SimSlingPost.h"

#include "sim/SimAemPages.h"
#include "sim/SimContentBuilder.h"
#include "sim/SimFailSteps.h"
#include "sim/SimForm.h"
#include "sim/SimRepository.h"

#include <QUrl>

namespace bp::sim {

namespace {

const QString Unstructured = QStringLiteral("nt:unstructured");
const QString PrimaryType = QStringLiteral("jcr:primaryType");
const QString CloudConfigPrefix = QStringLiteral("/conf/global/settings/cloudconfigs/mediaportal/");

QByteArray escaped(const QString &text)
{
    return text.toHtmlEscaped().toUtf8();
}

// Sling's HtmlResponse page, trimmed to what clients parse (Status, Message, Location, Path, ChangeLog).
QByteArray statusPage(int status, const QString &title, const QString &path, const QStringList &changes)
{
    const QString parent = path.section(QLatin1Char('/'), 0, -2);
    QString log;
    for (const QString &c : changes)
        log += c + QStringLiteral(";<br/>");
    QByteArray page = "<html>\n<head>\n<title>" + escaped(title) + "</title>\n</head>\n<body>\n<h1>" +
                      escaped(title) + "</h1>\n<table>\n<tbody>\n";
    const auto row = [&page](const char *label, const QByteArray &cell) {
        page += QByteArray("<tr>\n<td>") + label + "</td>\n<td>" + cell + "</td>\n</tr>\n";
    };
    row("Status", "<div id=\"Status\">" + QByteArray::number(status) + "</div>");
    row("Message", status == 201 ? QByteArrayLiteral("<div id=\"Message\">Created</div>")
                                 : QByteArrayLiteral("<div id=\"Message\">OK</div>"));
    row("Location", "<a href=\"" + escaped(path) + "\" id=\"Location\">" + escaped(path) + "</a>");
    row("Parent Location", "<a href=\"" + escaped(parent.isEmpty() ? QStringLiteral("/") : parent) +
                               "\" id=\"ParentLocation\">" + escaped(parent) + "</a>");
    row("Path", "<div id=\"Path\">" + escaped(path) + "</div>");
    row("ChangeLog", "<div id=\"ChangeLog\">" +
                         escaped(QStringLiteral("<pre>") + log + QStringLiteral("</pre>")) + "</div>");
    page += "</tbody>\n</table>\n<p><a href=\"\">Go Back</a></p>\n<p><a href=\"" + escaped(path) +
            "\">Modified Resource</a></p>\n<p><a href=\"" + escaped(parent) +
            "\">Parent of Modified Resource</a></p>\n</body>\n</html>\n";
    return page;
}

QString quotedPath(const QString &path)
{
    return QLatin1Char('"') + path + QLatin1Char('"');
}

// The node a relative property path ("a/b/prop") lives on, created (nt:unstructured unless typed) as needed.
SimNode *ensureRelative(SimNode *base, const QStringList &segments, const QHash<QString, QString> &types,
                        QStringList *changes)
{
    SimNode *current = base;
    QString relative;
    for (const QString &segment : segments) {
        relative += (relative.isEmpty() ? QString() : QStringLiteral("/")) + segment;
        if (SimNode *existing = current->child(segment)) {
            current = existing;
            continue;
        }
        current = current->addChild(segment, types.value(relative, Unstructured));
        changes->append(QStringLiteral("created(") + quotedPath(current->path()) + QLatin1Char(')'));
    }
    return current;
}

} // namespace

SimSlingPost::SimSlingPost(SimRepository &repository, SimFailSteps &failSteps)
    : m_repository(repository), m_failSteps(failSteps)
{
}

SimHttpResponse SimSlingPost::post(const QString &rawPath, const SimHttpRequest &request)
{
    QString path = rawPath;
    while (path.size() > 1 && path.endsWith(QLatin1Char('/')))
        path.chop(1);
    const QList<SimFormPart> parts = simFormParts(request);
    // "." and ".." segments would name nodes literally here; Sling resolves them, the simulator refuses them.
    const auto hasDotSegment = [](const QString &p) {
        const QStringList segments = p.split(QLatin1Char('/'));
        return segments.contains(QStringLiteral(".")) || segments.contains(QStringLiteral(".."));
    };
    if (hasDotSegment(path))
        return SimHttpResponse::html(400, SimAemPages::forbidden(QStringLiteral("Invalid path.")));
    for (const SimFormPart &p : parts) {
        const QString name = p.name.startsWith(QLatin1String("./")) ? p.name.mid(2) : p.name;
        if (hasDotSegment(name) || hasDotSegment(p.fileName))
            return SimHttpResponse::html(400,
                                         SimAemPages::forbidden(QStringLiteral("Invalid name: ") + name));
    }

    QString operation;
    for (const SimFormPart &p : parts) {
        if (p.name == QLatin1String(":operation"))
            operation = QString::fromUtf8(p.data);
    }
    QStringList changes;
    if (operation == QLatin1String("delete")) {
        if (path == QLatin1String("/") || !m_repository.removeNode(path))
            return SimHttpResponse::html(404, SimAemPages::slingNotFound(path));
        changes.append(QStringLiteral("deleted(") + quotedPath(path) + QLatin1Char(')'));
        return SimHttpResponse::html(
            200, statusPage(200, QStringLiteral("Content modified ") + path, path, changes));
    }
    if (!operation.isEmpty())
        return SimHttpResponse::html(
            500, SimAemPages::forbidden(QStringLiteral("Unsupported operation: ") + operation));

    // The field names, normalised ("./a" -> "a"), in the order posted; control fields (":..." and
    // _charset_) skipped; values grouped per name.
    QStringList names;
    QHash<QString, QStringList> values;
    QHash<QString, QString> types; // relative node path ("" = the target) -> jcr:primaryType to create with
    QList<const SimFormPart *> files;
    for (const SimFormPart &p : parts) {
        QString name = p.name;
        if (name.startsWith(QLatin1String("./")))
            name = name.mid(2);
        if (name.isEmpty() || name.startsWith(QLatin1Char(':')) || name == QLatin1String("_charset_"))
            continue;
        if (name == QLatin1String("*") && !p.fileName.isEmpty()) {
            files.append(&p);
            continue;
        }
        if (name == PrimaryType || name.endsWith(QLatin1Char('/') + PrimaryType)) {
            types.insert(name.chopped(PrimaryType.size()).chopped(name == PrimaryType ? 0 : 1),
                         QString::fromUtf8(p.data));
            continue;
        }
        if (!values.contains(name))
            names.append(name);
        values[name].append(QString::fromUtf8(p.data));
    }

    SimNode *node = m_repository.node(path);
    const bool created = !node;
    if (created) {
        if (path == QLatin1String("/"))
            return SimHttpResponse::html(404, SimAemPages::slingNotFound(path));
        node = m_repository.ensureNode(path, types.value(QString(), Unstructured), Unstructured);
        changes.append(QStringLiteral("created(") + quotedPath(path) + QLatin1Char(')'));
    }

    // "<name>@TypeHint" (Boolean, Long, String[]) as Sling's POST servlet reads it.
    QHash<QString, QString> typeHints;
    for (const QString &name : names) {
        if (name.endsWith(QLatin1String("@TypeHint")))
            typeHints.insert(name.chopped(9), values.value(name).value(0));
    }
    for (const QString &name : names) {
        const qsizetype at = name.indexOf(QLatin1Char('@'));
        const QString propertyPath = at < 0 ? name : name.left(at);
        const QString suffix = at < 0 ? QString() : name.mid(at + 1);
        if (propertyPath.isEmpty())
            continue;
        QStringList segments = propertyPath.split(QLatin1Char('/'), Qt::SkipEmptyParts);
        if (segments.isEmpty())
            continue;
        const QString property = segments.takeLast();
        if (suffix == QLatin1String("Delete")) {
            SimNode *owner = node;
            for (const QString &s : segments)
                owner = owner ? owner->child(s) : nullptr;
            if (owner && owner->removeProperty(property))
                changes.append(QStringLiteral("deleted(") +
                               quotedPath(owner->path() + QLatin1Char('/') + property) + QLatin1Char(')'));
            continue;
        }
        if (!suffix.isEmpty())
            continue; // @TypeHint read above; @DefaultValue, ...: not simulated
        SimNode *owner = ensureRelative(node, segments, types, &changes);
        const QStringList &v = values.value(name);
        const QString hint = typeHints.value(propertyPath);
        if (hint == QLatin1String("Boolean"))
            owner->setProperty(property, v.first().compare(QLatin1String("true"), Qt::CaseInsensitive) == 0);
        else if (hint == QLatin1String("Long"))
            owner->setProperty(property, v.first().toLongLong());
        else if (v.size() > 1 || hint.endsWith(QLatin1String("[]")))
            owner->setProperty(property, v);
        else
            owner->setProperty(property, v.first());
        changes.append(QStringLiteral("modified(") + quotedPath(owner->path() + QLatin1Char('/') + property) +
                       QLatin1Char(')'));
    }
    // Child nodes that only got a type ("a/jcr:primaryType=..." and nothing else) are created too.
    for (auto it = types.cbegin(); it != types.cend(); ++it) {
        if (!it.key().isEmpty())
            ensureRelative(node, it.key().split(QLatin1Char('/'), Qt::SkipEmptyParts), types, &changes);
    }

    for (const SimFormPart *file : files) {
        const QString fileName = file->fileName.section(QLatin1Char('/'), -1).section(QLatin1Char('\\'), -1);
        const QString filePath = node->path() + QLatin1Char('/') + fileName;
        const bool replaced = node->child(fileName) != nullptr;
        if (replaced)
            node->removeChild(fileName);
        m_repository.addFile(filePath, file->data,
                             file->contentType.isEmpty() ? QStringLiteral("application/octet-stream")
                                                         : QString::fromLatin1(file->contentType));
        changes.append((replaced ? QStringLiteral("modified(") : QStringLiteral("created(")) +
                       quotedPath(filePath) + QLatin1Char(')'));
    }

    createTenantAgents(path);

    const int status = created ? 201 : 200;
    const QString title =
        (created ? QStringLiteral("Content created ") : QStringLiteral("Content modified ")) + path;
    SimHttpResponse response = SimHttpResponse::html(status, statusPage(status, title, path, changes));
    if (created)
        response.withHeader(QByteArrayLiteral("Location"), QUrl::toPercentEncoding(path, "/:"));
    return response;
}

void SimSlingPost::createTenantAgents(const QString &path)
{
    // Any write at or below a cloud configuration's jcr:content may complete it.
    if (!path.startsWith(CloudConfigPrefix))
        return;
    const QString name = path.mid(CloudConfigPrefix.size()).section(QLatin1Char('/'), 0, 0);
    if (name.isEmpty())
        return;
    const SimNode *content = m_repository.node(CloudConfigPrefix + name + QStringLiteral("/jcr:content"));
    if (!content)
        return;
    const QString tenantUrl = content->property(QStringLiteral("tenantURL")).toString();
    if (tenantUrl.isEmpty() || content->property(QStringLiteral("imsConfig")).toString().isEmpty())
        return;
    const QString host = QUrl(tenantUrl).host();
    const QString suffix = QStringLiteral(".brand-portal.adobe.com");
    if (!host.endsWith(suffix) || host.size() == suffix.size())
        return;
    const QString tenant = host.chopped(suffix.size());
    if (SimContentBuilder::hasTenantAgents(m_repository, tenant))
        return;
    // failStep "agents": this save "forgets" to create them, once.
    if (m_failSteps.take(QStringLiteral("agents")))
        return;
    SimContentBuilder::addTenantAgents(m_repository, tenant);
}

} // namespace bp::sim
