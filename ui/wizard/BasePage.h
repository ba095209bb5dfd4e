// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWizardPage>

namespace bp {
class SetupState;
}

namespace bp::ui {

// Common base of the wizard pages: holds the shared SetupState (owned by the caller of SetupWizard, never by
// a page) and calls retranslate() when the application language changes.
class BasePage : public QWizardPage
{
    Q_OBJECT
public:
    explicit BasePage(SetupState *state, QWidget *parent = nullptr);

protected:
    // Sets every user-visible string. Called once by the subclass constructor and on LanguageChange.
    virtual void retranslate() = 0;
    void changeEvent(QEvent *event) override;

    SetupState *state() const { return m_state; }

private:
    SetupState *m_state;
};

} // namespace bp::ui
