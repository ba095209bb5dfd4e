// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "sim/SimHttpRequest.h"

namespace bp::sim {

// Parses one HTTP/1.x request from the front of a connection's buffer. Stateless: it re-reads the head on
// every call, which is cheap because heads are small and it keeps partial-read handling trivially correct.
class SimHttpParser
{
public:
    enum class Status
    {
        NeedMore, // the request is not complete yet
        Complete, // request() is valid, consumed() bytes belong to it
        Error,    // errorStatus() says how to answer; the connection must close afterwards
    };

    static constexpr qsizetype MaxHeadBytes = 64 * 1024;
    static constexpr qint64 MaxBodyBytes = 1024 * 1024;

    Status parse(const QByteArray &buffer);

    const SimHttpRequest &request() const { return m_request; }
    qsizetype consumed() const { return m_consumed; }
    int errorStatus() const { return m_errorStatus; }
    QByteArray errorReason() const { return m_errorReason; }
    // For 413: how many body bytes the client announced, so the connection can drain them before closing.
    qint64 declaredBodyLength() const { return m_declaredBodyLength; }
    qint64 bufferedBodyLength() const { return m_bufferedBodyLength; }

private:
    Status fail(int status, const QByteArray &reason);
    static bool isToken(const QByteArray &text);

    SimHttpRequest m_request;
    qsizetype m_consumed = 0;
    int m_errorStatus = 0;
    QByteArray m_errorReason;
    qint64 m_declaredBodyLength = 0;
    qint64 m_bufferedBodyLength = 0;
};

} // namespace bp::sim
