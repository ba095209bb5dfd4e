// SPDX-License-Identifier: Apache-2.0
#include "sim/SimHttpRequest.h"

#include <QUrl>

namespace bp::sim {

QByteArray SimHttpRequest::rawPath() const
{
    const qsizetype q = target.indexOf('?');
    return q < 0 ? target : target.left(q);
}

QByteArray SimHttpRequest::rawQuery() const
{
    const qsizetype q = target.indexOf('?');
    return q < 0 ? QByteArray() : target.mid(q + 1);
}

QString SimHttpRequest::decodedPath() const
{
    return QUrl::fromPercentEncoding(rawPath());
}

QUrlQuery SimHttpRequest::query() const
{
    // '+' means space in form-style queries; QUrlQuery leaves it alone, so translate it first.
    QByteArray q = rawQuery();
    q.replace('+', QByteArrayLiteral("%20"));
    return QUrlQuery(QString::fromLatin1(q));
}

QByteArray SimHttpRequest::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

bool SimHttpRequest::hasHeader(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool SimHttpRequest::keepAlive() const
{
    const QByteArray connection = header(QByteArrayLiteral("Connection")).toLower();
    const QList<QByteArray> tokens = connection.split(',');
    for (const QByteArray &token : tokens) {
        const QByteArray t = token.trimmed();
        if (t == "close")
            return false;
        if (t == "keep-alive")
            return true;
    }
    return version == "HTTP/1.1";
}

bool SimHttpRequest::isWrite() const
{
    return method == "POST" || method == "PUT" || method == "DELETE" || method == "PATCH";
}

} // namespace bp::sim
