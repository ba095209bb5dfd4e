// SPDX-License-Identifier: Apache-2.0
#include "cli/SimulateCommand.h"

#include "cli/ExitCode.h"
#include "cli/TerminationWatcher.h"
#include "io/BoundedFile.h"
#include "net/CertificateInfo.h"
#include "sim/SimFromReport.h"
#include "sim/Simulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace bp::cli {

namespace {
Error usage(const QString &message)
{
    return Error(ErrorCode::InvalidInput, message).withId(QStringLiteral("usage"));
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
    const QCommandLineOption imsTls(
        QStringLiteral("ims-tls"),
        SimulateCommand::tr(
            "Serve only IMS over HTTPS, with such a certificate (Adobe IMS behind a proxy that "
            "inspects TLS); AEM stays plain HTTP."));
    const QCommandLineOption hotfix(
        QStringLiteral("hotfix"),
        SimulateCommand::tr("List the IMS OAuth compatibility hotfix as installed."));
    const QCommandLineOption publish(QStringLiteral("publish"),
                                     SimulateCommand::tr("Simulate a publish instance (run mode publish)."));
    const QCommandLineOption block(
        QStringLiteral("block"),
        SimulateCommand::tr("Path prefix a dispatcher blocks (repeatable), e.g. /system/console."),
        SimulateCommand::tr("PREFIX"));
    const QCommandLineOption fault(
        QStringLiteral("fault"),
        SimulateCommand::tr(
            "Misbehave on purpose (repeatable): %1. hang, oversize, not-aem and sso-redirect "
            "affect AEM; ims-5xx makes the IMS token endpoints answer 503 twice before working, "
            "ims-html makes IMS answer everything with a captive-portal login page, ims-hang "
            "makes IMS never answer, csrf-expiry accepts each CSRF token for one write only, error-queue "
            "(cloud, oauth-s2s) puts 2 failed "
            "items in the Brand Portal distribution agent's error-queue, distribution-test-fails (cloud, "
            "oauth-s2s) makes that agent's Test Connection answer 400 DROPPED.")
            .arg(sim::Simulator::knownFaults().join(QStringLiteral(", "))),
        SimulateCommand::tr("F"));
    const QCommandLineOption failStep(
        QStringLiteral("fail-step"),
        SimulateCommand::tr("Make one setup step fail once with 500 (repeatable): %1. \"agents\" makes the "
                            "first Brand Portal cloud configuration save create no replication agents.")
            .arg(sim::Simulator::knownFailSteps().join(QStringLiteral(", "))),
        SimulateCommand::tr("STEP"));
    const QCommandLineOption listFailSteps(
        QStringLiteral("list-fail-steps"),
        SimulateCommand::tr("Print the known --fail-step names and exit."));
    const QCommandLineOption listFaults(QStringLiteral("list-faults"),
                                        SimulateCommand::tr("Print the known --fault names and exit."));
    const QCommandLineOption fromReport(
        QStringLiteral("from-report"),
        SimulateCommand::tr(
            "Serve the instance a diagnose report describes (the JSON of bpsetup diagnose --json, "
            "masked or not): its version, configuration state, tenant and the faults its "
            "checks found. Not with --aem-version, --state, --tenant, --fault or --publish."),
        SimulateCommand::tr("REPORT.json"));
    const QCommandLineOption credentialsOut(
        QStringLiteral("credentials-out"),
        SimulateCommand::tr("Write Developer Console downloads for the simulated OAuth Server-to-Server and "
                            "Service Account (JWT) credentials into DIR (created if needed). They hold this "
                            "run's throwaway secrets and private key."),
        SimulateCommand::tr("DIR"));
    const QCommandLineOption registerCertificate(
        QStringLiteral("register-certificate"),
        SimulateCommand::tr("Bind the X.509 certificate in FILE to the JWT credential CLIENT_ID, like the "
                            "upload in Developer Console (repeatable)."),
        SimulateCommand::tr("CLIENT_ID=FILE"));
    const QCommandLineOption queueItems(
        QStringLiteral("queue-items"),
        SimulateCommand::tr(
            "Put N pending items in each Brand Portal replication agent's queue (a busy queue: "
            "the Legacy OAuth Gateway upgrade refuses until it drains)."),
        SimulateCommand::tr("N"));
    const QCommandLineOption queueDrain(
        QStringLiteral("queue-drain"),
        SimulateCommand::tr("Each queue read delivers N of the pending items (default 0: the queues are "
                            "stuck)."),
        SimulateCommand::tr("N"));
    const QCommandLineOption jwtBeforeConversion(
        QStringLiteral("jwt-before-conversion"),
        SimulateCommand::tr(
            "Let the simulated IMS exchange JWTs as before 2026-03-01 (by default the JWT "
            "credential is converted, as Adobe did with every one, and its exchange fails)."));
    const QCommandLineOption json(
        QStringLiteral("json"),
        SimulateCommand::tr("Print the URLs and login as one JSON line before serving."));
    parser.addOptions({help,
                       port,
                       version,
                       state,
                       tenant,
                       latency,
                       tls,
                       imsTls,
                       hotfix,
                       publish,
                       block,
                       fault,
                       failStep,
                       listFailSteps,
                       listFaults,
                       fromReport,
                       queueItems,
                       queueDrain,
                       jwtBeforeConversion,
                       credentialsOut,
                       registerCertificate,
                       json});
    if (!parser.parse(arguments))
        return m_ctx.fail(usage(parser.errorText() + SimulateCommand::tr(" (see bpsetup simulate --help)")));
    if (parser.isSet(help)) {
        m_ctx.printHelp(parser, QStringLiteral("simulate"));
        return ExitOk;
    }
    if (parser.isSet(listFailSteps) || parser.isSet(listFaults)) {
        const QStringList names =
            parser.isSet(listFaults) ? sim::Simulator::knownFaults() : sim::Simulator::knownFailSteps();
        for (const QString &name : names)
            m_ctx.out << name << '\n';
        m_ctx.out.flush();
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
    options.imsTls = parser.isSet(imsTls);
    options.imsHotfixInstalled = parser.isSet(hotfix);
    options.publish = parser.isSet(publish);
    options.blockedPrefixes = parser.values(block);
    for (const QString &f : parser.values(fault)) {
        const auto parsed = sim::Simulator::parseFault(f);
        if (!parsed)
            return m_ctx.fail(parsed.error());
        options.faults << parsed.value();
    }

    QStringList reproductionNotes;
    if (parser.isSet(fromReport)) {
        for (const QCommandLineOption *own : {&version, &state, &tenant, &fault, &publish, &hotfix}) {
            if (parser.isSet(*own))
                return m_ctx.fail(
                    usage(SimulateCommand::tr("--from-report sets the version, state, tenant and "
                                              "faults; leave out --%1.")
                              .arg(own->names().constFirst())));
        }
        const auto data = BoundedFile::read(parser.value(fromReport), InputFileKind::Report);
        if (!data)
            return m_ctx.fail(data.error());
        const QJsonDocument doc = QJsonDocument::fromJson(data.value());
        const auto reproduced = sim::SimFromReport::options(doc.object());
        if (!reproduced)
            return m_ctx.fail(reproduced.error());
        const sim::SimulatorOptions &from = reproduced.value().options;
        options.aemVersion = from.aemVersion;
        options.state = from.state;
        options.tenant = from.tenant;
        options.faults = from.faults;
        options.publish = from.publish;
        options.imsHotfixInstalled = from.imsHotfixInstalled;
        reproductionNotes = reproduced.value().notes;
    }

    for (const auto &[option, target] :
         {std::pair{&queueItems, &options.queueItems}, std::pair{&queueDrain, &options.queueDrain}}) {
        if (!parser.isSet(*option))
            continue;
        bool ok = false;
        *target = parser.value(*option).toInt(&ok);
        if (!ok || *target < 0 || *target > 10000)
            return m_ctx.fail(usage(SimulateCommand::tr("--%1 takes a number from 0 to 10000.")
                                        .arg(option->names().constFirst())));
    }

    options.jwtConverted = !parser.isSet(jwtBeforeConversion);
    options.failSteps = parser.values(failStep);
    for (const QString &step : std::as_const(options.failSteps)) {
        if (!sim::Simulator::knownFailSteps().contains(step))
            return m_ctx.fail(
                usage(SimulateCommand::tr("Unknown --fail-step \"%1\". Known steps: %2.")
                          .arg(step, sim::Simulator::knownFailSteps().join(QStringLiteral(", ")))));
    }

    // Read every certificate before serving, so a typo fails at once instead of after start-up.
    QList<QPair<QString, QByteArray>> certificates;
    for (const QString &spec : parser.values(registerCertificate)) {
        const qsizetype eq = spec.indexOf(QLatin1Char('='));
        if (eq <= 0 || eq == spec.size() - 1)
            return m_ctx.fail(usage(
                SimulateCommand::tr("--register-certificate takes CLIENT_ID=FILE, got \"%1\".").arg(spec)));
        const auto data = BoundedFile::read(spec.mid(eq + 1), InputFileKind::Certificate);
        if (!data)
            return m_ctx.fail(data.error());
        certificates.append({spec.left(eq), data.value()});
    }

    sim::Simulator simulator(options);
    const auto started = simulator.start();
    if (!started)
        return m_ctx.fail(started.error());
    for (const auto &certificate : std::as_const(certificates)) {
        const auto registered = simulator.registerCertificate(certificate.first, certificate.second);
        if (!registered)
            return m_ctx.fail(registered.error());
    }
    QStringList credentialFiles;
    if (parser.isSet(credentialsOut)) {
        const auto written = simulator.writeCredentialFiles(parser.value(credentialsOut));
        if (!written)
            return m_ctx.fail(written.error());
        credentialFiles = written.value();
    }

    const QString fingerprint = options.tls || options.imsTls
                                    ? CertificateInfo::fingerprintSha256(simulator.certificate())
                                    : QString();
    if (m_ctx.json) {
        QJsonObject o{
            {QStringLiteral("aemUrl"), simulator.aemUrl().toString()},
            {QStringLiteral("imsUrl"), simulator.imsUrl().toString()},
            // The simulator's own demo login, like an AEM quickstart's admin/admin: not a real secret.
            {QStringLiteral("user"), options.user},
            {QStringLiteral("password"), options.password},
            {QStringLiteral("aemVersion"), options.aemVersion},
            {QStringLiteral("state"), sim::Simulator::stateName(options.state)},
            {QStringLiteral("tenant"), options.tenant},
            // Client ids are not secrets (they travel in URLs and JWT claims); the secrets stay out of here.
            {QStringLiteral("imsClientId"), simulator.imsClientId()},
            {QStringLiteral("jwtClientId"), simulator.jwtClientId()}};
        if (!fingerprint.isEmpty())
            o.insert(QStringLiteral("certificateSha256"), fingerprint);
        if (parser.isSet(credentialsOut))
            o.insert(QStringLiteral("credentialFiles"), QJsonArray::fromStringList(credentialFiles));
        if (parser.isSet(fromReport)) {
            QStringList faultNames;
            for (sim::SimFault f : std::as_const(options.faults))
                faultNames << sim::Simulator::faultName(f);
            o.insert(QStringLiteral("faults"), QJsonArray::fromStringList(faultNames));
            o.insert(QStringLiteral("notReproduced"), QJsonArray::fromStringList(reproductionNotes));
        }
        m_ctx.printJson(o);
    } else {
        m_ctx.out
            << SimulateCommand::tr("Simulated AEM author (%1, %2): %3\n")
                   .arg(options.aemVersion, sim::Simulator::stateName(options.state),
                        simulator.aemUrl().toString())
            << SimulateCommand::tr("Simulated Adobe IMS:  %1\n").arg(simulator.imsUrl().toString())
            << SimulateCommand::tr("AEM login:            %1 / %2\n").arg(options.user, options.password)
            << SimulateCommand::tr("OAuth S2S client ID:  %1\n").arg(simulator.imsClientId())
            << SimulateCommand::tr("JWT client ID:        %1\n").arg(simulator.jwtClientId());
        if (!fingerprint.isEmpty())
            m_ctx.out << SimulateCommand::tr("Certificate SHA-256:  %1\n")
                             .arg(CertificateInfo::displayFingerprint(fingerprint));
        if (parser.isSet(fromReport)) {
            QStringList faultNames;
            for (sim::SimFault f : std::as_const(options.faults))
                faultNames << sim::Simulator::faultName(f);
            m_ctx.out << SimulateCommand::tr("From the report:      faults %1%2\n")
                             .arg(faultNames.isEmpty() ? SimulateCommand::tr("none")
                                                       : faultNames.join(QStringLiteral(", ")),
                                  options.publish ? SimulateCommand::tr(", publish instance") : QString());
            for (const QString &note : std::as_const(reproductionNotes))
                m_ctx.out << SimulateCommand::tr("Not reproduced:       %1\n").arg(note);
        }
        m_ctx.out << SimulateCommand::tr("Serving until Ctrl+C.") << Qt::endl;
        // Paths only, never contents: the files hold secrets.
        if (!credentialFiles.isEmpty()) {
            m_ctx.err << SimulateCommand::tr("Credential files written (throwaway secrets of this run):\n");
            for (const QString &path : std::as_const(credentialFiles))
                m_ctx.err << QStringLiteral("  ") << QDir::toNativeSeparators(path) << QLatin1Char('\n');
            m_ctx.err.flush();
        }
    }
    m_ctx.out.flush();

    QEventLoop loop;
    TerminationWatcher watcher;
    QObject::connect(&watcher, &TerminationWatcher::terminationRequested, &loop, [&loop] { loop.quit(); });
    loop.exec();
    simulator.stop();
    if (!m_ctx.json)
        m_ctx.err << SimulateCommand::tr("Simulator stopped after %1 requests.").arg(simulator.requestCount())
                  << Qt::endl;
    return ExitOk;
}

} // namespace bp::cli
