// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "sim/SimNode.h"

#include <QJsonObject>
#include <QStringList>

#include <memory>

namespace bp::sim {

// The simulated JCR content of the author. Request handlers read from it; the write endpoints change
// it, and tests compare snapshot() before and after.
class SimRepository
{
public:
    // What a Sling-style request path resolves to: the longest existing node path, then selectors and
    // extension taken from the dots after it (e.g. "agents.author.-1.json" -> agents.author, [-1], json).
    struct Resolution
    {
        SimNode *node = nullptr;
        QStringList selectors;
        QString extension;
        QString suffix; // anything after the extension, starting with '/'
    };

    SimRepository();

    SimNode *root() const { return m_root.get(); }
    SimNode *node(const QString &path) const;
    // Creates missing nodes along the path; intermediates get intermediateType, the last one primaryType.
    SimNode *ensureNode(const QString &path, const QString &primaryType,
                        const QString &intermediateType = QStringLiteral("sling:Folder"));
    bool removeNode(const QString &path);

    // Adds an nt:file with its jcr:content (nt:resource) holding data.
    SimNode *addFile(const QString &path, const QByteArray &data, const QString &mimeType);
    // The jcr:data of an nt:file node, or a null QByteArray for anything else.
    static QByteArray fileData(const SimNode *node);

    Resolution resolve(const QString &requestPath) const;

    // The whole tree as JSON (binary data as text), for tests and `simulate --dump`.
    QJsonObject snapshot() const;

private:
    std::unique_ptr<SimNode> m_root;
};

} // namespace bp::sim
