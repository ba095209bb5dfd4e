// SPDX-License-Identifier: Apache-2.0
#include "wizard/DetailText.h"

#include <QTextDocument>
#include <QtMath>

namespace bp::ui {

DetailText::DetailText(QWidget *parent) : QTextBrowser(parent)
{
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    setOpenLinks(false);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Like a label: the window's background, no focus stop of its own.
    setFocusPolicy(Qt::NoFocus);
    viewport()->setAutoFillBackground(false);
    setStyleSheet(QStringLiteral("QTextBrowser { background: transparent; }"));
    document()->setDocumentMargin(0);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
}

void DetailText::setText(const QString &html)
{
    m_html = html;
    setHtml(html);
    m_lastHeight = -1;
    updateGeometry();
}

int DetailText::heightForWidth(int width) const
{
    QTextDocument doc;
    doc.setDefaultFont(font());
    doc.setDefaultTextOption(document()->defaultTextOption());
    doc.setDocumentMargin(document()->documentMargin());
    doc.setHtml(m_html);
    doc.setTextWidth(qMax(1, width - 2 * frameWidth()));
    return qCeil(doc.size().height()) + 2 * frameWidth();
}

QSize DetailText::sizeHint() const
{
    const int w = width() > 0 ? width() : 400;
    return {w, heightForWidth(w)};
}

QSize DetailText::minimumSizeHint() const
{
    // Any width will do (the text wraps anywhere); the height is what that width needs.
    return {60, heightForWidth(width() > 0 ? width() : 400)};
}

void DetailText::resizeEvent(QResizeEvent *event)
{
    QTextBrowser::resizeEvent(event);
    const int needed = heightForWidth(width());
    if (needed != m_lastHeight) {
        m_lastHeight = needed;
        updateGeometry(); // the layout asks again for the height at the new width
    }
}

} // namespace bp::ui
