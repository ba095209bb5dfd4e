// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "profiles/ProfileManager.h"
#include <QDialog>
#include <QPointer>

class QDialogButtonBox;
class QLabel;
class QListWidget;
class QPushButton;

namespace bp::ui {

// Manage saved connections: rename (QInputDialog) and delete (after a confirmation that says the keychain
// entries go too). Both run asynchronously through ProfileManager; errors stay in the dialog. The manager is
// not owned and must outlive the dialog.
class ProfilesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ProfilesDialog(ProfileManager *manager, QWidget *parent = nullptr);
    ~ProfilesDialog() override;

    bool isBusy() const { return m_operation != nullptr; }

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

    ProfileManager *m_manager;
    QLabel *m_introLabel;
    QListWidget *m_list;
    QPushButton *m_renameButton;
    QPushButton *m_deleteButton;
    QLabel *m_statusLabel;
    QLabel *m_errorLabel;
    QDialogButtonBox *m_buttons;
    QPointer<ProfileOperation> m_operation;
    bool m_readOnly = false;
};

} // namespace bp::ui
