// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "profiles/ProfileManager.h"
#include "secrets/SecretStore.h"
#include "wizard/BasePage.h"

#include <QList>
#include <QPair>
#include <QPointer>

class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace bp::ui {

class SetupWizard;

// The last page: what was done, and "Save this connection for next time". Finish (validatePage) saves the
// profile and its secrets with ProfileManager::save asynchronously and returns false; when that succeeded
// the page says where everything went and the next Finish closes the wizard. On failure the message stays on
// the page with "Finish without saving".
class FinishPage : public BasePage
{
    Q_OBJECT
public:
    explicit FinishPage(SetupState *state, QWidget *parent = nullptr);
    ~FinishPage() override;

    void initializePage() override;
    void cleanupPage() override;
    bool validatePage() override;
    bool isComplete() const override;

    bool isBusy() const { return m_operation != nullptr; }
    bool isSaved() const { return m_saved; }

protected:
    void buildUi() override;
    void retranslate() override;

private:
    void updateSummary();
    void updateSaveFields();
    void startSave();
    void onSaveFinished();
    void cancelSave();
    void setBusy(bool busy);
    void showError(const QString &message);
    SetupWizard *setupWizard() const;

    QLabel *m_summaryLabel;
    QCheckBox *m_saveProfileCheck;
    QWidget *m_saveBox;
    QLabel *m_nameLabel;
    QLineEdit *m_profileNameEdit;
    QLabel *m_nameError;
    QLabel *m_secretsLabel;
    QCheckBox *m_saveSecretsCheck;
    QLabel *m_keychainNote;
    QLabel *m_unavailableLabel;
    QProgressBar *m_progress;
    QLabel *m_statusLabel;
    QLabel *m_errorLabel;
    QPushButton *m_finishWithoutSavingButton;

    QPointer<ProfileOperation> m_operation;
    bool m_saved = false;
    bool m_skipSave = false;          // "Finish without saving" after a failed save
    bool m_nameEdited = false;        // the user typed a name: keep it on later visits
    bool m_secretsChoiceMade = false; // the user ticked or unticked "store secrets": keep that choice
    bool m_storedSecrets = false;     // the last save put secrets into the keychain
};

} // namespace bp::ui
