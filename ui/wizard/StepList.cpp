// SPDX-License-Identifier: Apache-2.0
#include "wizard/StepList.h"

#include <QFontMetrics>

namespace bp::ui {

StepList::StepList(QWidget *parent) : QListWidget(parent)
{
    setObjectName(QStringLiteral("stepList"));
    setFocusPolicy(Qt::NoFocus);
    setSelectionMode(QAbstractItemView::NoSelection);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setWordWrap(true);
    setTextElideMode(Qt::ElideNone);
    viewport()->setAutoFillBackground(false);
}

void StepList::setSteps(const QList<Step> &steps)
{
    clear();
    int number = 0;
    for (const Step &s : steps) {
        ++number;
        // ▶ current, ✓ done, blank to come: the state is in the text (screen readers, colour blindness).
        const QString mark = s.current ? QStringLiteral("\u25b6 ")
                             : s.done  ? QStringLiteral("\u2713 ")
                                       : QStringLiteral("   ");
        auto *item = new QListWidgetItem(mark + s.name, this);
        item->setFlags(Qt::ItemIsEnabled);
        QFont f = font();
        f.setBold(s.current);
        item->setFont(f);
        const QString state = s.current ? tr("current step") : s.done ? tr("done") : tr("to come");
        item->setData(Qt::AccessibleTextRole,
                      tr("Step %1 of %2: %3, %4").arg(number).arg(steps.size()).arg(s.name, state));
        if (!s.current && !s.done)
            item->setForeground(palette().color(QPalette::Disabled, QPalette::Text));
    }
    setMinimumWidth(sizeHint().width());
    updateGeometry();
}

QSize StepList::sizeHint() const
{
    // Wide enough for the longest step name in bold with its mark, within bounds; longer names wrap.
    QFont bold = font();
    bold.setBold(true);
    int width = 0;
    for (int i = 0; i < count(); ++i)
        width = std::max(width, QFontMetrics(bold).horizontalAdvance(item(i)->text()));
    return {std::clamp(width + 2 * frameWidth() + 16, 110, 180), QListWidget::sizeHint().height()};
}

} // namespace bp::ui
