// SPDX-License-Identifier: Apache-2.0
#include "wizard/BasePage.h"

#include "wizard/Theme.h"
#include <QEvent>
#include <QLabel>

namespace bp::ui {

BasePage::BasePage(SetupState *state, QWidget *parent) : QWizardPage(parent), m_state(state) {}

QLabel *BasePage::makeErrorLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    Theme::setErrorText(label);
    label->hide();
    return label;
}

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
