// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "aem/AemInstance.h"
#include "aem/InstanceDetector.h"
#include "setup/RouteSelector.h"

#include <QObject>

namespace bp {

// What the user is doing, shared by the wizard pages and the CLI. Pages read it in initializePage() and
// write it in validatePage(); they never talk to each other.
class SetupState : public QObject
{
    Q_OBJECT
public:
    enum class Mode
    {
        Setup,
        Diagnose
    };
    Q_ENUM(Mode)

    explicit SetupState(QObject *parent = nullptr) : QObject(parent) {}

    Mode mode = Mode::Setup;
    AemConnection connection;
    AemInstance instance;
    RouteDecision decision;
    bool demo = false;

    // Stores a detection result and the route that follows from it.
    void setDetected(const AemInstance &detected, const QDate &today);

signals:
    void changed();
};

} // namespace bp
