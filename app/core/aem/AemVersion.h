// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QString>

namespace bp {

enum class Deployment
{
    Unknown,
    CloudService,
    Aem65,
    Aem65Lts,
    Other
};

// A product version as AEM reports it: "6.5.21.0", "6.6.3", or a Cloud Service release such as
// "2025.11.23482.20251118T154426Z-251100".
class AemVersion
{
public:
    AemVersion() = default;
    static AemVersion parse(const QString &text); // invalid when text is not a version
    static AemVersion cloud(const QString &release = QString());

    bool isValid() const { return m_valid; }
    bool isCloud() const { return m_cloud; }
    Deployment deployment() const;
    QString toString() const { return m_text; }
    // Numeric components (empty for cloud). 6.6.3 → {6,6,3}.
    const QList<int> &parts() const { return m_parts; }
    int part(int index) const { return index < m_parts.size() ? m_parts.at(index) : 0; }

    // Compares numerically, missing trailing parts count as 0. Only meaningful between on-premise versions.
    int compare(const AemVersion &other) const;
    bool operator<(const AemVersion &o) const { return compare(o) < 0; }
    bool operator>=(const AemVersion &o) const { return compare(o) >= 0; }
    bool operator==(const AemVersion &o) const { return m_cloud == o.m_cloud && compare(o) == 0; }

private:
    bool m_valid = false;
    bool m_cloud = false;
    QString m_text;
    QList<int> m_parts;
};

QString deploymentId(Deployment deployment);          // "cloud", "6.5", "6.5-lts", "other", "unknown"
QString deploymentDisplayName(Deployment deployment); // translated

} // namespace bp
