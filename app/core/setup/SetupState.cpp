// SPDX-License-Identifier: Apache-2.0
#include "setup/SetupState.h"

namespace bp {

void SetupState::setDetected(const AemInstance &detected, const QDate &today)
{
    instance = detected;
    decision = RouteSelector::select(instance, today);
    emit changed();
}

} // namespace bp
