// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "errors/Result.h"
#include "secrets/SecretString.h"

#include <QIODevice>
#include <QJsonObject>
#include <QTextStream>

namespace bp::cli {

// Streams injected so tests can run commands in-process; stdout carries results only, stderr diagnostics.
struct CliContext
{
    QTextStream &out;
    QTextStream &err;
    QIODevice *in = nullptr; // stdin, for --password-stdin and friends
    bool json = false;

    void printJson(const QJsonObject &object);
    // Prints the error (human text on stderr; with --json also one object on stdout) and returns its exit
    // code.
    int fail(const Error &error, const QJsonObject &extra = {});
    // Reads one secret line from `in` (trailing CR/LF removed); on a terminal it shows prompt on stderr and
    // turns echo off while the user types.
    bool readSecretLine(SecretString *secret, const QString &prompt = QString());
    bool stdinIsTerminal() const;

    // Reads a small input file (credential JSON, PEM): InvalidInput naming `what` when it cannot be read or
    // is over 1 MiB, which no credential or key file is.
    static Result<QByteArray> readInputFile(const QString &path, const QString &what);
};

} // namespace bp::cli
