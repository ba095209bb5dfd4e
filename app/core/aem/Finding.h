// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace bp {

enum class Severity
{
    Info,
    Warning,
    Error
};

QString severityId(Severity severity); // "info", "warning", "error"

// One thing a classifier noticed about an instance: a stable id, how bad it is, which repository paths it is
// about, and the values its message needs. Text is produced only when it is shown (FindingText), so the
// core's findings stay data for --json, reports and diagnose.
struct Finding
{
    QString id;
    Severity severity = Severity::Warning;
    QStringList evidence; // repository paths (or URLs) read
    QStringList args;     // values for the message, in order

    static Finding make(const char *id, Severity severity, QStringList evidence, QStringList args = {});
};

// Whether any finding with this id is present.
bool hasFinding(const QList<Finding> &findings, const QString &id);

// The translated words for a finding, made when shown.
namespace FindingText {
QString message(const Finding &finding);
QString remedy(const Finding &finding);
} // namespace FindingText

} // namespace bp
