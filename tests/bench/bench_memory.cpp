// SPDX-License-Identifier: Apache-2.0
// Memory benchmark: the peak RSS of one `bpsetup` process fed input that never ends (an endless chunked
// body, a decompression bomb, header lines that never end) or files far above their caps (sparse 2 GiB
// files, /dev/zero), next to the same command on ordinary input. Target: every hostile case under 64 MiB.
#include "BenchProcess.h"
#include "TestHttpServer.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>
#include <functional>

namespace {

constexpr long kBoundKb = 64 * 1024;

// A TestHttpServer living in its own thread: the benchmark's own thread blocks while the child runs.
class ServerThread
{
public:
    using Mode =
        std::function<void(const bp::test::TestHttpServer::Request &, bp::test::TestHttpServer::Responder &)>;
    explicit ServerThread(Mode mode) : m_context(new QObject)
    {
        m_context->moveToThread(&m_thread);
        m_thread.start();
        QMetaObject::invokeMethod(
            m_context,
            [this, mode] {
                m_server = new bp::test::TestHttpServer;
                m_server->setHandler(mode);
                m_server->listen();
                m_port = m_server->port();
            },
            Qt::BlockingQueuedConnection);
    }
    ~ServerThread()
    {
        QMetaObject::invokeMethod(
            m_context, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
        m_context->deleteLater(); // deleted in its thread as the thread ends
        m_thread.quit();
        m_thread.wait();
    }
    ServerThread(const ServerThread &) = delete;
    ServerThread &operator=(const ServerThread &) = delete;
    quint16 port() const { return m_port; }

private:
    QThread m_thread;
    QObject *m_context;
    bp::test::TestHttpServer *m_server = nullptr;
    quint16 m_port = 0;
};

QByteArray url(quint16 port)
{
    return "http://127.0.0.1:" + QByteArray::number(port);
}

// A sparse file: a size far above any cap without using disk.
QString sparseFile(const QTemporaryDir &dir, const QString &name, qint64 size)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.resize(size);
    return path;
}

struct Case
{
    QByteArray label;
    bench::ProcessRun run;
};

void print(const Case &c, long baselineKb)
{
    const double mib = double(c.run.peakRssKb) / 1024.0;
    std::printf("%-52s %9.1f %8.2f %6d  %s\n", c.label.constData(), mib,
                baselineKb > 0 ? double(c.run.peakRssKb) / double(baselineKb) : 0.0, c.run.exitCode,
                c.run.peakRssKb < kBoundKb ? "under 64 MiB" : "OVER 64 MiB");
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_memory BPSETUP_EXE\n");
        return 2;
    }
    const QByteArray exe = argv[1];
    qputenv("BPSETUP_AEM_PASSWORD", "admin");
    QTemporaryDir home;
    qputenv("BPSETUP_CONFIG_DIR", home.path().toUtf8()); // never the user's profiles or pins

    // Baseline: the same detect against an ordinary simulated author.
    QProcess simulator;
    simulator.start(QString::fromUtf8(exe), {QStringLiteral("simulate"), QStringLiteral("--json")});
    simulator.waitForReadyRead(10000);
    const QByteArray simLine = simulator.readLine();
    const int at = simLine.indexOf("\"aemUrl\":\"") + 10;
    const QByteArray simUrl = simLine.mid(at, simLine.indexOf('"', at) - at);
    const QList<QByteArray> detect{"detect", "--json", "--user", "admin", "--aem"};
    Case baseline{"detect, ordinary simulated author (baseline)",
                  bench::runProcess(exe, detect + QList<QByteArray>{simUrl})};
    simulator.terminate();
    simulator.waitForFinished(5000);

    std::printf(
        "peak RSS of one bpsetup process (wait4 ru_maxrss); target: every hostile case under 64 MiB\n");
    std::printf("%-52s %9s %8s %6s\n", "case", "peak MiB", "ratio", "exit");
    print(baseline, baseline.run.peakRssKb);
    const long base = baseline.run.peakRssKb;

    QList<Case> cases;
    {
        ServerThread server([](const auto &, auto &r) { r.streamForever(); });
        cases << Case{"detect, endless chunked body on every path",
                      bench::runProcess(exe, detect + QList<QByteArray>{url(server.port())})};
    }
    {
        const QByteArray bomb = bp::test::TestHttpServer::gzipOfZeros(512LL * 1024 * 1024);
        ServerThread server([bomb](const auto &, auto &r) {
            r.send(200, "application/json", bomb, {{"Content-Encoding", "gzip"}});
        });
        cases << Case{"detect, gzip bomb (512 MiB inflated) on every path",
                      bench::runProcess(exe, detect + QList<QByteArray>{url(server.port())})};
    }
    QTemporaryDir files;
    const QString huge = sparseFile(files, QStringLiteral("huge.json"), 2LL * 1024 * 1024 * 1024);
    cases << Case{"validate --credentials <2 GiB file>",
                  bench::runProcess(exe, {"validate", "--credentials", huge.toUtf8()})};
    cases << Case{"validate --credentials /dev/zero",
                  bench::runProcess(exe, {"validate", "--credentials", "/dev/zero"})};
    cases << Case{"detect --recipe <2 GiB file>",
                  bench::runProcess(exe, detect + QList<QByteArray>{simUrl, "--recipe", huge.toUtf8()})};
    cases << Case{"detect --ca-file <2 GiB file>",
                  bench::runProcess(
                      exe, detect + QList<QByteArray>{"https://127.0.0.1:1", "--ca-file", huge.toUtf8()})};
    const QString key = sparseFile(files, QStringLiteral("key.pem"), 2LL * 1024 * 1024 * 1024);
    cases << Case{"profile save --private-key <2 GiB file>",
                  bench::runProcess(exe, {"profile", "save", "p", "--aem", "http://127.0.0.1:1",
                                          "--private-key", key.toUtf8()})};
    const QString profiles = QDir(home.path()).filePath(QStringLiteral("profiles.json"));
    {
        QFile f(profiles);
        f.open(QIODevice::WriteOnly);
        f.resize(2LL * 1024 * 1024 * 1024);
    }
    cases << Case{"profile list, 2 GiB profiles.json", bench::runProcess(exe, {"profile", "list", "--json"})};
    bool allUnder = true;
    for (const Case &c : std::as_const(cases)) {
        print(c, base);
        allUnder = allUnder && c.run.peakRssKb < kBoundKb;
    }
    std::printf("%s\n", allUnder ? "all hostile cases stayed under 64 MiB" : "SOME CASE WENT OVER 64 MiB");
    // Not held to the target, shown so the limit stays visible: Qt 6.4 reads a response header block without
    // a limit before bpsetup sees anything of the answer, so header lines that never end are stopped only by
    // the deadline (--timeout) and memory grows with the bytes that arrive until then.
    for (const QByteArray &timeout : {QByteArray("3"), QByteArray("6")}) {
        ServerThread server([](const auto &, auto &r) { r.streamHeadersForever(); });
        print(Case{"(limit) detect --timeout " + timeout + ", header lines never end",
                   bench::runProcess(exe,
                                     detect + QList<QByteArray>{url(server.port()), "--timeout", timeout})},
              base);
    }
    return allUnder ? 0 : 1;
}
