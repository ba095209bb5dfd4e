// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDialog>

class QTextBrowser;

namespace bp::ui {

// The Help of one wizard step: a short page bundled with the tool (offline), explaining that step, with
// links to Adobe's documentation (opened in the browser). F1 or the Help button opens it.
class HelpDialog : public QDialog
{
    Q_OBJECT
public:
    HelpDialog(int pageId, QWidget *parent = nullptr);

    // The page's help as HTML (translated; links to Adobe's documentation).
    static QString html(int pageId);
    static QString title(int pageId);

private:
    QTextBrowser *m_text;
};

} // namespace bp::ui
