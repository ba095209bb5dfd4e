// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "errors/Result.h"
#include "io/BoundedFile.h"
#include "secrets/SecretString.h"

#include <QCommandLineParser>
#include <QIODevice>
#include <QJsonObject>
#include <QTextStream>

#include <memory>
#include <optional>

namespace bp {
struct CertificateInfo;
class Clock;
class ProfileManager;
class SecretStore;
class Task;
} // namespace bp

namespace bp::cli {

// What a command needs from the outside world, injectable so tests run commands in-process: the clock, the
// keychain, where the profiles and trusted certificates live, and whether stdin is a terminal. Defaults are
// the real ones.
struct CliEnvironment
{
    Clock *clock = nullptr;               // null: the system clock
    SecretStore *secretStore = nullptr;   // null: the OS keychain (created on first use); not owned
    QString profilesPath;                 // empty: ProfileStore::defaultPath()
    QString trustStorePath;               // empty: TrustStore::defaultPath()
    QString backupsPath;                  // empty: BackupStore::defaultRoot()
    std::optional<bool> stdinIsTerminal;  // unset: ask the operating system
    std::optional<bool> stderrIsTerminal; // unset: ask the operating system (progress lines redraw there)
};

// One command run: streams (stdout carries results only, stderr diagnostics), the environment, and the
// helpers every command uses the same way.
class CliContext
{
public:
    CliContext(QIODevice *out, QIODevice *err, QIODevice *in, CliEnvironment environment, bool json);
    ~CliContext();

    QTextStream out;
    QTextStream err;
    QIODevice *in = nullptr; // stdin, for --password-stdin and friends
    const bool json;

    Clock &clock() const;
    SecretStore &secrets();
    ProfileManager &profiles();
    QString trustStorePath() const;
    QString backupsPath() const;

    void printJson(const QJsonObject &object);
    // Prints the error (human text and its remedy on stderr; with --json also one object on stdout) and
    // returns its exit code. extra goes into the JSON "error" object, topLevel beside it. An error with an
    // untrusted certificate (any host: AEM, Adobe IMS, a proxy) shows it too, with the option that trusts
    // it, and puts it in the JSON "error" object as "certificate".
    int fail(const Error &error, const QJsonObject &extra = {}, const QJsonObject &topLevel = {});
    // A server certificate nobody trusted yet, on stderr: which host, subject, issuer, validity, the SHA-256
    // fingerprint, and the --trust-fingerprint value that trusts exactly it for exactly that host.
    void printCertificate(const CertificateInfo &certificate);
    // The same as JSON: host, peer, subject, issuer, sha256 (bare hex), notBefore/notAfter (ISO 8601, UTC),
    // selfSigned, trustFingerprint (the option's value).
    static QJsonObject certificateJson(const CertificateInfo &certificate);
    // "bpsetup: <text>" on stderr.
    void warn(const QString &text);
    // Reads one secret line from `in` (trailing CR/LF removed); on a terminal it shows prompt on stderr and
    // turns echo off while the user types.
    bool readSecretLine(SecretString *secret, const QString &prompt = QString());
    bool stdinIsTerminal() const;
    bool stderrIsTerminal() const;
    // Asks a yes/no question on a terminal (stderr, answer from `in`); false when the answer is not yes or
    // there is no terminal to ask on.
    bool confirm(const QString &question);
    // A small input file, with its kind's cap; InvalidInput naming the file otherwise.
    static Result<QByteArray> readInputFile(const QString &path, InputFileKind kind);

    // Prints the parser's help with "bpsetup <command>" in its usage line.
    void printHelp(const QCommandLineParser &parser, const QString &command);

    // Starts the task and runs an event loop until it finished (commands are synchronous to the caller).
    void run(Task &task);
    // Progress of a task as lines on stderr ("[done/total] label"), unless the output is JSON.
    void printProgress(Task &task);

private:
    std::unique_ptr<QIODevice> m_safeOut;
    std::unique_ptr<QIODevice> m_safeErr;
    CliEnvironment m_env;
    std::unique_ptr<SecretStore> m_ownedSecrets;
    std::unique_ptr<ProfileManager> m_profiles;
};

} // namespace bp::cli
