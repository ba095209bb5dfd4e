// SPDX-License-Identifier: Apache-2.0
#include "cli/CliContext.h"

#include "cli/ExitCode.h"

#include <QJsonDocument>

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

bool CliContext::readSecretLine(SecretString *secret)
{
    if (!in)
        return false;
    QByteArray line = in->readLine(64 * 1024);
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    *secret = SecretString::fromUtf8(line);
    line.fill('\0');
    return !secret->isEmpty();
}

} // namespace bp::cli
