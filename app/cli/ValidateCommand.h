// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "cli/CliContext.h"
#include "credentials/Credential.h"
#include "errors/Result.h"

#include <QDate>

#include <QCoreApplication>
#include <QStringList>

namespace bp::cli {

// A Developer Console credential file, refusing the files people mix up with it (a key, a certificate), by
// their content. Shared by every command that takes --credentials.
Result<Credential> readCredentialFile(const QString &path, const QDate &today);

// `bpsetup validate`: checks Developer Console credentials directly against Adobe IMS.
class ValidateCommand
{
    Q_DECLARE_TR_FUNCTIONS(ValidateCommand)

public:
    explicit ValidateCommand(CliContext &ctx) : m_ctx(ctx) {}
    int run(const QStringList &arguments);

private:
    CliContext &m_ctx;
};

} // namespace bp::cli
