// SPDX-License-Identifier: Apache-2.0
#include "cli/ReadOptions.h"

#include "aem/ManualVersion.h"

#include <QCommandLineParser>

namespace bp::cli {

ReadOptions::ReadOptions()
    : m_version(QStringLiteral("aem-version"),
                tr("Use this AEM version if it cannot be read (cloud, 6.5.x.y, 6.6.x)."), tr("V")),
      m_recipe(QStringLiteral("recipe"), tr("Recipe JSON overriding the built-in detect and apply entries."),
               tr("FILE"))
{
}

void ReadOptions::addTo(QCommandLineParser &parser) const
{
    parser.addOptions({m_version, m_recipe});
}

Result<ReadOptions::Values> ReadOptions::resolve(const QCommandLineParser &parser) const
{
    Values v;
    if (parser.isSet(m_version)) {
        const auto manual = parseManualVersion(parser.value(m_version));
        if (!manual)
            return manual.error();
        v.manualVersion = manual.value();
    }
    if (parser.isSet(m_recipe)) {
        const auto d = DetectionRecipe::fromFile(parser.value(m_recipe));
        if (!d)
            return d.error();
        const auto a = ApplyRecipe::fromFile(parser.value(m_recipe));
        if (!a)
            return a.error();
        v.detect = d.value();
        v.recipe = a.value();
    }
    return v;
}

} // namespace bp::cli
