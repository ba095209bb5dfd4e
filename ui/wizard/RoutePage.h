// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "wizard/BasePage.h"

class QButtonGroup;
class QFrame;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace bp::ui {

class DetailText;

// Shows the routing table with the detected row and the recommended cell, what was detected and why that
// route applies. On the create path it also shows what the core's prerequisites (SetupState::
// instancePrerequisites) say must happen first: a blocked route is not recommended and Next stays disabled.
// There it asks for the Brand Portal tenant (when detection found none) and, on AEM 6.5.11.0-6.5.20.0
// without the hotfix, offers to choose the hotfix package; validatePage() writes both to SetupState.
// Below the table, the actions SetupActions::offered() gives for the instance (Create; Upgrade, Keep, Rotate
// secret; the Cloud Service checklist), the recommended one chosen; the choice goes to SetupState::action and
// decides the next page.
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
    // A version for a narrow table cell: zero-width spaces after its dots and dashes, so a Cloud Service
    // release such as 2025.11.23482.20251118T154426Z-251100 wraps instead of being cut off. Display only:
    // tooltips, accessible text and the selectable labels keep the version as it is.
    static QString breakableVersion(const QString &version);

    explicit RoutePage(SetupState *state, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

public slots:
    // What the "Hotfix package…" file chooser sets (empty: none).
    void setHotfixPackagePath(const QString &path);
    void chooseHotfixPackage();

protected:
    void buildUi() override;
    void retranslate() override;

private:
    void fillTable();
    void fillDetails();
    void fitTableHeight();
    void fillCreatePanel();
    void fillActions();
    void chooseAction(int actionId);
    bool isCreateRoute() const;
    bool createBlocked() const;

    QLabel *m_tableCaption;
    QGroupBox *m_actionsBox;
    QButtonGroup *m_actions;
    QLabel *m_actionReason;
    QTableWidget *m_table;
    QLabel *m_problemsLabel;     // the findings, first: what needs attention before the evidence
    DetailText *m_detectedLabel; // deployment, version, OAuth support, configuration
    DetailText *m_evidenceLabel; // the version sources and where they disagree
    QLabel *m_reasonLabel;
    QPushButton *m_chooseVersionButton;
    QFrame *m_blockedPanel;
    QLabel *m_blockedLabel;
    QWidget *m_hotfixRow;
    QPushButton *m_hotfixButton;
    QLabel *m_hotfixPathLabel;
    QLabel *m_hotfixError;
    QWidget *m_tenantRow;
    QLabel *m_tenantLabel;
    QLineEdit *m_tenantEdit;
    QLabel *m_tenantError;
    QString m_hotfixPath; // chosen here; written to SetupState at once (the prerequisites depend on it)
};

} // namespace bp::ui
