// SPDX-License-Identifier: Apache-2.0
#include "wizard/WelcomePage.h"

#include "setup/SetupState.h"

#include "wizard/Theme.h"
#include <QButtonGroup>
#include <QLabel>
#include <QRadioButton>
#include <QVBoxLayout>

namespace bp::ui {

namespace {

QLabel *makeWrappedLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    return label;
}

// One-line texts do not wrap: a word-wrapped label is laid out again for every width the wizard's layout
// tries, which is most of the start-up cost of this page.
QLabel *makeHint(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    // Indent under the radio button text so the hint visibly belongs to it.
    label->setContentsMargins(24, 0, 0, 6);
    QPalette pal = label->palette();
    pal.setColor(QPalette::WindowText, pal.color(QPalette::PlaceholderText));
    label->setPalette(pal);
    return label;
}

} // namespace

WelcomePage::WelcomePage(SetupState *state, QWidget *parent) : BasePage(state, parent)
{
    // The first page is built at once; the others when first shown.
    ensureBuilt();
}

void WelcomePage::buildUi()
{
    setObjectName(QStringLiteral("welcomePage"));

    m_intro = makeWrappedLabel(QStringLiteral("introLabel"), this);

    m_demoNotice = makeWrappedLabel(QStringLiteral("demoNotice"), this);
    // A style sheet rather than a palette: it gives the panel padding and a border, and an explicit text
    // colour keeps it readable under dark themes.
    Theme::setPanelTone(m_demoNotice, Theme::Tone::Warning);

    m_choiceLabel = new QLabel(this);
    m_choiceLabel->setObjectName(QStringLiteral("choiceLabel"));
    m_setupRadio = new QRadioButton(this);
    m_setupRadio->setObjectName(QStringLiteral("setupRadio"));
    m_setupHint = makeHint(QStringLiteral("setupHint"), this);
    m_diagnoseRadio = new QRadioButton(this);
    m_diagnoseRadio->setObjectName(QStringLiteral("diagnoseRadio"));
    m_diagnoseHint = makeHint(QStringLiteral("diagnoseHint"), this);
    auto *group = new QButtonGroup(this);
    group->addButton(m_setupRadio);
    group->addButton(m_diagnoseRadio);
    m_setupRadio->setChecked(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_demoNotice);
    layout->addWidget(m_intro);
    layout->addSpacing(12);
    layout->addWidget(m_choiceLabel);
    layout->addWidget(m_setupRadio);
    layout->addWidget(m_setupHint);
    layout->addWidget(m_diagnoseRadio);
    layout->addWidget(m_diagnoseHint);
    layout->addStretch(1);
    // The choice decides the path the wizard's side list shows: take it as soon as it is made.
    connect(m_diagnoseRadio, &QRadioButton::toggled, this, [this](bool diagnose) {
        state()->mode = diagnose ? SetupState::Mode::Diagnose : SetupState::Mode::Setup;
        emit completeChanged();
    });
}

void WelcomePage::initializePage()
{
    m_demoNotice->setVisible(state()->isDemo());
    if (state()->mode == SetupState::Mode::Diagnose)
        m_diagnoseRadio->setChecked(true);
    else
        m_setupRadio->setChecked(true);
    m_setupRadio->setFocus();
}

bool WelcomePage::validatePage()
{
    state()->mode = m_diagnoseRadio->isChecked() ? SetupState::Mode::Diagnose : SetupState::Mode::Setup;
    return true;
}

void WelcomePage::retranslate()
{
    setTitle(tr("Welcome"));
    setSubTitle(tr("Connect Adobe Experience Manager Assets to Adobe Brand Portal."));
    // One label for both paragraphs: every word-wrapped label is laid out again for each width the layout
    // tries.
    m_intro->setText(
        tr("This tool connects to your AEM author instance, finds out which AEM version and deployment it is "
           "and how Brand Portal is configured today, and then tells you which setup route applies: "
           "activating "
           "Brand Portal in Cloud Manager, creating a new configuration, or upgrading an existing one.") +
        QStringLiteral("\n\n") +
        tr("Connecting and detecting only reads from AEM. Nothing is changed until you review and confirm "
           "the "
           "changes in a later step."));
    m_demoNotice->setText(
        tr("<b>Demo mode</b> — connected to the built-in simulator. No real AEM instance or "
           "Adobe account is used; the connection details are already filled in."));
    m_choiceLabel->setText(tr("What do you want to do?"));
    m_setupRadio->setText(tr("&Set up Brand Portal"));
    m_setupHint->setText(tr("Create a new Brand Portal configuration or upgrade an existing one."));
    m_diagnoseRadio->setText(tr("&Diagnose an existing setup"));
    m_diagnoseHint->setText(tr("Check an existing Brand Portal configuration and explain what is wrong."));
    m_setupRadio->setAccessibleDescription(
        tr("Create or upgrade the Brand Portal configuration of an AEM author."));
    m_diagnoseRadio->setAccessibleDescription(
        tr("Read-only checks of an existing connection, with a report for support."));
}

} // namespace bp::ui
