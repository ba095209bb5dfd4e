// SPDX-License-Identifier: Apache-2.0
#include "wizard/TestPage.h"

#include "change/ApplyRun.h"
#include "setup/SetupState.h"

#include <QApplication>
#include <QHeaderView>
#include <QLabel>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace bp::ui {

namespace {

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

// "agent-test:<agent>" / "agent-queue:<agent>" -> what was tested, in words.
QString testKind(const TestOutcome &t)
{
    if (t.id.startsWith(QLatin1String("agent-test:")))
        return TestPage::tr("Test Connection");
    if (t.id.startsWith(QLatin1String("agent-queue:")))
        return TestPage::tr("Queue");
    return t.id.section(QLatin1Char(':'), 0, 0);
}

} // namespace

TestPage::TestPage(SetupState *state, QWidget *parent) : BasePage(state, parent)
{
    setObjectName(QStringLiteral("testPage"));
}

void TestPage::buildUi()
{
    m_summaryLabel = new QLabel(this);
    m_summaryLabel->setObjectName(QStringLiteral("testSummaryLabel"));
    m_summaryLabel->setWordWrap(true);
    m_summaryLabel->setTextFormat(Qt::RichText);

    m_testList = new QTreeWidget(this);
    m_testList->setObjectName(QStringLiteral("testList"));
    m_testList->setColumnCount(4);
    m_testList->setRootIsDecorated(false);
    m_testList->setSelectionMode(QAbstractItemView::SingleSelection);
    m_testList->setWordWrap(true);
    m_testList->header()->setStretchLastSection(true);
    for (int column = 0; column < 3; ++column)
        m_testList->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);

    m_remedyLabel = new QLabel(this);
    m_remedyLabel->setObjectName(QStringLiteral("testRemedyLabel"));
    m_remedyLabel->setWordWrap(true);
    m_remedyLabel->setTextFormat(Qt::RichText);
    m_remedyLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_remedyLabel->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summaryLabel);
    layout->addWidget(m_testList, 1);
    layout->addWidget(m_remedyLabel);
}

void TestPage::initializePage()
{
    ensureBuilt();
    fill();
}

void TestPage::fill()
{
    m_testList->clear();
    const ApplyRun *run = state()->applyRun;
    const QList<TestOutcome> tests = run ? run->tests() : QList<TestOutcome>();
    QStyle *style = QApplication::style();
    int failed = 0;
    QStringList remedies;
    for (const TestOutcome &t : tests) {
        auto *item = new QTreeWidgetItem(m_testList);
        item->setIcon(
            0, style->standardIcon(t.passed ? QStyle::SP_DialogApplyButton : QStyle::SP_MessageBoxCritical));
        item->setText(0, t.passed ? tr("Passed") : tr("Failed"));
        item->setData(0, ResultRole, t.passed ? QStringLiteral("passed") : QStringLiteral("failed"));
        // The agent by its node name; the full path in the tooltip.
        item->setText(1, t.target.section(QLatin1Char('/'), -1));
        item->setToolTip(1, t.target);
        item->setText(2, testKind(t));
        item->setText(3, t.message);
        item->setToolTip(3, t.passed ? t.message : tr("%1\nWhat to do: %2").arg(t.message, t.remedy));
        if (!t.passed) {
            ++failed;
            // In full here: the list's Details column elides a long answer.
            remedies << QStringLiteral("<li><b>%1</b> (%2): %3<br>%4</li>")
                            .arg(esc(t.target), esc(testKind(t)), esc(t.message),
                                 esc(t.remedy.isEmpty() ? QString() : tr("What to do: %1").arg(t.remedy)));
        }
    }
    m_testList->setVisible(!tests.isEmpty());
    if (tests.isEmpty())
        m_summaryLabel->setText(
            QStringLiteral("<b>%1</b> %2")
                .arg(esc(tr("The apply run reported no tests.")),
                     esc(tr("Check the Brand Portal replication agents in AEM (Tools › Deployment › "
                            "Replication › Agents on author): Test Connection should succeed and the "
                            "queue be idle."))));
    else if (failed == 0)
        m_summaryLabel->setText(QStringLiteral("<b>✔ %1</b>")
                                    .arg(esc(tr("All %n test(s) passed: AEM can publish to Brand Portal.",
                                                nullptr, int(tests.size())))));
    else
        m_summaryLabel->setText(
            QStringLiteral("<b>✖ %1</b>")
                .arg(esc(tr("%n of %1 test(s) did not pass.", nullptr, failed).arg(tests.size()))));
    m_remedyLabel->setVisible(!remedies.isEmpty());
    m_remedyLabel->setText(QStringLiteral("<ul>%1</ul>").arg(remedies.join(QString())));
}

void TestPage::retranslate()
{
    m_testList->setAccessibleName(tr("Tests"));
    m_testList->setAccessibleDescription(
        tr("Each replication agent's connection test and queue, with the result."));
    setTitle(tr("Test"));
    setSubTitle(
        tr("Whether AEM can publish to Brand Portal: each replication agent's connection and queue."));
    m_testList->setHeaderLabels({tr("Result"), tr("Agent"), tr("Test"), tr("Details")});
    if (wizard() && wizard()->currentPage() == this)
        fill();
}

} // namespace bp::ui
