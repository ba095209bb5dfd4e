// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QCoreApplication>

#include "cli/CliContext.h"

#include <QStringList>

namespace bp {
struct AemInstance;
struct RouteDecision;
} // namespace bp

namespace bp {
class InstanceDetector;
}

namespace bp::cli {

// `bpsetup detect`: reads the instance model and prints the route.
class DetectCommand
{
    Q_DECLARE_TR_FUNCTIONS(DetectCommand)

public:
    explicit DetectCommand(CliContext &ctx) : m_ctx(ctx) {}
    int run(const QStringList &arguments);

    // A failed read's error, with the untrusted certificate the detector met when the error does not carry it
    // already (CliContext::fail shows it and how to trust it).
    static Error withUntrustedCertificate(Error error, const InstanceDetector *detector);

private:
    void printHuman(const AemInstance &instance, const RouteDecision &decision);
    CliContext &m_ctx;
};

} // namespace bp::cli
