// SPDX-License-Identifier: Apache-2.0
// Saved connections in the wizard: the Finish page saves profile + secrets, the Connect page offers and loads
// them, Manage renames and deletes them, and the clipboard guard. Always a MemorySecretStore and a temporary
// profiles file: never the real keychain or configuration.
#include "ModalAnswer.h"
#include "sim/SimDemoEnvironment.h"
#include "TestSupport.h"

#include "profiles/ProfileManager.h"
#include "profiles/ProfileStore.h"
#include "secrets/MemorySecretStore.h"
#include "setup/SetupState.h"
#include "sim/Simulator.h"
#include "wizard/ClipboardGuard.h"
#include "wizard/ProfilesDialog.h"
#include "wizard/SetupWizard.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace bp;
using bp::ui::SetupWizard;

namespace {

constexpr int kNetworkTimeoutMs = 20000;
const QString kPassword = QStringLiteral("Pa55-unique-aem");

struct Harness
{
    std::unique_ptr<sim::Simulator> simulator;
    std::unique_ptr<sim::SimDemoEnvironment> demo;
    SetupState state;
    MemorySecretStore secrets;
    QTemporaryDir dir;
    std::unique_ptr<SetupWizard> wizard;

    ~Harness() { wizard.reset(); }

    QString profilesPath() const { return dir.filePath(QStringLiteral("profiles.json")); }

    bool startSimulator()
    {
        sim::SimulatorOptions options;
        options.password = kPassword;
        simulator = test::startSimulator(options);
        return simulator && dir.isValid();
    }

    bool startWizard()
    {
        wizard = std::make_unique<SetupWizard>(&state);
        wizard->setTrustStorePath(dir.filePath(QStringLiteral("trust.json")));
        wizard->setSecretStore(&secrets);
        wizard->setProfilesPath(profilesPath());
        wizard->show();
        return QTest::qWaitForWindowExposed(wizard.get());
    }

    // A saved profile "Prod" for the simulator, with an AEM password and a client secret.
    bool saveProfile(const QString &name = QStringLiteral("Prod"))
    {
        ProfileManager manager(&secrets, profilesPath());
        Profile profile;
        profile.name = name;
        profile.aemUrl = simulator->aemUrl();
        profile.aemUser = QStringLiteral("admin");
        profile.credentialKind = QStringLiteral("oauth-s2s");
        profile.clientId = simulator->imsClientId();
        profile.orgId = simulator->imsOrgId();
        profile.imsUrl = simulator->imsUrl();
        ProfileOperation *op = manager.save(
            profile, {{SecretKind::AemPassword, SecretString(kPassword)},
                      {SecretKind::ClientSecret, SecretString(simulator->clientSecretsForTests().value(0))}});
        QSignalSpy done(op, &ProfileOperation::finished);
        op->start();
        return done.wait(5000) && op->result().ok();
    }

    template <class T> T *child(const char *name) const
    {
        return wizard->findChild<T *>(QLatin1String(name));
    }
    QAbstractButton *next() const { return wizard->button(QWizard::NextButton); }
    void clickNext() const { QTest::mouseClick(next(), Qt::LeftButton); }
    void clickFinish() const { QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton); }
};

QByteArray fileContents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TstProfilesUi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void finishSavesProfileAndSecrets();
    void optOutSavesNothing();
    void withoutSecretsSavesSettingsOnly();
    void lockedStoreOnFinishSavesNothing();
    void existingNameAsksBeforeReplacing();
    void rejectedCredentialIsNamedOnFinish();
    void connectOffersSavedProfile();
    void lockedStoreWhenChoosingProfile();
    void profileWithoutPasswordSaysSo();
    void manageDeleteRemovesProfileAndSecrets();
    void manageRenameKeepsSecrets();
    void manageShowsAddressAndWhatIsStored();
    void clipboardGuardClearsCopiedSecret();
    void clipboardGuardGuardsWizardFields();

private:
    static void goToConnect(Harness &h);
    static void goToFinish(Harness &h);
    static ui::ProfilesDialog *openManageDialog(Harness &h);
};

void TstProfilesUi::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TstProfilesUi::goToConnect(Harness &h)
{
    h.clickNext();
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::ConnectPageId));
}

void TstProfilesUi::goToFinish(Harness &h)
{
    h.demo = std::make_unique<sim::SimDemoEnvironment>(*h.simulator);
    h.state.demo = h.demo.get(); // offers the simulator's credential files
    goToConnect(h);
    auto *url = h.child<QLineEdit>("urlEdit");
    url->clear();
    QTest::keyClicks(url, h.simulator->aemUrl().toString());
    QTest::keyClicks(h.child<QLineEdit>("userEdit"), QStringLiteral("admin"));
    QTest::keyClicks(h.child<QLineEdit>("passwordEdit"), kPassword);
    h.clickNext();
    QTRY_COMPARE_WITH_TIMEOUT(h.wizard->currentId(), int(SetupWizard::RoutePageId), kNetworkTimeoutMs);
    h.clickNext();
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::CredentialsPageId));
    QTest::mouseClick(h.child<QPushButton>("demoCredentialsButton"), Qt::LeftButton);
    QTRY_VERIFY(h.next()->isEnabled());
    h.clickNext();
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::ValidatePageId));
    QTest::mouseClick(h.child<QPushButton>("validateButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(h.next()->isEnabled(), kNetworkTimeoutMs);
    // Review (its commit button applies), Apply, Test, Finish.
    h.clickNext();
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::ReviewPageId));
    QAbstractButton *apply = h.wizard->button(QWizard::CommitButton);
    QTRY_VERIFY_WITH_TIMEOUT(apply->isEnabled(), kNetworkTimeoutMs);
    QTest::mouseClick(apply, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(h.next()->isEnabled(), kNetworkTimeoutMs);
    h.clickNext();
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::TestPageId));
    h.clickNext();
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::FinishPageId));
}

ui::ProfilesDialog *TstProfilesUi::openManageDialog(Harness &h)
{
    QTest::mouseClick(h.child<QPushButton>("manageProfilesButton"), Qt::LeftButton);
    // The caller QVERIFYs the result (QTRY_VERIFY cannot return a value).
    if (!QTest::qWaitFor(
            [] { return qobject_cast<ui::ProfilesDialog *>(QApplication::activeModalWidget()) != nullptr; },
            5000))
        return nullptr;
    return qobject_cast<ui::ProfilesDialog *>(QApplication::activeModalWidget());
}

void TstProfilesUi::finishSavesProfileAndSecrets()
{
    Harness h;
    QVERIFY(h.startSimulator());
    QVERIFY(h.startWizard());
    goToFinish(h);
    if (QTest::currentTestFailed())
        return;

    auto *save = h.child<QCheckBox>("saveProfileCheck");
    QVERIFY(save->isVisible());
    QVERIFY(save->isChecked());
    QVERIFY(h.child<QCheckBox>("saveSecretsCheck")->isChecked());
    const QString name = h.child<QLineEdit>("profileNameEdit")->text();
    QCOMPARE(name, h.simulator->aemUrl().host());
    const QString toStore = h.child<QLabel>("secretsToStoreLabel")->text();
    QVERIFY2(toStore.contains(QLatin1String("AEM password")) &&
                 toStore.contains(QLatin1String("client secret")),
             qPrintable(toStore));

    QSignalSpy finished(h.wizard.get(), &QDialog::finished);
    h.clickFinish();
    // One press: the save runs, then the wizard closes by itself.
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(h.wizard->result(), int(QDialog::Accepted));
    auto *status = h.child<QLabel>("saveStatus");
    QVERIFY2(status->text().startsWith(QLatin1String("Saved.")), qPrintable(status->text()));
    QVERIFY2(status->text().contains(h.profilesPath()), qPrintable(status->text()));
    QVERIFY2(status->text().contains(h.secrets.backendName()), qPrintable(status->text()));

    QVERIFY(h.secrets.contains(name, SecretKind::AemPassword));
    QCOMPARE(h.secrets.storedValue(name, SecretKind::AemPassword), SecretString(kPassword));
    QVERIFY(h.secrets.contains(name, SecretKind::ClientSecret));
    const QByteArray json = fileContents(h.profilesPath());
    QVERIFY(!json.isEmpty());
    QVERIFY(!json.contains(kPassword.toUtf8()));
    for (const QString &secret : h.simulator->clientSecretsForTests())
        QVERIFY(!json.contains(secret.toUtf8()));
    ProfileStore store(h.profilesPath());
    QVERIFY(store.load().ok());
    const std::optional<Profile> profile = store.find(name);
    QVERIFY(profile);
    QCOMPARE(profile->aemUrl, h.simulator->aemUrl());
    QCOMPARE(profile->aemUser, QStringLiteral("admin"));
    QCOMPARE(profile->clientId, h.simulator->imsClientId());
    QCOMPARE(profile->credentialKind, QStringLiteral("oauth-s2s"));
    QCOMPARE(profile->version, QStringLiteral("6.5.22.0"));
    QCOMPARE(profile->imsUrl, h.simulator->imsUrl());
}

void TstProfilesUi::optOutSavesNothing()
{
    Harness h;
    QVERIFY(h.startSimulator());
    QVERIFY(h.startWizard());
    goToFinish(h);
    if (QTest::currentTestFailed())
        return;
    h.child<QCheckBox>("saveProfileCheck")->setChecked(false);
    QSignalSpy finished(h.wizard.get(), &QDialog::finished);
    h.clickFinish();
    QCOMPARE(finished.count(), 1);
    QVERIFY(!QFile::exists(h.profilesPath()));
    QCOMPARE(h.secrets.entryCount(), 0);
}

void TstProfilesUi::withoutSecretsSavesSettingsOnly()
{
    Harness h;
    QVERIFY(h.startSimulator());
    QVERIFY(h.startWizard());
    goToFinish(h);
    if (QTest::currentTestFailed())
        return;
    h.child<QCheckBox>("saveSecretsCheck")->setChecked(false);
    h.clickFinish();
    auto *status = h.child<QLabel>("saveStatus");
    QTRY_VERIFY2(status->text().startsWith(QLatin1String("Saved.")), qPrintable(status->text()));
    QVERIFY(status->text().contains(QLatin1String("no secrets")));
    QCOMPARE(h.secrets.entryCount(), 0);
    QVERIFY(QFile::exists(h.profilesPath()));
}

void TstProfilesUi::lockedStoreOnFinishSavesNothing()
{
    Harness h;
    QVERIFY(h.startSimulator());
    QVERIFY(h.startWizard());
    goToFinish(h);
    if (QTest::currentTestFailed())
        return;
    h.secrets.setAvailability(SecretStatus::Locked);
    QSignalSpy finished(h.wizard.get(), &QDialog::finished);
    h.clickFinish();
    auto *error = h.child<QLabel>("saveError");
    QTRY_VERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QLatin1String("locked"), Qt::CaseInsensitive), qPrintable(error->text()));
    QVERIFY(!QFile::exists(h.profilesPath()));
    QCOMPARE(h.secrets.entryCount(), 0);
    QCOMPARE(finished.count(), 0);

    auto *withoutSaving = h.child<QPushButton>("finishWithoutSavingButton");
    QVERIFY(withoutSaving->isVisible());
    QTest::mouseClick(withoutSaving, Qt::LeftButton);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(h.wizard->result(), int(QDialog::Accepted));
    QVERIFY(!QFile::exists(h.profilesPath()));
}

namespace {

// Clicks the button with this text in the next modal message box (from a timer, as a user would).
void answerMessageBox(QObject *context, const QString &buttonText, QString *question)
{
    test::answerNextModal<QMessageBox>(context, [buttonText, question](QMessageBox *box) {
        *question = box->text();
        for (QAbstractButton *b : box->buttons()) {
            if (b->text() == buttonText) {
                b->click();
                return;
            }
        }
        box->reject();
    });
}

} // namespace

// Saving under a name that is taken asks first; "Keep both" saves nothing and hands the name back to edit.
void TstProfilesUi::existingNameAsksBeforeReplacing()
{
    Harness h;
    QVERIFY(h.startSimulator());
    QVERIFY(h.saveProfile(QStringLiteral("Stage")));
    const QByteArray before = fileContents(h.profilesPath());
    QVERIFY(h.startWizard());
    goToFinish(h);
    if (QTest::currentTestFailed())
        return;
    auto *name = h.child<QLineEdit>("profileNameEdit");
    name->clear();
    QTest::keyClicks(name, QStringLiteral("Stage"));
    QSignalSpy finished(h.wizard.get(), &QDialog::finished);

    QString question;
    answerMessageBox(this, QStringLiteral("&Keep both (choose another name)"), &question);
    h.clickFinish();
    QTRY_VERIFY(!question.isEmpty());
    QVERIFY2(question.contains(QLatin1String("\"Stage\" already exists")) &&
                 question.contains(h.simulator->aemUrl().toString()),
             qPrintable(question));
    QCOMPARE(finished.count(), 0);
    QCOMPARE(fileContents(h.profilesPath()), before);
    QCOMPARE(h.wizard->focusWidget(), name); // (the window may not be active again offscreen)
    QCOMPARE(name->selectedText(), QStringLiteral("Stage"));

    question.clear();
    answerMessageBox(this, QStringLiteral("&Replace"), &question);
    h.clickFinish();
    QTRY_COMPARE(finished.count(), 1);
    QVERIFY(!question.isEmpty());
    QVERIFY(fileContents(h.profilesPath()) != before);
    ProfileStore store(h.profilesPath());
    QVERIFY(store.load().ok());
    QCOMPARE(store.profiles().size(), 1);
    QCOMPARE(store.find(QStringLiteral("Stage"))->version, QStringLiteral("6.5.22.0"));
}

// After "Continue without validation" on a credential IMS rejected, the Finish page says so (with the
// reason and where it was recorded) and does not store the rejected secret unless asked.
void TstProfilesUi::rejectedCredentialIsNamedOnFinish()
{
    Harness h;
    QVERIFY(h.startSimulator());
    QTemporaryDir logDir;
    h.state.activityLogPath = logDir.filePath(QStringLiteral("bpsetup.log"));
    h.state.connection.baseUrl = h.simulator->aemUrl();
    h.state.credential.kind = CredentialKind::OAuthServerToServer;
    h.state.credential.clientId = QStringLiteral("4f0c-client");
    h.state.credential.clientSecrets = {SecretString(QStringLiteral("p8e-rejected-secret"))};
    h.state.validationOverridden = true;
    h.state.credentialRejected = true;
    h.state.validationFailure = QStringLiteral("Adobe IMS rejected the client secret. IMS answer: "
                                               "invalid_client (HTTP 400 Bad Request)");
    h.state.validationOverrideReason = QStringLiteral("secret rotated by the customer today");
    QVERIFY(h.startWizard());
    h.wizard->setStartId(SetupWizard::FinishPageId);
    h.wizard->restart();
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::FinishPageId));
    const QString summary = h.child<QLabel>("finishSummary")->text();
    QVERIFY2(summary.contains(QLatin1String("Adobe IMS rejected it (Adobe IMS rejected the client secret. "
                                            "IMS answer: invalid_client (HTTP 400 Bad Request))")) &&
                 summary.contains(QLatin1String("secret rotated by the customer today")) &&
                 summary.contains(QDir::toNativeSeparators(h.state.activityLogPath)),
             qPrintable(summary));
    QVERIFY(!summary.contains(QLatin1String("Not validated")));
    auto *storeSecrets = h.child<QCheckBox>("saveSecretsCheck");
    QVERIFY(!storeSecrets->isChecked());
    QString label = h.child<QLabel>("secretsToStoreLabel")->text();
    QVERIFY2(label.startsWith(QLatin1String("Not stored: client secret.")) &&
                 label.contains(QLatin1String("rejected")),
             qPrintable(label));
    // Ticking it says what storing a rejected secret means before anything is stored.
    storeSecrets->click();
    label = h.child<QLabel>("secretsToStoreLabel")->text();
    QVERIFY2(label.startsWith(QLatin1String("To be stored in")) && label.contains(QLatin1String("rejected")),
             qPrintable(label));
    QCOMPARE(h.secrets.entryCount(), 0);
}

void TstProfilesUi::connectOffersSavedProfile()
{
    Harness h;
    QVERIFY(h.startSimulator());
    QVERIFY(h.saveProfile());
    QVERIFY(h.startWizard());
    goToConnect(h);
    auto *combo = h.child<QComboBox>("profileCombo");
    QVERIFY(combo->isVisible());
    QCOMPARE(combo->count(), 2);
    QCOMPARE(combo->itemText(0), QStringLiteral("New connection"));
    QCOMPARE(combo->itemText(1), QStringLiteral("Prod"));
    QVERIFY(!h.child<QWidget>("keychainBanner")->isVisible());

    // Keyboard: Down on the closed combo chooses the next entry.
    combo->setFocus();
    QTest::keyClick(combo, Qt::Key_Down);
    QTRY_COMPARE(h.child<QLineEdit>("passwordEdit")->text(), kPassword);
    QCOMPARE(h.child<QLineEdit>("urlEdit")->text(), h.simulator->aemUrl().toString());
    QCOMPARE(h.child<QLineEdit>("userEdit")->text(), QStringLiteral("admin"));
    QCOMPARE(h.state.loadedProfile, QStringLiteral("Prod"));
    // The Credentials page's state, without retyping.
    QCOMPARE(h.state.credential.clientId, h.simulator->imsClientId());
    QCOMPARE(h.state.credential.clientSecrets.size(), 1);
    QCOMPARE(h.state.imsUrl, h.simulator->imsUrl());
    QTRY_VERIFY(h.next()->isEnabled());

    h.clickNext();
    QTRY_COMPARE_WITH_TIMEOUT(h.wizard->currentId(), int(SetupWizard::RoutePageId), kNetworkTimeoutMs);
    // The tenant is not part of a saved connection (yet): the create path asks for it.
    QTest::keyClicks(h.child<QLineEdit>("tenantEdit"), QStringLiteral("bpdemo"));
    h.clickNext();
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::CredentialsPageId));
    QCOMPARE(h.child<QLineEdit>("clientIdEdit")->text(), h.simulator->imsClientId());
    QCOMPARE(h.child<QLineEdit>("clientSecretEdit")->text(), h.simulator->clientSecretsForTests().value(0));
}

void TstProfilesUi::lockedStoreWhenChoosingProfile()
{
    Harness h;
    QVERIFY(h.startSimulator());
    QVERIFY(h.saveProfile());
    h.secrets.setAvailability(SecretStatus::Locked);
    QVERIFY(h.startWizard());
    QTRY_VERIFY(h.wizard->keychainProbed());
    QCOMPARE(h.wizard->keychainStatus(), SecretStatus::Locked);
    goToConnect(h);
    auto *banner = h.child<QLabel>("keychainBannerLabel");
    QVERIFY(h.child<QWidget>("keychainBanner")->isVisible());
    QVERIFY2(banner->text().contains(QLatin1String("locked"), Qt::CaseInsensitive),
             qPrintable(banner->text()));

    auto *combo = h.child<QComboBox>("profileCombo");
    combo->setFocus();
    QTest::keyClick(combo, Qt::Key_Down);
    auto *hint = h.child<QLabel>("profileHint");
    QTRY_VERIFY(hint->isVisible());
    QVERIFY2(hint->text().contains(QLatin1String("locked"), Qt::CaseInsensitive), qPrintable(hint->text()));
    QVERIFY2(!hint->text().contains(QLatin1String("No password stored"), Qt::CaseInsensitive),
             qPrintable(hint->text()));
    QVERIFY(h.child<QLineEdit>("passwordEdit")->text().isEmpty());
    QCOMPARE(h.child<QLineEdit>("urlEdit")->text(), h.simulator->aemUrl().toString());
    QVERIFY(h.child<QLineEdit>("passwordEdit")->isEnabled());
}

void TstProfilesUi::profileWithoutPasswordSaysSo()
{
    Harness h;
    QVERIFY(h.startSimulator());
    QVERIFY(h.saveProfile());
    h.secrets.setAvailability(SecretStatus::Ok);
    {
        // Drop the password entry only.
        SecretJob *job = h.secrets.remove(QStringLiteral("Prod"), SecretKind::AemPassword);
        QSignalSpy done(job, &SecretJob::finished);
        job->start();
        QVERIFY(done.wait(5000));
        delete job;
    }
    QVERIFY(h.startWizard());
    goToConnect(h);
    auto *combo = h.child<QComboBox>("profileCombo");
    combo->setFocus();
    QTest::keyClick(combo, Qt::Key_Down);
    auto *hint = h.child<QLabel>("profileHint");
    QTRY_VERIFY(hint->isVisible());
    QVERIFY2(hint->text().contains(QLatin1String("No password stored for this profile")),
             qPrintable(hint->text()));
    QVERIFY(h.child<QLineEdit>("passwordEdit")->text().isEmpty());
}

void TstProfilesUi::manageDeleteRemovesProfileAndSecrets()
{
    Harness h;
    QVERIFY(h.startSimulator());
    QVERIFY(h.saveProfile());
    QVERIFY(h.saveProfile(QStringLiteral("Other")));
    QCOMPARE(h.secrets.entryCount(), 4);
    QVERIFY(h.startWizard());
    goToConnect(h);
    ui::ProfilesDialog *dialog = openManageDialog(h);
    QVERIFY(dialog);
    auto *list = dialog->findChild<QListWidget *>(QStringLiteral("profilesList"));
    QCOMPARE(list->count(), 2);
    const auto items = list->findItems(QStringLiteral("Prod"), Qt::MatchExactly);
    QCOMPARE(items.size(), 1);
    list->setCurrentItem(items.first());

    // First answer No: nothing happens.
    bool asked = false;
    QString question;
    bool defaultIsNo = false;
    const auto answer = [&](QMessageBox::StandardButton button) {
        QTimer::singleShot(0, this, [&, button] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box)
                return;
            asked = true;
            question = box->text() + QLatin1Char(' ') + box->informativeText();
            defaultIsNo = box->defaultButton() == box->button(QMessageBox::No);
            box->button(button)->click();
        });
    };
    answer(QMessageBox::No);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("deleteProfileButton")),
                      Qt::LeftButton);
    QTRY_VERIFY(asked);
    QVERIFY2(question.contains(QLatin1String("\"Prod\"")), qPrintable(question));
    QVERIFY2(question.contains(QLatin1String("keychain")), qPrintable(question));
    QVERIFY(defaultIsNo);
    QCOMPARE(list->count(), 2);
    QCOMPARE(h.secrets.entryCount(), 4);

    asked = false;
    answer(QMessageBox::Yes);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("deleteProfileButton")),
                      Qt::LeftButton);
    QTRY_VERIFY(asked);
    QTRY_COMPARE(list->count(), 1);
    QCOMPARE(list->item(0)->text(), QStringLiteral("Other"));
    QVERIFY(!h.secrets.contains(QStringLiteral("Prod"), SecretKind::AemPassword));
    QVERIFY(!h.secrets.contains(QStringLiteral("Prod"), SecretKind::ClientSecret));
    QCOMPARE(h.secrets.entryCount(), 2);
    ProfileStore store(h.profilesPath());
    QVERIFY(store.load().ok());
    QVERIFY(!store.find(QStringLiteral("Prod")));

    dialog->reject();
    QTRY_COMPARE(h.child<QComboBox>("profileCombo")->count(), 2);
    QCOMPARE(h.child<QComboBox>("profileCombo")->itemText(1), QStringLiteral("Other"));
}

void TstProfilesUi::manageRenameKeepsSecrets()
{
    Harness h;
    QVERIFY(h.startSimulator());
    QVERIFY(h.saveProfile());
    QVERIFY(h.startWizard());
    goToConnect(h);
    ui::ProfilesDialog *dialog = openManageDialog(h);
    QVERIFY(dialog);
    auto *list = dialog->findChild<QListWidget *>(QStringLiteral("profilesList"));
    list->setCurrentRow(0);
    bool asked = false;
    QTimer::singleShot(0, this, [&] {
        auto *input = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
        if (!input)
            return;
        asked = true;
        input->setTextValue(QStringLiteral("Staging"));
        input->accept();
    });
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("renameProfileButton")),
                      Qt::LeftButton);
    QTRY_VERIFY(asked);
    QTRY_COMPARE(list->item(0)->text(), QStringLiteral("Staging"));
    QCOMPARE(h.secrets.storedValue(QStringLiteral("Staging"), SecretKind::AemPassword),
             SecretString(kPassword));
    QVERIFY(h.secrets.contains(QStringLiteral("Staging"), SecretKind::ClientSecret));
    // The old entries go once the new name is in place.
    QTRY_VERIFY(!h.secrets.contains(QStringLiteral("Prod"), SecretKind::AemPassword));
    QTRY_COMPARE(h.secrets.entryCount(), 2);
    QVERIFY(!dialog->findChild<QLabel *>(QStringLiteral("profilesError"))->isVisible());
    dialog->reject();
}

void TstProfilesUi::manageShowsAddressAndWhatIsStored()
{
    Harness h;
    QVERIFY(h.startSimulator());
    QVERIFY(h.saveProfile());
    {
        // A second connection with nothing in the keychain.
        ProfileManager manager(&h.secrets, h.profilesPath());
        Profile bare;
        bare.name = QStringLiteral("Bare");
        bare.aemUrl = QUrl(QStringLiteral("https://author.example.com:8443"));
        bare.aemUser = QStringLiteral("deployer");
        ProfileOperation *op = manager.save(bare, {});
        QSignalSpy done(op, &ProfileOperation::finished);
        op->start();
        QVERIFY(done.wait(5000));
        QVERIFY(op->result().ok());
    }
    QVERIFY(h.startWizard());
    goToConnect(h);
    ui::ProfilesDialog *dialog = openManageDialog(h);
    QVERIFY(dialog);
    auto *list = dialog->findChild<QListWidget *>(QStringLiteral("profilesList"));
    auto *aem = dialog->findChild<QLabel *>(QStringLiteral("profileAemLabel"));
    auto *credential = dialog->findChild<QLabel *>(QStringLiteral("profileCredentialLabel"));
    auto *stored = dialog->findChild<QLabel *>(QStringLiteral("profileSecretsLabel"));
    QVERIFY(list && aem && credential && stored);
    const auto select = [list](const QString &name) {
        const auto items = list->findItems(name, Qt::MatchExactly);
        if (items.size() != 1)
            return false;
        list->setCurrentItem(items.first());
        return true;
    };

    QVERIFY(select(QStringLiteral("Prod")));
    QVERIFY(aem->isVisible());
    QVERIFY2(aem->text().contains(h.simulator->aemUrl().toString(QUrl::RemoveUserInfo)),
             qPrintable(aem->text()));
    QVERIFY2(aem->text().contains(QLatin1String("admin")), qPrintable(aem->text()));
    QVERIFY2(credential->text().contains(h.simulator->imsClientId()), qPrintable(credential->text()));
    QTRY_VERIFY(!dialog->isCheckingSecrets());
    QVERIFY2(stored->text().contains(QLatin1String("AEM password")), qPrintable(stored->text()));
    QVERIFY2(stored->text().contains(QLatin1String("client secret")), qPrintable(stored->text()));
    QVERIFY2(!stored->text().contains(QLatin1String("private key")), qPrintable(stored->text()));
    for (const QString &secret : {kPassword, h.simulator->clientSecretsForTests().value(0)})
        QVERIFY(!stored->text().contains(secret));

    QVERIFY(select(QStringLiteral("Bare")));
    QVERIFY2(aem->text().contains(QLatin1String("https://author.example.com:8443")), qPrintable(aem->text()));
    QVERIFY2(aem->text().contains(QLatin1String("deployer")), qPrintable(aem->text()));
    QTRY_VERIFY(!dialog->isCheckingSecrets());
    QVERIFY2(stored->text().contains(QLatin1String("holds nothing")), qPrintable(stored->text()));
    QVERIFY2(stored->text().contains(QLatin1String("No AEM password")), qPrintable(stored->text()));

    // What the keychain really has, not what the settings file suggests: an entry removed behind bpsetup's
    // back is no longer listed.
    {
        std::unique_ptr<SecretJob> remove(h.secrets.remove(QStringLiteral("Prod"), SecretKind::ClientSecret));
        QSignalSpy done(remove.get(), &Task::finished);
        remove->start();
        QVERIFY(done.wait(5000));
        QVERIFY(remove->succeeded());
    }
    QVERIFY(select(QStringLiteral("Prod")));
    QTRY_VERIFY(!dialog->isCheckingSecrets());
    QVERIFY2(stored->text().contains(QLatin1String("AEM password")), qPrintable(stored->text()));
    QVERIFY2(!stored->text().contains(QLatin1String("client secret")), qPrintable(stored->text()));

    // A locked keychain is said as such, never as "nothing stored".
    h.secrets.setAvailability(SecretStatus::Locked);
    QVERIFY(select(QStringLiteral("Bare")));
    QTRY_VERIFY(!dialog->isCheckingSecrets());
    QVERIFY2(stored->text().contains(QLatin1String("Could not ask")), qPrintable(stored->text()));
    QVERIFY2(!stored->text().contains(QLatin1String("holds nothing")), qPrintable(stored->text()));
    h.secrets.setAvailability(SecretStatus::Ok);
    dialog->reject();
}

void TstProfilesUi::clipboardGuardClearsCopiedSecret()
{
    QClipboard *clipboard = QGuiApplication::clipboard();
    ui::ClipboardGuard guard(clipboard);
    guard.setClearDelayMs(50);
    QLineEdit secretField;
    secretField.setText(QStringLiteral("copied-secret-123"));
    guard.registerField(&secretField);
    QSignalSpy cleared(&guard, &ui::ClipboardGuard::cleared);

    // Unrelated text is never touched.
    clipboard->setText(QStringLiteral("just a URL"));
    QVERIFY(!guard.isPending());

    clipboard->setText(secretField.text());
    QVERIFY(guard.isPending());
    QVERIFY(cleared.wait(5000));
    QVERIFY(clipboard->text().isEmpty());

    // Copied, then replaced by something else before the delay: the new text stays.
    clipboard->setText(secretField.text());
    QVERIFY(guard.isPending());
    clipboard->setText(QStringLiteral("something else"));
    QVERIFY(!guard.isPending());
    QCOMPARE(clipboard->text(), QStringLiteral("something else"));
    QCOMPARE(cleared.count(), 1);
    clipboard->clear();
}

void TstProfilesUi::clipboardGuardGuardsWizardFields()
{
    Harness h;
    QVERIFY(h.startSimulator());
    QVERIFY(h.startWizard());
    h.wizard->clipboardGuard()->setClearDelayMs(50);
    goToConnect(h);
    auto *password = h.child<QLineEdit>("passwordEdit");
    password->setText(QStringLiteral("typed-and-copied"));
    QClipboard *clipboard = QGuiApplication::clipboard();
    clipboard->setText(password->text());
    QTRY_VERIFY(clipboard->text().isEmpty());
}

QTEST_MAIN(TstProfilesUi)
#include "tst_profiles_ui.moc"
