// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>

namespace bp::sim {

class SimNode;

// Renders a node like Sling's default GET servlet does for "<path>.<depth>.json": jcr:primaryType first,
// then the properties in repository order, then child nodes as nested objects down to the given depth.
// Hand-written because QJsonObject sorts keys, and clients may rely on Sling's order.
class SimSlingJson
{
public:
    static constexpr int Infinity = -1;

    // depth 0 = the node's own properties only; Infinity (or any negative value) = the whole subtree.
    static QByteArray render(const SimNode *node, int depth, bool tidy = false);

private:
    static void write(QByteArray &out, const SimNode *node, int depth, bool tidy, int indent);
};

} // namespace bp::sim
