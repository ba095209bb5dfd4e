// SPDX-License-Identifier: Apache-2.0
// The create path of the wizard against the in-process simulator, clicked through offscreen: Welcome to
// Finish on a clean 6.5.22.0 (review lists the steps, apply ends with every step done, the tests pass), a
// blocked route (6.5.8.0; 6.5.17.0 without the hotfix), and a failure injected in the simulator showing the
// failure panel with Roll back and Retry.
#include "ManualClock.h"
#include "sim/SimDemoEnvironment.h"
#include "TestPackages.h"
#include "TestSupport.h"

#include "apply/CreateSession.h"
#include "setup/SetupState.h"
#include "sim/SimContentBuilder.h"
#include "sim/Simulator.h"
#include "sim/SimUsers.h"
#include "wizard/ApplyPage.h"
#include "wizard/CredentialsPage.h"
#include "wizard/RoutePage.h"
#include "wizard/SetupWizard.h"
#include "wizard/TestPage.h"
#include "wizard/VerifyPage.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
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

namespace {

constexpr int kTimeoutMs = 30000;

// Simulator, demo environment, state and wizard, torn down in reverse order.
struct Harness
{
    std::unique_ptr<sim::Simulator> simulator;
    std::unique_ptr<sim::SimDemoEnvironment> demo;
    test::ManualClock clock;
    QTemporaryDir dir;
    SetupState state;
    std::unique_ptr<SetupWizard> wizard;

    ~Harness()
    {
        wizard.reset();
        state.resetCreateSession();
    }

    bool start(const sim::SimulatorOptions &options)
    {
        simulator = test::startSimulator(options);
        if (!simulator || !dir.isValid())
            return false;
        clock.setAutoAdvanceWaits(true);
        demo = std::make_unique<sim::SimDemoEnvironment>(*simulator);
        state.clock = &clock;
        state.useDemo(demo.get());
        state.backupsRoot = dir.filePath(QStringLiteral("backups"));
        wizard = std::make_unique<SetupWizard>(&state);
        wizard->setTrustStorePath(dir.filePath(QStringLiteral("trust.json")));
        wizard->show();
        return QTest::qWaitForWindowExposed(wizard.get());
    }

    template <class T> T *child(const char *name) const
    {
        return wizard->findChild<T *>(QLatin1String(name));
    }
    QAbstractButton *next() const { return wizard->button(QWizard::NextButton); }
    void click(QAbstractButton *button) const { QTest::mouseClick(button, Qt::LeftButton); }
};

// Welcome -> Connect (filled in by demo mode) -> Route.
void goToRoutePage(Harness &h)
{
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::WelcomePageId));
    h.click(h.next());
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::ConnectPageId));
    h.click(h.next());
    QTRY_COMPARE_WITH_TIMEOUT(h.wizard->currentId(), int(SetupWizard::RoutePageId), kTimeoutMs);
}

void planWithDemoCredentials(Harness &h, bool expectApplicable);

// Route -> Credentials (demo credential) -> Validate (against the simulated IMS) -> Review, planned.
void goToReviewedPlan(Harness &h, bool expectApplicable = true)
{
    QVERIFY(h.next()->isEnabled());
    QCOMPARE(h.child<QLineEdit>("tenantEdit")->text(), h.simulator->options().tenant);
    h.click(h.next());
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::CredentialsPageId));
    // The create path takes OAuth Server-to-Server only.
    QVERIFY(!h.child<QPushButton>("demoJwtCredentialsButton")->isVisible());
    planWithDemoCredentials(h, expectApplicable);
}

// Credentials (the demo OAuth credential) -> Validate -> Review, until the plan is made.
void planWithDemoCredentials(Harness &h, bool expectApplicable)
{
    h.click(h.child<QPushButton>("demoCredentialsButton"));
    QVERIFY(h.next()->isEnabled());
    h.click(h.next());
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::ValidatePageId));
    h.click(h.child<QPushButton>("validateButton"));
    QTRY_VERIFY_WITH_TIMEOUT(h.next()->isEnabled(), kTimeoutMs);
    h.click(h.next());
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::ReviewPageId));
    // Review is the commit page: its button applies.
    QAbstractButton *apply = h.wizard->button(QWizard::CommitButton);
    QVERIFY(apply->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(h.state.createSession && !h.child<QWidget>("reviewProgress")->isVisible(),
                             kTimeoutMs);
    QVERIFY(h.state.createSession);
    if (expectApplicable)
        QVERIFY2(apply->isEnabled(), qPrintable(h.child<QLabel>("reviewErrorLabel")->text()));
}

// Answers the next message box that pops up (modal: polled from a timer, as a user would see it).
void answerNextMessageBox(QMessageBox::StandardButton answer, bool *answered)
{
    auto *poll = new QTimer;
    poll->setInterval(10);
    QObject::connect(poll, &QTimer::timeout, poll, [poll, answer, answered] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            poll->stop();
            poll->deleteLater();
            *answered = true;
            QTest::mouseClick(box->button(answer), Qt::LeftButton);
        }
    });
    poll->start();
}

} // namespace

class TstApplyPages : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void wholeCreatePath();
    void jwtUpgradePath_data();
    void jwtUpgradePath();
    void deleteAndRecreatePath_data();
    void deleteAndRecreatePath();
    void busyQueueWaitButton();
    void rotateSecretPath();
    void keepVerifies();
    void cloudServiceChecklist_data();
    void cloudServiceChecklist();
    void blockedRouteShowsRemedy_data();
    void blockedRouteShowsRemedy();
    void badTenantShowsInlineError();
    void failedStepShowsFailurePanel();
    void cancelAsksFirst();
    void createPathRefusesJwtCredential();
    void failedAgentTestShowsRemedy();
    void blockedPlanDisablesApply();
    void retryWithoutRollbackNamesBothBackups();
};

void TstApplyPages::wholeCreatePath()
{
    Harness h;
    QVERIFY(h.start(sim::SimulatorOptions{})); // a clean 6.5.22.0 author
    goToRoutePage(h);
    goToReviewedPlan(h);

    // The review lists every step of the plan, with the backup location, and no secret.
    const Plan &plan = h.state.createSession->plan();
    QVERIFY(!plan.blocking());
    QVERIFY(plan.steps.size() >= 4);
    const QString review = h.child<QTextBrowser>("planView")->toPlainText();
    for (const StepDescription &s : plan.steps)
        QVERIFY2(review.contains(s.title), qPrintable(s.title));
    QVERIFY(review.contains(QStringLiteral("https://bpdemo.brand-portal.adobe.com")));
    QVERIFY(plan.prerequisites.isEmpty()); // a clean author: nothing to note either
    QVERIFY(review.contains(QDir::toNativeSeparators(h.state.backupsRoot)));
    for (const QString &secret : h.simulator->clientSecretsForTests())
        QVERIFY(!review.contains(secret));
    QCOMPARE(h.simulator->writeRequestCount(), 0);

    // Apply: every step done and verified.
    h.click(h.wizard->button(QWizard::CommitButton));
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::ApplyPageId));
    QTRY_VERIFY_WITH_TIMEOUT(h.next()->isEnabled(), kTimeoutMs);
    auto *steps = h.child<QTreeWidget>("applyStepList");
    QCOMPARE(steps->topLevelItemCount(), plan.steps.size());
    for (int i = 0; i < steps->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = steps->topLevelItem(i);
        QCOMPARE(item->data(ui::ApplyPage::StatusColumn, ui::ApplyPage::StatusIdRole).toString(),
                 QStringLiteral("done"));
        QVERIFY(!item->icon(ui::ApplyPage::StatusColumn).isNull()); // an icon and a text, not colour alone
        QVERIFY(!item->text(ui::ApplyPage::StatusColumn).isEmpty());
    }
    QVERIFY(!h.child<QWidget>("failurePanel")->isVisible());
    QVERIFY(h.state.applyRun && h.state.applyRun->succeeded());
    QVERIFY(h.simulator->writeRequestCount() > 0);
    // Back is gone: the changes are made.
    QVERIFY(!h.wizard->button(QWizard::BackButton)->isVisible() ||
            !h.wizard->button(QWizard::BackButton)->isEnabled());

    // Test: whatever the run reported, every test passed.
    h.click(h.next());
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::TestPageId));
    auto *tests = h.child<QTreeWidget>("testList");
    QVERIFY(!h.state.applyRun->tests().isEmpty()); // each agent's Test Connection and queue
    QCOMPARE(tests->topLevelItemCount(), h.state.applyRun->tests().size());
    for (int i = 0; i < tests->topLevelItemCount(); ++i)
        QCOMPARE(tests->topLevelItem(i)->data(0, ui::TestPage::ResultRole).toString(),
                 QStringLiteral("passed"));
    QVERIFY(!h.child<QLabel>("testSummaryLabel")->text().isEmpty());
    QVERIFY(!h.child<QLabel>("testRemedyLabel")->isVisible());

    // Finish: what was done, with the backup.
    h.click(h.next());
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::FinishPageId));
    const QString summary = h.child<QLabel>("finishSummary")->text();
    QVERIFY2(summary.contains(h.state.applyRun->backup().id), qPrintable(summary));
    QVERIFY(summary.contains(plan.steps.first().title.toHtmlEscaped()));
    QSignalSpy finished(h.wizard.get(), &QDialog::finished);
    h.click(h.wizard->button(QWizard::FinishButton));
    QCOMPARE(finished.count(), 1);

    // Planning again finds nothing to do: the wizard created the whole configuration.
    CreateSession again(h.state.createInputs(), WritePolicy::Refuse, h.clock,
                        BackupStore(h.state.backupsRoot));
    std::unique_ptr<Task> second(again.makePlanTask());
    QSignalSpy planned(second.get(), &Task::finished);
    second->start();
    QVERIFY(planned.wait(kTimeoutMs));
    QVERIFY(second->succeeded());
    QVERIFY(again.plan().isEmpty());
}

// A Developer Console JWT configuration: the same pages switch it to OAuth in place, tenant taken from it.
// The Review page offers to remove the JWT key alias from the service user's keystore; ticking the box
// (with the keyboard) re-plans with that last step.
void TstApplyPages::jwtUpgradePath_data()
{
    QTest::addColumn<bool>("removeAlias");
    QTest::newRow("alias kept") << false;
    QTest::newRow("alias removed") << true;
}

void TstApplyPages::jwtUpgradePath()
{
    QFETCH(bool, removeAlias);
    sim::SimulatorOptions options;
    options.state = sim::SimState::DevConsoleJwt;
    Harness h;
    QVERIFY(h.start(options));
    goToRoutePage(h);
    QVERIFY(h.next()->isEnabled());
    QVERIFY(h.child<QLineEdit>("tenantEdit")->isVisible());
    QCOMPARE(h.child<QLineEdit>("tenantEdit")->text(),
             QStringLiteral("bpdemo")); // read from the configuration
    h.click(h.next());
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::CredentialsPageId));
    planWithDemoCredentials(h, true);
    const Plan &plan = h.state.createSession->plan();
    QCOMPARE(plan.route, QStringLiteral("upgrade-configuration"));
    QVERIFY(!plan.blocking());
    // The switch is shown before anything is written: the existing PID updated, the JWT alias removed.
    QCOMPARE(plan.steps.first().id, QStringLiteral("ims-provider"));
    QCOMPARE(plan.steps.first().action, ChangeAction::Update);
    QCOMPARE(plan.steps.first().target, sim::SimContentBuilder::imsProviderPid(sim::SimState::DevConsoleJwt));
    const QString review = h.child<QTextBrowser>("planView")->toPlainText();
    QVERIFY(review.contains(QStringLiteral("auth.token.provider.keypair.alias")));
    QVERIFY(review.contains(QStringLiteral("client_credentials")));
    auto *aliasCheck = h.child<QCheckBox>("removeKeyAliasCheck");
    QVERIFY(aliasCheck->isVisible());
    QVERIFY(!aliasCheck->isChecked());
    QVERIFY(review.contains(QStringLiteral("brandportal"))); // the note names the alias
    QVERIFY(!aliasCheck->accessibleName().isEmpty());
    if (removeAlias) {
        aliasCheck->setFocus();
        QTest::keyClick(aliasCheck, Qt::Key_Space);
        QTRY_VERIFY_WITH_TIMEOUT(h.state.createSession && !h.child<QWidget>("reviewProgress")->isVisible() &&
                                     !h.state.createSession->plan().steps.isEmpty(),
                                 kTimeoutMs);
        QVERIFY(h.state.removeJwtKeyAlias);
        QVERIFY(aliasCheck->isVisible() && aliasCheck->isChecked());
        const Plan &again = h.state.createSession->plan();
        QCOMPARE(again.steps.last().id, QStringLiteral("remove-jwt-key-alias"));
        QCOMPARE(again.steps.last().action, ChangeAction::Delete);
        QVERIFY(h.wizard->button(QWizard::CommitButton)->isEnabled());
    }
    QCOMPARE(h.simulator->writeRequestCount(), 0);

    h.click(h.wizard->button(QWizard::CommitButton));
    QTRY_VERIFY_WITH_TIMEOUT(h.next()->isEnabled(), kTimeoutMs);
    QVERIFY(h.state.applyRun && h.state.applyRun->succeeded());
    h.click(h.next());
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::TestPageId));
    auto *tests = h.child<QTreeWidget>("testList");
    QVERIFY(tests->topLevelItemCount() > 0);
    for (int i = 0; i < tests->topLevelItemCount(); ++i)
        QCOMPARE(tests->topLevelItem(i)->data(0, ui::TestPage::ResultRole).toString(),
                 QStringLiteral("passed"));
    const QByteArray snapshot = QJsonDocument(h.simulator->snapshot()).toJson(QJsonDocument::Compact);
    QVERIFY(!snapshot.contains("/ims/exchange/jwt"));
    QJsonObject keystore = h.simulator->snapshot();
    const QString keystorePath = sim::SimUsers::ServiceUserPath + QStringLiteral("/keystore");
    for (const QString &part : keystorePath.split(QLatin1Char('/'), Qt::SkipEmptyParts))
        keystore = keystore.value(part).toObject();
    QCOMPARE(keystore.value(QStringLiteral("sim:aliases")).toArray().contains(QStringLiteral("brandportal")),
             !removeAlias);
}

// A Legacy OAuth Gateway agent still has queued items: Review blocks with the queue's evidence and offers to
// wait; pressing Wait (keyboard) makes the plan again, polling until the queues drain, and Apply is enabled.
void TstApplyPages::busyQueueWaitButton()
{
    sim::SimulatorOptions options;
    options.state = sim::SimState::LegacyGateway;
    options.queueItems = 2;
    options.queueDrain = 1;
    Harness h;
    QVERIFY(h.start(options));
    goToRoutePage(h);
    h.click(h.next());
    planWithDemoCredentials(h, false);
    QVERIFY(h.state.createSession->plan().blocking());
    QVERIFY(!h.wizard->button(QWizard::CommitButton)->isEnabled());
    const QString review = h.child<QTextBrowser>("planView")->toPlainText();
    QVERIFY2(review.contains(QStringLiteral("mp_replication")), qPrintable(review));
    auto *wait = h.child<QPushButton>("reviewWaitButton");
    QVERIFY(wait->isVisible());
    QVERIFY(wait->hasFocus());
    QVERIFY(wait->text().contains(QLatin1Char('&')));
    QTest::keyClick(wait, Qt::Key_Space);
    QTRY_VERIFY_WITH_TIMEOUT(h.state.createSession && !h.child<QWidget>("reviewProgress")->isVisible() &&
                                 !h.state.createSession->plan().steps.isEmpty(),
                             kTimeoutMs);
    QVERIFY2(!h.state.createSession->plan().blocking(),
             qPrintable(h.child<QTextBrowser>("planView")->toPlainText()));
    QVERIFY(h.wizard->button(QWizard::CommitButton)->isEnabled());
    QVERIFY(!wait->isVisible());
    QCOMPARE(h.state.waitForIdleSeconds, 0); // one wait per click
    QCOMPARE(h.simulator->writeRequestCount(), 0);
}

// Applies the reviewed plan and checks that every step and every test passed.
void applyAndTest(Harness &h)
{
    h.click(h.wizard->button(QWizard::CommitButton));
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::ApplyPageId));
    QTRY_VERIFY_WITH_TIMEOUT(h.next()->isEnabled(), kTimeoutMs);
    QVERIFY2(h.state.applyRun && h.state.applyRun->succeeded(),
             qPrintable(h.state.applyRun ? h.state.applyRun->error().fullText() : QString()));
    h.click(h.next());
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::TestPageId));
    auto *tests = h.child<QTreeWidget>("testList");
    QVERIFY(tests->topLevelItemCount() > 0);
    for (int i = 0; i < tests->topLevelItemCount(); ++i)
        QCOMPARE(tests->topLevelItem(i)->data(0, ui::TestPage::ResultRole).toString(),
                 QStringLiteral("passed"));
}

// Legacy OAuth Gateway and broken configurations: Upgrade is offered and chosen, the review shows every
// deletion before anything is written, apply and the tests pass, and only the new objects are left.
void TstApplyPages::deleteAndRecreatePath_data()
{
    QTest::addColumn<int>("state");
    QTest::addColumn<int>("deletions");
    QTest::newRow("legacy gateway") << int(sim::SimState::LegacyGateway) << 6;
    QTest::newRow("broken") << int(sim::SimState::Broken) << 0;
}

void TstApplyPages::deleteAndRecreatePath()
{
    QFETCH(int, state);
    QFETCH(int, deletions);
    sim::SimulatorOptions options;
    options.state = sim::SimState(state);
    Harness h;
    QVERIFY(h.start(options));
    goToRoutePage(h);
    auto *upgrade = h.child<QRadioButton>("action-upgrade");
    QVERIFY(upgrade->isVisible() && upgrade->isChecked());
    QVERIFY(upgrade->text().contains(QStringLiteral("recommended")));
    QVERIFY(h.child<QRadioButton>("action-keep")->isVisible());
    QVERIFY(!h.child<QRadioButton>("action-create")->isVisible());
    QVERIFY(!h.child<QLabel>("actionReason")->text().isEmpty());
    QCOMPARE(h.child<QLineEdit>("tenantEdit")->text(), QStringLiteral("bpdemo")); // from the old setup
    h.click(h.next());
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::CredentialsPageId));
    planWithDemoCredentials(h, true);
    const Plan &plan = h.state.createSession->plan();
    QCOMPARE(plan.route, QStringLiteral("upgrade-configuration"));
    const QString review = h.child<QTextBrowser>("planView")->toPlainText();
    int deleted = 0;
    for (const StepDescription &s : plan.steps) {
        if (s.action != ChangeAction::Delete)
            continue;
        ++deleted;
        QVERIFY2(review.contains(s.title), qPrintable(s.title));
        QVERIFY2(review.contains(s.reason), qPrintable(s.reason));
    }
    QCOMPARE(deleted, deletions);
    QCOMPARE(h.simulator->writeRequestCount(), 0);
    applyAndTest(h);
    // Only the new objects (the backup package in Package Manager still names the old ones).
    const QJsonObject etc = h.simulator->snapshot().value(QStringLiteral("etc")).toObject();
    QVERIFY(!etc.value(QStringLiteral("cloudservices"))
                 .toObject()
                 .value(QStringLiteral("mediaportal"))
                 .toObject()
                 .contains(QStringLiteral("bpdemo")));
    const QStringList agents = etc.value(QStringLiteral("replication"))
                                   .toObject()
                                   .value(QStringLiteral("agents.author"))
                                   .toObject()
                                   .keys();
    QVERIFY2(!agents.join(QLatin1Char(' ')).contains(QStringLiteral("mp_replication")),
             qPrintable(agents.join(QLatin1Char(' '))));
    const QByteArray users = QJsonDocument(h.simulator->snapshot().value(QStringLiteral("home")).toObject())
                                 .toJson(QJsonDocument::Compact);
    QVERIFY(!users.contains("mac-bpdemo-replication"));
}

// OAuth already: Keep is recommended; Rotate secret goes through the credential pages and writes the other
// secret of the credential.
void TstApplyPages::rotateSecretPath()
{
    sim::SimulatorOptions options;
    options.state = sim::SimState::OAuthS2S;
    Harness h;
    QVERIFY(h.start(options));
    goToRoutePage(h);
    QVERIFY(h.child<QRadioButton>("action-keep")->isChecked());
    auto *rotate = h.child<QRadioButton>("action-rotate-secret");
    QVERIFY(rotate->isVisible() && !rotate->isChecked());
    // On its indicator: a radio button takes clicks on the indicator and its text only.
    QTest::mouseClick(rotate, Qt::LeftButton, {}, QPoint(8, rotate->height() / 2));
    QCOMPARE(h.state.action, SetupAction::RotateSecret);
    QVERIFY(h.child<QLineEdit>("tenantEdit")->isVisible());
    h.click(h.next());
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::CredentialsPageId));
    planWithDemoCredentials(h, true);
    const Plan &plan = h.state.createSession->plan();
    const auto customizer = std::find_if(plan.steps.begin(), plan.steps.end(), [](const StepDescription &s) {
        return s.id == QLatin1String("ims-customizer");
    });
    QVERIFY(customizer != plan.steps.end());
    QCOMPARE(customizer->action, ChangeAction::Update);
    applyAndTest(h);
}

// Keep: no credential, no write; the verify page checks the chain at once.
void TstApplyPages::keepVerifies()
{
    sim::SimulatorOptions options;
    options.state = sim::SimState::OAuthS2S;
    Harness h;
    QVERIFY(h.start(options));
    goToRoutePage(h);
    QVERIFY(h.child<QRadioButton>("action-keep")->isChecked());
    QVERIFY(!h.child<QLineEdit>("tenantEdit")->isVisible());
    h.click(h.next());
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::VerifyPageId));
    auto *checks = h.child<QTreeWidget>("checkList");
    QTRY_VERIFY_WITH_TIMEOUT(h.next()->isEnabled() && checks->topLevelItemCount() > 0, kTimeoutMs);
    for (int i = 0; i < checks->topLevelItemCount(); ++i)
        QVERIFY2(checks->topLevelItem(i)->data(0, ui::VerifyPage::StatusRole).toString() !=
                     QLatin1String("fail"),
                 qPrintable(checks->topLevelItem(i)->text(1) + QLatin1String(": ") +
                            checks->topLevelItem(i)->text(2)));
    QVERIFY(h.child<QLabel>("verifySummaryLabel")->text().contains(QStringLiteral("✔")));
    QCOMPARE(h.simulator->writeRequestCount(), 0); // 6.5 agent tests are GETs
    h.click(h.next());
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::FinishPageId));
}

// Cloud Service: the checklist instead of the credential pages; verify names the missing piece on a
// non-activated instance and passes on an activated one.
void TstApplyPages::cloudServiceChecklist_data()
{
    QTest::addColumn<int>("state");
    QTest::addColumn<QString>("firstFailure"); // "" when every check passes
    QTest::newRow("activated") << int(sim::SimState::OAuthS2S) << "";
    QTest::newRow("not activated") << int(sim::SimState::None) << "Brand Portal cloud configuration";
}

void TstApplyPages::cloudServiceChecklist()
{
    QFETCH(int, state);
    QFETCH(QString, firstFailure);
    sim::SimulatorOptions options;
    options.aemVersion = QStringLiteral("cloud");
    options.state = sim::SimState(state);
    Harness h;
    QVERIFY(h.start(options));
    goToRoutePage(h);
    auto *checklist = h.child<QRadioButton>("action-cloud-checklist");
    QVERIFY(checklist->isVisible() && checklist->isChecked());
    QVERIFY(!h.child<QRadioButton>("action-create")->isVisible());
    h.click(h.next());
    // Never the Developer Console credential pages on Cloud Service.
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::VerifyPageId));
    auto *label = h.child<QLabel>("checklistLabel");
    QVERIFY(label->isVisible());
    QVERIFY(label->text().contains(QStringLiteral("Cloud Manager")));
    auto *checks = h.child<QTreeWidget>("checkList");
    if (!firstFailure.isEmpty()) {
        QCOMPARE(checks->topLevelItemCount(), 0); // not activated: the person activates first
        h.click(h.child<QPushButton>("verifyButton"));
    }
    QTRY_VERIFY_WITH_TIMEOUT(h.next()->isEnabled() && checks->topLevelItemCount() > 0, kTimeoutMs);
    const QString summary = h.child<QLabel>("verifySummaryLabel")->text();
    if (firstFailure.isEmpty()) {
        QVERIFY2(summary.contains(QStringLiteral("✔")), qPrintable(summary));
    } else {
        QVERIFY2(summary.contains(firstFailure), qPrintable(summary));
        QVERIFY(h.child<QLabel>("verifyRemedyLabel")->isVisible());
        QCOMPARE(checks->currentItem()->data(0, ui::VerifyPage::StatusRole).toString(),
                 QStringLiteral("fail"));
    }
    // The IMS configuration of an activation is "not readable on Cloud Service", never a failure.
    for (int i = 0; i < checks->topLevelItemCount(); ++i) {
        if (checks->topLevelItem(i)->text(2).contains(QStringLiteral("not readable on Cloud Service")))
            QVERIFY(checks->topLevelItem(i)->data(0, ui::VerifyPage::StatusRole).toString() !=
                    QLatin1String("fail"));
    }
    // Only the distribution agent's Test Connection is a write.
    QVERIFY(h.simulator->writeRequestCount() <= 1);
}

void TstApplyPages::blockedRouteShowsRemedy_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("prerequisite");
    QTest::addColumn<bool>("hotfixOffered");
    QTest::newRow("6.5.8.0: no OAuth")
        << QStringLiteral("6.5.8.0") << QStringLiteral("oauth-not-available") << false;
    QTest::newRow("6.5.17.0 without the hotfix")
        << QStringLiteral("6.5.17.0") << QStringLiteral("hotfix-required") << true;
}

void TstApplyPages::blockedRouteShowsRemedy()
{
    QFETCH(QString, version);
    QFETCH(QString, prerequisite);
    QFETCH(bool, hotfixOffered);
    sim::SimulatorOptions options;
    options.aemVersion = version;
    Harness h;
    QVERIFY(h.start(options));
    goToRoutePage(h);

    // Not a green "recommended" path with Next enabled: blocked, with what must happen first.
    QVERIFY(!h.next()->isEnabled());
    Prerequisite blocking;
    for (const Prerequisite &p : h.state.instancePrerequisites()) {
        if (p.blocking)
            blocking = p;
    }
    QCOMPARE(blocking.id, prerequisite);
    auto *panel = h.child<QWidget>("blockedPanel");
    QVERIFY(panel->isVisible());
    const QString text = h.child<QLabel>("blockedLabel")->text();
    QVERIFY2(text.contains(blocking.remedy.toHtmlEscaped()), qPrintable(text));
    QVERIFY(text.contains(blocking.message.toHtmlEscaped()));
    auto *table = h.child<QTableWidget>("routeTable");
    for (int r = 0; r < table->rowCount(); ++r) {
        for (int c = 0; c < table->columnCount(); ++c)
            QVERIFY(table->item(r, c)->data(ui::RoutePage::HighlightRole).toString() !=
                    QLatin1String("recommended"));
    }
    QVERIFY(!h.child<QWidget>("tenantEdit")->isVisible());

    auto *hotfix = h.child<QPushButton>("hotfixButton");
    QCOMPARE(hotfix->isVisible(), hotfixOffered);
    if (hotfixOffered) {
        // Choosing the package (what the file chooser does) makes its installation the plan's first step.
        const QString package = h.dir.filePath(QStringLiteral("ims-jwt-compatibility-package-6.5-1.0.zip"));
        QFile file(package);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(test::hotfixPackage());
        file.close();
        auto *page = qobject_cast<ui::RoutePage *>(h.wizard->currentPage());
        page->setHotfixPackagePath(package);
        QVERIFY(h.next()->isEnabled());
        QVERIFY(h.child<QLabel>("hotfixPathLabel")->text().contains(QStringLiteral("compatibility-package")));
        QVERIFY(h.child<QWidget>("tenantEdit")->isVisible());
        h.click(h.next());
        QCOMPARE(h.wizard->currentId(), int(SetupWizard::CredentialsPageId));
        QCOMPARE(h.state.hotfixPackagePath, package);
    }
    QCOMPARE(h.simulator->writeRequestCount(), 0);
}

void TstApplyPages::badTenantShowsInlineError()
{
    Harness h;
    QVERIFY(h.start(sim::SimulatorOptions{}));
    goToRoutePage(h);
    auto *edit = h.child<QLineEdit>("tenantEdit");
    auto *error = h.child<QLabel>("tenantError");
    edit->clear();
    QTest::keyClicks(edit, QStringLiteral("https://downloads-na1.brand-portal.adobe.com"));
    h.click(h.next());
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::RoutePageId));
    QVERIFY(error->isVisible());
    QVERIFY(!error->text().isEmpty());
    QTest::keyClick(edit, Qt::Key_Backspace);
    QVERIFY(!error->isVisible());
    edit->clear();
    QTest::keyClicks(edit, QStringLiteral("https://bpdemo.brand-portal.adobe.com/"));
    h.click(h.next());
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::CredentialsPageId));
}

void TstApplyPages::failedStepShowsFailurePanel()
{
    sim::SimulatorOptions options;
    options.failSteps = {QStringLiteral("cloud-config")};
    Harness h;
    QVERIFY(h.start(options));
    goToRoutePage(h);
    goToReviewedPlan(h);
    const QJsonObject before = h.simulator->snapshot();
    h.click(h.wizard->button(QWizard::CommitButton));
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::ApplyPageId));

    auto *panel = h.child<QWidget>("failurePanel");
    QTRY_VERIFY_WITH_TIMEOUT(panel->isVisible(), kTimeoutMs);
    QVERIFY(!h.next()->isEnabled());
    auto *steps = h.child<QTreeWidget>("applyStepList");
    QString failedTitle;
    for (int i = 0; i < steps->topLevelItemCount(); ++i) {
        if (steps->topLevelItem(i)->data(ui::ApplyPage::StatusColumn, ui::ApplyPage::StatusIdRole) ==
            QStringLiteral("failed"))
            failedTitle = steps->topLevelItem(i)->text(ui::ApplyPage::StepColumn);
    }
    QVERIFY(!failedTitle.isEmpty());
    const QString text = h.child<QLabel>("failureLabel")->text();
    QVERIFY2(text.contains(failedTitle.toHtmlEscaped()), qPrintable(text));
    QVERIFY(text.contains(h.state.applyRun->backup().id));
    QVERIFY(h.simulator->snapshot() != before);

    // Roll back (the core's RollbackSession) restores exactly the state before apply.
    auto *rollback = h.child<QPushButton>("rollbackButton");
    QVERIFY2(rollback->isVisible() && rollback->isEnabled(), qPrintable(QStringLiteral("%1 %2 %3")
                                                                            .arg(rollback->isVisible())
                                                                            .arg(rollback->isEnabled())
                                                                            .arg(rollback->toolTip())));
    h.click(rollback);
    auto *rollbackLabel = h.child<QLabel>("rollbackLabel");
    QTRY_VERIFY_WITH_TIMEOUT(rollbackLabel->text().contains(QStringLiteral("Rolled back")) ||
                                 rollbackLabel->text().contains(QStringLiteral("did not complete")),
                             kTimeoutMs);
    QVERIFY2(rollbackLabel->text().contains(QStringLiteral("Rolled back")),
             qPrintable(rollbackLabel->text()));
    QVERIFY(h.simulator->snapshot() == before);
    QVERIFY(!h.next()->isEnabled());
    QCOMPARE(
        steps->topLevelItem(0)->data(ui::ApplyPage::StatusColumn, ui::ApplyPage::StatusIdRole).toString(),
        QStringLiteral("rolled-back"));

    // Retry applies again and ends with every step done (the injected failure was one-shot).
    h.click(h.child<QPushButton>("applyRetryButton"));
    QTRY_VERIFY_WITH_TIMEOUT(h.next()->isEnabled(), kTimeoutMs);
    QVERIFY(!panel->isVisible());
    for (int i = 0; i < steps->topLevelItemCount(); ++i) {
        const QString status =
            steps->topLevelItem(i)->data(ui::ApplyPage::StatusColumn, ui::ApplyPage::StatusIdRole).toString();
        QVERIFY2(status == QLatin1String("done") || status == QLatin1String("unchanged"), qPrintable(status));
    }
}

void TstApplyPages::cancelAsksFirst()
{
    sim::SimulatorOptions options;
    options.latencyMs = 150; // on the real clock: apply takes long enough to be cancelled
    Harness h;
    QVERIFY(h.start(options));
    goToRoutePage(h);
    goToReviewedPlan(h);
    h.click(h.wizard->button(QWizard::CommitButton));
    auto *cancel = h.child<QPushButton>("applyCancelButton");
    QVERIFY(cancel->isVisible());
    QVERIFY(h.state.applyRun->isRunning());

    // No: it goes on. The wizard's own Cancel asks the same, and does not close the wizard mid-apply.
    bool answered = false;
    answerNextMessageBox(QMessageBox::No, &answered);
    h.click(cancel);
    QVERIFY(answered);
    QVERIFY(h.state.applyRun->isRunning());
    answered = false;
    answerNextMessageBox(QMessageBox::No, &answered);
    h.click(h.wizard->button(QWizard::CancelButton));
    QVERIFY(answered);
    QVERIFY(h.wizard->isVisible());
    QVERIFY(h.state.applyRun->isRunning());

    // Yes: it stops at once, says so, and Next stays disabled.
    answered = false;
    answerNextMessageBox(QMessageBox::Yes, &answered);
    h.click(cancel);
    QVERIFY(answered);
    QTRY_VERIFY_WITH_TIMEOUT(h.child<QWidget>("failurePanel")->isVisible(), kTimeoutMs);
    QCOMPARE(h.state.applyRun->state(), Task::State::Cancelled);
    QVERIFY(!cancel->isVisible());
    QVERIFY(!h.next()->isEnabled());
    QVERIFY(h.child<QLabel>("applyStatusLabel")->text().contains(QStringLiteral("cancelled")));
}

void TstApplyPages::createPathRefusesJwtCredential()
{
    Harness h;
    QVERIFY(h.start(sim::SimulatorOptions{}));
    goToRoutePage(h);
    h.click(h.next());
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::CredentialsPageId));
    auto *page = qobject_cast<ui::CredentialsPage *>(h.wizard->currentPage());
    QVERIFY(page);
    const QString files = h.dir.filePath(QStringLiteral("downloads"));
    QVERIFY(h.demo->writeCredentialFiles(files).ok());

    // A JWT download on the create path: said at once, with the core's remedy, and Next stays disabled.
    QVERIFY(page->importFile(files + QStringLiteral("/jwt-project.json")));
    QCOMPARE(page->selectedKind(), CredentialKind::ServiceAccountJwt);
    auto *kindError = h.child<QLabel>("kindError");
    QVERIFY(kindError->isVisible());
    QVERIFY2(kindError->text().contains(QStringLiteral("OAuth Server-to-Server")),
             qPrintable(kindError->text()));
    QVERIFY(!h.next()->isEnabled());

    // The OAuth Server-to-Server download of the same project is taken.
    QVERIFY(page->importFile(files + QStringLiteral("/oauth-s2s-project.json")));
    QVERIFY(!kindError->isVisible());
    QVERIFY(h.next()->isEnabled());
}

void TstApplyPages::failedAgentTestShowsRemedy()
{
    sim::SimulatorOptions options;
    options.failSteps = {QStringLiteral("agent-test")};
    Harness h;
    QVERIFY(h.start(options));
    goToRoutePage(h);
    goToReviewedPlan(h);
    h.click(h.wizard->button(QWizard::CommitButton));
    // Every step was applied: Next leads to the Test page, which says which test failed and what to do.
    QTRY_VERIFY_WITH_TIMEOUT(h.next()->isEnabled(), kTimeoutMs);
    QVERIFY(!h.child<QWidget>("failurePanel")->isVisible());
    h.click(h.next());
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::TestPageId));
    auto *tests = h.child<QTreeWidget>("testList");
    int failed = 0;
    for (int i = 0; i < tests->topLevelItemCount(); ++i)
        failed +=
            tests->topLevelItem(i)->data(0, ui::TestPage::ResultRole).toString() == QLatin1String("failed");
    QCOMPARE(failed, 1);
    auto *remedy = h.child<QLabel>("testRemedyLabel");
    QVERIFY(remedy->isVisible());
    for (const TestOutcome &t : h.state.applyRun->tests()) {
        if (!t.passed)
            QVERIFY2(remedy->text().contains(t.remedy.toHtmlEscaped()), qPrintable(remedy->text()));
    }
}

void TstApplyPages::blockedPlanDisablesApply()
{
    // A publish instance: only the plan (which reads the run modes) can tell.
    sim::SimulatorOptions options;
    options.publish = true;
    Harness h;
    QVERIFY(h.start(options));
    goToRoutePage(h);
    goToReviewedPlan(h, false);
    const Plan &plan = h.state.createSession->plan();
    QVERIFY(plan.blocking());
    QVERIFY(!h.wizard->button(QWizard::CommitButton)->isEnabled());
    const QString review = h.child<QTextBrowser>("planView")->toPlainText();
    for (const Prerequisite &p : plan.blockingPrerequisites()) {
        QVERIFY2(review.contains(p.message), qPrintable(review));
        QVERIFY(review.contains(p.remedy));
    }
    QVERIFY(h.child<QLabel>("reviewSummaryLabel")->text().contains(QStringLiteral("cannot be applied")));
    QCOMPARE(h.simulator->writeRequestCount(), 0);
}

void TstApplyPages::retryWithoutRollbackNamesBothBackups()
{
    sim::SimulatorOptions options;
    options.failSteps = {QStringLiteral("cloud-config")};
    Harness h;
    QVERIFY(h.start(options));
    goToRoutePage(h);
    goToReviewedPlan(h);
    h.click(h.wizard->button(QWizard::CommitButton));
    QTRY_VERIFY_WITH_TIMEOUT(h.child<QWidget>("failurePanel")->isVisible(), kTimeoutMs);
    const QString first = h.state.applyRun->backup().id;
    h.click(h.child<QPushButton>("applyRetryButton"));
    QTRY_VERIFY_WITH_TIMEOUT(h.next()->isEnabled(), kTimeoutMs);
    const QString second = h.state.applyRun->backup().id;
    QCOMPARE(h.state.backupIds, (QStringList{first, second}));
    h.click(h.next());
    h.click(h.next());
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::FinishPageId));
    const QString summary = h.child<QLabel>("finishSummary")->text();
    QVERIFY2(summary.contains(second + QStringLiteral(", ") + first), qPrintable(summary));
}

QTEST_MAIN(TstApplyPages)
#include "tst_apply_pages.moc"
