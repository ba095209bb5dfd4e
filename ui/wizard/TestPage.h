// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "wizard/BasePage.h"

class QLabel;
class QTreeWidget;

namespace bp::ui {

// Test: what the apply run's end-to-end tests reported (ApplyRun::tests()): each Brand Portal replication
// agent's Test Connection and its queue, with the remedy when one failed. Read-only: the tests ran as the
// last phase of the apply run.
class TestPage : public BasePage
{
    Q_OBJECT
public:
    // Qt::UserRole on each testList item (column 0): "passed" or "failed".
    static constexpr int ResultRole = Qt::UserRole;

    explicit TestPage(SetupState *state, QWidget *parent = nullptr);

    void initializePage() override;

protected:
    void buildUi() override;
    void retranslate() override;

private:
    void fill();

    QLabel *m_summaryLabel;
    QTreeWidget *m_testList;
    QLabel *m_remedyLabel;
};

} // namespace bp::ui
