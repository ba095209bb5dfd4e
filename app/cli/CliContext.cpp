// SPDX-License-Identifier: Apache-2.0
#include "cli/CliContext.h"

#include "cli/ExitCode.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>

#include <termios.h>
#include <unistd.h>

namespace bp::cli {

void CliContext::printJson(const QJsonObject &object)
{
    out << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)) << Qt::endl;
}

int CliContext::fail(const Error &error, const QJsonObject &extra)
{
    const int code = exitCodeFor(error.code);
    err << QStringLiteral("bpsetup: ") << error.userMessage << Qt::endl;
    if (json) {
        QJsonObject e{{QStringLiteral("code"), errorCodeName(error.code)},
                      {QStringLiteral("message"), error.userMessage}};
        if (error.httpStatus)
            e.insert(QStringLiteral("httpStatus"), error.httpStatus);
        for (auto it = extra.begin(); it != extra.end(); ++it)
            e.insert(it.key(), it.value());
        printJson(QJsonObject{
            {QStringLiteral("ok"), false}, {QStringLiteral("exitCode"), code}, {QStringLiteral("error"), e}});
    }
    return code;
}

Result<QByteArray> CliContext::readInputFile(const QString &path, const QString &what)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::InvalidInput,
                     QCoreApplication::translate("bp::cli::CliContext", "Cannot read the %1 %2: %3")
                         .arg(what, path, file.errorString()));
    if (file.size() > 1024 * 1024)
        return Error(ErrorCode::InvalidInput,
                     QCoreApplication::translate("bp::cli::CliContext",
                                                 "The %1 %2 is larger than 1 MiB; that is not a "
                                                 "credential or key file.")
                         .arg(what, path));
    return file.readAll();
}

bool CliContext::stdinIsTerminal() const
{
    return in && ::isatty(STDIN_FILENO) == 1;
}

bool CliContext::readSecretLine(SecretString *secret, const QString &prompt)
{
    if (!in)
        return false;
    // On a terminal, ask without echo; a piped secret is read as it is.
    struct termios saved
    {
    };
    const bool terminal = stdinIsTerminal() && ::tcgetattr(STDIN_FILENO, &saved) == 0;
    if (terminal) {
        err << prompt << Qt::flush;
        struct termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    QByteArray line = in->readLine(64 * 1024);
    if (terminal) {
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        err << Qt::endl;
    }
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    *secret = SecretString::fromUtf8(line);
    line.fill('\0');
    return !secret->isEmpty();
}

} // namespace bp::cli
