// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "aem/AemVersion.h"
#include "errors/Result.h"

namespace bp {

// The one rule for a version the user gives by hand (wizard: Connect page; CLI: --aem-version) when AEM does
// not reveal it: "cloud", an exact AEM 6.5 version with its service pack (6.5.21.0), or an AEM 6.5 LTS
// version (6.6.1). Anything else is InvalidInput with an example, so a guess such as "6.5" or "6.4.8.0"
// never chooses a route.
Result<AemVersion> parseManualVersion(const QString &text);

} // namespace bp
