// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "aem/AemConnection.h"
#include "cli/CliContext.h"
#include "errors/Result.h"
#include "services/SavedConnection.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

#include <optional>

namespace bp::cli {

// The options every command that talks to AEM takes, and how they become one AemConnection: a saved profile
// (with its secrets from the keychain) as the base, explicit options on top, the trusted certificates and
// the session's --trust-fingerprint, the network options.
class ConnectionOptions
{
    Q_DECLARE_TR_FUNCTIONS(ConnectionOptions)

public:
    ConnectionOptions();
    void addTo(QCommandLineParser &parser) const;

    // Reads the secret (stdin, BPSETUP_AEM_PASSWORD, the profile's keychain entry, or a prompt on a
    // terminal). Errors are the ones to report as they are.
    Result<AemConnection> resolve(const QCommandLineParser &parser, CliContext &ctx);

    // Set by resolve() when --profile was given.
    const std::optional<SavedConnection> &saved() const { return m_saved; }
    // What --trust-fingerprint gave: host:port -> pin (normalised), to remember once a connection worked.
    const QHash<QString, QString> &newPins() const { return m_newPins; }
    // After a successful connection: saves each --trust-fingerprint whose certificate answered (pinsUsed:
    // host:port -> pin, from the reads that succeeded with it).
    void rememberTrust(CliContext &ctx, const QHash<QString, QString> &pinsUsed);
    void rememberTrust(CliContext &ctx, const AemConnection &, const QHash<QString, QString> &pinsUsed)
    {
        rememberTrust(ctx, pinsUsed);
    }
    // Every --trust-fingerprint value, checked: "SHA256" is for primary (the AEM server, or IMS for
    // validate), "HOST[:PORT]=SHA256" for any host. Also sets newPins(). A usage error otherwise.
    Result<QHash<QString, QString>> trustedPins(const QCommandLineParser &parser, const QUrl &primary);

    const QCommandLineOption aem;
    const QCommandLineOption user;
    const QCommandLineOption passwordStdin;
    const QCommandLineOption tokenStdin;
    const QCommandLineOption caFile;
    const QCommandLineOption trust;
    const QCommandLineOption proxy;
    const QCommandLineOption timeout;
    const QCommandLineOption profile;

private:
    std::optional<SavedConnection> m_saved;
    QHash<QString, QString> m_newPins;
};

// --timeout for any command: milliseconds, or the usage error.
Result<int> timeoutOption(const QCommandLineParser &parser, const QCommandLineOption &option, int defaultMs);

} // namespace bp::cli
