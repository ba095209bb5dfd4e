// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "apply/CreateSession.h"
#include "cli/CliContext.h"
#include "cli/ConnectionOptions.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>

namespace bp::cli {

// The options `plan` and `apply` share (the credential, the tenant, IMS, the version override, the recipe
// and the connection), and how they become CreateInputs.
class CreateOptions
{
    Q_DECLARE_TR_FUNCTIONS(CreateOptions)
public:
    CreateOptions();
    void addTo(QCommandLineParser &parser) const;
    // command names the --help hint in usage errors.
    Result<CreateInputs> resolve(const QCommandLineParser &parser, CliContext &ctx, const QString &command);

    const QCommandLineOption credentials;
    const QCommandLineOption tenant;
    const QCommandLineOption imsUrl;
    const QCommandLineOption version;
    const QCommandLineOption recipe;
    const QCommandLineOption hotfixPackage;
    const QCommandLineOption rotateSecret;
    const QCommandLineOption waitForIdle;
    const QCommandLineOption removeJwtKeyAlias;
    ConnectionOptions connection;
};

Error usageError(const QString &message);

} // namespace bp::cli
