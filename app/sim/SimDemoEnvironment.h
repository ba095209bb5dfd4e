// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "demo/DemoEnvironment.h"
#include "sim/Simulator.h"

namespace bp::sim {

// The simulator as demo mode sees it (DemoEnvironment): the wizard reaches it only through this interface.
class SimDemoEnvironment : public DemoEnvironment
{
public:
    explicit SimDemoEnvironment(Simulator &simulator) : m_simulator(simulator) {}
    QUrl aemUrl() const override { return m_simulator.aemUrl(); }
    QUrl imsUrl() const override { return m_simulator.imsUrl(); }
    QString demoUser() const override { return m_simulator.options().user; }
    SecretString demoPassword() const override { return SecretString(m_simulator.options().password); }
    QString tenant() const override { return m_simulator.options().tenant; }
    Result<QStringList> writeCredentialFiles(const QString &dir) override
    {
        return m_simulator.writeCredentialFiles(dir);
    }

private:
    Simulator &m_simulator;
};

} // namespace bp::sim
