// SPDX-License-Identifier: Apache-2.0
#include "TestSupport.h"

#include "cli/Cli.h"

#include <QBuffer>
#include <QEventLoop>
#include <QProcess>
#include <QTcpServer>
#include <QTest>
#include <QTimer>

namespace bp::test {

AemConnection adminConnection(const sim::Simulator &simulator)
{
    AemConnection c;
    c.baseUrl = simulator.aemUrl();
    c.user = simulator.options().user;
    c.password = SecretString(simulator.options().password);
    return c;
}

std::unique_ptr<sim::Simulator> startSimulator(const sim::SimulatorOptions &options)
{
    auto simulator = std::make_unique<sim::Simulator>(options);
    const auto started = simulator->start();
    if (!started) {
        qWarning("simulator did not start: %s", qPrintable(started.error().userMessage));
        return nullptr;
    }
    return simulator;
}

ProcessResult runCli(const QStringList &args, const QByteArray &stdinData,
                     const cli::CliEnvironment &environment)
{
    QBuffer out;
    QBuffer err;
    QBuffer in;
    out.open(QIODevice::WriteOnly);
    err.open(QIODevice::WriteOnly);
    in.setData(stdinData);
    in.open(QIODevice::ReadOnly);
    cli::CliEnvironment env = environment;
    if (!env.stdinIsTerminal.has_value())
        env.stdinIsTerminal = false; // whatever the test runner's own stdin is
    ProcessResult result;
    result.exitCode = cli::runCli(QStringList{QStringLiteral("bpsetup")} + args, &out, &err, &in, env);
    result.out = out.data();
    result.err = err.data();
    return result;
}

ProcessResult runBpsetup(const QStringList &args, const QByteArray &stdinData, const QProcessEnvironment &env,
                         int timeoutMs)
{
    ProcessResult result;
    const QString exe = qEnvironmentVariable("BPSETUP_EXE");
    if (exe.isEmpty()) {
        qWarning("BPSETUP_EXE is not set (run the test through ctest)");
        return result;
    }
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(exe, args);
    if (!process.waitForStarted(30000)) {
        result.err = "could not start " + exe.toLocal8Bit() + ": " + process.errorString().toLocal8Bit();
        return result;
    }
    process.write(stdinData);
    process.closeWriteChannel();
    // The simulator under test may live in this process: keep its event loop turning while we wait.
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (process.state() != QProcess::NotRunning)
        loop.exec();
    if (process.state() != QProcess::NotRunning) {
        result.timedOut = true;
        process.kill();
        process.waitForFinished(5000);
    }
    result.crashed = process.exitStatus() != QProcess::NormalExit;
    result.exitCode = result.crashed ? -1 : process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

QByteArray ProcessResult::describe() const
{
    QByteArray text = "got exit " + QByteArray::number(exitCode);
    if (timedOut)
        text += " (timed out)";
    else if (crashed)
        text += " (crashed)";
    return text + "; stderr: " + err.right(2000);
}

quint16 unusedLoopbackPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}

Profile sampleProfile(const QString &name)
{
    Profile p;
    p.name = name;
    p.aemUrl = QUrl(QStringLiteral("https://author.example.com"));
    p.aemUser = QStringLiteral("admin");
    p.clientId = QStringLiteral("abc");
    p.orgId = QStringLiteral("X@AdobeOrg");
    p.scopes = {QStringLiteral("openid"), QStringLiteral("AdobeID")};
    p.credentialKind = QStringLiteral("oauth-s2s");
    return p;
}

} // namespace bp::test
