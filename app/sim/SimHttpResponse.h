// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>

namespace bp::sim {

// One answer produced by a handler; SimConnection turns it into bytes on the wire.
struct SimHttpResponse
{
    enum class Kind
    {
        Normal,   // status, headers and body as given
        Hang,     // never answer (fault injection)
        Oversize, // 200 text/html with a 64 MiB body streamed by the connection (fault injection)
    };

    static constexpr qint64 OversizeBytes = 64 * 1024 * 1024;

    Kind kind = Kind::Normal;
    int status = 200;
    QByteArray contentType;
    // The Date header's time; invalid means now. The simulated IMS shifts it for clock-skew scenarios.
    QDateTime date;
    QList<QPair<QByteArray, QByteArray>> headers; // extra headers (Location, WWW-Authenticate, ...)
    QByteArray body;
    bool close = false; // force Connection: close

    static SimHttpResponse make(int status, const QByteArray &contentType, const QByteArray &body);
    static SimHttpResponse html(int status, const QByteArray &body);
    static SimHttpResponse json(int status, const QByteArray &body);

    SimHttpResponse &withHeader(const QByteArray &name, const QByteArray &value);

    // The status line and headers, including Date, Content-Type, Content-Length and Connection.
    QByteArray head(qint64 contentLength, bool keepAlive) const;

    static QByteArray reasonPhrase(int status);
    // RFC 7231 IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"); always English, whatever the locale.
    static QByteArray httpDate(const QDateTime &time);
};

} // namespace bp::sim
