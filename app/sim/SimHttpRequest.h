// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QUrlQuery>

namespace bp::sim {

// One parsed HTTP/1.x request as the simulator's handlers see it.
struct SimHttpRequest
{
    QByteArray method;  // as sent, e.g. "GET"
    QByteArray target;  // path and query, exactly as received
    QByteArray version; // "HTTP/1.0" or "HTTP/1.1"
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    // The raw path (still percent-encoded) and the raw query without '?'.
    QByteArray rawPath() const;
    QByteArray rawQuery() const;
    // The percent-decoded path, used to address repository nodes.
    QString decodedPath() const;
    QUrlQuery query() const;

    // Header lookup is case-insensitive (RFC 9110 section 5.1); returns the first match.
    QByteArray header(const QByteArray &name) const;
    bool hasHeader(const QByteArray &name) const;
    // HTTP/1.1 defaults to keep-alive, HTTP/1.0 to close (RFC 9112 section 9.3).
    bool keepAlive() const;
    bool isWrite() const;
};

} // namespace bp::sim
