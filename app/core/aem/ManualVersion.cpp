// SPDX-License-Identifier: Apache-2.0
#include "aem/ManualVersion.h"

#include <QCoreApplication>

namespace bp {

Result<AemVersion> parseManualVersion(const QString &text)
{
    const QString trimmed = text.trimmed();
    const AemVersion v = AemVersion::parse(trimmed);
    if (v.isValid() && v.isCloud())
        return v;
    if (v.isValid() && v.deployment() == Deployment::Aem65 && v.parts().size() == 4)
        return v;
    if (v.isValid() && v.deployment() == Deployment::Aem65Lts && v.parts().size() >= 3)
        return v;
    return Error(ErrorCode::InvalidInput,
                 QCoreApplication::translate(
                     "bp::ManualVersion",
                     "\"%1\" is not a version to choose by hand. Give \"cloud\" for AEM as a Cloud Service, "
                     "the "
                     "exact AEM 6.5 version with its service pack (for example 6.5.21.0), or the AEM 6.5 LTS "
                     "version (for example 6.6.1).")
                     .arg(trimmed))
        .withId(QStringLiteral("manual-version-invalid"));
}

} // namespace bp
