// SPDX-License-Identifier: Apache-2.0
#include "sim/SimNode.h"

#include <algorithm>

namespace bp::sim {

SimNode::SimNode(QString name, QString primaryType, SimNode *parent)
    : m_name(std::move(name)), m_primaryType(std::move(primaryType)), m_parent(parent)
{
}

QString SimNode::path() const
{
    if (!m_parent)
        return QStringLiteral("/");
    const QString parentPath = m_parent->path();
    if (parentPath == QLatin1String("/"))
        return QLatin1Char('/') + m_name;
    return parentPath + QLatin1Char('/') + m_name;
}

QVariant SimNode::property(const QString &name) const
{
    for (const auto &p : m_properties) {
        if (p.first == name)
            return p.second;
    }
    return {};
}

void SimNode::setProperty(const QString &name, const QVariant &value)
{
    for (auto &p : m_properties) {
        if (p.first == name) {
            p.second = value;
            return;
        }
    }
    m_properties.append({name, value});
}

bool SimNode::removeProperty(const QString &name)
{
    for (qsizetype i = 0; i < m_properties.size(); ++i) {
        if (m_properties.at(i).first == name) {
            m_properties.removeAt(i);
            return true;
        }
    }
    return false;
}

SimNode *SimNode::child(const QString &name) const
{
    for (const auto &c : m_children) {
        if (c->name() == name)
            return c.get();
    }
    return nullptr;
}

SimNode *SimNode::addChild(const QString &name, const QString &primaryType)
{
    if (SimNode *existing = child(name))
        return existing;
    m_children.push_back(std::make_unique<SimNode>(name, primaryType, this));
    return m_children.back().get();
}

bool SimNode::removeChild(const QString &name)
{
    const auto it = std::find_if(m_children.begin(), m_children.end(),
                                 [&name](const std::unique_ptr<SimNode> &c) { return c->name() == name; });
    if (it == m_children.end())
        return false;
    m_children.erase(it);
    return true;
}

QList<SimNode *> SimNode::children() const
{
    QList<SimNode *> out;
    out.reserve(static_cast<qsizetype>(m_children.size()));
    for (const auto &c : m_children)
        out.append(c.get());
    return out;
}

} // namespace bp::sim
