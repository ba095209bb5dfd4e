// SPDX-License-Identifier: Apache-2.0
// `bpsetup plan` and `bpsetup backups list`, in-process against the simulator: exit codes, JSON shapes,
// zero writes, no secret in any output.
#include "archive/ZipWriter.h"
#include "CliSandbox.h"
#include "sim/Simulator.h"
#include "TestSupport.h"

#include "net/NetworkSettings.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <sys/stat.h>

using namespace bp;

namespace {

// `plan --json` against the simulator, with one of the credential files it wrote into dir.
QStringList planArgs(const sim::Simulator &simulator, const QString &dir, const QString &credentialFile)
{
    return {QStringLiteral("plan"),
            QStringLiteral("--json"),
            QStringLiteral("--aem"),
            simulator.aemUrl().toString(),
            QStringLiteral("--user"),
            QStringLiteral("admin"),
            QStringLiteral("--password-stdin"),
            QStringLiteral("--credentials"),
            dir + QLatin1Char('/') + credentialFile,
            QStringLiteral("--tenant"),
            QStringLiteral("bpdemo"),
            QStringLiteral("--ims-url"),
            simulator.imsUrl().toString()};
}

} // namespace

class TestPlanCli : public QObject
{
    Q_OBJECT

private slots:
    void plan_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("credentialFile");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("blocking");
        QTest::newRow("6.5.22.0") << "6.5.22.0"
                                  << "oauth-s2s-credential.json" << 0 << "";
        QTest::newRow("6.6.3 LTS") << "6.6.3"
                                   << "oauth-s2s-credential.json" << 0 << "";
        QTest::newRow("6.5.17.0 no hotfix") << "6.5.17.0"
                                            << "oauth-s2s-credential.json" << 4 << "hotfix-required";
        QTest::newRow("6.5.8.0") << "6.5.8.0"
                                 << "oauth-s2s-credential.json" << 4 << "oauth-not-available";
        QTest::newRow("jwt") << "6.5.22.0"
                             << "jwt-credential.json" << 4 << "jwt-credential";
    }
    void plan()
    {
        QFETCH(QString, version);
        QFETCH(QString, credentialFile);
        QFETCH(int, exitCode);
        QFETCH(QString, blocking);
        sim::SimulatorOptions o;
        o.aemVersion = version;
        auto simulator = test::startSimulator(o);
        QVERIFY(simulator);
        test::CliSandbox box;
        const QString dir = box.home.filePath(QStringLiteral("creds"));
        QVERIFY(simulator->writeCredentialFiles(dir).ok());
        const QStringList args = planArgs(*simulator, dir, credentialFile);
        const test::ProcessResult r = box.run(args, "admin\n");
        QVERIFY2(r.exitCode == exitCode, r.describe().constData());
        const QJsonObject json = QJsonDocument::fromJson(r.out).object();
        QStringList ids;
        for (const QJsonValue &v : json.value(QStringLiteral("blocking")).toArray())
            ids << v.toString();
        QCOMPARE(ids.join(QLatin1Char(',')), blocking);
        QCOMPARE(json.value(QStringLiteral("ok")).toBool(), exitCode == 0);
        if (exitCode == 0) {
            const QJsonArray steps = json.value(QStringLiteral("steps")).toArray();
            QCOMPARE(steps.size(), 4);
            for (const QJsonValue &s : steps) {
                QVERIFY(s.toObject().contains(QStringLiteral("id")));
                QCOMPARE(s.toObject().value(QStringLiteral("action")).toString(), QStringLiteral("create"));
                QVERIFY(s.toObject().contains(QStringLiteral("target")));
                QVERIFY(s.toObject().value(QStringLiteral("changes")).isArray());
            }
        }
        QCOMPARE(simulator->writeRequestCount(), 0);
        QCOMPARE(json.value(QStringLiteral("writes")).toInt(-1),
                 exitCode == 0 || !blocking.isEmpty() ? 0 : -1);
        QCOMPARE(test::secretLeak(r, simulator->clientSecretsForTests()), nullptr);
    }

    // Adobe IMS behind a proxy that inspects TLS while AEM is plain: the plan names IMS's certificate and the
    // option that trusts it, and with that option (for a host other than AEM's) it is made.
    void untrustedImsCertificateNamesHostAndOption()
    {
        sim::SimulatorOptions o;
        o.imsTls = true;
        auto simulator = test::startSimulator(o);
        QVERIFY(simulator);
        test::CliSandbox box;
        const QString dir = box.home.filePath(QStringLiteral("creds"));
        QVERIFY(simulator->writeCredentialFiles(dir).ok());
        const QStringList args = planArgs(*simulator, dir, QStringLiteral("oauth-s2s-credential.json"));
        test::ProcessResult r = box.run(args, "admin\n");
        QVERIFY2(r.exitCode == 3, r.describe().constData());
        const QJsonObject error =
            QJsonDocument::fromJson(r.out).object().value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("tls"));
        const QJsonObject certificate = error.value(QStringLiteral("certificate")).toObject();
        QCOMPARE(certificate.value(QStringLiteral("peer")).toString(), QStringLiteral("ims"));
        QCOMPARE(certificate.value(QStringLiteral("host")).toString(), hostPortKey(simulator->imsUrl()));
        const QString option = certificate.value(QStringLiteral("trustFingerprint")).toString();
        const QByteArray printed = "--trust-fingerprint " + option.toUtf8();
        QVERIFY2(r.err.contains(printed), r.err.constData());

        // A bare fingerprint would be for AEM, which is plain http: the host form is the one printed.
        r = box.run(args + QStringList{QStringLiteral("--trust-fingerprint"), option}, "admin\n");
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value(QStringLiteral("ok")).toBool(), true);
        QCOMPARE(simulator->writeRequestCount(), 0);
    }

    void badInputExitsTwo_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("id");
        QTest::newRow("download host")
            << QStringList{QStringLiteral("--tenant"), QStringLiteral("downloads-na1")}
            << "tenant-download-host";
        QTest::newRow("alias with path")
            << QStringList{QStringLiteral("--tenant"),
                           QStringLiteral("https://acme.brand-portal.adobe.com/x")}
            << "tenant-invalid";
    }
    void badInputExitsTwo()
    {
        QFETCH(QStringList, extra);
        QFETCH(QString, id);
        test::CliSandbox box;
        QStringList args = {QStringLiteral("plan"),          QStringLiteral("--json"),
                            QStringLiteral("--aem"),         QStringLiteral("http://127.0.0.1:9"),
                            QStringLiteral("--credentials"), box.home.filePath(QStringLiteral("none.json"))};
        args << extra;
        const test::ProcessResult r = box.run(args);
        QCOMPARE(r.exitCode, 2);
        const QJsonObject json = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(json.value(QStringLiteral("error")).toObject().value(QStringLiteral("id")).toString(), id);
    }

    // --hotfix-package on 6.5.17.0: a usable file makes the hotfix the first step; a bad one exits 2 before
    // AEM is asked anything.
    void hotfixPackage_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("id"); // error id, or the first step's id
        QTest::newRow("the hotfix") << "hotfix" << 0 << "hotfix-package";
        QTest::newRow("FIFO") << "fifo" << 2 << "file-not-regular";
        QTest::newRow("not a zip") << "text" << 2 << "not-a-zip";
        QTest::newRow("another package") << "other" << 2 << "package-wrong";
    }
    void hotfixPackage()
    {
        QFETCH(QString, kind);
        QFETCH(int, exitCode);
        QFETCH(QString, id);
        sim::SimulatorOptions o;
        o.aemVersion = QStringLiteral("6.5.17.0");
        auto simulator = test::startSimulator(o);
        QVERIFY(simulator);
        test::CliSandbox box;
        const QString dir = box.home.filePath(QStringLiteral("creds"));
        QVERIFY(simulator->writeCredentialFiles(dir).ok());
        const QString file = box.home.filePath(QStringLiteral("package.zip"));
        if (kind == QLatin1String("fifo")) {
            QCOMPARE(::mkfifo(QFile::encodeName(file).constData(), 0600), 0);
        } else {
            QByteArray data = "not a zip";
            if (kind != QLatin1String("text")) {
                const QString name = kind == QLatin1String("hotfix")
                                         ? QStringLiteral("ims-jwt-compatibility-package-6.5")
                                         : QStringLiteral("site-content");
                ZipWriter zip;
                zip.addFile(QStringLiteral("META-INF/vault/properties.xml"),
                            "<?xml version=\"1.0\"?><properties><entry key=\"name\">" + name.toUtf8() +
                                "</entry><entry key=\"group\">adobe/cq650/hotfix</entry><entry "
                                "key=\"version\">1.0</entry></properties>",
                            ZipWriter::Method::Deflate, true);
                data = zip.finish();
            }
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(data);
        }
        const QStringList args = {QStringLiteral("plan"),
                                  QStringLiteral("--json"),
                                  QStringLiteral("--aem"),
                                  simulator->aemUrl().toString(),
                                  QStringLiteral("--user"),
                                  QStringLiteral("admin"),
                                  QStringLiteral("--password-stdin"),
                                  QStringLiteral("--credentials"),
                                  dir + QStringLiteral("/oauth-s2s-credential.json"),
                                  QStringLiteral("--tenant"),
                                  QStringLiteral("bpdemo"),
                                  QStringLiteral("--ims-url"),
                                  simulator->imsUrl().toString(),
                                  QStringLiteral("--hotfix-package"),
                                  file};
        const test::ProcessResult r = box.run(args, "admin\n");
        QVERIFY2(r.exitCode == exitCode, r.describe().constData());
        const QJsonObject json = QJsonDocument::fromJson(r.out).object();
        if (exitCode == 0) {
            const QJsonArray steps = json.value(QStringLiteral("steps")).toArray();
            QCOMPARE(steps.size(), 5);
            QCOMPARE(steps.first().toObject().value(QStringLiteral("id")).toString(), id);
            QVERIFY(json.value(QStringLiteral("blocking")).toArray().isEmpty());
        } else {
            QCOMPARE(json.value(QStringLiteral("error")).toObject().value(QStringLiteral("id")).toString(),
                     id);
            QCOMPARE(simulator->requestCount(), 0);
        }
        QCOMPARE(simulator->writeRequestCount(), 0);
    }

    void backupsListEmptyAndJson()
    {
        test::CliSandbox box;
        test::ProcessResult r =
            box.run({QStringLiteral("backups"), QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject json = QJsonDocument::fromJson(r.out).object();
        QVERIFY(json.value(QStringLiteral("ok")).toBool());
        QCOMPARE(json.value(QStringLiteral("backups")).toArray().size(), 0);
        r = box.run({QStringLiteral("backups")});
        QCOMPARE(r.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestPlanCli)
#include "tst_plan_cli.moc"
