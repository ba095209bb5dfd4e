// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "aem/AemVersion.h"
#include "aem/DetectionRecipe.h"
#include "apply/ApplyRecipe.h"
#include "errors/Result.h"

#include <QCommandLineOption>
#include <QCoreApplication>

class QCommandLineParser;

namespace bp::cli {

// --aem-version and --recipe, as the read-only commands that check a configured chain take them (verify,
// diagnose).
class ReadOptions
{
    Q_DECLARE_TR_FUNCTIONS(ReadOptions)
public:
    ReadOptions();
    void addTo(QCommandLineParser &parser) const;

    struct Values
    {
        AemVersion manualVersion;
        DetectionRecipe detect = DetectionRecipe::builtIn();
        ApplyRecipe recipe = ApplyRecipe::builtIn();
    };
    Result<Values> resolve(const QCommandLineParser &parser) const;

private:
    QCommandLineOption m_version;
    QCommandLineOption m_recipe;
};

} // namespace bp::cli
