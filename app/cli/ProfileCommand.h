// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "cli/CliContext.h"

#include <QCoreApplication>
#include <QStringList>

namespace bp {
class SecretStore;
}

namespace bp::cli {

// `bpsetup profile list|show|save|rename|delete`: connection profiles (settings file) and their secrets
// (OS keychain).
class ProfileCommand
{
    Q_DECLARE_TR_FUNCTIONS(ProfileCommand)

public:
    explicit ProfileCommand(CliContext &ctx) : m_ctx(ctx) {}
    int run(const QStringList &arguments);

private:
    int list(bool json);
    int show(const QString &name, bool json);
    int save(const QStringList &arguments);
    int rename(const QString &from, const QString &to);
    int remove(const QString &name, bool yes, bool json);
    QString help() const;

    CliContext &m_ctx;
};

} // namespace bp::cli
