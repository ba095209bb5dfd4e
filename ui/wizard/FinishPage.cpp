// SPDX-License-Identifier: Apache-2.0
#include "wizard/FinishPage.h"

#include "aem/AemVersion.h"
#include "change/ApplyRun.h"
#include "io/ActivityLog.h"
#include "net/NetworkSettings.h"
#include "profiles/ProfileManager.h"
#include "profiles/ProfileStore.h"
#include "setup/SavedSetup.h"
#include "setup/SetupState.h"
#include "time/Clock.h"
#include "wizard/SetupWizard.h"

#include "wizard/Theme.h"
#include <QAbstractButton>
#include <QCheckBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace bp::ui {

namespace {

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QLabel *makeMessageLabel(const QString &objectName, QWidget *parent, bool error)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    if (error) {
        Theme::setErrorText(label);
    }
    label->hide();
    return label;
}

} // namespace

FinishPage::FinishPage(SetupState *state, QWidget *parent) : BasePage(state, parent)
{
    setObjectName(QStringLiteral("finishPage"));
}

FinishPage::~FinishPage()
{
    cancelSave();
}

SetupWizard *FinishPage::setupWizard() const
{
    return qobject_cast<SetupWizard *>(wizard());
}

void FinishPage::buildUi()
{
    m_summaryLabel = new QLabel(this);
    m_summaryLabel->setObjectName(QStringLiteral("finishSummary"));
    m_summaryLabel->setWordWrap(true);
    m_summaryLabel->setTextFormat(Qt::RichText);
    m_summaryLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_saveProfileCheck = new QCheckBox(this);
    m_saveProfileCheck->setObjectName(QStringLiteral("saveProfileCheck"));
    m_saveProfileCheck->setChecked(true);

    m_saveBox = new QWidget(this);
    m_saveBox->setObjectName(QStringLiteral("saveProfileBox"));
    m_nameLabel = new QLabel(m_saveBox);
    m_profileNameEdit = new QLineEdit(m_saveBox);
    m_profileNameEdit->setObjectName(QStringLiteral("profileNameEdit"));
    m_profileNameEdit->setMaxLength(64);
    m_nameLabel->setBuddy(m_profileNameEdit);
    m_nameError = makeMessageLabel(QStringLiteral("profileNameError"), m_saveBox, true);
    m_secretsLabel = new QLabel(m_saveBox);
    m_secretsLabel->setObjectName(QStringLiteral("secretsToStoreLabel"));
    m_secretsLabel->setWordWrap(true);
    m_secretsLabel->setTextFormat(Qt::PlainText);
    m_saveSecretsCheck = new QCheckBox(m_saveBox);
    m_saveSecretsCheck->setObjectName(QStringLiteral("saveSecretsCheck"));
    m_saveSecretsCheck->setChecked(true);
    m_keychainNote = makeMessageLabel(QStringLiteral("keychainNote"), m_saveBox, true);

    auto *nameColumn = new QVBoxLayout;
    nameColumn->setContentsMargins(0, 0, 0, 0);
    nameColumn->setSpacing(2);
    nameColumn->addWidget(m_profileNameEdit);
    nameColumn->addWidget(m_nameError);
    auto *saveForm = new QFormLayout(m_saveBox);
    // Indented under the checkbox it belongs to.
    saveForm->setContentsMargins(24, 0, 0, 0);
    saveForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    saveForm->addRow(m_nameLabel, nameColumn);
    saveForm->addRow(m_saveSecretsCheck);
    saveForm->addRow(m_secretsLabel);
    saveForm->addRow(m_keychainNote);

    m_unavailableLabel = makeMessageLabel(QStringLiteral("saveUnavailable"), this, false);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("saveProgress"));
    m_progress->setRange(0, 0); // keychain writes report no fraction
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(m_progress->sizeHint().height());
    m_progress->hide();
    m_statusLabel = makeMessageLabel(QStringLiteral("saveStatus"), this, false);
    m_errorLabel = makeMessageLabel(QStringLiteral("saveError"), this, true);
    m_finishWithoutSavingButton = new QPushButton(this);
    m_finishWithoutSavingButton->setObjectName(QStringLiteral("finishWithoutSavingButton"));
    m_finishWithoutSavingButton->setAutoDefault(false);
    m_finishWithoutSavingButton->hide();
    auto *errorRow = new QHBoxLayout;
    errorRow->addWidget(m_errorLabel, 1);
    errorRow->addWidget(m_finishWithoutSavingButton, 0, Qt::AlignTop);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summaryLabel);
    layout->addSpacing(12);
    layout->addWidget(m_saveProfileCheck);
    layout->addWidget(m_saveBox);
    layout->addWidget(m_unavailableLabel);
    layout->addWidget(m_progress);
    layout->addWidget(m_statusLabel);
    layout->addLayout(errorRow);
    layout->addStretch(1);

    setTabOrder(m_saveProfileCheck, m_profileNameEdit);
    setTabOrder(m_profileNameEdit, m_saveSecretsCheck);
    setTabOrder(m_saveSecretsCheck, m_finishWithoutSavingButton);

    connect(m_saveProfileCheck, &QCheckBox::toggled, this, [this] {
        updateSaveFields();
        showError(QString());
    });
    connect(m_saveSecretsCheck, &QCheckBox::toggled, this, &FinishPage::updateSaveFields);
    connect(m_saveSecretsCheck, &QCheckBox::clicked, this, [this] { m_secretsChoiceMade = true; });
    connect(m_profileNameEdit, &QLineEdit::textEdited, this, [this] {
        m_nameEdited = true;
        m_nameError->hide();
    });
    connect(m_finishWithoutSavingButton, &QPushButton::clicked, this, [this] {
        m_skipSave = true;
        if (wizard())
            wizard()->accept();
    });
}

void FinishPage::initializePage()
{
    ensureBuilt();
    cancelSave();
    m_saved = false;
    m_skipSave = false;
    showError(QString());
    m_statusLabel->clear();
    m_statusLabel->hide();
    m_nameError->hide();

    // A secret IMS rejected is not stored unless the user asks for it (the label says why).
    if (!m_secretsChoiceMade)
        m_saveSecretsCheck->setChecked(!state()->credentialRejected);
    m_storedSecrets = false;
    if (!m_nameEdited) {
        const QString loaded = state()->loadedProfile;
        m_profileNameEdit->setText(loaded.isEmpty() ? state()->connection.baseUrl.host() : loaded);
    }
    updateSummary();
    updateSaveFields();
    emit completeChanged();
}

void FinishPage::cleanupPage()
{
    cancelSave();
    BasePage::cleanupPage();
}

bool FinishPage::isComplete() const
{
    return isBuilt() && !isBusy();
}

bool FinishPage::validatePage()
{
    if (m_saved || m_skipSave)
        return true;
    if (isBusy())
        return false;
    SetupWizard *w = setupWizard();
    if (!w || !w->profileManager() || !m_saveProfileCheck->isChecked())
        return true;
    startSave();
    return false;
}

void FinishPage::updateSummary()
{
    const AemConnection &c = state()->connection;
    const AemInstance &instance = state()->instance;
    QStringList items;
    if (c.baseUrl.isValid()) {
        QString aem =
            instance.version.isValid()
                ? tr("Connected to %1 (%2, version %3).")
                      .arg(c.baseUrl.toString(QUrl::RemoveUserInfo),
                           deploymentDisplayName(instance.deployment()), instance.version.toString())
                : tr("Connected to %1 (version not known).").arg(c.baseUrl.toString(QUrl::RemoveUserInfo));
        items << esc(aem);
    }
    if (state()->mode == SetupState::Mode::Setup) {
        const Credential &credential = state()->credential;
        if (credential.kind != CredentialKind::Unknown) {
            QString line = tr("Credential: %1, client ID %2.")
                               .arg(Credential::kindDisplayName(credential.kind), credential.clientId);
            const QString logPath = QDir::toNativeSeparators(ActivityLog(state()->activityLogPath).path());
            if (state()->credentialValidated)
                line += QLatin1Char(' ') + tr("Adobe IMS accepted it.");
            else if (state()->validationOverridden && state()->credentialRejected)
                line += QLatin1Char(' ') +
                        tr("Adobe IMS rejected it (%1); you continued without validation (reason: %2, "
                           "recorded in %3). Publishing to Brand Portal fails until the credential is fixed.")
                            .arg(state()->validationFailure, state()->validationOverrideReason, logPath);
            else if (state()->validationOverridden)
                line +=
                    QLatin1Char(' ') +
                    (state()->validationFailure.isEmpty()
                         ? tr("Not validated: you continued without validation (reason: %1, recorded in "
                              "%2).")
                               .arg(state()->validationOverrideReason, logPath)
                         : tr("Not validated (%1); you continued without validation (reason: %2, recorded "
                              "in %3).")
                               .arg(state()->validationFailure, state()->validationOverrideReason, logPath));
            else if (credential.privateKeyHeldByAem)
                line += QLatin1Char(' ') + tr("Not validated here: the private key is held by AEM.");
            items << esc(line);
        }
        const ApplyRun *run = state()->applyRun;
        if (!run || !run->isFinished()) {
            items << esc(tr("Nothing was changed on AEM."));
        } else if (!run->wroteAnything()) {
            items << esc(run->succeeded() ? tr("The configuration was already in place: nothing was changed "
                                               "on AEM.")
                                          : tr("Nothing was changed on AEM."));
        } else {
            QStringList created;
            for (const StepOutcome &o : run->outcomes()) {
                if (o.status == StepStatus::Done)
                    created << esc(o.title);
            }
            if (!created.isEmpty())
                items << esc(tr("Configuration created on AEM (each change verified):")) +
                             QStringLiteral("<br>• ") + created.join(QStringLiteral("<br>• "));
            if (!state()->tenant.isEmpty())
                items << esc(tr("Brand Portal tenant: %1.").arg(state()->tenant));
            const auto &tests = run->tests();
            const auto failed =
                std::count_if(tests.begin(), tests.end(), [](const TestOutcome &t) { return !t.passed; });
            if (!tests.isEmpty())
                items << esc(failed == 0
                                 ? tr("All %n test(s) passed.", nullptr, int(tests.size()))
                                 : tr("%n test(s) did not pass: see the Test page.", nullptr, int(failed)));
        }
        if (run && run->backupSaved())
            items << esc(tr("Backup %1, saved before the first change in %2. Roll back with bpsetup rollback "
                            "--backup %1.")
                             .arg(run->backup().id, QDir::toNativeSeparators(run->backupFolder())));
        // A retry after a failed apply saved its own backup of the half-applied state: rolling back all the
        // way takes every one, newest first.
        if (state()->backupIds.size() > 1) {
            QStringList newestFirst = state()->backupIds;
            std::reverse(newestFirst.begin(), newestFirst.end());
            items << esc(
                tr("This run saved %n backup(s); to undo everything, roll them back newest first: %1.",
                   nullptr, int(newestFirst.size()))
                    .arg(newestFirst.join(QStringLiteral(", "))));
        }
    } else {
        items << esc(tr("Diagnosis is not available in this version yet: nothing was changed on AEM."));
    }
    QString html = QStringLiteral("<p>%1</p><ul>").arg(esc(tr("What was done:")));
    for (const QString &item : std::as_const(items))
        html += QStringLiteral("<li>%1</li>").arg(item);
    html += QStringLiteral("</ul>");
    m_summaryLabel->setText(html);
}

void FinishPage::updateSaveFields()
{
    SetupWizard *w = setupWizard();
    const bool available = w && w->profileManager();
    m_saveProfileCheck->setVisible(available);
    m_saveBox->setVisible(available);
    m_unavailableLabel->setVisible(!available);
    if (!available)
        return;
    const bool save = m_saveProfileCheck->isChecked();
    m_saveBox->setEnabled(save && !isBusy() && !m_saved);

    QString problem;
    const auto secrets = SavedSetup::secretsFromState(*state(), &problem);
    QStringList names;
    for (const auto &secret : secrets)
        names << SavedSetup::secretDisplayName(secret.first);
    const QString backend = w->secretStore()->backendName();
    const bool keychainDown = w->keychainProbed() && w->keychainStatus() != SecretStatus::Ok;
    const QString list = names.join(QStringLiteral(", "));
    if (names.isEmpty())
        m_secretsLabel->setText(tr("There are no secrets to store."));
    else if (m_saved)
        m_secretsLabel->setText(m_storedSecrets ? tr("Stored in %1: %2.").arg(backend, list)
                                                : tr("Not stored: %1.").arg(list));
    else if (m_saveSecretsCheck->isChecked() && keychainDown)
        m_secretsLabel->setText(tr("Cannot be stored now: %1.").arg(list));
    else if (m_saveSecretsCheck->isChecked() && state()->credentialRejected)
        m_secretsLabel->setText(
            tr("To be stored in %1: %2. Adobe IMS rejected this credential, so the stored "
               "secret does not work until it is fixed.")
                .arg(backend, list));
    else if (m_saveSecretsCheck->isChecked())
        m_secretsLabel->setText(tr("To be stored in %1: %2.").arg(backend, list));
    else if (state()->credentialRejected)
        m_secretsLabel->setText(
            tr("Not stored: %1. Adobe IMS rejected this credential; tick the box to store "
               "it anyway.")
                .arg(list));
    else
        m_secretsLabel->setText(tr("Not stored: %1. You will type them again next time.").arg(list));
    m_saveSecretsCheck->setEnabled(!names.isEmpty());

    QStringList notes;
    if (!problem.isEmpty())
        notes << problem;
    if (keychainDown && m_saveSecretsCheck->isChecked() && !names.isEmpty() && !m_saved)
        notes << tr("%1 Untick the option above to save the settings without secrets.")
                     .arg(w->keychainMessage());
    m_keychainNote->setText(notes.join(QLatin1Char('\n')));
    m_keychainNote->setVisible(!notes.isEmpty());
}

void FinishPage::startSave()
{
    SetupWizard *w = setupWizard();
    ProfileManager *manager = w->profileManager();
    showError(QString());
    const QString name = m_profileNameEdit->text().trimmed();
    if (const Result<bool> valid = ProfileStore::validateName(name); !valid) {
        m_nameError->setText(valid.error().fullText());
        m_nameError->show();
        m_profileNameEdit->setFocus();
        return;
    }
    // Another saved connection of that name is replaced only when the user says so (the one loaded at the
    // start is this connection, so updating it does not ask).
    if (name != state()->loadedProfile) {
        if (const Result<Profile> existing = manager->find(name)) {
            QMessageBox ask(QMessageBox::Question, tr("Replace the saved connection?"),
                            tr("A saved connection named \"%1\" already exists, for %2. Replace it with this "
                               "one (its stored secrets too)?")
                                .arg(name, existing.value().aemUrl.toString(QUrl::RemoveUserInfo)),
                            QMessageBox::NoButton, this);
            ask.setObjectName(QStringLiteral("replaceProfileQuestion"));
            QPushButton *replace = ask.addButton(tr("&Replace"), QMessageBox::AcceptRole);
            QPushButton *keep =
                ask.addButton(tr("&Keep both (choose another name)"), QMessageBox::RejectRole);
            ask.setDefaultButton(keep);
            ask.setEscapeButton(keep);
            ask.exec();
            if (ask.clickedButton() != replace) {
                m_profileNameEdit->setFocus();
                m_profileNameEdit->selectAll();
                return;
            }
        }
    }
    QString problem;
    QList<QPair<SecretKind, SecretString>> secrets;
    if (m_saveSecretsCheck->isChecked())
        secrets = SavedSetup::secretsFromState(*state(), &problem);

    ProfileOperation *op =
        manager->save(SavedSetup::profileFromState(*state(), name, state()->clock->nowUtc()), secrets);
    m_operation = op;
    connect(op, &Task::finished, this, &FinishPage::onSaveFinished, Qt::QueuedConnection);
    m_statusLabel->setText(secrets.isEmpty() ? tr("Saving the connection …")
                                             : tr("Saving the connection and storing its secrets in %1 …")
                                                   .arg(w->secretStore()->backendName()));
    m_statusLabel->show();
    setBusy(true);
    op->start();
}

void FinishPage::onSaveFinished()
{
    ProfileOperation *op = m_operation;
    if (!op || !op->isFinished())
        return;
    m_operation = nullptr;
    op->deleteLater();
    setBusy(false);
    SetupWizard *w = setupWizard();
    if (!op->result()) {
        m_statusLabel->clear();
        m_statusLabel->hide();
        // The settings file is written only after every secret was stored, so nothing was saved.
        showError(op->result().error().fullText());
        return;
    }
    m_saved = true;
    m_storedSecrets = !op->written().isEmpty();
    // Stored (or deliberately not): the wizard no longer needs to hold it.
    state()->privateKeyPassphrase.clear();
    const QString settings = QDir::toNativeSeparators(w->profileManager()->profilesPath());
    m_statusLabel->setText(
        m_storedSecrets
            ? tr("Saved. Settings: %1; secrets stored in: %2.").arg(settings, w->secretStore()->backendName())
            : tr("Saved. Settings: %1; no secrets were stored.").arg(settings));
    m_statusLabel->show();
    updateSaveFields();
    m_saveProfileCheck->setEnabled(false);
    // The one press of Finish that started the save also closes the wizard once it succeeded.
    w->accept();
}

void FinishPage::cancelSave()
{
    if (!m_operation)
        return;
    ProfileOperation *op = m_operation;
    m_operation = nullptr;
    op->disconnect(this);
    op->cancel(); // undoes what the keychain already took
    op->deleteLater();
    if (isBuilt())
        setBusy(false);
}

void FinishPage::setBusy(bool busy)
{
    m_progress->setVisible(busy);
    m_saveProfileCheck->setEnabled(!busy && !m_saved);
    m_saveBox->setEnabled(!busy && !m_saved && m_saveProfileCheck->isChecked());
    emit completeChanged();
}

void FinishPage::showError(const QString &message)
{
    m_errorLabel->setText(message);
    m_errorLabel->setVisible(!message.isEmpty());
    m_finishWithoutSavingButton->setVisible(!message.isEmpty());
}

void FinishPage::retranslate()
{
    setTitle(tr("Finish"));
    setSubTitle(tr("Check what was done, and save this connection to skip the typing next time."));
    m_saveProfileCheck->setText(tr("&Save this connection for next time"));
    m_nameLabel->setText(tr("Profile &name:"));
    m_profileNameEdit->setToolTip(tr("Letters, digits, spaces, '.', '_' and '-'; up to 64 characters."));
    // Short, so it never clips in German or Japanese; the advice is the tooltip and the accessible text.
    m_saveSecretsCheck->setText(tr("S&tore the secrets in the keychain"));
    m_saveSecretsCheck->setToolTip(tr("Untick this on a shared computer: the settings are saved, the secrets "
                                      "are typed again next time."));
    m_saveSecretsCheck->setAccessibleDescription(m_saveSecretsCheck->toolTip());
    m_unavailableLabel->setText(tr("Saving connections is not available here."));
    m_finishWithoutSavingButton->setText(tr("Finish &without saving"));
    if (isBuilt() && wizard()) {
        updateSummary();
        updateSaveFields();
    }
    m_saveProfileCheck->setAccessibleDescription(
        tr("Keeps the address, user and credential details for next time; secrets go to the keychain only."));
}

} // namespace bp::ui
