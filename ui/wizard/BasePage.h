// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWizardPage>

class QLabel;

namespace bp {
class SetupState;
}

namespace bp::ui {

// Common base of the wizard pages: holds the shared SetupState (owned by the caller of SetupWizard, never by
// a page) and calls retranslate() when the application language changes.
class BasePage : public QWizardPage
{
    Q_OBJECT
public:
    explicit BasePage(SetupState *state, QWidget *parent = nullptr);

    // Builds the page's widgets once, then sets its strings. Pages are built when first shown, not in their
    // constructors: QWizard sizes itself from every page's size hint, so building hidden pages up front costs
    // start-up time and memory (text layout of pages the user may never open; see tests/bench).
    void ensureBuilt();
    bool isBuilt() const { return m_built; }

    // A hidden, word-wrapped, plain-text error label in the pages' error colour, shown next to its field.
    static QLabel *makeErrorLabel(const QString &objectName, QWidget *parent);

protected:
    // Creates the widgets. Called once, by ensureBuilt().
    virtual void buildUi() = 0;
    // Sets every user-visible string. Called after buildUi() and on LanguageChange.
    virtual void retranslate() = 0;
    void changeEvent(QEvent *event) override;

    SetupState *state() const { return m_state; }

private:
    SetupState *m_state;
    bool m_built = false;
};

} // namespace bp::ui
