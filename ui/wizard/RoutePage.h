// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "wizard/BasePage.h"

class QLabel;
class QPushButton;
class QTableWidget;

namespace bp::ui {

// Shows the routing table with the detected row and the recommended cell, what was detected and why that
// route applies. Read-only: it only reads SetupState.
class RoutePage : public BasePage
{
    Q_OBJECT
public:
    // Qt::UserRole data on each routeTable item ("detected" row, "recommended" cell) for tests and
    // accessibility tools; the emphasis never relies on colour alone.
    static constexpr int HighlightRole = Qt::UserRole;
    // routeTable column 0 names the deployment; RouteColumn c is shown in table column c + FirstRouteColumn.
    // RouteRow r is table row r.
    static constexpr int FirstRouteColumn = 1;

    explicit RoutePage(SetupState *state, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;

protected:
    void buildUi() override;
    void retranslate() override;

private:
    void fillTable();
    void fillDetails();
    void fitTableHeight();

    QLabel *m_tableCaption;
    QTableWidget *m_table;
    QLabel *m_detectedLabel;
    QLabel *m_reasonLabel;
    QPushButton *m_chooseVersionButton;
};

} // namespace bp::ui
