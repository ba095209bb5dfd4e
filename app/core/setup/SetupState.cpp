// SPDX-License-Identifier: Apache-2.0
#include "setup/SetupState.h"

#include "time/Clock.h"

namespace bp {

SetupState::SetupState(QObject *parent) : QObject(parent), clock(&Clock::system()) {}

void SetupState::setDetected(const AemInstance &detected, const QDate &today)
{
    instance = detected;
    decision = RouteSelector::select(instance, today);
    emit changed();
}

} // namespace bp
