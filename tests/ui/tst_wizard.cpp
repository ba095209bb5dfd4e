// SPDX-License-Identifier: Apache-2.0
// Drives the real wizard against the in-process simulator: typing, Next, Cancel, the certificate dialog and
// the routing table.
#include "sim/SimDemoEnvironment.h"
#include "TestSupport.h"

#include "diagnose/DiagnoseTask.h"
#include "net/CertificateInfo.h"
#include "net/TrustStore.h"
#include "setup/SetupState.h"
#include "sim/Simulator.h"
#include "wizard/CertificateTrustDialog.h"
#include "wizard/DetailText.h"
#include "wizard/DiagnosePage.h"
#include "wizard/HelpDialog.h"
#include "wizard/RoutePage.h"
#include "wizard/SetupWizard.h"
#include "wizard/Theme.h"

#include <QAbstractButton>
#include <QApplication>
#include <QBoxLayout>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QFrame>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QScrollArea>
#include <QScrollBar>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <QTreeWidget>

#include <memory>

using namespace bp;
using bp::ui::SetupWizard;

Q_DECLARE_METATYPE(bp::Route)
Q_DECLARE_METATYPE(bp::RouteRow)
Q_DECLARE_METATYPE(bp::RouteColumn)

namespace {

constexpr int kConnectTimeoutMs = 20000;

// One simulator + one wizard, torn down in reverse order (the wizard cancels its jobs before the simulator
// and the QNAM go away).
struct Harness
{
    std::unique_ptr<sim::Simulator> simulator;
    std::unique_ptr<sim::SimDemoEnvironment> demo;
    SetupState state;
    std::unique_ptr<SetupWizard> wizard;

    ~Harness() { wizard.reset(); }

    bool start(const sim::SimulatorOptions &options, const QString &trustStorePath)
    {
        simulator = test::startSimulator(options);
        if (!simulator)
            return false;
        wizard = std::make_unique<SetupWizard>(&state);
        wizard->setTrustStorePath(trustStorePath);
        wizard->show();
        return QTest::qWaitForWindowExposed(wizard.get());
    }

    template <class T> T *child(const char *name) const
    {
        return wizard->findChild<T *>(QLatin1String(name));
    }

    void clickNext() const { QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton); }
};

} // namespace

class TstWizard : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void routes_data();
    void routes();
    void badUrlShowsInlineErrorWithoutRequest();
    void cancelDuringSlowConnect();
    void untrustedCertificateCanBeTrusted();
    void untrustedCertificateRejectedStaysOnConnect();
    void untrustedImsCertificateOnValidate();
    void unreadableVersionCanBeChosenManually();
    void routeTextFitsAtMinimumSize_data();
    void routeTextFitsAtMinimumSize();
    void setupPathClickableToTheEnd();
    void diagnosePathEndsAtDiagnose();
    void diagnoseHealthyEndsAtFinish();
    void retranslateDoesNotLoseState();
    void stepListFollowsThePath();
    void helpOnEveryPage();
    void toneContrast_data();
    void toneContrast();
    void darkPaletteRetintsPanels();

private:
    // Types the connection details and presses Next on the Connect page.
    static void fillConnectPage(const Harness &h, const QString &url, const QString &user,
                                const QString &password);
    static void goToConnectPage(const Harness &h);
    static QString trustStorePath(const QTemporaryDir &dir)
    {
        return dir.filePath(QStringLiteral("trust.json"));
    }

    std::unique_ptr<QTemporaryDir> m_configDir;
};

void TstWizard::initTestCase()
{
    // Nothing in this test may read or write the user's real configuration.
    QStandardPaths::setTestModeEnabled(true);
    qRegisterMetaType<Route>();
}

void TstWizard::init()
{
    m_configDir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_configDir->isValid());
}

void TstWizard::goToConnectPage(const Harness &h)
{
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::WelcomePageId));
    h.clickNext();
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::ConnectPageId));
}

void TstWizard::fillConnectPage(const Harness &h, const QString &url, const QString &user,
                                const QString &password)
{
    auto *urlEdit = h.child<QLineEdit>("urlEdit");
    auto *userEdit = h.child<QLineEdit>("userEdit");
    auto *passwordEdit = h.child<QLineEdit>("passwordEdit");
    QVERIFY(urlEdit && userEdit && passwordEdit);
    urlEdit->clear();
    userEdit->clear();
    passwordEdit->clear();
    QTest::keyClicks(urlEdit, url);
    QTest::keyClicks(userEdit, user);
    QTest::keyClicks(passwordEdit, password);
    QCOMPARE(passwordEdit->echoMode(), QLineEdit::Password);
}

void TstWizard::routes_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("simState");
    QTest::addColumn<Route>("route");
    QTest::addColumn<RouteRow>("row");
    QTest::addColumn<RouteColumn>("column");

    QTest::newRow("6.5.22.0 none") << QStringLiteral("6.5.22.0") << QStringLiteral("none")
                                   << Route::CreateConfiguration << RouteRow::Aem65
                                   << RouteColumn::NewConfiguration;
    QTest::newRow("6.5.22.0 legacy gateway")
        << QStringLiteral("6.5.22.0") << QStringLiteral("legacy-gateway") << Route::UpgradeConfiguration
        << RouteRow::Aem65 << RouteColumn::UpgradeConfiguration;
    QTest::newRow("6.5.3.0 too old") << QStringLiteral("6.5.3.0") << QStringLiteral("none")
                                     << Route::Unsupported << RouteRow::Aem65 << RouteColumn::None;
}

void TstWizard::routes()
{
    QFETCH(QString, version);
    QFETCH(QString, simState);
    QFETCH(Route, route);
    QFETCH(RouteRow, row);
    QFETCH(RouteColumn, column);

    sim::SimulatorOptions options;
    options.aemVersion = version;
    const auto parsedState = sim::Simulator::parseState(simState);
    QVERIFY(parsedState.ok());
    options.state = parsedState.value();

    Harness h;
    QVERIFY(h.start(options, trustStorePath(*m_configDir)));
    goToConnectPage(h);
    fillConnectPage(h, h.simulator->aemUrl().toString(), QStringLiteral("admin"), QStringLiteral("admin"));
    h.clickNext();
    QTRY_COMPARE_WITH_TIMEOUT(h.wizard->currentId(), int(SetupWizard::RoutePageId), kConnectTimeoutMs);

    QCOMPARE(h.state.instance.version.toString(), version);
    QCOMPARE(h.state.decision.route, route);
    QCOMPARE(h.state.decision.row, row);
    QCOMPARE(h.state.decision.column, column);
    QVERIFY(h.simulator->requestCount() > 0);
    QCOMPARE(h.simulator->writeRequestCount(), 0);

    auto *table = h.child<QTableWidget>("routeTable");
    QVERIFY(table);
    QCOMPARE(table->rowCount(), 3);
    QCOMPARE(table->columnCount(), 2 + ui::RoutePage::FirstRouteColumn);
    QCOMPARE(table->editTriggers(), QAbstractItemView::NoEditTriggers);
    QCOMPARE(table->selectionMode(), QAbstractItemView::NoSelection);

    // Exactly one recommended cell, where the decision says, emphasised by text and font, not colour alone.
    int recommendedCount = 0;
    for (int r = 0; r < table->rowCount(); ++r) {
        for (int c = 0; c < table->columnCount(); ++c) {
            const QTableWidgetItem *item = table->item(r, c);
            const QString role = item->data(ui::RoutePage::HighlightRole).toString();
            if (role == QLatin1String("recommended")) {
                ++recommendedCount;
                QCOMPARE(r, int(row));
                QCOMPARE(c, int(column) + ui::RoutePage::FirstRouteColumn);
                QVERIFY(item->font().bold());
                QVERIFY(item->text().contains(QStringLiteral("recommended")));
                QVERIFY(item->background().style() != Qt::NoBrush);
            } else if (r == int(row)) {
                QCOMPARE(role, QStringLiteral("detected"));
                QVERIFY(item->background().style() != Qt::NoBrush);
            } else {
                QVERIFY(role.isEmpty());
                QVERIFY(!item->text().contains(QStringLiteral("recommended")));
            }
        }
    }
    QCOMPARE(recommendedCount, column == RouteColumn::None ? 0 : 1);

    auto *reasonLabel = h.child<QLabel>("reasonLabel");
    auto *detectedLabel = h.child<ui::DetailText>("detectedLabel");
    QVERIFY(reasonLabel && detectedLabel);
    QVERIFY2(reasonLabel->text().contains(routeDisplayName(route).toHtmlEscaped()),
             qPrintable(reasonLabel->text()));
    QVERIFY2(detectedLabel->text().contains(version), qPrintable(detectedLabel->text()));

    QAbstractButton *next = h.wizard->button(QWizard::NextButton);
    if (route == Route::Unsupported) {
        if (!h.state.decision.upgradeTarget.isEmpty())
            QVERIFY(reasonLabel->text().contains(h.state.decision.upgradeTarget.toHtmlEscaped()));
        QVERIFY2(!next->isEnabled(), "setup must not continue on an unsupported version");
    } else {
        QVERIFY(next->isEnabled());
    }
    if (simState == QLatin1String("legacy-gateway")) {
        QVERIFY(!h.state.instance.configPaths().isEmpty());
        QVERIFY(detectedLabel->text().contains(h.state.instance.configPaths().constFirst().toHtmlEscaped()));
    }

    // The password never reaches the window title or a registered field.
    QVERIFY(!h.wizard->windowTitle().contains(QStringLiteral("admin")));
    QCOMPARE(h.wizard->field(QStringLiteral("aemUrl")).toString(), h.simulator->aemUrl().toString());
}

void TstWizard::badUrlShowsInlineErrorWithoutRequest()
{
    Harness h;
    QVERIFY(h.start(sim::SimulatorOptions(), trustStorePath(*m_configDir)));
    goToConnectPage(h);

    auto *urlError = h.child<QLabel>("urlError");
    auto *progress = h.child<QProgressBar>("connectProgress");
    QVERIFY(urlError && progress);
    QVERIFY(!urlError->isVisible());

    for (const QString &bad : {QStringLiteral("not a url"), QStringLiteral("ftp://127.0.0.1/"),
                               QStringLiteral("http://127.0.0.1:4502/some/path?x=1")}) {
        fillConnectPage(h, bad, QStringLiteral("admin"), QStringLiteral("admin"));
        h.clickNext();
        QCOMPARE(h.wizard->currentId(), int(SetupWizard::ConnectPageId));
        QVERIFY2(urlError->isVisible(), qPrintable(bad));
        QVERIFY(!urlError->text().isEmpty());
        QVERIFY(!progress->isVisible());
        QVERIFY(h.wizard->button(QWizard::NextButton)->isEnabled());
    }
    // Let any (wrongly) started request reach the simulator before checking none did.
    QCoreApplication::processEvents();
    QCOMPARE(h.simulator->requestCount(), 0);

    // Editing the field clears the message.
    QTest::keyClick(h.child<QLineEdit>("urlEdit"), Qt::Key_Backspace);
    QVERIFY(!urlError->isVisible());
}

void TstWizard::cancelDuringSlowConnect()
{
    sim::SimulatorOptions options;
    options.latencyMs = 5000;
    Harness h;
    QVERIFY(h.start(options, trustStorePath(*m_configDir)));
    goToConnectPage(h);
    fillConnectPage(h, h.simulator->aemUrl().toString(), QStringLiteral("admin"), QStringLiteral("admin"));

    auto *progress = h.child<QProgressBar>("connectProgress");
    auto *cancel = h.child<QPushButton>("cancelButton");
    auto *status = h.child<QLabel>("statusLabel");
    QVERIFY(progress && cancel && status);
    QVERIFY(!progress->isVisible());
    QVERIFY(!cancel->isVisible());

    h.clickNext();
    QVERIFY(progress->isVisible());
    QVERIFY(cancel->isVisible());
    QVERIFY(!h.wizard->button(QWizard::NextButton)->isEnabled());
    QVERIFY(!h.child<QLineEdit>("urlEdit")->isEnabled());
    // The UI keeps running while the requests wait: the simulator (same thread) receives them.
    QTRY_VERIFY_WITH_TIMEOUT(h.simulator->requestCount() > 0, 4000);
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::ConnectPageId));

    QTest::mouseClick(cancel, Qt::LeftButton);
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::ConnectPageId));
    QVERIFY(!progress->isVisible());
    QVERIFY(!cancel->isVisible());
    QVERIFY(h.wizard->button(QWizard::NextButton)->isEnabled());
    QVERIFY(h.child<QLineEdit>("urlEdit")->isEnabled());
    QVERIFY(!status->text().isEmpty());
    QVERIFY(!h.child<QWidget>("errorPanel")->isVisible());

    // Back while connecting cancels too, and coming forward again starts from a clean page.
    h.clickNext();
    QVERIFY(progress->isVisible());
    QTest::mouseClick(h.wizard->button(QWizard::BackButton), Qt::LeftButton);
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::WelcomePageId));
    h.clickNext();
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::ConnectPageId));
    QVERIFY(!progress->isVisible());
    QVERIFY(h.wizard->button(QWizard::NextButton)->isEnabled());
}

void TstWizard::untrustedCertificateCanBeTrusted()
{
    sim::SimulatorOptions options;
    options.tls = true;
    Harness h;
    const QString storePath = trustStorePath(*m_configDir);
    QVERIFY(h.start(options, storePath));
    QCOMPARE(h.simulator->aemUrl().scheme(), QStringLiteral("https"));
    goToConnectPage(h);
    fillConnectPage(h, h.simulator->aemUrl().toString(), QStringLiteral("admin"), QStringLiteral("admin"));

    // The dialog is modal; find it from a timer, as a user would see it pop up.
    QPointer<ui::CertificateTrustDialog> dialog;
    bool clicked = false;
    QTimer poll;
    poll.setInterval(20);
    connect(&poll, &QTimer::timeout, this, [&] {
        if (auto *d = qobject_cast<ui::CertificateTrustDialog *>(QApplication::activeModalWidget())) {
            dialog = d;
            poll.stop();
            // Enter must not trust: Cancel is the default button.
            QVERIFY(d->cancelButton()->isDefault());
            QVERIFY(!d->trustButton()->isDefault());
            QVERIFY(d->trustButton()->text().contains(hostPortKey(h.simulator->aemUrl())));
            const QString fingerprint = CertificateInfo::fingerprintSha256(h.simulator->certificate());
            QVERIFY(d->findChild<QLabel *>(QStringLiteral("fingerprintLabel"))
                        ->text()
                        .contains(CertificateInfo::displayFingerprint(fingerprint)));
            QTest::mouseClick(d->trustButton(), Qt::LeftButton);
            clicked = true;
        }
    });
    QTimer::singleShot(0, &poll, qOverload<>(&QTimer::start));
    h.clickNext();
    QTRY_VERIFY_WITH_TIMEOUT(clicked, kConnectTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(h.wizard->currentId(), int(SetupWizard::RoutePageId), kConnectTimeoutMs);
    QTRY_VERIFY(dialog.isNull()); // deleted on close

    // Pinned for exactly this host:port, in the injected store only.
    TrustStore store(storePath);
    QVERIFY(store.load().ok());
    QCOMPARE(store.pinFor(hostPortKey(h.simulator->aemUrl())),
             CertificateInfo::fingerprintSha256(h.simulator->certificate()));
    QCOMPARE(store.pins().size(), 1);
    QCOMPARE(h.state.connection.network.pinnedSha256.value(hostPortKey(h.simulator->aemUrl())),
             CertificateInfo::fingerprintSha256(h.simulator->certificate()));
}

void TstWizard::untrustedCertificateRejectedStaysOnConnect()
{
    sim::SimulatorOptions options;
    options.tls = true;
    Harness h;
    const QString storePath = trustStorePath(*m_configDir);
    QVERIFY(h.start(options, storePath));
    goToConnectPage(h);
    fillConnectPage(h, h.simulator->aemUrl().toString(), QStringLiteral("admin"), QStringLiteral("admin"));
    h.clickNext();

    QTRY_VERIFY_WITH_TIMEOUT(qobject_cast<ui::CertificateTrustDialog *>(QApplication::activeModalWidget()),
                             kConnectTimeoutMs);
    auto *dialog = qobject_cast<ui::CertificateTrustDialog *>(QApplication::activeModalWidget());
    // Enter activates the default button, which is Cancel.
    QTest::keyClick(dialog, Qt::Key_Return);
    QTRY_VERIFY(!QApplication::activeModalWidget());

    QCOMPARE(h.wizard->currentId(), int(SetupWizard::ConnectPageId));
    auto *errorLabel = h.child<QLabel>("errorLabel");
    QVERIFY(errorLabel->isVisible());
    QVERIFY(!errorLabel->text().isEmpty());
    QVERIFY(!QFile::exists(storePath));
}

void TstWizard::untrustedImsCertificateOnValidate()
{
    // AEM is plain HTTP; Adobe IMS answers through a proxy that inspects TLS with a certificate nobody
    // trusts.
    sim::SimulatorOptions options;
    options.imsTls = true;
    Harness h;
    const QString storePath = trustStorePath(*m_configDir);
    QVERIFY(h.start(options, storePath));
    QCOMPARE(h.simulator->imsUrl().scheme(), QStringLiteral("https"));
    h.state.connection.baseUrl = h.simulator->aemUrl();
    h.state.connection.user = QStringLiteral("admin");
    h.state.connection.password = SecretString(QStringLiteral("admin"));
    h.demo = std::make_unique<sim::SimDemoEnvironment>(*h.simulator);
    h.state.demo = h.demo.get();
    h.state.backupsRoot = m_configDir->filePath(QStringLiteral("backups"));
    h.clickNext();
    QTest::keyClick(h.child<QLineEdit>("urlEdit"), Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(h.wizard->currentId(), int(SetupWizard::RoutePageId), kConnectTimeoutMs);
    h.clickNext();
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::CredentialsPageId));
    QTest::mouseClick(h.child<QPushButton>("demoCredentialsButton"), Qt::LeftButton);
    h.clickNext();
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::ValidatePageId));

    const QString host = hostPortKey(h.simulator->imsUrl());
    const QString sha256 = CertificateInfo::fingerprintSha256(h.simulator->certificate());
    auto *validate = h.child<QPushButton>("validateButton");
    const auto waitForDialog = [] {
        QTRY_VERIFY_WITH_TIMEOUT(
            qobject_cast<ui::CertificateTrustDialog *>(QApplication::activeModalWidget()), kConnectTimeoutMs);
    };

    // The same dialog the Connect page shows for AEM: which host, that it is Adobe IMS, the one fingerprint
    // format, dates with their zone. Enter is Cancel: the failure stays, nothing is trusted.
    QTest::mouseClick(validate, Qt::LeftButton);
    waitForDialog();
    auto *dialog = qobject_cast<ui::CertificateTrustDialog *>(QApplication::activeModalWidget());
    QCOMPARE(dialog->certificate().host, host);
    QCOMPARE(dialog->certificate().peer, PeerKind::Ims);
    QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("fingerprintLabel"))->text(),
             CertificateInfo::displayFingerprint(sha256));
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("introLabel"))
                ->text()
                .contains(QLatin1String("Adobe IMS")));
    QVERIFY(
        dialog->findChild<QLabel *>(QStringLiteral("validityLabel"))->text().contains(QLatin1String(" UTC")));
    QVERIFY(dialog->trustButton()->text().contains(host));
    QVERIFY(dialog->cancelButton()->isDefault());
    QTest::keyClick(dialog, Qt::Key_Return);
    QTRY_VERIFY(!QApplication::activeModalWidget());
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::ValidatePageId));
    auto *result = h.child<QLabel>("resultLabel");
    QVERIFY(result->isVisible());
    QVERIFY2(result->text().contains(host), qPrintable(result->text()));
    QVERIFY(!h.wizard->button(QWizard::NextButton)->isEnabled());
    QVERIFY(!h.state.credentialValidated);
    QVERIFY(!QFile::exists(storePath));

    // Trust: validated again at once; the token's lifetime reads as people say it.
    QTest::mouseClick(validate, Qt::LeftButton);
    waitForDialog();
    dialog = qobject_cast<ui::CertificateTrustDialog *>(QApplication::activeModalWidget());
    QTest::mouseClick(dialog->trustButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(h.wizard->button(QWizard::NextButton)->isEnabled(), kConnectTimeoutMs);
    QVERIFY(h.state.credentialValidated);
    QVERIFY2(result->text().contains(QLatin1String("valid for 24 hours")), qPrintable(result->text()));
    // Pinned for exactly IMS's host:port, saved once it worked, and used by every later request.
    TrustStore store(storePath);
    QVERIFY(store.load().ok());
    QCOMPARE(store.pinFor(host), sha256);
    QCOMPARE(store.pins().size(), 1);
    QCOMPARE(h.state.connection.network.pinnedSha256.value(host), sha256);

    // The Review page asks IMS again (with the plan): no second dialog, the plan is made.
    h.clickNext();
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::ReviewPageId));
    QTRY_VERIFY_WITH_TIMEOUT(h.wizard->button(QWizard::CommitButton)->isEnabled(), kConnectTimeoutMs);
    QVERIFY(!QApplication::activeModalWidget());
}

void TstWizard::unreadableVersionCanBeChosenManually()
{
    sim::SimulatorOptions options;
    options.aemVersion = QStringLiteral("6.5.22.0");
    // A dispatcher that hides every version source.
    options.blockedPrefixes = {QStringLiteral("/system/console"),
                               QStringLiteral("/mnt/overlay/granite/ui/content/shell"),
                               QStringLiteral("/crx/packmgr")};
    Harness h;
    QVERIFY(h.start(options, trustStorePath(*m_configDir)));
    goToConnectPage(h);
    fillConnectPage(h, h.simulator->aemUrl().toString(), QStringLiteral("admin"), QStringLiteral("admin"));
    h.clickNext();

    auto *box = h.child<QWidget>("manualVersionBox");
    auto *combo = h.child<QComboBox>("manualVersionCombo");
    auto *edit = h.child<QLineEdit>("manualVersionEdit");
    QVERIFY(box && combo && edit);
    QTRY_VERIFY_WITH_TIMEOUT(box->isVisible(), kConnectTimeoutMs);
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::ConnectPageId));
    QVERIFY(!h.state.instance.version.isValid());

    combo->setCurrentIndex(2); // 6.5.x — enter exact service pack
    QVERIFY(edit->isEnabled());
    QTest::keyClicks(edit, QStringLiteral("6.4"));
    h.clickNext();
    QVERIFY(h.child<QLabel>("manualVersionError")->isVisible());
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::ConnectPageId));

    edit->clear();
    QTest::keyClicks(edit, QStringLiteral("6.5.22.0"));
    h.clickNext();
    QTRY_COMPARE_WITH_TIMEOUT(h.wizard->currentId(), int(SetupWizard::RoutePageId), kConnectTimeoutMs);
    QVERIFY(h.state.instance.versionChosenManually);
    QCOMPARE(h.state.instance.version.toString(), QStringLiteral("6.5.22.0"));
    QVERIFY(h.child<ui::DetailText>("detectedLabel")->text().contains(QStringLiteral("chosen manually")));
}

void TstWizard::routeTextFitsAtMinimumSize_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("simState");
    QTest::addColumn<bool>("problems");
    // A Cloud Service release string has no place to break on its own.
    QTest::newRow("cloud service") << QStringLiteral("cloud") << QStringLiteral("none") << false;
    QTest::newRow("6.5 broken configuration")
        << QStringLiteral("6.5.22.0") << QStringLiteral("broken") << true;
    // The hotfix prerequisite: table, actions, the panel and the hotfix row all at once.
    QTest::newRow("6.5.17.0 needs the hotfix")
        << QStringLiteral("6.5.17.0") << QStringLiteral("none") << false;
    // The configuration's paths: an OSGi PID with a UUID has no space in 90 characters.
    QTest::newRow("6.5 OAuth configured (long paths)")
        << QStringLiteral("6.5.22.0") << QStringLiteral("oauth-s2s") << false;
}

void TstWizard::routeTextFitsAtMinimumSize()
{
    QFETCH(QString, version);
    QFETCH(QString, simState);
    QFETCH(bool, problems);
    sim::SimulatorOptions options;
    options.aemVersion = version;
    const auto parsedState = sim::Simulator::parseState(simState);
    QVERIFY(parsedState.ok());
    options.state = parsedState.value();
    Harness h;
    QVERIFY(h.start(options, trustStorePath(*m_configDir)));
    QCOMPARE(h.wizard->minimumSize(), QSize(760, 600));
    h.wizard->resize(h.wizard->minimumSize());
    goToConnectPage(h);
    fillConnectPage(h, h.simulator->aemUrl().toString(), QStringLiteral("admin"), QStringLiteral("admin"));
    h.clickNext();
    QTRY_COMPARE_WITH_TIMEOUT(h.wizard->currentId(), int(SetupWizard::RoutePageId), kConnectTimeoutMs);
    // The page never pushes the window beyond its minimum size: what does not fit scrolls.
    QCOMPARE(h.wizard->size(), QSize(760, 600));

    auto *scroll = h.child<QScrollArea>("routeScroll");
    QVERIFY(scroll);
    QWidget *content = scroll->widget();
    auto *table = h.child<QTableWidget>("routeTable");
    auto *problemsLabel = h.child<QLabel>("problemsLabel");
    auto *detectedLabel = h.child<ui::DetailText>("detectedLabel");
    auto *evidenceLabel = h.child<ui::DetailText>("versionSourcesLabel");
    QVERIFY(content && table && problemsLabel && detectedLabel && evidenceLabel);
    // The table fits its rows after the header's queued resizes.
    QTRY_VERIFY([table] {
        for (int r = 0; r < table->rowCount(); ++r) {
            // sizeHintForRow() is public in QAbstractItemView (protected in QTableView).
            if (table->rowHeight(r) < static_cast<const QAbstractItemView *>(table)->sizeHintForRow(r))
                return false;
        }
        return true;
    }());

    // Nothing is wider than the page, and the content is never squeezed below its height (it scrolls).
    QVERIFY2(content->width() <= scroll->viewport()->width(),
             qPrintable(QStringLiteral("%1 > %2").arg(content->width()).arg(scroll->viewport()->width())));
    const int neededHeight = content->hasHeightForWidth() ? content->heightForWidth(content->width())
                                                          : content->minimumSizeHint().height();
    QVERIFY2(content->height() >= neededHeight,
             qPrintable(QStringLiteral("%1 < %2").arg(content->height()).arg(neededHeight)));

    // Every label shows all of its text: wide enough for its longest unbreakable part, tall enough for its
    // wrapped lines, inside the page.
    for (QLabel *label : content->findChildren<QLabel *>()) {
        if (!label->isVisibleTo(content) || label->text().isEmpty())
            continue;
        const QString what = label->objectName() + QStringLiteral(": ") + label->text();
        QVERIFY2(label->minimumSizeHint().width() <= label->width(), qPrintable(what));
        QVERIFY2(label->mapTo(content, QPoint(label->width(), 0)).x() <= content->width(), qPrintable(what));
        if (label->wordWrap())
            QVERIFY2(label->height() >= label->heightForWidth(label->width()), qPrintable(what));
        QVERIFY2(!label->text().contains(QStringLiteral("…")), qPrintable(what)); // nothing elided
    }
    for (QAbstractButton *button : content->findChildren<QAbstractButton *>()) {
        if (button->isVisibleTo(content))
            QVERIFY2(button->sizeHint().width() <= button->width(), qPrintable(button->text()));
    }

    // Table cells: every word fits its column (the cells wrap at spaces and at the breaks the page adds).
    QVERIFY(table->horizontalHeader()->length() <= table->viewport()->width());
    static const QRegularExpression breaks(QStringLiteral("[ \u200B]"));
    for (int r = 0; r < table->rowCount(); ++r) {
        for (int c = 0; c < table->columnCount(); ++c) {
            const QTableWidgetItem *item = table->item(r, c);
            const QFontMetrics metrics(item->font());
            const int room = table->columnWidth(c) - 12; // the cells' 6 px padding on either side
            for (const QString &line : item->text().split(QLatin1Char('\n'))) {
                for (const QString &word : line.split(breaks, Qt::SkipEmptyParts))
                    QVERIFY2(metrics.horizontalAdvance(word) <= room,
                             qPrintable(QStringLiteral("%1 (%2 px)").arg(word).arg(room)));
            }
        }
    }

    // The version in full: as it is in the selectable label, and in the cell's tooltip and accessible text.
    const QString detected = h.state.instance.version.toString();
    if (!detected.isEmpty()) {
        QVERIFY2(detectedLabel->text().contains(detected.toHtmlEscaped()), qPrintable(detectedLabel->text()));
        const QTableWidgetItem *own = table->item(int(h.state.decision.row), 0);
        QVERIFY(own->toolTip().contains(detected));
        QVERIFY(own->data(Qt::AccessibleTextRole).toString().contains(detected));
        QVERIFY(QString(own->text()).remove(QChar(0x200B)).contains(detected));
    }
    if (version == QLatin1String("cloud"))
        QVERIFY(detected.size() > 30); // the simulator's release string is as long as the real ones

    // Problems first, the version evidence last.
    auto *layout = qobject_cast<QBoxLayout *>(content->layout());
    QVERIFY(layout);
    const int problemsAt = layout->indexOf(problemsLabel);
    const int detectedAt = layout->indexOf(detectedLabel);
    const int evidenceAt = layout->indexOf(evidenceLabel);
    QVERIFY(problemsAt >= 0 && problemsAt < detectedAt && detectedAt < evidenceAt);
    QVERIFY2(evidenceLabel->text().contains(QLatin1String("Version sources")),
             qPrintable(evidenceLabel->text()));
    QCOMPARE(problemsLabel->isVisibleTo(content), problems);
    if (problems) {
        QVERIFY(!h.state.instance.findings.isEmpty());
        for (const QString &problem : h.state.instance.problemTexts())
            QVERIFY2(problemsLabel->text().contains(problem.toHtmlEscaped()), qPrintable(problem));
        QVERIFY(problemsLabel->y() < evidenceLabel->y());
        QVERIFY(!detectedLabel->text().contains(QLatin1String("Problems")));
    }

    // The last of it can be scrolled to: at the end of the scroll range its bottom is inside the view
    // (scrolled by the bar: ensureWidgetVisible() only reveals a text view's cursor).
    QTRY_VERIFY([&] {
        scroll->verticalScrollBar()->setValue(scroll->verticalScrollBar()->maximum());
        const QRect r(evidenceLabel->mapTo(scroll->viewport(), QPoint()), evidenceLabel->size());
        return r.bottom() <= scroll->viewport()->rect().bottom() && r.top() >= 0;
    }());
}

void TstWizard::setupPathClickableToTheEnd()
{
    Harness h;
    // As in demo mode: the connection is pre-filled from SetupState.
    QVERIFY(h.start(sim::SimulatorOptions(), trustStorePath(*m_configDir)));
    h.state.connection.baseUrl = h.simulator->aemUrl();
    h.state.connection.user = QStringLiteral("admin");
    h.state.connection.password = SecretString(QStringLiteral("admin"));
    h.demo = std::make_unique<sim::SimDemoEnvironment>(*h.simulator);
    h.state.demo = h.demo.get();
    h.state.backupsRoot = m_configDir->filePath(QStringLiteral("backups"));

    QVERIFY(h.child<QRadioButton>("setupRadio")->isChecked());
    h.clickNext();
    QCOMPARE(h.child<QLineEdit>("urlEdit")->text(), h.simulator->aemUrl().toString());
    QCOMPARE(h.child<QLineEdit>("passwordEdit")->text(), QStringLiteral("admin"));
    // Enter on a line edit presses Next.
    QTest::keyClick(h.child<QLineEdit>("urlEdit"), Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(h.wizard->currentId(), int(SetupWizard::RoutePageId), kConnectTimeoutMs);

    // Credentials and Validate: the demo credentials, validated against the simulated IMS.
    h.clickNext();
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::CredentialsPageId));
    QVERIFY(!h.wizard->button(QWizard::NextButton)->isEnabled());
    QTest::mouseClick(h.child<QPushButton>("demoCredentialsButton"), Qt::LeftButton);
    QVERIFY(h.wizard->button(QWizard::NextButton)->isEnabled());
    h.clickNext();
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::ValidatePageId));
    QTest::mouseClick(h.child<QPushButton>("validateButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(h.wizard->button(QWizard::NextButton)->isEnabled(), kConnectTimeoutMs);
    QVERIFY(h.state.credentialValidated);

    // Review (the commit page: its button applies), Apply, Test; tst_apply_pages looks at them closely.
    h.clickNext();
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::ReviewPageId));
    QAbstractButton *apply = h.wizard->button(QWizard::CommitButton);
    QTRY_VERIFY_WITH_TIMEOUT(apply->isEnabled(), kConnectTimeoutMs);
    QTest::mouseClick(apply, Qt::LeftButton);
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::ApplyPageId));
    QTRY_VERIFY_WITH_TIMEOUT(h.wizard->button(QWizard::NextButton)->isEnabled(), kConnectTimeoutMs);
    h.clickNext();
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::TestPageId));
    // The Finish page ends the flow; without a secret store it offers no saving and Finish just closes.
    h.clickNext();
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::FinishPageId));
    QVERIFY(h.wizard->button(QWizard::FinishButton)->isVisible());
    QSignalSpy finished(h.wizard.get(), &QDialog::finished);
    QTest::mouseClick(h.wizard->button(QWizard::FinishButton), Qt::LeftButton);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(h.wizard->result(), int(QDialog::Accepted));
}

void TstWizard::diagnosePathEndsAtDiagnose()
{
    Harness h;
    sim::SimulatorOptions jwt;
    jwt.state = sim::SimState::DevConsoleJwt;
    QVERIFY(h.start(jwt, trustStorePath(*m_configDir)));
    // A radio button only reacts on its indicator and label, not on the whole (stretched) widget.
    auto *diagnose = h.child<QRadioButton>("diagnoseRadio");
    QTest::mouseClick(diagnose, Qt::LeftButton, {}, QPoint(10, diagnose->height() / 2));
    QVERIFY(h.child<QRadioButton>("diagnoseRadio")->isChecked());
    h.clickNext();
    QCOMPARE(h.state.mode, SetupState::Mode::Diagnose);
    fillConnectPage(h, h.simulator->aemUrl().toString(), QStringLiteral("admin"), QStringLiteral("admin"));
    h.clickNext();
    // Connect -> Diagnose: support staff have no route to choose.
    QTRY_COMPARE_WITH_TIMEOUT(h.wizard->currentId(), int(SetupWizard::DiagnosePageId), kConnectTimeoutMs);
    auto *page = qobject_cast<ui::DiagnosePage *>(h.wizard->currentPage());
    QVERIFY(page);
    QTRY_VERIFY_WITH_TIMEOUT(!page->isBusy(), kConnectTimeoutMs);
    QVERIFY(page->report());
    QVERIFY(page->report()->failing().contains(QStringLiteral("config-state")));
    // The checks with their results; focus on the first failure; its remedy below the list.
    auto *list = h.child<QTreeWidget>("checkList");
    QCOMPARE(list->topLevelItemCount(), page->report()->checks.size());
    QCOMPARE(list->currentItem()->data(0, ui::DiagnosePage::StatusRole).toString(), QStringLiteral("fail"));
    QVERIFY(h.child<QLabel>("diagnoseRemedyLabel")->text().contains(QLatin1String("What to do")));
    QVERIFY(
        h.child<QLabel>("chainLabel")->accessibleDescription().contains(QLatin1String("IMS configuration")));
    // Save report (the dialog's part is the path) and Copy summary: no secret in either.
    const QString path = m_configDir->filePath(QStringLiteral("report.html"));
    QVERIFY(page->saveReport(path));
    QFile saved(path);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    const QByteArray html = saved.readAll();
    QVERIFY(html.contains("config-state"));
    QVERIFY(!html.contains("admin:admin"));
    QTest::mouseClick(h.child<QPushButton>("copySummaryButton"), Qt::LeftButton);
    QVERIFY(QApplication::clipboard()->text().contains(QLatin1String("[FAIL] config-state")));
    QCOMPARE(h.simulator->writeRequestCount(), 0);

    // JWT still in use: the page offers the upgrade, which continues on the setup path.
    auto *fix = h.child<QPushButton>("fixButton");
    QVERIFY(fix->isVisible());
    QTest::mouseClick(fix, Qt::LeftButton);
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::CredentialsPageId));
    QCOMPARE(h.state.mode, SetupState::Mode::Setup);
    QCOMPARE(h.state.action, SetupAction::Upgrade);
    QCOMPARE(h.simulator->writeRequestCount(), 0);
}

void TstWizard::diagnoseHealthyEndsAtFinish()
{
    Harness h;
    sim::SimulatorOptions oauth;
    oauth.state = sim::SimState::OAuthS2S;
    QVERIFY(h.start(oauth, trustStorePath(*m_configDir)));
    auto *diagnose = h.child<QRadioButton>("diagnoseRadio");
    QTest::mouseClick(diagnose, Qt::LeftButton, {}, QPoint(10, diagnose->height() / 2));
    h.clickNext();
    fillConnectPage(h, h.simulator->aemUrl().toString(), QStringLiteral("admin"), QStringLiteral("admin"));
    h.clickNext();
    QTRY_COMPARE_WITH_TIMEOUT(h.wizard->currentId(), int(SetupWizard::DiagnosePageId), kConnectTimeoutMs);
    auto *page = qobject_cast<ui::DiagnosePage *>(h.wizard->currentPage());
    QTRY_VERIFY_WITH_TIMEOUT(!page->isBusy(), kConnectTimeoutMs);
    QVERIFY(page->report() && page->report()->ok());
    QVERIFY(!h.child<QPushButton>("fixButton")->isVisible());
    h.clickNext();
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::FinishPageId));

    // Back to Connect, then the page still holds what was typed.
    h.wizard->back();
    h.wizard->back();
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::ConnectPageId));
    QCOMPARE(h.child<QLineEdit>("urlEdit")->text(), h.simulator->aemUrl().toString());
}

void TstWizard::retranslateDoesNotLoseState()
{
    Harness h;
    QVERIFY(h.start(sim::SimulatorOptions(), trustStorePath(*m_configDir)));
    goToConnectPage(h);
    fillConnectPage(h, h.simulator->aemUrl().toString(), QStringLiteral("admin"), QStringLiteral("admin"));
    h.clickNext();
    QTRY_COMPARE_WITH_TIMEOUT(h.wizard->currentId(), int(SetupWizard::RoutePageId), kConnectTimeoutMs);

    const QString before = h.child<QTableWidget>("routeTable")->item(1, 1)->text();
    QEvent languageChange(QEvent::LanguageChange);
    for (QWidget *w : h.wizard->findChildren<QWidget *>())
        QCoreApplication::sendEvent(w, &languageChange);
    QCoreApplication::sendEvent(h.wizard.get(), &languageChange);
    QCOMPARE(h.child<QTableWidget>("routeTable")->item(1, 1)->text(), before);
    QCOMPARE(h.wizard->windowTitle(), QStringLiteral("Brand Portal Setup"));
}

namespace {

QStringList stepTexts(const QListWidget *list)
{
    QStringList out;
    for (int i = 0; i < list->count(); ++i)
        out << list->item(i)->text();
    return out;
}

} // namespace

// The side list shows the path the choices lead to, the current step marked in text (not colour alone).
void TstWizard::stepListFollowsThePath()
{
    Harness h;
    sim::SimulatorOptions jwt;
    jwt.state = sim::SimState::DevConsoleJwt;
    QVERIFY(h.start(jwt, trustStorePath(*m_configDir)));
    auto *list = h.child<QListWidget>("stepList");
    QVERIFY(list);
    QCOMPARE(list->focusPolicy(), Qt::NoFocus);
    const QString current = QStringLiteral("\u25b6 ");
    const QString done = QStringLiteral("\u2713 ");
    const QString later = QStringLiteral("   ");
    QCOMPARE(stepTexts(list),
             (QStringList{current + QStringLiteral("Welcome"), later + QStringLiteral("Connect"),
                          later + QStringLiteral("Route"), later + QStringLiteral("Credentials"),
                          later + QStringLiteral("Validate"), later + QStringLiteral("Review"),
                          later + QStringLiteral("Apply"), later + QStringLiteral("Test"),
                          later + QStringLiteral("Finish")}));
    QVERIFY(list->item(0)->font().bold());
    QCOMPARE(list->item(0)->data(Qt::AccessibleTextRole).toString(),
             QStringLiteral("Step 1 of 9: Welcome, current step"));
    // Choosing Diagnose changes the path at once, before Next.
    auto *diagnose = h.child<QRadioButton>("diagnoseRadio");
    QTest::mouseClick(diagnose, Qt::LeftButton, {}, QPoint(10, diagnose->height() / 2));
    QCOMPARE(stepTexts(list),
             (QStringList{current + QStringLiteral("Welcome"), later + QStringLiteral("Connect"),
                          later + QStringLiteral("Diagnose"), later + QStringLiteral("Finish")}));
    h.clickNext();
    QCOMPARE(stepTexts(list),
             (QStringList{done + QStringLiteral("Welcome"), current + QStringLiteral("Connect"),
                          later + QStringLiteral("Diagnose"), later + QStringLiteral("Finish")}));
    QCOMPARE(list->item(1)->data(Qt::AccessibleTextRole).toString(),
             QStringLiteral("Step 2 of 4: Connect, current step"));
}

// Help (the button and F1) opens the step's own bundled page, with links to Adobe's documentation.
void TstWizard::helpOnEveryPage()
{
    QSet<QString> titles;
    for (int id = SetupWizard::WelcomePageId; id <= SetupWizard::FinishPageId; ++id) {
        const QString html = ui::HelpDialog::html(id);
        const QString title = ui::HelpDialog::title(id);
        QVERIFY2(!titles.contains(title), qPrintable(title));
        titles.insert(title);
        QVERIFY2(html.contains(QLatin1String("<h2>") + title.toHtmlEscaped()), qPrintable(html));
        QVERIFY2(html.contains(QLatin1String("href=\"https://experienceleague.adobe.com/")) ||
                     html.contains(QLatin1String("href=\"https://developer.adobe.com/")),
                 qPrintable(title));
        QVERIFY2(html.count(QLatin1String("<p>")) >= 2, qPrintable(title)); // an explanation, then links
    }
    Harness h;
    QVERIFY(h.start(sim::SimulatorOptions(), trustStorePath(*m_configDir)));
    QAbstractButton *help = h.wizard->button(QWizard::HelpButton);
    QVERIFY(help->isVisible());
    QCOMPARE(help->text(), QStringLiteral("&Help"));
    QTest::mouseClick(help, Qt::LeftButton);
    ui::HelpDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = h.wizard->findChild<ui::HelpDialog *>(QStringLiteral("helpDialog"))) &&
                dialog->isVisible());
    QVERIFY(dialog->findChild<QTextBrowser *>(QStringLiteral("helpText"))
                ->toHtml()
                .contains(QLatin1String("Getting started")));
    QVERIFY(dialog->findChild<QTextBrowser *>(QStringLiteral("helpText"))->openExternalLinks());
    dialog->close();
    QTRY_VERIFY(!h.wizard->findChild<ui::HelpDialog *>(QStringLiteral("helpDialog")));
    // F1 on the next page opens that page's help.
    h.clickNext();
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::ConnectPageId));
    // Shortcuts reach the active window only (the closed Help dialog had been the active one).
    h.wizard->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(h.wizard.get()));
    QTest::keyClick(h.wizard->focusWidget() ? h.wizard->focusWidget() : h.wizard.get(), Qt::Key_F1);
    QTRY_VERIFY((dialog = h.wizard->findChild<ui::HelpDialog *>(QStringLiteral("helpDialog"))) &&
                dialog->isVisible());
    QVERIFY(dialog->windowTitle().contains(ui::HelpDialog::title(SetupWizard::ConnectPageId)));
    dialog->close();
}

// Every notice tint and the error text stay readable (WCAG AA, 4.5:1) in the light and the dark variant.
void TstWizard::toneContrast_data()
{
    QTest::addColumn<int>("tone");
    QTest::addColumn<bool>("dark");
    const char *names[] = {"warning", "info", "error", "success"};
    for (int t = 0; t < 4; ++t) {
        QTest::addRow("%s light", names[t]) << t << false;
        QTest::addRow("%s dark", names[t]) << t << true;
    }
}

void TstWizard::toneContrast()
{
    QFETCH(int, tone);
    QFETCH(bool, dark);
    const ui::Theme::Colours c = ui::Theme::colours(static_cast<ui::Theme::Tone>(tone), dark);
    QVERIFY2(ui::Theme::contrast(c.text, c.background) >= 4.5,
             qPrintable(QString::number(ui::Theme::contrast(c.text, c.background))));
    // The panel stands out from a window of the same mode.
    const QColor window = dark ? QColor(0x2d2d2d) : QColor(0xefefef);
    QVERIFY(ui::Theme::isDark(QPalette(window)) == dark);
    QVERIFY(ui::Theme::contrast(ui::Theme::errorText(dark), window) >= 4.5);
    QVERIFY(c.background != window);
}

// Switching the application to a dark palette (the platform's dark mode) re-tints panels already shown.
void TstWizard::darkPaletteRetintsPanels()
{
    const QPalette light = QApplication::palette();
    const auto restore = qScopeGuard([light] { QApplication::setPalette(light); });
    QFrame panel;
    panel.setObjectName(QStringLiteral("somePanel"));
    QLabel error;
    ui::Theme::setPanelTone(&panel, ui::Theme::Tone::Error);
    ui::Theme::setErrorText(&error);
    const bool startedDark = ui::Theme::isDark(light);
    QVERIFY(panel.styleSheet().contains(
        ui::Theme::colours(ui::Theme::Tone::Error, startedDark).background.name()));
    QPalette dark(QColor(0x2d2d2d), QColor(0x1e1e1e));
    dark.setColor(QPalette::WindowText, QColor(0xeeeeee));
    QApplication::setPalette(dark);
    QVERIFY(panel.styleSheet().contains(ui::Theme::colours(ui::Theme::Tone::Error, true).background.name()));
    QVERIFY(panel.styleSheet().startsWith(QLatin1String("QFrame#somePanel {")));
    QCOMPARE(error.palette().color(QPalette::WindowText), ui::Theme::errorText(true));
    QApplication::setPalette(QPalette(QColor(0xefefef)));
    QVERIFY(panel.styleSheet().contains(ui::Theme::colours(ui::Theme::Tone::Error, false).background.name()));
    QCOMPARE(error.palette().color(QPalette::WindowText), ui::Theme::errorText(false));
}

QTEST_MAIN(TstWizard)
#include "tst_wizard.moc"
