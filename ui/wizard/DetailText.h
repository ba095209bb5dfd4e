// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QTextBrowser>

namespace bp::ui {

// Read-only rich text that looks like a label but wraps anywhere when a word does not fit: repository
// paths and PIDs ("/apps/system/config/com.adobe.granite.auth.oauth.accesstoken.provider.<uuid>.config")
// have no spaces, and a QLabel would widen the whole page for them. Copying gives the text exactly as it
// is (no inserted break characters). Its height follows its width (heightForWidth), as a wrapped label's.
class DetailText : public QTextBrowser
{
    Q_OBJECT
public:
    explicit DetailText(QWidget *parent = nullptr);

    // The HTML last given to setText (tests and the screenshot audit read it like a label's text).
    QString text() const { return m_html; }
    void setText(const QString &html);

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    QString m_html;
    int m_lastHeight = -1;
};

} // namespace bp::ui
