// SPDX-License-Identifier: Apache-2.0
#include "wizard/BasePage.h"

#include <QEvent>

namespace bp::ui {

BasePage::BasePage(SetupState *state, QWidget *parent) : QWizardPage(parent), m_state(state) {}

void BasePage::ensureBuilt()
{
    if (m_built)
        return;
    m_built = true;
    buildUi();
    retranslate();
}

void BasePage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange && m_built)
        retranslate();
    QWizardPage::changeEvent(event);
}

} // namespace bp::ui
