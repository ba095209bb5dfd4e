// SPDX-License-Identifier: Apache-2.0
#include "cli/DetectCommand.h"

#include "aem/AemInstanceJson.h"
#include "aem/InstanceDetector.h"
#include "aem/ManualVersion.h"
#include "cli/ConnectionOptions.h"
#include "cli/ExitCode.h"
#include "profiles/ProfileManager.h"
#include "setup/RouteSelector.h"
#include "time/Clock.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>

namespace bp::cli {

namespace {
Error usage(const QString &message)
{
    return Error(ErrorCode::InvalidInput, message).withId(QStringLiteral("usage"));
}
} // namespace

Error DetectCommand::withUntrustedCertificate(Error error, const InstanceDetector *detector)
{
    if (!error.certificate && detector && error.code == ErrorCode::Tls)
        error.withCertificate(detector->untrustedCertificate());
    return error;
}

void DetectCommand::printHuman(const AemInstance &instance, const RouteDecision &decision)
{
    QTextStream &o = m_ctx.out;
    const auto line = [&o](const QString &label, const QString &value) {
        o << label.leftJustified(16) << value << Qt::endl;
    };
    line(tr("AEM:"), instance.baseUrl.toString());
    line(tr("Deployment:"), QStringLiteral("%1 (%2)").arg(deploymentId(instance.deployment()),
                                                          deploymentDisplayName(instance.deployment())));
    QStringList readable;
    for (const auto &e : instance.versionEvidence) {
        if (e.readable)
            readable << e.sourceId;
    }
    line(tr("Version:"),
         instance.version.isValid()
             ? instance.version.toString() +
                   (instance.versionChosenManually
                        ? tr("  (chosen by hand)")
                        : QStringLiteral("  (") + readable.join(QStringLiteral(", ")) + QLatin1Char(')'))
             : tr("could not be read"));
    for (const auto &e : instance.versionEvidence) {
        if (!e.readable)
            line(QString(), tr("%1: %2").arg(e.sourceId, versionEvidenceProblem(e)));
    }
    for (const auto &c : instance.versionConflicts)
        line(QString(), tr("conflict: %1").arg(versionConflictText(c)));
    line(tr("OAuth S2S:"),
         QStringLiteral("%1 (%2)").arg(instance.oauthSupported() ? tr("supported") : tr("not supported"),
                                       oauthSupportId(instance.oauthSupport)));
    line(tr("Configuration:"), QStringLiteral("%1 (%2)").arg(configStateId(instance.state),
                                                             configStateDisplayName(instance.state)));
    line(tr("Tenant:"), instance.tenant.isEmpty() ? QStringLiteral("-") : instance.tenant);
    const QStringList paths = instance.configPaths();
    for (int i = 0; i < paths.size(); ++i)
        line(i == 0 ? tr("Found:") : QString(), paths.at(i));
    for (int i = 0; i < instance.findings.size(); ++i)
        line(i == 0 ? tr("Problems:") : QString(), FindingText::message(instance.findings.at(i)));
    line(tr("Route:"),
         QStringLiteral("%1 (%2)").arg(routeId(decision.route), routeDisplayName(decision.route)));
    line(tr("Reason:"), decision.reason);
    for (int i = 0; i < decision.prerequisites.size(); ++i)
        line(i == 0 ? tr("First:") : QString(), decision.prerequisites.at(i));
}

int DetectCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Reads the AEM version and the existing Brand Portal configuration, and "
           "reports the setup route. Read-only: sends no write requests."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help."));
    const QCommandLineOption json(QStringLiteral("json"), tr("Print one JSON object on stdout."));
    const QCommandLineOption version(QStringLiteral("aem-version"),
                                     tr("Use this AEM version if it cannot be read (cloud, 6.5.x.y, 6.6.x)."),
                                     tr("V"));
    const QCommandLineOption recipe(QStringLiteral("recipe"),
                                    tr("Detection recipe JSON replacing the built-in one."), tr("FILE"));
    ConnectionOptions connectionOptions;
    parser.addOptions({help, json, version, recipe});
    connectionOptions.addTo(parser);
    if (!parser.parse(arguments))
        return m_ctx.fail(usage(parser.errorText() + tr(" (see bpsetup detect --help)")));
    if (parser.isSet(help)) {
        m_ctx.printHelp(parser, QStringLiteral("detect"));
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return m_ctx.fail(usage(tr("Unexpected argument \"%1\" (see bpsetup detect --help).")
                                    .arg(parser.positionalArguments().first())));
    // Check the plain inputs before anything is asked for or read.
    AemVersion manual;
    if (parser.isSet(version)) {
        const auto v = parseManualVersion(parser.value(version));
        if (!v)
            return m_ctx.fail(v.error());
        manual = v.value();
    }
    DetectionRecipe detectionRecipe = DetectionRecipe::builtIn();
    if (parser.isSet(recipe)) {
        const auto r = DetectionRecipe::fromFile(parser.value(recipe));
        if (!r)
            return m_ctx.fail(r.error());
        detectionRecipe = r.value();
    }
    const auto connection = connectionOptions.resolve(parser, m_ctx);
    if (!connection)
        return m_ctx.fail(connection.error());

    InstanceDetector detector(connection.value(), m_ctx.clock());
    detector.setRecipe(detectionRecipe);
    detector.setManualVersion(manual);
    if (!m_ctx.json)
        QObject::connect(&detector, &Task::progressChanged, &detector,
                         [this](qint64 done, qint64 total, const QString &label) {
                             m_ctx.err << QStringLiteral("[%1/%2] %3").arg(done).arg(total).arg(label)
                                       << Qt::endl;
                         });
    m_ctx.run(detector);

    if (!detector.succeeded())
        return m_ctx.fail(withUntrustedCertificate(detector.error(), &detector));
    connectionOptions.rememberTrust(m_ctx, connection.value(), detector.snapshot().pinsUsed);
    const AemInstance &instance = detector.result().value();
    if (const auto &saved = connectionOptions.saved()) {
        // Remember what was seen (never a secret) for the next run and for support.
        Profile profile = saved->profile;
        profile.deployment = deploymentId(instance.deployment());
        profile.version = instance.version.toString();
        if (!instance.tenant.isEmpty())
            profile.tenant = instance.tenant;
        profile.lastUsed = m_ctx.clock().nowUtc();
        ProfileStore store(m_ctx.profiles().profilesPath(), m_ctx.clock());
        if (store.load().ok()) {
            store.upsert(profile);
            if (const auto written = store.save(); !written)
                m_ctx.warn(written.error().userMessage);
        }
    }
    const RouteDecision decision = RouteSelector::select(instance, m_ctx.clock().today());
    if (m_ctx.json) {
        QJsonObject out = instanceToJson(instance);
        const QJsonObject route = decisionToJson(decision);
        for (auto it = route.begin(); it != route.end(); ++it)
            out.insert(it.key(), it.value());
        out.insert(QStringLiteral("ok"), true);
        m_ctx.printJson(out);
    } else {
        printHuman(instance, decision);
    }
    return decision.route == Route::Unsupported || decision.route == Route::Unknown ? ExitUnsupported
                                                                                    : ExitOk;
}

} // namespace bp::cli
