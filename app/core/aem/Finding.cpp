// SPDX-License-Identifier: Apache-2.0
#include "aem/Finding.h"

#include <QCoreApplication>

#include <algorithm>

namespace bp {

namespace {
// One translation context for the file, spelled the same for lupdate and at run time.
class Text
{
    Q_DECLARE_TR_FUNCTIONS(bp::Finding)
};
QString arg(const Finding &f, int i)
{
    return f.args.value(i);
}
} // namespace

QString severityId(Severity severity)
{
    switch (severity) {
    case Severity::Info:
        return QStringLiteral("info");
    case Severity::Warning:
        return QStringLiteral("warning");
    case Severity::Error:
        return QStringLiteral("error");
    }
    return QStringLiteral("warning");
}

Finding Finding::make(const char *id, Severity severity, QStringList evidence, QStringList args)
{
    Finding f;
    f.id = QString::fromLatin1(id);
    f.severity = severity;
    f.evidence = std::move(evidence);
    f.args = std::move(args);
    return f;
}

bool hasFinding(const QList<Finding> &findings, const QString &id)
{
    return std::any_of(findings.begin(), findings.end(), [&id](const Finding &f) { return f.id == id; });
}

QString FindingText::message(const Finding &f)
{
    const QString &id = f.id;
    if (id == QLatin1String("read-failed"))
        return Text::tr("%1 could not be read (%2).").arg(arg(f, 0), arg(f, 1));
    if (id == QLatin1String("not-json"))
        return Text::tr("%1: AEM did not send JSON.").arg(arg(f, 0));
    if (id == QLatin1String("ims-config-unreadable"))
        return Text::tr("The IMS configuration %1 could not be read.").arg(arg(f, 0));
    if (id == QLatin1String("ims-config-multiple"))
        return Text::tr("%1 Brand Portal IMS configurations exist; Adobe allows only one per tenant.")
            .arg(arg(f, 0));
    if (id == QLatin1String("cloud-config-multiple"))
        return Text::tr("%1 Brand Portal cloud configurations exist; keep one author ↔ one tenant.")
            .arg(arg(f, 0));
    if (id == QLatin1String("cloud-config-ims-missing"))
        return Text::tr(
                   "The cloud configuration %1 refers to the IMS configuration \"%2\", which does not exist.")
            .arg(arg(f, 0), arg(f, 1));
    if (id == QLatin1String("ims-config-incomplete"))
        return Text::tr("The IMS configuration %1 has neither OAuth nor JWT settings.").arg(arg(f, 0));
    if (id == QLatin1String("agents-missing"))
        return Text::tr(
                   "No Brand Portal replication agents were found under %1 (4 are expected per tenant); they "
                   "are "
                   "created when the cloud configuration is saved.")
            .arg(arg(f, 0));
    if (id == QLatin1String("agent-disabled"))
        return Text::tr("The replication agent %1 is disabled; queued assets can fail.").arg(arg(f, 0));
    if (id == QLatin1String("ims-config-cloud-unreadable"))
        return Text::tr(
                   "The IMS configuration \"%2\" that %1 uses is not readable on Cloud Service (activation "
                   "keeps it outside /apps).")
            .arg(arg(f, 0), arg(f, 1));
    if (id == QLatin1String("distribution-agent-missing"))
        return Text::tr("The Brand Portal distribution agent %1 does not exist.").arg(arg(f, 0));
    if (id == QLatin1String("ims-config-unused"))
        return Text::tr(
            "A Brand Portal IMS configuration exists but no Brand Portal cloud configuration uses it.");
    return id;
}

QString FindingText::remedy(const Finding &f)
{
    const QString &id = f.id;
    if (id == QLatin1String("read-failed") || id == QLatin1String("not-json") ||
        id == QLatin1String("ims-config-unreadable"))
        return Text::tr("Connect as an administrator; a dispatcher in front of AEM may block the path.");
    if (id == QLatin1String("ims-config-multiple"))
        return Text::tr(
            "Keep the IMS configuration the Brand Portal cloud configuration uses and delete the others.");
    if (id == QLatin1String("cloud-config-multiple"))
        return Text::tr("Keep one Brand Portal cloud configuration per author.");
    if (id == QLatin1String("cloud-config-ims-missing") || id == QLatin1String("ims-config-incomplete") ||
        id == QLatin1String("ims-config-unused"))
        return Text::tr(
            "Delete the inconsistent configuration and create it again (the upgrade path does this with a "
            "backup).");
    if (id == QLatin1String("agents-missing"))
        return Text::tr(
            "Open the Brand Portal cloud configuration, make a small edit and save it again; AEM then "
            "creates "
            "the agents.");
    if (id == QLatin1String("agent-disabled"))
        return Text::tr("Enable the agent: Adobe advises never to disable Brand Portal agents.");
    if (id == QLatin1String("distribution-agent-missing"))
        return Text::tr(
            "Activate Brand Portal for the environment in Cloud Manager (through your Adobe "
            "representative while Brand Portal is in maintenance mode), then run bpsetup verify.");
    return QString();
}

} // namespace bp
