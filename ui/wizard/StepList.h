// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QListWidget>

namespace bp::ui {

// The wizard's side list of steps (as Microsoft's Entra Connect wizard has): the steps of the path the user
// is on, the current one marked by an arrow and bold type, the ones done by a check mark (never by colour
// alone). Not focusable: it shows where the user is; the wizard's buttons move.
class StepList : public QListWidget
{
    Q_OBJECT
public:
    struct Step
    {
        QString name;
        bool done = false;
        bool current = false;
    };

    explicit StepList(QWidget *parent = nullptr);

    void setSteps(const QList<Step> &steps);
    QSize sizeHint() const override;
};

} // namespace bp::ui
