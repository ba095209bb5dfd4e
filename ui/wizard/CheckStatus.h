// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "verify/VerifyTask.h"

#include <QCoreApplication>
#include <QStyle>

namespace bp::ui {

// How a check's result is shown in the wizard's check lists (Verify, Diagnose): words and a symbol, with a
// standard icon beside them, never colour alone.
class CheckStatus
{
    Q_DECLARE_TR_FUNCTIONS(CheckStatus)
public:
    static QString text(VerifyCheck::Status status)
    {
        switch (status) {
        case VerifyCheck::Pass:
            return tr("✔ Passed");
        case VerifyCheck::Fail:
            return tr("✖ Failed");
        case VerifyCheck::Warn:
            return tr("⚠ Warning");
        case VerifyCheck::Skip:
            return tr("– Skipped");
        }
        return QString();
    }
    static QStyle::StandardPixmap icon(VerifyCheck::Status status)
    {
        switch (status) {
        case VerifyCheck::Pass:
            return QStyle::SP_DialogApplyButton;
        case VerifyCheck::Fail:
            return QStyle::SP_MessageBoxCritical;
        case VerifyCheck::Warn:
            return QStyle::SP_MessageBoxWarning;
        case VerifyCheck::Skip:
            return QStyle::SP_MessageBoxInformation;
        }
        return QStyle::SP_MessageBoxInformation;
    }
};

} // namespace bp::ui
