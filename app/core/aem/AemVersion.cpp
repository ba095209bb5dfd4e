// SPDX-License-Identifier: Apache-2.0
#include "aem/AemVersion.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace bp {

AemVersion AemVersion::parse(const QString &text)
{
    AemVersion v;
    const QString trimmed = text.trimmed();
    if (trimmed.compare(QLatin1String("cloud"), Qt::CaseInsensitive) == 0)
        return cloud();
    // Cloud Service releases look like 2025.11.23482.20251118T154426Z-251100: a year first.
    static const QRegularExpression cloudRe(QStringLiteral("^20\\d\\d\\.\\d{1,2}\\.\\d+(\\..*)?$"));
    if (cloudRe.match(trimmed).hasMatch())
        return cloud(trimmed);
    // On-premise: 6.5, 6.5.21.0, 6.6.3; tolerate suffixes such as "6.5.21.0-SNAPSHOT" by ignoring them.
    static const QRegularExpression onPremRe(
        QStringLiteral("^(\\d{1,2})\\.(\\d{1,3})(?:\\.(\\d{1,4}))?(?:\\.(\\d{1,4}))?(?:[-_ ].*)?$"));
    const auto m = onPremRe.match(trimmed);
    if (!m.hasMatch())
        return v;
    for (int i = 1; i <= 4; ++i) {
        if (m.capturedLength(i) > 0)
            v.m_parts.append(m.captured(i).toInt());
    }
    v.m_valid = true;
    v.m_text = trimmed;
    return v;
}

AemVersion AemVersion::cloud(const QString &release)
{
    AemVersion v;
    v.m_valid = true;
    v.m_cloud = true;
    v.m_text = release.isEmpty() ? QStringLiteral("cloud") : release;
    return v;
}

Deployment AemVersion::deployment() const
{
    if (!m_valid)
        return Deployment::Unknown;
    if (m_cloud)
        return Deployment::CloudService;
    if (part(0) == 6 && part(1) == 5)
        return Deployment::Aem65;
    // AEM 6.5 LTS ships as product version 6.6.x (aem-brand-portal.md §1.3a).
    if (part(0) == 6 && part(1) == 6)
        return Deployment::Aem65Lts;
    return Deployment::Other;
}

int AemVersion::compare(const AemVersion &other) const
{
    const int n = qMax(m_parts.size(), other.m_parts.size());
    for (int i = 0; i < n; ++i) {
        const int a = part(i);
        const int b = other.part(i);
        if (a != b)
            return a < b ? -1 : 1;
    }
    return 0;
}

QString deploymentId(Deployment deployment)
{
    switch (deployment) {
    case Deployment::CloudService:
        return QStringLiteral("cloud");
    case Deployment::Aem65:
        return QStringLiteral("6.5");
    case Deployment::Aem65Lts:
        return QStringLiteral("6.5-lts");
    case Deployment::Other:
        return QStringLiteral("other");
    case Deployment::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString deploymentDisplayName(Deployment deployment)
{
    switch (deployment) {
    case Deployment::CloudService:
        return QCoreApplication::translate("bp", "AEM Assets as a Cloud Service");
    case Deployment::Aem65:
        return QCoreApplication::translate("bp", "AEM 6.5, on-premise or managed service");
    case Deployment::Aem65Lts:
        return QCoreApplication::translate("bp", "AEM 6.5 LTS, on-premise or managed service");
    case Deployment::Other:
        return QCoreApplication::translate("bp", "Another AEM release");
    case Deployment::Unknown:
        break;
    }
    return QCoreApplication::translate("bp", "Unknown");
}

} // namespace bp
