// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "wizard/BasePage.h"

class QLabel;

namespace bp::ui {

// Stands in for a step that a later release implements, so the whole flow can be walked through today.
class PlaceholderPage : public BasePage
{
    Q_OBJECT
public:
    enum class Step
    {
        Credentials,
        ValidateCredentials,
        Diagnose
    };

    PlaceholderPage(SetupState *state, Step step, QWidget *parent = nullptr);

    Step step() const { return m_step; }

protected:
    void initializePage() override;
    void buildUi() override;
    void retranslate() override;

private:
    Step m_step;
    QLabel *m_notice;
    QLabel *m_description;
};

} // namespace bp::ui
