// SPDX-License-Identifier: Apache-2.0
#include "sim/SimFromReport.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QRegularExpression>

namespace bp::sim {

namespace {

Error invalid(const QString &message)
{
    return Error(ErrorCode::InvalidInput, message)
        .withId(QStringLiteral("report-invalid"))
        .withRemedy(QCoreApplication::translate("SimFromReport",
                                                "Give the JSON that bpsetup diagnose --json printed (saved "
                                                "to a file), masked or not."));
}

} // namespace

Result<ReportReproduction> SimFromReport::options(const QJsonObject &report)
{
    const QJsonValue checksValue = report.value(QLatin1String("checks"));
    if (!checksValue.isArray() || !report.value(QLatin1String("state")).isString())
        return invalid(QCoreApplication::translate(
            "SimFromReport", "This is not a diagnose report: it has no checks or state."));
    ReportReproduction r;
    SimulatorOptions &o = r.options;
    const QString deployment = report.value(QLatin1String("deployment")).toString();
    const QString version = report.value(QLatin1String("version")).toString();
    static const QRegularExpression onPrem(QStringLiteral("^(6\\.5\\.\\d+\\.\\d+|6\\.6\\.\\d+)$"));
    if (deployment == QLatin1String("cloud"))
        o.aemVersion = QStringLiteral("cloud");
    else if (onPrem.match(version).hasMatch())
        o.aemVersion = version;
    else
        r.notes << QCoreApplication::translate("SimFromReport",
                                               "The version \"%1\" was not read; %2 is served.")
                       .arg(version, o.aemVersion);
    const QString state = report.value(QLatin1String("state")).toString();
    const Result<SimState> parsed =
        Simulator::parseState(state == QLatin1String("unknown") ? QStringLiteral("none") : state);
    if (!parsed)
        return invalid(parsed.error().userMessage);
    o.state = parsed.value();
    const QString tenant = report.value(QLatin1String("tenant")).toString().toLower();
    static const QRegularExpression tenantPattern(QStringLiteral("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"));
    if (tenantPattern.match(tenant).hasMatch())
        o.tenant = tenant;
    o.imsHotfixInstalled =
        report.value(QLatin1String("oauthSupport")).toString() == QLatin1String("hotfix-installed");

    // A broken configuration whose agents exist is the OAuth setup with its IMS configuration gone (the
    // simulator's broken state has neither agents nor an IMS configuration).
    QHash<QString, QString> statusOf;
    for (const QJsonValue &v : checksValue.toArray())
        statusOf.insert(v.toObject().value(QLatin1String("id")).toString(),
                        v.toObject().value(QLatin1String("status")).toString());
    const QString agentsEnabled = statusOf.value(QStringLiteral("agents-enabled"));
    if (o.state == SimState::Broken &&
        (agentsEnabled == QLatin1String("pass") || agentsEnabled == QLatin1String("fail")) &&
        statusOf.value(QStringLiteral("cloud-config")) == QLatin1String("fail"))
        o.state = SimState::OAuthS2S;
    // ... unless Configuration Admin still has it: then it lives only in the console.
    const bool consoleOnly = parsed.value() == SimState::Broken && o.state == SimState::OAuthS2S &&
                             statusOf.value(QStringLiteral("ims-config-active")) == QLatin1String("warn");
    if (consoleOnly)
        o.faults << SimFault::ConsoleOnlyImsConfig;
    const bool oauth = o.state == SimState::OAuthS2S;
    for (const QJsonValue &v : checksValue.toArray()) {
        const QJsonObject c = v.toObject();
        const QString id = c.value(QLatin1String("id")).toString();
        const QString status = c.value(QLatin1String("status")).toString();
        const bool failed = status == QLatin1String("fail");
        const bool warned = status == QLatin1String("warn");
        if (!failed && !warned)
            continue;
        if (id == QLatin1String("author-instance") && failed)
            o.publish = true;
        else if (id == QLatin1String("agents-enabled") && failed)
            o.faults << SimFault::AgentDisabled;
        else if (id == QLatin1String("agents-close-connection") && oauth)
            o.faults << SimFault::NoCloseConnection; // the JWT and legacy states have none set anyway
        else if (id == QLatin1String("ims-config-single") && failed)
            o.faults << SimFault::TwoImsConfigs;
        else if (id == QLatin1String("cloud-config") && failed && oauth && !consoleOnly)
            o.faults << SimFault::DanglingCloudConfig;
        else if (id == QLatin1String("ims-config-active") && failed)
            o.faults << SimFault::InactiveImsConfig;
        else if (id == QLatin1String("ims-config-active") && consoleOnly)
            continue; // reproduced above
        else if (id == QLatin1String("queues") && failed)
            o.faults << SimFault::BlockedQueue;
        else if (id == QLatin1String("clock-skew"))
            o.faults << SimFault::ClockSkew;
        else if (id == QLatin1String("tenant-url") && failed)
            o.faults << SimFault::BadTenantUrl;
        else if (id == QLatin1String("leftovers"))
            o.faults << SimFault::LegacyLeftovers;
        else if (id == QLatin1String("keystore-certificates"))
            o.faults << (failed ? SimFault::ExpiredCertificate : SimFault::ExpiringCertificate);
        else if (id == QLatin1String("distribution-queues") && failed)
            o.faults << SimFault::ErrorQueue;
        else if (id == QLatin1String("distribution-test") && failed)
            o.faults << SimFault::DistributionTestFails;
        else if (!QStringList{QStringLiteral("aem-version"), QStringLiteral("oauth-support"),
                              QStringLiteral("config-state"), QStringLiteral("ims-config"),
                              QStringLiteral("cloud-config"), QStringLiteral("distribution-agent"),
                              QStringLiteral("agents-close-connection")}
                      .contains(id))
            // The version and the state reproduce the others; these the simulator has no fault for.
            r.notes
                << QCoreApplication::translate("SimFromReport", "%1 (%2) is not reproduced.").arg(id, status);
    }
    return r;
}

} // namespace bp::sim
