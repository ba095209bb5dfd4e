// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "aem/InstanceDetector.h"
#include "cli/CliContext.h"
#include "profiles/Profile.h"
#include "sim/Simulator.h"

#include <QByteArray>
#include <QProcessEnvironment>
#include <QStringList>

#include <memory>

namespace bp::test {

// An admin connection to the simulator's AEM with its own login.
AemConnection adminConnection(const sim::Simulator &simulator);

// Starts a simulator on loopback or fails the calling test (QVERIFY semantics via the returned null).
std::unique_ptr<sim::Simulator> startSimulator(const sim::SimulatorOptions &options);

struct ProcessResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    bool timedOut = false;
    bool crashed = false;

    // For failure messages: how it ended and what it said on stderr.
    QByteArray describe() const;
};

// Compares a bpsetup run's exit code and shows its stderr when it differs.
#define BP_COMPARE_EXIT(result, expected)                                                                    \
    QVERIFY2(                                                                                                \
        (result).exitCode == (expected),                                                                     \
        QByteArray(QByteArray("expected exit ") + QByteArray::number(expected) + ", " + (result).describe()) \
            .constData())

// Runs a CLI command in this process (bp::cli::runCli with buffers), so a simulator or test server in this
// process answers it while the command runs. environment: the keychain, clock, profiles and trust-store paths
// the command uses (tests give a MemorySecretStore, a ManualClock and temporary paths).
ProcessResult runCli(const QStringList &args, const QByteArray &stdinData = QByteArray(),
                     const cli::CliEnvironment &environment = cli::CliEnvironment());

// Runs the real bpsetup executable (path from BPSETUP_EXE, set by CTest) with stdin data.
ProcessResult runBpsetup(const QStringList &args, const QByteArray &stdinData = QByteArray(),
                         const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
                         int timeoutMs = 60000);

// A complete OAuth Server-to-Server profile named `name` (no secrets: those live in the keychain).
Profile sampleProfile(const QString &name);

// A loopback port with nothing listening on it (bound then released).
quint16 unusedLoopbackPort();

} // namespace bp::test
