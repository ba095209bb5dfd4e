// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QVariant>

#include <memory>
#include <vector>

namespace bp::sim {

// One JCR node of the simulated repository. Properties keep insertion order, like JCR does for Sling's
// JSON rendering. Value types: QString, bool, qlonglong, QStringList (multi-value), QDateTime,
// QByteArray (binary, e.g. an nt:file's jcr:data).
class SimNode
{
public:
    SimNode(QString name, QString primaryType, SimNode *parent);

    const QString &name() const { return m_name; }
    const QString &primaryType() const { return m_primaryType; }
    SimNode *parent() const { return m_parent; }
    QString path() const;

    const QList<QPair<QString, QVariant>> &properties() const { return m_properties; }
    QVariant property(const QString &name) const;
    void setProperty(const QString &name, const QVariant &value);
    bool removeProperty(const QString &name);

    SimNode *child(const QString &name) const;
    // Appends a child (or returns the existing one of that name).
    SimNode *addChild(const QString &name, const QString &primaryType);
    bool removeChild(const QString &name);
    QList<SimNode *> children() const;

private:
    QString m_name;
    QString m_primaryType;
    SimNode *m_parent = nullptr;
    QList<QPair<QString, QVariant>> m_properties;
    std::vector<std::unique_ptr<SimNode>> m_children;
};

} // namespace bp::sim
