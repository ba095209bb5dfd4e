// SPDX-License-Identifier: Apache-2.0
#include "cli/SimulateCommand.h"

#include "cli/ExitCode.h"
#include "cli/UnixSignalWatcher.h"
#include "net/CertificateInfo.h"
#include "sim/Simulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>

namespace bp::cli {

namespace {
Error usage(const QString &message)
{
    return Error{ErrorCode::InvalidInput, message, QString()};
}
} // namespace

int SimulateCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(SimulateCommand::tr(
        "Serves a simulated AEM author and a simulated Adobe IMS on 127.0.0.1 until Ctrl+C (SIGINT) or "
        "SIGTERM. "
        "For demos, training and reproducing support cases; no real AEM needed."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  SimulateCommand::tr("Show this help."));
    const QCommandLineOption port(
        QStringLiteral("port"), SimulateCommand::tr("AEM port (IMS uses the next one); default: free ports."),
        SimulateCommand::tr("N"));
    const QCommandLineOption version(QStringLiteral("aem-version"),
                                     SimulateCommand::tr("AEM version: %1 (any 6.5.x.y or 6.6.x works).")
                                         .arg(sim::Simulator::exampleVersions().join(QStringLiteral(", "))),
                                     SimulateCommand::tr("V"), QStringLiteral("6.5.22.0"));
    const QCommandLineOption state(QStringLiteral("state"),
                                   SimulateCommand::tr("Brand Portal configuration: %1.")
                                       .arg(sim::Simulator::knownStates().join(QStringLiteral(", "))),
                                   SimulateCommand::tr("S"), QStringLiteral("none"));
    const QCommandLineOption tenant(QStringLiteral("tenant"),
                                    SimulateCommand::tr("Brand Portal tenant name."),
                                    SimulateCommand::tr("T"), QStringLiteral("bpdemo"));
    const QCommandLineOption latency(QStringLiteral("latency"),
                                     SimulateCommand::tr("Milliseconds added before every answer."),
                                     SimulateCommand::tr("MS"));
    const QCommandLineOption tls(
        QStringLiteral("tls"),
        SimulateCommand::tr("Serve HTTPS with a freshly generated self-signed certificate."));
    const QCommandLineOption hotfix(
        QStringLiteral("hotfix"),
        SimulateCommand::tr("List the IMS OAuth compatibility hotfix as installed."));
    const QCommandLineOption block(
        QStringLiteral("block"),
        SimulateCommand::tr("Path prefix a dispatcher blocks (repeatable), e.g. /system/console."),
        SimulateCommand::tr("PREFIX"));
    const QCommandLineOption fault(QStringLiteral("fault"),
                                   SimulateCommand::tr("Misbehave on purpose (repeatable): %1.")
                                       .arg(sim::Simulator::knownFaults().join(QStringLiteral(", "))),
                                   SimulateCommand::tr("F"));
    const QCommandLineOption json(
        QStringLiteral("json"),
        SimulateCommand::tr("Print the URLs and login as one JSON line before serving."));
    parser.addOptions({help, port, version, state, tenant, latency, tls, hotfix, block, fault, json});
    if (!parser.parse(arguments))
        return m_ctx.fail(usage(parser.errorText() + SimulateCommand::tr(" (see bpsetup simulate --help)")));
    if (parser.isSet(help)) {
        m_ctx.out << parser.helpText().replace(QCoreApplication::applicationFilePath(),
                                               QStringLiteral("bpsetup simulate"));
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return m_ctx.fail(
            usage(SimulateCommand::tr("Unexpected argument \"%1\" (see bpsetup simulate --help).")
                      .arg(parser.positionalArguments().first())));

    sim::SimulatorOptions options;
    if (parser.isSet(port)) {
        bool ok = false;
        const uint p = parser.value(port).toUInt(&ok);
        if (!ok || p == 0 || p >= 65535)
            return m_ctx.fail(usage(SimulateCommand::tr("--port takes a number from 1 to 65534.")));
        options.port = static_cast<quint16>(p);
    }
    options.aemVersion = parser.value(version);
    const auto parsedState = sim::Simulator::parseState(parser.value(state));
    if (!parsedState)
        return m_ctx.fail(parsedState.error());
    options.state = parsedState.value();
    options.tenant = parser.value(tenant);
    if (parser.isSet(latency)) {
        bool ok = false;
        options.latencyMs = parser.value(latency).toInt(&ok);
        if (!ok || options.latencyMs < 0 || options.latencyMs > 600000)
            return m_ctx.fail(usage(SimulateCommand::tr("--latency takes milliseconds from 0 to 600000.")));
    }
    options.tls = parser.isSet(tls);
    options.imsHotfixInstalled = parser.isSet(hotfix);
    options.blockedPrefixes = parser.values(block);
    for (const QString &f : parser.values(fault)) {
        const auto parsed = sim::Simulator::parseFault(f);
        if (!parsed)
            return m_ctx.fail(parsed.error());
        options.faults << parsed.value();
    }

    sim::Simulator simulator(options);
    const auto started = simulator.start();
    if (!started)
        return m_ctx.fail(started.error());

    const QString fingerprint =
        options.tls ? CertificateInfo::fingerprintSha256(simulator.certificate()) : QString();
    if (m_ctx.json) {
        QJsonObject o{
            {QStringLiteral("aemUrl"), simulator.aemUrl().toString()},
            {QStringLiteral("imsUrl"), simulator.imsUrl().toString()},
            // The simulator's own demo login, like an AEM quickstart's admin/admin: not a real secret.
            {QStringLiteral("user"), options.user},
            {QStringLiteral("password"), options.password},
            {QStringLiteral("aemVersion"), options.aemVersion},
            {QStringLiteral("state"), sim::Simulator::stateName(options.state)},
            {QStringLiteral("tenant"), options.tenant}};
        if (options.tls)
            o.insert(QStringLiteral("certificateSha256"), fingerprint);
        m_ctx.printJson(o);
    } else {
        m_ctx.out
            << SimulateCommand::tr("Simulated AEM author (%1, %2): %3\n")
                   .arg(options.aemVersion, sim::Simulator::stateName(options.state),
                        simulator.aemUrl().toString())
            << SimulateCommand::tr("Simulated Adobe IMS:  %1\n").arg(simulator.imsUrl().toString())
            << SimulateCommand::tr("AEM login:            %1 / %2\n").arg(options.user, options.password);
        if (options.tls)
            m_ctx.out << SimulateCommand::tr("Certificate SHA-256:  %1\n")
                             .arg(CertificateInfo::displayFingerprint(fingerprint));
        m_ctx.out << SimulateCommand::tr("Serving until Ctrl+C.") << Qt::endl;
    }
    m_ctx.out.flush();

    QEventLoop loop;
    UnixSignalWatcher watcher;
    QObject::connect(&watcher, &UnixSignalWatcher::terminationRequested, &loop, [&loop] { loop.quit(); });
    loop.exec();
    simulator.stop();
    if (!m_ctx.json)
        m_ctx.err << SimulateCommand::tr("Simulator stopped after %1 requests.").arg(simulator.requestCount())
                  << Qt::endl;
    return ExitOk;
}

} // namespace bp::cli
