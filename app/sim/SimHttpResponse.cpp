// SPDX-License-Identifier: Apache-2.0
#include "sim/SimHttpResponse.h"

#include <QLocale>

namespace bp::sim {

SimHttpResponse SimHttpResponse::make(int status, const QByteArray &contentType, const QByteArray &body)
{
    SimHttpResponse r;
    r.status = status;
    r.contentType = contentType;
    r.body = body;
    return r;
}

SimHttpResponse SimHttpResponse::html(int status, const QByteArray &body)
{
    return make(status, QByteArrayLiteral("text/html;charset=utf-8"), body);
}

SimHttpResponse SimHttpResponse::json(int status, const QByteArray &body)
{
    return make(status, QByteArrayLiteral("application/json;charset=utf-8"), body);
}

SimHttpResponse &SimHttpResponse::withHeader(const QByteArray &name, const QByteArray &value)
{
    headers.append({name, value});
    return *this;
}

QByteArray SimHttpResponse::head(qint64 contentLength, bool keepAlive) const
{
    QByteArray out;
    out.reserve(256);
    out += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    out += "Date: " + httpDate(date.isValid() ? date : QDateTime::currentDateTimeUtc()) + "\r\n";
    out +=
        "Content-Type: " + (contentType.isEmpty() ? QByteArrayLiteral("text/plain") : contentType) + "\r\n";
    out += "Content-Length: " + QByteArray::number(contentLength) + "\r\n";
    for (const auto &h : headers)
        out += h.first + ": " + h.second + "\r\n";
    out += keepAlive ? QByteArrayLiteral("Connection: keep-alive\r\n")
                     : QByteArrayLiteral("Connection: close\r\n");
    out += "\r\n";
    return out;
}

QByteArray SimHttpResponse::reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return QByteArrayLiteral("OK");
    case 302:
        return QByteArrayLiteral("Found");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 401:
        return QByteArrayLiteral("Unauthorized");
    case 403:
        return QByteArrayLiteral("Forbidden");
    case 404:
        return QByteArrayLiteral("Not Found");
    case 405:
        return QByteArrayLiteral("Method Not Allowed");
    case 413:
        return QByteArrayLiteral("Content Too Large");
    case 431:
        return QByteArrayLiteral("Request Header Fields Too Large");
    case 500:
        return QByteArrayLiteral("Internal Server Error");
    case 501:
        return QByteArrayLiteral("Not Implemented");
    default:
        return QByteArrayLiteral("Unknown");
    }
}

QByteArray SimHttpResponse::httpDate(const QDateTime &time)
{
    // QLocale::c() keeps day and month names English regardless of the user's locale.
    return QLocale::c().toString(time.toUTC(), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'")).toLatin1();
}

} // namespace bp::sim
