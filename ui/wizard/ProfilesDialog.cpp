// SPDX-License-Identifier: Apache-2.0
#include "wizard/ProfilesDialog.h"

#include "profiles/ProfileCredential.h"
#include "profiles/ProfileManager.h"
#include "profiles/ProfileStore.h"
#include "setup/SavedSetup.h"

#include "wizard/Theme.h"
#include <QAction>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include <algorithm>

namespace bp::ui {

ProfilesDialog::ProfilesDialog(ProfileManager *manager, QWidget *parent) : QDialog(parent), m_manager(manager)
{
    setObjectName(QStringLiteral("profilesDialog"));
    setWindowModality(Qt::WindowModal);

    m_introLabel = new QLabel(this);
    m_introLabel->setWordWrap(true);
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("profilesList"));
    m_introLabel->setBuddy(m_list);
    m_renameButton = new QPushButton(this);
    m_renameButton->setObjectName(QStringLiteral("renameProfileButton"));
    m_renameButton->setAutoDefault(false);
    m_deleteButton = new QPushButton(this);
    m_deleteButton->setObjectName(QStringLiteral("deleteProfileButton"));
    m_deleteButton->setAutoDefault(false);

    // The selected connection: where it points and what the keychain really holds for it.
    m_detailsBox = new QGroupBox(this);
    m_detailsBox->setObjectName(QStringLiteral("profileDetails"));
    const auto detailLabel = [this](const QString &name) {
        auto *label = new QLabel(m_detailsBox);
        label->setObjectName(name);
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        return label;
    };
    m_aemCaption = new QLabel(m_detailsBox);
    m_aemLabel = detailLabel(QStringLiteral("profileAemLabel"));
    m_credentialCaption = new QLabel(m_detailsBox);
    m_credentialLabel = detailLabel(QStringLiteral("profileCredentialLabel"));
    m_secretsCaption = new QLabel(m_detailsBox);
    m_secretsLabel = detailLabel(QStringLiteral("profileSecretsLabel"));
    auto *details = new QFormLayout(m_detailsBox);
    details->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    details->addRow(m_aemCaption, m_aemLabel);
    details->addRow(m_credentialCaption, m_credentialLabel);
    details->addRow(m_secretsCaption, m_secretsLabel);

    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("profilesStatus"));
    m_statusLabel->setWordWrap(true);
    m_statusLabel->setTextFormat(Qt::PlainText);
    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("profilesError"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextFormat(Qt::PlainText);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    Theme::setErrorText(m_errorLabel);
    m_errorLabel->hide();
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_buttons->setObjectName(QStringLiteral("profilesButtons"));

    auto *side = new QVBoxLayout;
    side->addWidget(m_renameButton);
    side->addWidget(m_deleteButton);
    side->addStretch(1);
    auto *row = new QHBoxLayout;
    row->addWidget(m_list, 1);
    row->addLayout(side);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_introLabel);
    layout->addLayout(row, 1);
    layout->addWidget(m_detailsBox);
    layout->addWidget(m_statusLabel);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_buttons);

    connect(m_renameButton, &QPushButton::clicked, this, &ProfilesDialog::renameSelected);
    connect(m_deleteButton, &QPushButton::clicked, this, &ProfilesDialog::deleteSelected);
    connect(m_list, &QListWidget::currentRowChanged, this, &ProfilesDialog::updateButtons);
    connect(m_list, &QListWidget::currentRowChanged, this, &ProfilesDialog::showDetails);
    connect(m_list, &QListWidget::itemActivated, this, &ProfilesDialog::renameSelected);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // Keyboard: Delete and F2 as in file managers; Enter on an item renames it.
    auto *deleteAction = new QAction(this);
    deleteAction->setShortcut(QKeySequence::Delete);
    connect(deleteAction, &QAction::triggered, this, &ProfilesDialog::deleteSelected);
    addAction(deleteAction);
    auto *renameAction = new QAction(this);
    renameAction->setShortcut(QKeySequence(Qt::Key_F2));
    connect(renameAction, &QAction::triggered, this, &ProfilesDialog::renameSelected);
    addAction(renameAction);

    retranslate();
    reload();
    resize(560, 420);
}

ProfilesDialog::~ProfilesDialog()
{
    // An operation still running completes its keychain step on its own; only stop listening to it.
    if (m_operation)
        m_operation->disconnect(this);
    // A check only reads: stop it.
    cancelSecretCheck();
}

void ProfilesDialog::reload(const QString &select)
{
    const ProfileList all = m_manager->list();
    m_readOnly = all.readOnly;
    if (all.problem.isError())
        showError(all.problem.fullText());
    m_profiles = all.profiles;
    // Refilled without selection signals: the details (and their keychain check) follow once, below.
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    for (const Profile &profile : all.profiles) {
        auto *item = new QListWidgetItem(profile.name, m_list);
        item->setData(Qt::UserRole, profile.name);
        item->setToolTip(profile.aemUrl.toString(QUrl::RemoveUserInfo));
    }
    int row = 0;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(Qt::UserRole).toString() == select)
            row = i;
    }
    if (m_list->count() > 0)
        m_list->setCurrentRow(row);
    m_list->setFocus();
    updateButtons();
    showDetails();
}

void ProfilesDialog::showDetails()
{
    const QString name = selectedName();
    const auto it = std::find_if(m_profiles.cbegin(), m_profiles.cend(),
                                 [&name](const Profile &p) { return p.name == name; });
    m_detailsBox->setVisible(it != m_profiles.cend());
    if (it == m_profiles.cend()) {
        cancelSecretCheck();
        return;
    }
    const Profile &profile = *it;
    m_detailsBox->setTitle(profile.name);

    QStringList aem;
    aem << (profile.aemUrl.isEmpty() ? tr("no address saved")
                                     : profile.aemUrl.toString(QUrl::RemoveUserInfo));
    if (!profile.aemUser.isEmpty())
        aem << tr("user %1").arg(profile.aemUser);
    if (!profile.version.isEmpty())
        aem << tr("version %1 when last used").arg(profile.version);
    m_aemLabel->setText(aem.join(QStringLiteral(", ")));

    const CredentialKind kind = ProfileCredential::kindFromId(profile.credentialKind);
    if (kind == CredentialKind::Unknown)
        m_credentialLabel->setText(tr("none saved"));
    else if (profile.clientId.isEmpty())
        m_credentialLabel->setText(Credential::kindDisplayName(kind));
    else
        m_credentialLabel->setText(
            tr("%1, client ID %2").arg(Credential::kindDisplayName(kind), profile.clientId));

    // Asked again on every selection: an entry may have been removed from the keychain outside bpsetup.
    checkSecrets(profile.name);
}

void ProfilesDialog::cancelSecretCheck()
{
    if (ProfileOperation *check = m_check) {
        m_check = nullptr;
        check->disconnect(this);
        check->cancel();
        check->deleteLater();
    }
}

void ProfilesDialog::checkSecrets(const QString &name)
{
    cancelSecretCheck();
    m_secretsLabel->setText(tr("Asking the keychain …"));
    ProfileOperation *check = m_manager->checkSecrets(name);
    m_check = check;
    connect(check, &ProfileOperation::finished, this, [this, check] {
        if (check != m_check)
            return;
        m_check = nullptr;
        check->deleteLater();
        const QString backend = m_manager->secretStore()->backendName();
        if (!check->succeeded()) {
            // Never "nothing stored": the keychain did not say.
            m_secretsLabel->setText(tr("Could not ask %1: %2").arg(backend, check->error().fullText()));
            return;
        }
        const QList<SecretKind> &stored = check->stored();
        QStringList names;
        for (SecretKind kind : stored)
            names << SavedSetup::secretDisplayName(kind);
        QStringList lines;
        lines << (names.isEmpty() ? tr("%1 holds nothing for this connection.").arg(backend)
                                  : tr("%1 holds: %2.").arg(backend, names.join(QStringLiteral(", "))));
        if (!stored.contains(SecretKind::AemPassword) && !stored.contains(SecretKind::AemToken))
            lines << tr("No AEM password or token: it is asked for when the connection is used.");
        m_secretsLabel->setText(lines.join(QLatin1Char('\n')));
    });
    check->start();
}

QString ProfilesDialog::selectedName() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void ProfilesDialog::updateButtons()
{
    const bool usable = !isBusy() && !m_readOnly && !selectedName().isEmpty();
    m_renameButton->setEnabled(usable);
    m_deleteButton->setEnabled(usable);
    m_list->setEnabled(!isBusy());
    if (m_readOnly)
        m_statusLabel->setText(
            tr("These saved connections were written by a newer bpsetup and cannot be changed here."));
}

void ProfilesDialog::showError(const QString &message)
{
    m_errorLabel->setText(message);
    m_errorLabel->setVisible(!message.isEmpty());
}

void ProfilesDialog::renameSelected()
{
    const QString from = selectedName();
    if (from.isEmpty() || isBusy() || m_readOnly)
        return;
    bool ok = false;
    const QString to =
        QInputDialog::getText(this, tr("Rename saved connection"), tr("New name for \"%1\":").arg(from),
                              QLineEdit::Normal, from, &ok)
            .trimmed();
    if (!ok || to.isEmpty() || to == from)
        return;
    if (const Result<bool> valid = ProfileStore::validateName(to); !valid) {
        showError(valid.error().fullText());
        return;
    }
    run(m_manager->rename(from, to), tr("Renaming \"%1\" …").arg(from),
        tr("Renamed \"%1\" to \"%2\"; its keychain entries moved with it.").arg(from, to), to);
}

void ProfilesDialog::deleteSelected()
{
    const QString name = selectedName();
    if (name.isEmpty() || isBusy() || m_readOnly)
        return;
    QMessageBox box(QMessageBox::Warning, tr("Delete saved connection"),
                    tr("Delete the saved connection \"%1\"?").arg(name), QMessageBox::Yes | QMessageBox::No,
                    this);
    box.setObjectName(QStringLiteral("deleteProfileConfirmation"));
    box.setInformativeText(tr("Its passwords and secrets in the keychain are deleted too. Nothing changes "
                              "on AEM or in Developer Console."));
    // Deleting cannot be undone: Enter alone must not do it.
    box.setDefaultButton(QMessageBox::No);
    if (box.exec() != QMessageBox::Yes)
        return;
    run(m_manager->remove(name), tr("Deleting \"%1\" and its keychain entries …").arg(name),
        tr("Deleted \"%1\" and its keychain entries.").arg(name), QString());
}

void ProfilesDialog::run(ProfileOperation *operation, const QString &busyText, const QString &doneText,
                         const QString &selectAfter)
{
    showError(QString());
    m_operation = operation;
    m_statusLabel->setText(busyText);
    updateButtons();
    connect(operation, &ProfileOperation::finished, this, [this, operation, doneText, selectAfter] {
        m_operation = nullptr;
        operation->deleteLater();
        const QString keep = selectedName();
        if (operation->result()) {
            m_statusLabel->setText(doneText);
            reload(selectAfter);
            emit profilesChanged();
        } else {
            m_statusLabel->clear();
            showError(operation->result().error().fullText());
            reload(keep);
        }
    });
    operation->start();
}

void ProfilesDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void ProfilesDialog::retranslate()
{
    setWindowTitle(tr("Saved connections"));
    m_introLabel->setText(tr("&Saved connections. Their passwords and secrets are in the system keychain."));
    m_renameButton->setText(tr("&Rename…"));
    m_deleteButton->setText(tr("&Delete…"));
    m_aemCaption->setText(tr("AEM:"));
    m_credentialCaption->setText(tr("Credential:"));
    m_secretsCaption->setText(tr("Keychain:"));
    if (!m_profiles.isEmpty())
        showDetails();
}

} // namespace bp::ui
