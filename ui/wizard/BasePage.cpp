// SPDX-License-Identifier: Apache-2.0
#include "wizard/BasePage.h"

#include <QEvent>

namespace bp::ui {

BasePage::BasePage(SetupState *state, QWidget *parent) : QWizardPage(parent), m_state(state) {}

void BasePage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWizardPage::changeEvent(event);
}

} // namespace bp::ui
