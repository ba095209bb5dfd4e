// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QCoreApplication>

#include "cli/CliContext.h"

#include <QStringList>

namespace bp {
struct AemInstance;
struct CertificateInfo;
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

    // Shown when a run failed on an untrusted certificate (shared by every command that connects to AEM).
    static QJsonObject certificateJson(const CertificateInfo &certificate);
    static void printCertificate(CliContext &ctx, const CertificateInfo &certificate);
    // For a failed read: the untrusted certificate the detector met (printed, and as the JSON "certificate"
    // member), or an empty object.
    static QJsonObject untrustedCertificateExtra(CliContext &ctx, const InstanceDetector *detector);

private:
    void printHuman(const AemInstance &instance, const RouteDecision &decision);
    CliContext &m_ctx;
};

} // namespace bp::cli
