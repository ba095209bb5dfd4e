// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "wizard/BasePage.h"

class QLabel;
class QRadioButton;

namespace bp::ui {

// Explains what the tool does and lets the user choose between setting up Brand Portal and diagnosing an
// existing setup.
class WelcomePage : public BasePage
{
    Q_OBJECT
public:
    explicit WelcomePage(SetupState *state, QWidget *parent = nullptr);

    void initializePage() override;
    bool validatePage() override;

protected:
    void buildUi() override;
    void retranslate() override;

private:
    QLabel *m_intro;
    QLabel *m_demoNotice;
    QLabel *m_choiceLabel;
    QRadioButton *m_setupRadio;
    QRadioButton *m_diagnoseRadio;
    QLabel *m_setupHint;
    QLabel *m_diagnoseHint;
};

} // namespace bp::ui
