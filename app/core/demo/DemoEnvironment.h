// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "errors/Result.h"
#include "secrets/SecretString.h"

#include <QStringList>
#include <QUrl>

namespace bp {

// What demo mode needs from the built-in simulator, so product state never points into the simulator
// library: the addresses it serves, the login it accepts, and its throwaway Developer Console downloads.
// The simulator (bpsetup_sim) implements it; the core and the CLI's other commands never link it.
class DemoEnvironment
{
public:
    virtual ~DemoEnvironment() = default;
    virtual QUrl aemUrl() const = 0;
    virtual QUrl imsUrl() const = 0;
    virtual QString demoUser() const = 0;
    virtual SecretString demoPassword() const = 0;
    // The Brand Portal tenant the simulated credential belongs to (a bare name).
    virtual QString tenant() const = 0;
    // Writes the simulated credential downloads into dir; returns their paths (oauth-s2s-project.json,
    // jwt-project.json with private.key, ...). They hold throwaway secrets: never log them.
    virtual Result<QStringList> writeCredentialFiles(const QString &dir) = 0;
};

} // namespace bp
