// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "profiles/ProfileManager.h"
#include <QDialog>
#include <QPointer>

class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QListWidget;
class QPushButton;

namespace bp::ui {

// Manage saved connections: rename (QInputDialog) and delete (after a confirmation that says the keychain
// entries go too). Both run asynchronously through ProfileManager; errors stay in the dialog. Below the list,
// the selected connection's AEM address, user and credential, and which of its secrets the keychain really
// holds (ProfileManager::checkSecrets(), asked each time a connection is selected, never taken from the
// settings file). The manager is not owned and must outlive the dialog.
class ProfilesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ProfilesDialog(ProfileManager *manager, QWidget *parent = nullptr);
    ~ProfilesDialog() override;

    bool isBusy() const { return m_operation != nullptr; }
    // The keychain is being asked what the selected connection has stored.
    bool isCheckingSecrets() const { return m_check != nullptr; }

public slots:
    void renameSelected();
    void deleteSelected();

signals:
    // A profile was renamed or deleted.
    void profilesChanged();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void reload(const QString &select = QString());
    QString selectedName() const;
    void run(ProfileOperation *operation, const QString &busyText, const QString &doneText,
             const QString &selectAfter);
    void updateButtons();
    void showError(const QString &message);
    void showDetails();
    void checkSecrets(const QString &name);
    void cancelSecretCheck();

    ProfileManager *m_manager;
    QLabel *m_introLabel;
    QListWidget *m_list;
    QPushButton *m_renameButton;
    QPushButton *m_deleteButton;
    QGroupBox *m_detailsBox;
    QLabel *m_aemCaption;
    QLabel *m_aemLabel;
    QLabel *m_credentialCaption;
    QLabel *m_credentialLabel;
    QLabel *m_secretsCaption;
    QLabel *m_secretsLabel;
    QLabel *m_statusLabel;
    QLabel *m_errorLabel;
    QDialogButtonBox *m_buttons;
    QPointer<ProfileOperation> m_operation;
    QPointer<ProfileOperation> m_check; // the keychain check of the selected connection, while it runs
    QList<Profile> m_profiles;          // as last read from the profiles file
    bool m_readOnly = false;
};

} // namespace bp::ui
