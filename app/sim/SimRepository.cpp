// SPDX-License-Identifier: Apache-2.0
#include "sim/SimRepository.h"

#include <QStringDecoder>

#include <QDateTime>
#include <QJsonArray>

namespace bp::sim {

namespace {

QJsonValue snapshotValue(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::Bool:
        return value.toBool();
    case QMetaType::LongLong:
    case QMetaType::Int:
        return value.toLongLong();
    case QMetaType::QStringList:
        return QJsonArray::fromStringList(value.toStringList());
    case QMetaType::QDateTime:
        return value.toDateTime().toUTC().toString(Qt::ISODate);
    case QMetaType::QByteArray: {
        // Text files (.config) as text; anything else (a keystore) as base64, so no byte is lost.
        const QByteArray data = value.toByteArray();
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString text = decoder(data);
        if (!decoder.hasError())
            return text;
        return QString(QStringLiteral("base64:") + QString::fromLatin1(data.toBase64()));
    }
    default:
        return value.toString();
    }
}

QJsonObject snapshotNode(const SimNode *node)
{
    QJsonObject obj;
    obj.insert(QStringLiteral("jcr:primaryType"), node->primaryType());
    for (const auto &p : node->properties())
        obj.insert(p.first, snapshotValue(p.second));
    const QList<SimNode *> children = node->children();
    for (const SimNode *c : children)
        obj.insert(c->name(), snapshotNode(c));
    return obj;
}

} // namespace

SimRepository::SimRepository()
    : m_root(std::make_unique<SimNode>(QString(), QStringLiteral("rep:root"), nullptr))
{
}

SimNode *SimRepository::node(const QString &path) const
{
    if (!path.startsWith(QLatin1Char('/')))
        return nullptr;
    SimNode *current = m_root.get();
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        current = current->child(part);
        if (!current)
            return nullptr;
    }
    return current;
}

SimNode *SimRepository::ensureNode(const QString &path, const QString &primaryType,
                                   const QString &intermediateType)
{
    SimNode *current = m_root.get();
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (qsizetype i = 0; i < parts.size(); ++i)
        current = current->addChild(parts.at(i), i + 1 == parts.size() ? primaryType : intermediateType);
    return current;
}

bool SimRepository::removeNode(const QString &path)
{
    SimNode *n = node(path);
    if (!n || !n->parent())
        return false;
    return n->parent()->removeChild(n->name());
}

SimNode *SimRepository::addFile(const QString &path, const QByteArray &data, const QString &mimeType)
{
    SimNode *file = ensureNode(path, QStringLiteral("nt:file"));
    file->setProperty(QStringLiteral("jcr:createdBy"), QStringLiteral("admin"));
    SimNode *content = file->addChild(QStringLiteral("jcr:content"), QStringLiteral("nt:resource"));
    content->setProperty(QStringLiteral("jcr:mimeType"), mimeType);
    content->setProperty(QStringLiteral("jcr:data"), data);
    return file;
}

QByteArray SimRepository::fileData(const SimNode *node)
{
    if (!node || node->primaryType() != QLatin1String("nt:file"))
        return {};
    const SimNode *content = node->child(QStringLiteral("jcr:content"));
    if (!content)
        return {};
    const QVariant data = content->property(QStringLiteral("jcr:data"));
    return data.typeId() == QMetaType::QByteArray ? data.toByteArray() : QByteArray();
}

SimRepository::Resolution SimRepository::resolve(const QString &requestPath) const
{
    Resolution r;
    if (!requestPath.startsWith(QLatin1Char('/')))
        return r;
    const QStringList parts = requestPath.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    SimNode *current = m_root.get();
    if (parts.isEmpty()) {
        r.node = current;
        return r;
    }
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QString &segment = parts.at(i);
        if (SimNode *exact = current->child(segment)) {
            current = exact;
            continue;
        }
        // Like Sling's resource resolver: try the longest node name that is a prefix ending before a dot.
        qsizetype dot = segment.lastIndexOf(QLatin1Char('.'));
        while (dot > 0) {
            if (SimNode *candidate = current->child(segment.left(dot))) {
                QStringList dotted = segment.mid(dot + 1).split(QLatin1Char('.'));
                r.node = candidate;
                r.extension = dotted.takeLast();
                r.selectors = dotted;
                const QStringList rest = parts.mid(i + 1);
                if (!rest.isEmpty())
                    r.suffix = QLatin1Char('/') + rest.join(QLatin1Char('/'));
                return r;
            }
            dot = segment.lastIndexOf(QLatin1Char('.'), dot - 1);
        }
        return r; // nothing matches: no node
    }
    r.node = current;
    return r;
}

QJsonObject SimRepository::snapshot() const
{
    return snapshotNode(m_root.get());
}

} // namespace bp::sim
