// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "crypto/PrivateKey.h"
#include "ims/ImsValidator.h"
#include "wizard/BasePage.h"

#include <QPointer>

#include <optional>

class QCheckBox;
class QFrame;
class QLabel;
class QProgressBar;
class QPushButton;

namespace bp::ui {

// Asks Adobe IMS for a token with the credential from SetupState (ImsValidator) before anything is written to
// AEM. Next is enabled after a successful validation, for a JWT whose key only AEM holds (AEM's health check
// tests it later), or after an explicit, logged override by support staff working offline.
class ValidatePage : public BasePage
{
    Q_OBJECT
public:
    explicit ValidatePage(SetupState *state, QWidget *parent = nullptr);
    ~ValidatePage() override;

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;
    bool validatePage() override;

    bool isBusy() const { return m_validator != nullptr; }

public slots:
    void startValidation();
    void cancelValidation();

protected:
    void buildUi() override;
    void retranslate() override;

private:
    bool keyHeldByAem() const;
    void onValidationFinished();
    void setBusy(bool busy);
    void resetResult();
    void showResult(bool success, const QString &text);
    void updateSummary();
    void updateJwtNotice();
    void updateOverrideNote();
    void onOverrideClicked(bool checked);

    QLabel *m_summaryLabel;
    QLabel *m_jwtNotice; // the core's JWT retirement warning, for a JWT credential
    QLabel *m_aemKeyNotice;
    QPushButton *m_validateButton;
    QProgressBar *m_progress;
    QPushButton *m_cancelButton;
    QLabel *m_statusLabel;
    QFrame *m_resultPanel;
    QLabel *m_resultLabel;
    QCheckBox *m_overrideCheck;
    QLabel *m_overrideNote;

    QPointer<ImsValidator> m_validator; // non-null while a validation runs
    // JWT: the key read for the first run, kept (as a PrivateKey only) so a retry needs no passphrase again;
    // dropped when the page is left backwards or destroyed.
    std::optional<PrivateKey> m_key;
    bool m_validated = false;
    QString m_overrideReason;
    QString m_logProblem; // the activity log could not be written: said on the page instead
};

} // namespace bp::ui
