// SPDX-License-Identifier: Apache-2.0
#include "sim/SimSlingJson.h"

#include "sim/SimNode.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QStringList>

namespace bp::sim {

namespace {

QByteArray jsonString(const QString &text)
{
    // QJsonDocument only serialises containers; wrap the string in an array and strip the brackets.
    const QByteArray wrapped = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

QByteArray jsonValue(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::Bool:
        return value.toBool() ? QByteArrayLiteral("true") : QByteArrayLiteral("false");
    case QMetaType::Int:
    case QMetaType::LongLong:
        return QByteArray::number(value.toLongLong());
    case QMetaType::QStringList: {
        QByteArray out = "[";
        const QStringList items = value.toStringList();
        for (qsizetype i = 0; i < items.size(); ++i) {
            if (i > 0)
                out += ',';
            out += jsonString(items.at(i));
        }
        return out + ']';
    }
    case QMetaType::QDateTime:
        // Sling's ECMA date format, e.g. "Tue Nov 18 2025 15:44:26 GMT+0000".
        return jsonString(QLocale::c().toString(value.toDateTime().toUTC(),
                                                QStringLiteral("ddd MMM dd yyyy hh:mm:ss 'GMT+0000'")));
    default:
        return jsonString(value.toString());
    }
}

void newline(QByteArray &out, bool tidy, int indent)
{
    if (!tidy)
        return;
    out += '\n';
    out += QByteArray(indent * 2, ' ');
}

} // namespace

QByteArray SimSlingJson::render(const SimNode *node, int depth, bool tidy)
{
    QByteArray out;
    write(out, node, depth, tidy, 0);
    return out;
}

void SimSlingJson::write(QByteArray &out, const SimNode *node, int depth, bool tidy, int indent)
{
    const QByteArray sep = tidy ? QByteArrayLiteral(": ") : QByteArrayLiteral(":");
    out += '{';
    newline(out, tidy, indent + 1);
    out += jsonString(QStringLiteral("jcr:primaryType")) + sep + jsonString(node->primaryType());
    for (const auto &p : node->properties()) {
        out += ',';
        newline(out, tidy, indent + 1);
        if (p.second.typeId() == QMetaType::QByteArray) {
            // Sling lists a binary property as ":name": <length> instead of its content.
            out += jsonString(QLatin1Char(':') + p.first) + sep +
                   QByteArray::number(p.second.toByteArray().size());
        } else {
            out += jsonString(p.first) + sep + jsonValue(p.second);
        }
    }
    if (depth != 0) {
        const QList<SimNode *> children = node->children();
        for (const SimNode *c : children) {
            out += ',';
            newline(out, tidy, indent + 1);
            out += jsonString(c->name()) + sep;
            write(out, c, depth < 0 ? depth : depth - 1, tidy, indent + 1);
        }
    }
    newline(out, tidy, indent);
    out += '}';
}

} // namespace bp::sim
