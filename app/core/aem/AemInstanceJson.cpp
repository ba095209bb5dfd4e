// SPDX-License-Identifier: Apache-2.0
#include "aem/AemInstanceJson.h"

namespace bp {

namespace {
QJsonValue nullable(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}
} // namespace

QJsonArray findingsToJson(const QList<Finding> &findings)
{
    QJsonArray out;
    for (const Finding &f : findings)
        out.append(QJsonObject{{QStringLiteral("id"), f.id},
                               {QStringLiteral("severity"), severityId(f.severity)},
                               {QStringLiteral("evidence"), QJsonArray::fromStringList(f.evidence)},
                               {QStringLiteral("message"), FindingText::message(f)},
                               {QStringLiteral("remedy"), FindingText::remedy(f)}});
    return out;
}

QJsonObject instanceToJson(const AemInstance &instance)
{
    QJsonArray sources;
    for (const auto &e : instance.versionEvidence) {
        QJsonObject o{{QStringLiteral("id"), e.sourceId},
                      {QStringLiteral("path"), e.path},
                      {QStringLiteral("readable"), e.readable}};
        if (e.readable) {
            o.insert(QStringLiteral("version"), e.version);
        } else {
            o.insert(QStringLiteral("problemId"), e.problemId);
            o.insert(QStringLiteral("problem"), versionEvidenceProblem(e));
            if (e.httpStatus)
                o.insert(QStringLiteral("httpStatus"), e.httpStatus);
        }
        sources.append(o);
    }
    QStringList conflicts;
    for (const auto &c : instance.versionConflicts)
        conflicts << versionConflictText(c);
    return QJsonObject{
        {QStringLiteral("aemUrl"), instance.baseUrl.toString()},
        {QStringLiteral("deployment"), deploymentId(instance.deployment())},
        {QStringLiteral("version"),
         instance.version.isValid() ? QJsonValue(instance.version.toString()) : QJsonValue()},
        {QStringLiteral("versionChosenManually"), instance.versionChosenManually},
        {QStringLiteral("versionSources"), sources},
        {QStringLiteral("versionConflicts"), QJsonArray::fromStringList(conflicts)},
        {QStringLiteral("oauthSupported"), instance.oauthSupported()},
        {QStringLiteral("oauthSupport"), oauthSupportId(instance.oauthSupport)},
        {QStringLiteral("state"), configStateId(instance.state)},
        {QStringLiteral("tenant"), nullable(instance.tenant)},
        {QStringLiteral("configPaths"), QJsonArray::fromStringList(instance.configPaths())},
        {QStringLiteral("problems"), QJsonArray::fromStringList(instance.problemTexts())},
        {QStringLiteral("findings"), findingsToJson(instance.findings)},
        {QStringLiteral("requests"), instance.requestCount},
    };
}

} // namespace bp
