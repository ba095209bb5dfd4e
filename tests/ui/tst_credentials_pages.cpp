// SPDX-License-Identifier: Apache-2.0
// Drives the Credentials and Validate pages of the real wizard against the in-process simulator: import by
// drop and paste, field-level errors, validation against the simulated IMS, the override and Cancel.
#include "ModalAnswer.h"
#include "sim/SimDemoEnvironment.h"
#include "TestSupport.h"

#include "credentials/CredentialImporter.h"
#include "setup/SetupState.h"
#include "sim/Simulator.h"
#include "time/Clock.h"
#include "wizard/CredentialsPage.h"
#include "wizard/KeyPairDialog.h"
#include "wizard/SetupWizard.h"
#include "wizard/ValidatePage.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QMutex>
#include <QPlainTextEdit>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QScopeGuard>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

#include <memory>

using namespace bp;
using bp::ui::SetupWizard;

namespace {

constexpr int kNetworkTimeoutMs = 20000;

// Every message logged while a test runs, to prove no secret reaches the log.
QMutex g_logMutex;
QStringList g_log;
QtMessageHandler g_previousHandler = nullptr;

void captureMessages(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&g_logMutex);
        g_log << message;
    }
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

struct Harness
{
    std::unique_ptr<sim::Simulator> simulator;
    std::unique_ptr<sim::SimDemoEnvironment> demo;
    SetupState state;
    std::unique_ptr<SetupWizard> wizard;
    QTemporaryDir files; // the simulator's credential downloads

    ~Harness() { wizard.reset(); }

    bool start(sim::SimulatorOptions options, const QString &trustStorePath)
    {
        // The JWT rows exercise the exchange as it worked before Adobe's conversion (2026-03-01).
        options.jwtConverted = false;
        simulator = test::startSimulator(options);
        if (!simulator || !files.isValid())
            return false;
        if (!simulator->writeCredentialFiles(files.path()))
            return false;
        wizard = std::make_unique<SetupWizard>(&state);
        wizard->setTrustStorePath(trustStorePath);
        wizard->show();
        return QTest::qWaitForWindowExposed(wizard.get());
    }

    QString file(const char *name) const { return files.filePath(QLatin1String(name)); }

    template <class T> T *child(const char *name) const
    {
        return wizard->findChild<T *>(QLatin1String(name));
    }

    ui::CredentialsPage *credentialsPage() const
    {
        return qobject_cast<ui::CredentialsPage *>(wizard->page(SetupWizard::CredentialsPageId));
    }
    ui::ValidatePage *validatePage() const
    {
        return qobject_cast<ui::ValidatePage *>(wizard->page(SetupWizard::ValidatePageId));
    }

    QAbstractButton *next() const { return wizard->button(QWizard::NextButton); }
    void clickNext() const { QTest::mouseClick(next(), Qt::LeftButton); }

    QStringList secrets() const
    {
        QStringList all = simulator->clientSecretsForTests();
        all << simulator->jwtClientSecretForTests();
        return all;
    }
};

// Sends a drag-enter and a drop of local files to a widget, as a file manager would.
bool dropFiles(QWidget *target, const QStringList &paths)
{
    QMimeData mime;
    QList<QUrl> urls;
    for (const QString &path : paths)
        urls << QUrl::fromLocalFile(path);
    mime.setUrls(urls);
    const QPoint pos(5, 5);
    QDragEnterEvent enter(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &enter);
    if (!enter.isAccepted())
        return false;
    QDropEvent drop(QPointF(pos), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &drop);
    return drop.isAccepted();
}

// Answers the next modal QFileDialog (from a timer, as a user would): notes the folder it opened in, then
// chooses `file` (or cancels when it is empty).
void answerFileDialog(QObject *context, const QString &file, QString *openedIn, bool *answered)
{
    test::answerNextModal<QFileDialog>(context, [file, openedIn, answered](QFileDialog *dialog) {
        *openedIn = dialog->directory().absolutePath();
        if (file.isEmpty()) {
            dialog->reject();
        } else {
            // Typed into the name field as a user would: selectFile() leaves that field alone while it has
            // the focus.
            dialog->setDirectory(QFileInfo(file).absolutePath());
            if (auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit")))
                name->setText(QFileInfo(file).fileName());
            static_cast<QDialog *>(dialog)->accept(); // public in QDialog, protected in QFileDialog
        }
        *answered = true;
    });
}

QString canonical(const QString &path)
{
    return QFileInfo(path).canonicalFilePath();
}

// Answers the next modal QInputDialog (from a timer, as a user would).
void answerInputDialog(QObject *context, const QString &text, bool accept, bool *answered)
{
    test::answerNextModal<QInputDialog>(context, [text, accept, answered](QInputDialog *dialog) {
        dialog->setTextValue(text);
        if (accept)
            dialog->accept();
        else
            dialog->reject();
        *answered = true;
    });
}

} // namespace

class TstCredentialsPages : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void dropImportsAndValidates();
    void brokenPasteShowsFieldErrors();
    void typedFieldsValidatedLive();
    void wrongSecretIsRejected();
    void overrideAsksForReasonAndLogsIt();
    void rejectedThenOverriddenIsRecorded();
    void cancelDuringValidation();
    void jwtWithKeyHeldByAem();
    void demoJwtCredentialsValidate();
    void keyProblemsShowAtPrivateKey();
    void encryptedKeyAsksForPassphrase();
    void generatedKeyPairIsSavedPrivately();
    void fileDialogOpensInDownloads();
    void eachSecretHasItsOwnShowButton();
    void subTitleFollowsCredentialKind();

private:
    void goToCredentialsPage(Harness &h);
    // The simulator's OAuth credential with its one secret replaced by a wrong one (IMS rejects it).
    void enterWrongSecret(Harness &h);
    void validateAndWait(Harness &h);
    QString trustStorePath() const { return m_configDir->filePath(QStringLiteral("trust.json")); }

    std::unique_ptr<QTemporaryDir> m_configDir;
};

void TstCredentialsPages::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    g_previousHandler = qInstallMessageHandler(captureMessages);
}

void TstCredentialsPages::init()
{
    m_configDir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_configDir->isValid());
    QMutexLocker lock(&g_logMutex);
    g_log.clear();
}

void TstCredentialsPages::cleanup()
{
    // Nothing logged during the test may contain a client secret (checked in every test).
    QMutexLocker lock(&g_logMutex);
    for (const QString &line : std::as_const(g_log)) {
        QVERIFY2(!line.contains(QLatin1String("p8e-")), qPrintable(line));
    }
}

namespace {

// An instance on the upgrade route (a JWT configuration to migrate), where the Credentials page still takes a
// JWT credential; the create path takes OAuth Server-to-Server only.
sim::SimulatorOptions upgradeRouteOptions()
{
    sim::SimulatorOptions options;
    options.state = sim::SimState::DevConsoleJwt;
    return options;
}

} // namespace

void TstCredentialsPages::goToCredentialsPage(Harness &h)
{
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::WelcomePageId));
    h.clickNext();
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::ConnectPageId));
    auto *url = h.child<QLineEdit>("urlEdit");
    auto *user = h.child<QLineEdit>("userEdit");
    auto *password = h.child<QLineEdit>("passwordEdit");
    QVERIFY(url && user && password);
    url->clear();
    user->clear();
    password->clear();
    QTest::keyClicks(url, h.simulator->aemUrl().toString());
    QTest::keyClicks(user, QStringLiteral("admin"));
    QTest::keyClicks(password, QStringLiteral("admin"));
    h.clickNext();
    QTRY_COMPARE_WITH_TIMEOUT(h.wizard->currentId(), int(SetupWizard::RoutePageId), kNetworkTimeoutMs);
    // The create path asks for the Brand Portal tenant.
    if (auto *tenant = h.child<QLineEdit>("tenantEdit"); tenant->isVisible() && tenant->text().isEmpty())
        QTest::keyClicks(tenant, QStringLiteral("bpdemo"));
    h.clickNext();
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::CredentialsPageId));
    // The simulator's IMS, as a user would type it under Advanced.
    auto *advanced = h.child<QToolButton>("advancedButton");
    QVERIFY(advanced && !advanced->isChecked());
    advanced->click();
    auto *ims = h.child<QLineEdit>("imsUrlEdit");
    QVERIFY(ims);
    ims->clear();
    QTest::keyClicks(ims, h.simulator->imsUrl().toString());
}

void TstCredentialsPages::validateAndWait(Harness &h)
{
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::ValidatePageId));
    auto *validate = h.child<QPushButton>("validateButton");
    QVERIFY(validate && validate->isVisible());
    QTest::mouseClick(validate, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(h.child<QWidget>("resultPanel")->isVisible(), kNetworkTimeoutMs);
    QVERIFY(!h.validatePage()->isBusy());
}

void TstCredentialsPages::dropImportsAndValidates()
{
    Harness h;
    QVERIFY(h.start(sim::SimulatorOptions(), trustStorePath()));
    goToCredentialsPage(h);
    QVERIFY(!h.next()->isEnabled());

    QVERIFY(dropFiles(h.credentialsPage(), {h.file("oauth-s2s-project.json")}));
    QCOMPARE(h.credentialsPage()->selectedKind(), CredentialKind::OAuthServerToServer);
    QCOMPARE(h.child<QLineEdit>("clientIdEdit")->text(), h.simulator->imsClientId());
    QCOMPARE(h.child<QLineEdit>("orgIdEdit")->text(), h.simulator->imsOrgId());
    auto *secret = h.child<QLineEdit>("clientSecretEdit");
    auto *secret2 = h.child<QLineEdit>("clientSecret2Edit");
    QCOMPARE(secret->text(), h.simulator->clientSecretsForTests().value(0));
    QCOMPARE(secret2->text(), h.simulator->clientSecretsForTests().value(1));
    QCOMPARE(secret->echoMode(), QLineEdit::Password);
    QCOMPARE(secret2->echoMode(), QLineEdit::Password);
    QVERIFY(!h.child<QLineEdit>("scopesEdit")->text().isEmpty());
    auto *kind = h.child<QLabel>("importKindLabel");
    QVERIFY(kind->isVisible());
    QVERIFY2(kind->text().contains(QLatin1String("OAuth Server-to-Server")), qPrintable(kind->text()));
    for (const char *error : {"clientIdError", "orgIdError", "scopesError", "clientSecretsError"})
        QVERIFY2(!h.child<QLabel>(error)->isVisible(), error);
    QVERIFY(h.next()->isEnabled());

    // The reveal toggle shows the secret, and hides it again.
    auto *reveal = h.child<QAbstractButton>("revealSecretsButton");
    reveal->click();
    QCOMPARE(secret->echoMode(), QLineEdit::Normal);
    reveal->click();
    QCOMPARE(secret->echoMode(), QLineEdit::Password);

    // Enter in a field is Next.
    QTest::keyClick(h.child<QLineEdit>("clientIdEdit"), Qt::Key_Return);
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::ValidatePageId));
    QCOMPARE(h.state.credential.clientId, h.simulator->imsClientId());
    QCOMPARE(h.state.imsUrl, h.simulator->imsUrl());
    QVERIFY(!h.next()->isEnabled());

    // An OAuth Server-to-Server credential gets no JWT retirement notice.
    QVERIFY(!h.child<QLabel>("jwtRetirementNotice")->isVisible());

    const QString summary = h.child<QLabel>("summaryLabel")->text();
    QVERIFY(summary.contains(h.simulator->imsClientId()));
    QVERIFY(summary.contains(h.simulator->imsOrgId()));
    for (const QString &s : h.secrets())
        QVERIFY2(!summary.contains(s), "the summary shows a whole secret");

    const int before = h.simulator->requestCount();
    validateAndWait(h);
    const QString result = h.child<QLabel>("resultLabel")->text();
    QVERIFY2(result.contains(QLatin1String("valid for")), qPrintable(result));
    QVERIFY2(result.contains(QLatin1String("secret 1 of 2 accepted")), qPrintable(result));
    QVERIFY(h.simulator->requestCount() > before);
    QCOMPARE(h.simulator->writeRequestCount(), 0);
    QVERIFY(h.next()->isEnabled());
    QVERIFY(h.state.credentialValidated);

    h.clickNext();
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::ReviewPageId));
    QVERIFY(!h.state.validationOverridden);
    for (const QString &s : h.secrets())
        QVERIFY(!h.wizard->windowTitle().contains(s));
}

void TstCredentialsPages::brokenPasteShowsFieldErrors()
{
    Harness h;
    QVERIFY(h.start(sim::SimulatorOptions(), trustStorePath()));
    goToCredentialsPage(h);

    // Not JSON at all: one message for the paste, no field errors.
    auto *paste = h.child<QPlainTextEdit>("pasteEdit");
    auto *importPaste = h.child<QPushButton>("importPasteButton");
    QVERIFY(paste && importPaste);
    QVERIFY(!importPaste->isEnabled());
    paste->setPlainText(QStringLiteral("{ \"CLIENT_ID\": \"abc\", "));
    QVERIFY(importPaste->isEnabled());
    QTest::mouseClick(importPaste, Qt::LeftButton);
    QVERIFY(h.child<QLabel>("importErrorLabel")->isVisible());
    QVERIFY(!h.child<QLabel>("importErrorLabel")->text().isEmpty());
    QVERIFY(!h.child<QLabel>("orgIdError")->isVisible());

    // The flat credential file without its ORG_ID.
    QJsonObject flat;
    flat.insert(QStringLiteral("CLIENT_ID"), h.simulator->imsClientId());
    flat.insert(QStringLiteral("CLIENT_SECRETS"),
                QJsonArray::fromStringList(h.simulator->clientSecretsForTests()));
    flat.insert(QStringLiteral("SCOPES"),
                QJsonArray::fromStringList({QStringLiteral("openid"), QStringLiteral("AdobeID")}));
    paste->setPlainText(QString::fromUtf8(QJsonDocument(flat).toJson()));
    QTest::keyClick(paste, Qt::Key_Return, Qt::ControlModifier); // Ctrl+Enter imports
    QVERIFY(!h.child<QLabel>("importErrorLabel")->isVisible());
    QVERIFY(paste->toPlainText().isEmpty()); // the clear-text secrets do not stay in the box
    auto *orgError = h.child<QLabel>("orgIdError");
    QVERIFY(orgError->isVisible());
    QVERIFY2(orgError->text().contains(QLatin1String("@AdobeOrg")), qPrintable(orgError->text()));
    QVERIFY(!h.child<QLabel>("clientIdError")->isVisible());
    QVERIFY(!h.next()->isEnabled());
    h.clickNext();
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::CredentialsPageId));

    // A console org id (digits) is not an IMS org id.
    auto *org = h.child<QLineEdit>("orgIdEdit");
    QTest::keyClicks(org, QStringLiteral("25591412"));
    QVERIFY(orgError->isVisible());
    QVERIFY(!h.next()->isEnabled());
    org->clear();
    QTest::keyClicks(org, h.simulator->imsOrgId());
    QVERIFY(!orgError->isVisible());
    QVERIFY(h.next()->isEnabled());
}

void TstCredentialsPages::typedFieldsValidatedLive()
{
    Harness h;
    QVERIFY(h.start(sim::SimulatorOptions(), trustStorePath()));
    goToCredentialsPage(h);

    // Nothing is shown for untouched fields, but Next waits and the page says what is missing.
    QVERIFY(!h.child<QLabel>("clientIdError")->isVisible());
    QVERIFY(!h.next()->isEnabled());
    QVERIFY(!h.child<QLabel>("credentialsStatusLabel")->text().isEmpty());

    auto *clientId = h.child<QLineEdit>("clientIdEdit");
    QTest::keyClicks(clientId, QStringLiteral("has space"));
    QVERIFY(h.child<QLabel>("clientIdError")->isVisible());
    clientId->clear();
    QTest::keyClicks(clientId, h.simulator->imsClientId());
    QVERIFY(!h.child<QLabel>("clientIdError")->isVisible());
    QTest::keyClicks(h.child<QLineEdit>("clientSecretEdit"), h.simulator->clientSecretsForTests().value(1));
    auto *scopes = h.child<QLineEdit>("scopesEdit");
    QTest::keyClicks(scopes, QStringLiteral("openid AdobeID"));
    QVERIFY(h.child<QLabel>("scopesError")->isVisible()); // spaces, not commas
    scopes->clear();
    QTest::keyClicks(
        scopes, QStringLiteral("openid,AdobeID,read_organizations,additional_info.projectedProductContext"));
    QVERIFY(!h.child<QLabel>("scopesError")->isVisible());
    QVERIFY(!h.next()->isEnabled());
    QTest::keyClicks(h.child<QLineEdit>("orgIdEdit"), h.simulator->imsOrgId());
    QVERIFY(h.next()->isEnabled());

    // A bad IMS address is an error too, under Advanced.
    auto *ims = h.child<QLineEdit>("imsUrlEdit");
    ims->clear();
    QTest::keyClicks(ims, QStringLiteral("http://ims.example.com"));
    QVERIFY(h.child<QLabel>("imsUrlError")->isVisible());
    QVERIFY(!h.next()->isEnabled());
    ims->clear();
    QTest::keyClicks(ims, h.simulator->imsUrl().toString());
    QVERIFY(h.next()->isEnabled());

    // Switching to JWT shows its fields and needs them.
    auto *kind = h.child<QComboBox>("kindCombo");
    kind->setCurrentIndex(1);
    emit kind->activated(1);
    QCOMPARE(h.credentialsPage()->selectedKind(), CredentialKind::ServiceAccountJwt);
    QVERIFY(h.child<QLineEdit>("technicalAccountIdEdit")->isVisible());
    QVERIFY(h.child<QLineEdit>("metascopesEdit")->isVisible());
    QVERIFY(h.child<QLineEdit>("privateKeyPathEdit")->isVisible());
    QVERIFY(h.child<QLabel>("jwtRetiredNote")->isVisible());
    QVERIFY(!h.child<QLineEdit>("scopesEdit")->isVisible());
    QVERIFY(!h.child<QLineEdit>("clientSecret2Edit")->isVisible());
    QVERIFY(!h.child<QLineEdit>("passphraseEdit")->isVisible());
    QVERIFY(!h.next()->isEnabled());

    kind->setCurrentIndex(0);
    emit kind->activated(0);
    QVERIFY(h.next()->isEnabled());
    h.clickNext();
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::ValidatePageId));
    validateAndWait(h);
    QVERIFY2(h.child<QLabel>("resultLabel")->text().contains(QLatin1String("secret 1 of 1 accepted")),
             qPrintable(h.child<QLabel>("resultLabel")->text()));
    QVERIFY(h.next()->isEnabled());
}

void TstCredentialsPages::enterWrongSecret(Harness &h)
{
    goToCredentialsPage(h);
    QVERIFY(h.credentialsPage()->importFile(h.file("oauth-s2s-credential.json")));
    auto *secret = h.child<QLineEdit>("clientSecretEdit");
    secret->clear();
    QTest::keyClicks(secret, QStringLiteral("p8e-this-is-not-the-secret"));
    h.child<QLineEdit>("clientSecret2Edit")->clear();
}

void TstCredentialsPages::wrongSecretIsRejected()
{
    Harness h;
    QVERIFY(h.start(sim::SimulatorOptions(), trustStorePath()));
    enterWrongSecret(h);
    if (QTest::currentTestFailed())
        return;
    auto *secret = h.child<QLineEdit>("clientSecretEdit");
    QVERIFY(h.next()->isEnabled());
    h.clickNext();

    validateAndWait(h);
    const QString result = h.child<QLabel>("resultLabel")->text();
    QVERIFY2(result.contains(QLatin1String("client secret")), qPrintable(result));
    QVERIFY2(result.contains(QLatin1String("invalid_client")), qPrintable(result));
    QVERIFY(!h.next()->isEnabled());
    QVERIFY(!h.state.credentialValidated);
    QVERIFY(!result.contains(QLatin1String("p8e-this-is-not-the-secret")));

    // Back, fix the secret, validate again.
    QTest::mouseClick(h.wizard->button(QWizard::BackButton), Qt::LeftButton);
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::CredentialsPageId));
    secret->clear();
    QTest::keyClicks(secret, h.simulator->clientSecretsForTests().value(0));
    h.clickNext();
    QVERIFY(!h.child<QWidget>("resultPanel")->isVisible()); // a fresh page
    validateAndWait(h);
    QVERIFY(h.next()->isEnabled());
}

void TstCredentialsPages::overrideAsksForReasonAndLogsIt()
{
    Harness h;
    QVERIFY(h.start(sim::SimulatorOptions(), trustStorePath()));
    goToCredentialsPage(h);
    QVERIFY(h.credentialsPage()->importFile(h.file("oauth-s2s-project.json")));
    h.clickNext();
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::ValidatePageId));
    auto *override = h.child<QCheckBox>("overrideCheck");
    QVERIFY(override && override->isVisible());

    // Cancelling the reason dialog leaves the box unticked.
    bool answered = false;
    answerInputDialog(this, QString(), false, &answered);
    override->click();
    QTRY_VERIFY(answered);
    QVERIFY(!override->isChecked());
    QVERIFY(!h.next()->isEnabled());

    // An empty reason does not count either.
    answered = false;
    answerInputDialog(this, QStringLiteral("   "), true, &answered);
    override->click();
    QTRY_VERIFY(answered);
    QVERIFY(!override->isChecked());

    answered = false;
    answerInputDialog(this, QStringLiteral("customer site without internet access"), true, &answered);
    override->click();
    QTRY_VERIFY(answered);
    QVERIFY(override->isChecked());
    QVERIFY(h.next()->isEnabled());
    QVERIFY(h.child<QLabel>("overrideNote")->isVisible());
    {
        QMutexLocker lock(&g_logMutex);
        const QString joined = g_log.join(QLatin1Char('\n'));
        QVERIFY2(joined.contains(QLatin1String("reason: customer site without internet access")),
                 qPrintable(joined));
        for (const QString &s : h.secrets())
            QVERIFY(!joined.contains(s));
    }
    QCOMPARE(h.simulator->requestCount() > 0, true);
    h.clickNext();
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::ReviewPageId));
    QVERIFY(h.state.validationOverridden);
    QVERIFY(!h.state.credentialValidated);
}

// Continuing past a rejection keeps what IMS said (for the Finish page) and writes the reason and IMS's
// answer, never the secret, to the activity log the page names.
void TstCredentialsPages::rejectedThenOverriddenIsRecorded()
{
    Harness h;
    QTemporaryDir logDir;
    h.state.activityLogPath = logDir.filePath(QStringLiteral("logs/bpsetup.log"));
    QVERIFY(h.start(sim::SimulatorOptions(), trustStorePath()));
    enterWrongSecret(h);
    if (QTest::currentTestFailed())
        return;
    h.clickNext();
    validateAndWait(h);
    QVERIFY(h.state.credentialRejected);
    QVERIFY2(h.state.validationFailure.contains(QLatin1String("invalid_client (HTTP 400")),
             qPrintable(h.state.validationFailure));

    bool answered = false;
    answerInputDialog(this, QStringLiteral("customer rotates the secret tonight"), true, &answered);
    h.child<QCheckBox>("overrideCheck")->click();
    QTRY_VERIFY(answered);
    const QString note = h.child<QLabel>("overrideNote")->text();
    QVERIFY2(note.startsWith(QLatin1String("Adobe IMS rejected this credential")) &&
                 note.contains(QDir::toNativeSeparators(h.state.activityLogPath)),
             qPrintable(note));
    QFile log(h.state.activityLogPath);
    QVERIFY(log.open(QIODevice::ReadOnly));
    const QString logged = QString::fromUtf8(log.readAll());
    QVERIFY2(
        logged.contains(QLatin1String(" validate: Continued without validating the credential with client "
                                      "ID ")) &&
            logged.contains(QLatin1String("reason: customer rotates the secret tonight.")) &&
            logged.contains(QLatin1String("Adobe IMS had rejected it:")) &&
            logged.contains(QLatin1String("invalid_client")),
        qPrintable(logged));
    QVERIFY(!logged.contains(QLatin1String("p8e-this-is-not-the-secret")));
    for (const QString &s : h.secrets())
        QVERIFY(!logged.contains(s));
    h.clickNext();
    QCOMPARE(h.state.validationOverrideReason, QStringLiteral("customer rotates the secret tonight"));
    QVERIFY(h.state.validationOverridden);
}

void TstCredentialsPages::cancelDuringValidation()
{
    sim::SimulatorOptions options;
    options.faults = {sim::SimFault::ImsHang}; // IMS reads the request and never answers
    Harness h;
    QVERIFY(h.start(options, trustStorePath()));
    goToCredentialsPage(h);
    QVERIFY(h.credentialsPage()->importFile(h.file("oauth-s2s-project.json")));
    h.clickNext();
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::ValidatePageId));

    auto *progress = h.child<QProgressBar>("validateProgress");
    auto *cancel = h.child<QPushButton>("validateCancelButton");
    auto *status = h.child<QLabel>("validateStatusLabel");
    QVERIFY(!progress->isVisible());
    const int before = h.simulator->requestCount();
    QTest::mouseClick(h.child<QPushButton>("validateButton"), Qt::LeftButton);
    QVERIFY(progress->isVisible());
    QVERIFY(cancel->isVisible());
    QVERIFY(h.validatePage()->isBusy());
    QVERIFY(!h.next()->isEnabled());
    QVERIFY(!h.child<QCheckBox>("overrideCheck")->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(h.simulator->requestCount() > before, 5000);
    QVERIFY(!status->text().isEmpty());

    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(!h.validatePage()->isBusy());
    QVERIFY(!progress->isVisible());
    QVERIFY(!cancel->isVisible());
    QVERIFY2(status->text().contains(QLatin1String("cancelled")), qPrintable(status->text()));
    QVERIFY(!h.child<QWidget>("resultPanel")->isVisible());
    QVERIFY(!h.next()->isEnabled());
    QVERIFY(h.child<QPushButton>("validateButton")->isEnabled());

    // Back while validating cancels too.
    QTest::mouseClick(h.child<QPushButton>("validateButton"), Qt::LeftButton);
    QVERIFY(h.validatePage()->isBusy());
    QTest::mouseClick(h.wizard->button(QWizard::BackButton), Qt::LeftButton);
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::CredentialsPageId));
    QVERIFY(!h.validatePage()->isBusy());
}

void TstCredentialsPages::jwtWithKeyHeldByAem()
{
    Harness h;
    QVERIFY(h.start(upgradeRouteOptions(), trustStorePath()));
    goToCredentialsPage(h);
    QVERIFY(h.credentialsPage()->importFile(h.file("jwt-credential.json")));
    QCOMPARE(h.credentialsPage()->selectedKind(), CredentialKind::ServiceAccountJwt);
    // The retirement warning comes first.
    const QString warnings = h.child<QLabel>("importWarningsLabel")->text();
    QVERIFY2(warnings.startsWith(QStringLiteral("⚠ This is a Service Account (JWT) credential")),
             qPrintable(warnings));
    QVERIFY(h.child<QLabel>("importWarningsLabel")->isVisible());
    // The flat JWT download names no metascopes: they are typed.
    auto *metascopes = h.child<QLineEdit>("metascopesEdit");
    if (metascopes->text().isEmpty())
        QTest::keyClicks(metascopes, QStringLiteral("ent_brand_portal_sdk"));
    QVERIFY(h.child<QLabel>("privateKeyError")->isVisible());
    QVERIFY(!h.next()->isEnabled());

    h.child<QCheckBox>("keyHeldByAemCheck")->click();
    QVERIFY(!h.child<QLabel>("privateKeyError")->isVisible());
    QVERIFY(!h.child<QLineEdit>("privateKeyPathEdit")->isEnabled());
    QVERIFY(h.next()->isEnabled());
    h.clickNext();
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::ValidatePageId));
    QVERIFY(h.child<QLabel>("aemKeyNotice")->isVisible());
    QVERIFY(!h.child<QPushButton>("validateButton")->isVisible());
    // The retirement warning again, in the core's words, also when the key is only in AEM.
    auto *notice = h.child<QLabel>("jwtRetirementNotice");
    QVERIFY(notice->isVisible());
    QCOMPARE(notice->text(),
             QStringLiteral("⚠ ") + CredentialImporter::jwtRetirementWarning(h.state.clock->today()));
    QVERIFY(h.next()->isEnabled());
    h.clickNext();
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::ReviewPageId));
    QVERIFY(h.state.credential.privateKeyHeldByAem);
    QVERIFY(h.state.privateKeyPemPath.isEmpty());
}

void TstCredentialsPages::demoJwtCredentialsValidate()
{
    Harness h;
    QVERIFY(h.start(upgradeRouteOptions(), trustStorePath()));
    h.demo = std::make_unique<sim::SimDemoEnvironment>(*h.simulator);
    h.state.demo = h.demo.get();
    goToCredentialsPage(h);
    auto *demo = h.child<QPushButton>("demoCredentialsButton");
    auto *demoJwt = h.child<QPushButton>("demoJwtCredentialsButton");
    QVERIFY(demo->isVisible() && demoJwt->isVisible());

    QTest::mouseClick(demoJwt, Qt::LeftButton);
    QCOMPARE(h.credentialsPage()->selectedKind(), CredentialKind::ServiceAccountJwt);
    QVERIFY(!h.child<QLineEdit>("privateKeyPathEdit")->text().isEmpty());
    QVERIFY2(!h.child<QLabel>("privateKeyError")->isVisible(),
             qPrintable(h.child<QLabel>("privateKeyError")->text()));
    QVERIFY(h.child<QLabel>("certificateLabel")->isVisible());
    QVERIFY2(
        h.child<QLabel>("certificateLabel")->text().contains(QLatin1String("belongs to this certificate")),
        qPrintable(h.child<QLabel>("certificateLabel")->text()));
    QCOMPARE(h.child<QLineEdit>("imsUrlEdit")->text(), h.simulator->imsUrl().toString());
    QVERIFY(h.next()->isEnabled());
    h.clickNext();
    validateAndWait(h);
    QVERIFY2(h.child<QLabel>("resultLabel")->text().contains(QLatin1String("valid for")),
             qPrintable(h.child<QLabel>("resultLabel")->text()));
    QVERIFY(h.next()->isEnabled());
    // A JWT credential that IMS accepts is still retired: the page says so next to the result.
    auto *notice = h.child<QLabel>("jwtRetirementNotice");
    QVERIFY(notice->isVisible());
    QVERIFY2(notice->text().contains(QLatin1String("2026-03-01")), qPrintable(notice->text()));

    // And the OAuth demo credentials replace them.
    QTest::mouseClick(h.wizard->button(QWizard::BackButton), Qt::LeftButton);
    QTest::mouseClick(demo, Qt::LeftButton);
    QCOMPARE(h.credentialsPage()->selectedKind(), CredentialKind::OAuthServerToServer);
    QCOMPARE(h.child<QLineEdit>("clientIdEdit")->text(), h.simulator->imsClientId());
    h.clickNext();
    QVERIFY(!notice->isVisible());
    validateAndWait(h);
    QVERIFY(h.next()->isEnabled());
}

void TstCredentialsPages::keyProblemsShowAtPrivateKey()
{
    Harness h;
    QVERIFY(h.start(upgradeRouteOptions(), trustStorePath()));
    goToCredentialsPage(h);
    QVERIFY(h.credentialsPage()->importFile(h.file("jwt-project.json")));
    // A certificate where the key belongs.
    auto *keyPath = h.child<QLineEdit>("privateKeyPathEdit");
    keyPath->clear();
    QTest::keyClicks(keyPath, h.file("certificate_pub.crt"));
    auto *keyError = h.child<QLabel>("privateKeyError");
    QTRY_VERIFY(keyError->isVisible());
    QVERIFY2(keyError->text().contains(QLatin1String("certificate")), qPrintable(keyError->text()));
    QVERIFY(!h.next()->isEnabled());

    // Dropping the real key onto the key field replaces it (and is not inserted as text).
    QVERIFY(dropFiles(keyPath, {h.file("private.key")}));
    QCOMPARE(keyPath->text(), QDir::toNativeSeparators(h.file("private.key")));
    QVERIFY(!keyError->isVisible());
    QVERIFY(h.next()->isEnabled());

    // A file that is not there.
    keyPath->clear();
    QTest::keyClicks(keyPath, h.file("missing.key"));
    QTRY_VERIFY(keyError->isVisible());
    QVERIFY(!h.next()->isEnabled());
}

void TstCredentialsPages::encryptedKeyAsksForPassphrase()
{
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty())
        QSKIP("openssl is needed to encrypt a test key");
    Harness h;
    QVERIFY(h.start(upgradeRouteOptions(), trustStorePath()));
    const QString encrypted = h.file("encrypted.key");
    QProcess process;
    process.start(openssl, {QStringLiteral("pkcs8"), QStringLiteral("-topk8"), QStringLiteral("-v2"),
                            QStringLiteral("aes-256-cbc"), QStringLiteral("-in"), h.file("private.key"),
                            QStringLiteral("-out"), encrypted, QStringLiteral("-passout"),
                            QStringLiteral("pass:correct horse")});
    QVERIFY(process.waitForFinished(20000));
    QCOMPARE(process.exitCode(), 0);

    goToCredentialsPage(h);
    QVERIFY(h.credentialsPage()->importFile(h.file("jwt-project.json")));
    auto *passphrase = h.child<QLineEdit>("passphraseEdit");
    QVERIFY(!passphrase->isVisible());
    QVERIFY(h.credentialsPage()->importFile(encrypted));
    QVERIFY(passphrase->isVisible());
    QCOMPARE(passphrase->echoMode(), QLineEdit::Password);
    auto *keyError = h.child<QLabel>("privateKeyError");
    QVERIFY(keyError->isVisible());
    QVERIFY2(keyError->text().contains(QLatin1String("passphrase")), qPrintable(keyError->text()));
    QVERIFY(!h.next()->isEnabled());

    QTest::keyClicks(passphrase, QStringLiteral("wrong"));
    QTRY_VERIFY(keyError->text().contains(QLatin1String("does not unlock")));
    QVERIFY(!h.next()->isEnabled());
    passphrase->clear();
    QTest::keyClicks(passphrase, QStringLiteral("correct horse"));
    QTRY_VERIFY(!keyError->isVisible());
    QTRY_VERIFY(h.next()->isEnabled());
    h.clickNext();
    QVERIFY(!h.state.privateKeyPassphrase.isEmpty());
    validateAndWait(h);
    QVERIFY2(h.child<QLabel>("resultLabel")->text().contains(QLatin1String("valid for")),
             qPrintable(h.child<QLabel>("resultLabel")->text()));
    // Kept (as a SecretString) so the Finish page can store it with the key; cleared there.
    QVERIFY(!h.state.privateKeyPassphrase.isEmpty());
    // A retry needs no passphrase.
    validateAndWait(h);
    QVERIFY(h.next()->isEnabled());
}

void TstCredentialsPages::generatedKeyPairIsSavedPrivately()
{
    Harness h;
    QVERIFY(h.start(upgradeRouteOptions(), trustStorePath()));
    goToCredentialsPage(h);
    QVERIFY(h.credentialsPage()->importFile(h.file("jwt-project.json")));
    auto *generate = h.child<QPushButton>("generateKeyPairButton");
    QVERIFY(generate->isVisible());
    QTest::mouseClick(generate, Qt::LeftButton);
    QTRY_VERIFY(qobject_cast<ui::KeyPairDialog *>(QApplication::activeModalWidget()));
    auto *dialog = qobject_cast<ui::KeyPairDialog *>(QApplication::activeModalWidget());
    auto *days = dialog->findChild<QSpinBox *>(QStringLiteral("validityDaysSpin"));
    QCOMPARE(days->value(), 365);
    days->setValue(20); // expires within 30 days: the page warns
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("generateButton")), Qt::LeftButton);
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("keyPairStatusLabel"))
                ->text()
                .contains(QLatin1String("Generating")));
    QTRY_VERIFY_WITH_TIMEOUT(dialog->hasKeyPair(), 10000);
    auto *fingerprint = dialog->findChild<QLabel *>(QStringLiteral("keyPairFingerprintLabel"));
    QVERIFY(fingerprint->isVisible());
    QVERIFY(fingerprint->text().contains(QLatin1Char(':')));
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("keyPairExpiryLabel"))->isVisible());

    QTemporaryDir out;
    const QString keyPath = out.filePath(QStringLiteral("private.key"));
    QFile stale(keyPath); // a readable file in the way must not keep its mode
    QVERIFY(stale.open(QIODevice::WriteOnly));
    stale.write("old");
    stale.close();
    QVERIFY(stale.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther));
    QVERIFY(dialog->saveTo(keyPath));
    QCOMPARE(QFile::permissions(keyPath) & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
             QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    const QString certificatePath = out.filePath(QStringLiteral("certificate_pub.crt"));
    QVERIFY(QFile::exists(certificatePath));
    dialog->reject();

    QCOMPARE(h.child<QLineEdit>("privateKeyPathEdit")->text(), QDir::toNativeSeparators(keyPath));
    QVERIFY(!h.child<QLabel>("privateKeyError")->isVisible());
    const QString facts = h.child<QLabel>("certificateLabel")->text();
    QVERIFY2(facts.contains(QLatin1String("within 30 days")), qPrintable(facts));
    QVERIFY2(facts.contains(QLatin1String("belongs to this certificate")), qPrintable(facts));

    // As if uploaded to Developer Console: the simulated IMS now accepts JWTs signed with the new key.
    QFile certificate(certificatePath);
    QVERIFY(certificate.open(QIODevice::ReadOnly));
    QVERIFY(h.simulator->registerCertificate(h.simulator->jwtClientId(), certificate.readAll()).ok());
    QVERIFY(h.next()->isEnabled());
    h.clickNext();
    validateAndWait(h);
    QVERIFY2(h.child<QLabel>("resultLabel")->text().contains(QLatin1String("valid for")),
             qPrintable(h.child<QLabel>("resultLabel")->text()));
}

void TstCredentialsPages::fileDialogOpensInDownloads()
{
    // A home folder of our own with a Downloads folder (in Qt's test mode that is $HOME/Downloads).
    QTemporaryDir home;
    QVERIFY(home.isValid());
    const QByteArray oldHome = qgetenv("HOME");
    qputenv("HOME", home.path().toUtf8());
    const auto restore = qScopeGuard([&] { qputenv("HOME", oldHome); });
    QVERIFY(QDir(home.path()).mkpath(QStringLiteral("Downloads")));
    const QString downloads = home.filePath(QStringLiteral("Downloads"));
    QCOMPARE(canonical(QStandardPaths::writableLocation(QStandardPaths::DownloadLocation)),
             canonical(downloads));

    Harness h;
    QVERIFY(h.start(sim::SimulatorOptions(), trustStorePath()));
    goToCredentialsPage(h);
    QCOMPARE(canonical(h.credentialsPage()->fileDialogStartFolder()), canonical(downloads));

    // The dialog itself opens there; the file chosen from another folder is imported.
    QString openedIn;
    bool answered = false;
    answerFileDialog(this, h.file("oauth-s2s-project.json"), &openedIn, &answered);
    QTest::mouseClick(h.child<QPushButton>("importFileButton"), Qt::LeftButton);
    QTRY_VERIFY(answered);
    QCOMPARE(canonical(openedIn), canonical(downloads));
    QCOMPARE(h.child<QLineEdit>("clientIdEdit")->text(), h.simulator->imsClientId());

    // From now on it opens where the user picked the file.
    QCOMPARE(canonical(h.credentialsPage()->fileDialogStartFolder()), canonical(h.files.path()));
    answered = false;
    answerFileDialog(this, QString(), &openedIn, &answered);
    QTest::mouseClick(h.child<QPushButton>("importFileButton"), Qt::LeftButton);
    QTRY_VERIFY(answered);
    QCOMPARE(canonical(openedIn), canonical(h.files.path()));

    // A Downloads folder that is not there: the home folder, never a folder that does not exist.
    Harness fresh;
    QVERIFY(QDir(downloads).removeRecursively());
    QVERIFY(fresh.start(sim::SimulatorOptions(), trustStorePath()));
    goToCredentialsPage(fresh);
    QCOMPARE(canonical(fresh.credentialsPage()->fileDialogStartFolder()), canonical(home.path()));
}

void TstCredentialsPages::eachSecretHasItsOwnShowButton()
{
    Harness h;
    QVERIFY(h.start(upgradeRouteOptions(), trustStorePath()));
    goToCredentialsPage(h);
    QVERIFY(h.credentialsPage()->importFile(h.file("oauth-s2s-project.json")));
    auto *secret = h.child<QLineEdit>("clientSecretEdit");
    auto *secret2 = h.child<QLineEdit>("clientSecret2Edit");
    auto *show = h.child<QToolButton>("revealSecretsButton");
    auto *show2 = h.child<QToolButton>("revealSecret2Button");
    QVERIFY(show && show2);
    QVERIFY(show->isVisible() && show2->isVisible());
    // Beside its own field.
    const QRect field(secret2->mapTo(h.wizard.get(), QPoint()), secret2->size());
    const QRect button(show2->mapTo(h.wizard.get(), QPoint()), show2->size());
    QVERIFY(button.center().y() > field.top() && button.center().y() < field.bottom());
    QVERIFY(button.left() > field.right());
    QCOMPARE(show2->width(), show->width());
    QCOMPARE(show2->text(), QStringLiteral("Sh&ow"));
    QCOMPARE(show->text(), QStringLiteral("Sho&w"));

    // Each shows its own secret only; the button stays pressed while it does.
    show2->click();
    QCOMPARE(secret2->echoMode(), QLineEdit::Normal);
    QCOMPARE(secret->echoMode(), QLineEdit::Password);
    QVERIFY(show2->isChecked());
    QVERIFY(!show->isChecked());
    QVERIFY(show2->accessibleName().startsWith(QLatin1String("Hide")));
    QVERIFY(show2->accessibleName().contains(QLatin1String("second")));
    show->click();
    QCOMPARE(secret->echoMode(), QLineEdit::Normal);
    show2->click();
    QCOMPARE(secret2->echoMode(), QLineEdit::Password);
    QCOMPARE(secret->echoMode(), QLineEdit::Normal);
    show->click();
    QCOMPARE(secret->echoMode(), QLineEdit::Password);

    // A JWT credential has one secret: the second row goes, with its button.
    auto *kind = h.child<QComboBox>("kindCombo");
    kind->setCurrentIndex(1);
    emit kind->activated(1);
    QVERIFY(!secret2->isVisible());
    QVERIFY(!show2->isVisible());
    QVERIFY(show->isVisible());
}

void TstCredentialsPages::subTitleFollowsCredentialKind()
{
    Harness h;
    QVERIFY(h.start(upgradeRouteOptions(), trustStorePath()));
    goToCredentialsPage(h);
    ui::CredentialsPage *page = h.credentialsPage();
    const QString oauth = page->subTitle();
    QVERIFY2(oauth.contains(QLatin1String("OAuth Server-to-Server")), qPrintable(oauth));
    QVERIFY2(!oauth.contains(QLatin1String("JWT")), qPrintable(oauth));

    // Chosen by hand.
    auto *kind = h.child<QComboBox>("kindCombo");
    kind->setCurrentIndex(1);
    emit kind->activated(1);
    const QString jwt = page->subTitle();
    QVERIFY2(jwt.contains(QLatin1String("Service Account (JWT)")), qPrintable(jwt));
    QVERIFY2(jwt.contains(QLatin1String("private key")), qPrintable(jwt));
    QVERIFY2(!jwt.contains(QLatin1String("OAuth Server-to-Server")), qPrintable(jwt));
    kind->setCurrentIndex(0);
    emit kind->activated(0);
    QCOMPARE(page->subTitle(), oauth);

    // Set by an import, and kept through a language change.
    QVERIFY(page->importFile(h.file("jwt-project.json")));
    QCOMPARE(page->subTitle(), jwt);
    QEvent change(QEvent::LanguageChange);
    QCoreApplication::sendEvent(page, &change);
    QCOMPARE(page->subTitle(), jwt);
    QVERIFY(page->importFile(h.file("oauth-s2s-project.json")));
    QCOMPARE(page->subTitle(), oauth);
}

QTEST_MAIN(TstCredentialsPages)
#include "tst_credentials_pages.moc"
