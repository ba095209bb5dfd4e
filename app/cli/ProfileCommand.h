// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "cli/CliContext.h"

#include <QCoreApplication>
#include <QStringList>

class QCommandLineParser;

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
    int list(const QStringList &arguments);
    int show(const QStringList &arguments);
    int save(const QStringList &arguments);
    int rename(const QStringList &arguments);
    int remove(const QStringList &arguments);
    // Parses a subcommand's arguments: unknown options and a wrong number of NAMEs are usage errors. Returns
    // -1 when the caller may go on, else the exit code (help printed, or the usage error).
    int parse(QCommandLineParser &parser, const QStringList &arguments, int names, const QString &usageLine);
    QString help() const;

    CliContext &m_ctx;
};

} // namespace bp::cli
