// SPDX-License-Identifier: Apache-2.0
#include "sim/SimHttpParser.h"

namespace bp::sim {

namespace {

// Finds the end of the head. Accepts bare LF line ends too (RFC 9112 section 2.2 allows recipients to).
qsizetype headEnd(const QByteArray &buffer, qsizetype *bodyStart)
{
    const qsizetype crlf = buffer.indexOf("\r\n\r\n");
    const qsizetype lf = buffer.indexOf("\n\n");
    if (crlf >= 0 && (lf < 0 || crlf < lf)) {
        *bodyStart = crlf + 4;
        return crlf;
    }
    if (lf >= 0) {
        *bodyStart = lf + 2;
        return lf;
    }
    return -1;
}

} // namespace

bool SimHttpParser::isToken(const QByteArray &text)
{
    if (text.isEmpty())
        return false;
    static const QByteArray extra = QByteArrayLiteral("!#$%&'*+-.^_`|~");
    for (const char c : text) {
        const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (!alnum && !extra.contains(c))
            return false;
    }
    return true;
}

SimHttpParser::Status SimHttpParser::fail(int status, const QByteArray &reason)
{
    m_errorStatus = status;
    m_errorReason = reason;
    return Status::Error;
}

SimHttpParser::Status SimHttpParser::parse(const QByteArray &buffer)
{
    m_request = SimHttpRequest();
    m_consumed = 0;
    m_errorStatus = 0;
    m_errorReason.clear();
    m_declaredBodyLength = 0;
    m_bufferedBodyLength = 0;

    // Tolerate empty lines before the request line (RFC 9112 section 2.2).
    qsizetype start = 0;
    while (start < buffer.size() && (buffer.at(start) == '\r' || buffer.at(start) == '\n'))
        ++start;
    const QByteArray data = buffer.mid(start);
    if (data.isEmpty())
        return Status::NeedMore;
    // A request line starts with a method token. Anything else (a TLS ClientHello sent to this plain port,
    // binary noise) is answered at once, as real servers do, instead of waiting for a head that never comes.
    const qsizetype firstSpace = data.indexOf(' ');
    const QByteArray method = data.left(firstSpace < 0 ? qMin<qsizetype>(data.size(), 16) : firstSpace);
    if (!isToken(method) || (firstSpace < 0 && data.size() > 16))
        return fail(400, QByteArrayLiteral("not an HTTP request"));

    qsizetype bodyStart = 0;
    const qsizetype end = headEnd(data, &bodyStart);
    if (end < 0) {
        if (data.size() > MaxHeadBytes)
            return fail(431, QByteArrayLiteral("request head too large"));
        return Status::NeedMore;
    }
    if (end > MaxHeadBytes)
        return fail(431, QByteArrayLiteral("request head too large"));

    QList<QByteArray> lines = data.left(end).split('\n');
    for (QByteArray &line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
    }

    const QList<QByteArray> parts = lines.first().split(' ');
    if (parts.size() != 3)
        return fail(400, QByteArrayLiteral("malformed request line"));
    m_request.method = parts.at(0);
    m_request.target = parts.at(1);
    m_request.version = parts.at(2);
    if (!isToken(m_request.method))
        return fail(400, QByteArrayLiteral("malformed method"));
    // Absolute form ("GET http://host:port/path"), as sent through an HTTP proxy, must be accepted too
    // (RFC 9112 section 3.2.2); the authority is ours, so only the path and query matter.
    for (const QByteArray &scheme : {QByteArrayLiteral("http://"), QByteArrayLiteral("https://")}) {
        if (m_request.target.startsWith(scheme)) {
            const qsizetype slash = m_request.target.indexOf('/', scheme.size());
            m_request.target = slash < 0 ? QByteArrayLiteral("/") : m_request.target.mid(slash);
        }
    }
    if (!m_request.target.startsWith('/'))
        return fail(400,
                    QByteArrayLiteral("only origin-form and absolute-form request targets are supported"));
    for (const char c : std::as_const(m_request.target)) {
        if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7f)
            return fail(400, QByteArrayLiteral("invalid character in request target"));
    }
    if (m_request.version != "HTTP/1.1" && m_request.version != "HTTP/1.0")
        return fail(400, QByteArrayLiteral("unsupported HTTP version"));

    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        // Obsolete line folding is a known request-smuggling vector; RFC 9112 section 5.2 allows rejecting
        // it.
        if (line.startsWith(' ') || line.startsWith('\t'))
            return fail(400, QByteArrayLiteral("obsolete header folding"));
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return fail(400, QByteArrayLiteral("malformed header line"));
        const QByteArray name = line.left(colon);
        if (!isToken(name))
            return fail(400, QByteArrayLiteral("malformed header name"));
        m_request.headers.append({name, line.mid(colon + 1).trimmed()});
    }

    if (m_request.version == "HTTP/1.1" && !m_request.hasHeader(QByteArrayLiteral("Host")))
        return fail(400, QByteArrayLiteral("missing Host header"));

    // Chunked uploads are not needed by any client of the simulator; refuse rather than misparse them.
    if (m_request.hasHeader(QByteArrayLiteral("Transfer-Encoding")))
        return fail(501, QByteArrayLiteral("Transfer-Encoding is not supported"));

    qint64 length = 0;
    int lengthHeaders = 0;
    for (const auto &h : std::as_const(m_request.headers)) {
        if (h.first.compare("Content-Length", Qt::CaseInsensitive) != 0)
            continue;
        ++lengthHeaders;
        bool ok = false;
        const qint64 value = h.second.toLongLong(&ok);
        if (!ok || value < 0 || h.second.startsWith('+'))
            return fail(400, QByteArrayLiteral("invalid Content-Length"));
        if (lengthHeaders > 1 && value != length)
            return fail(400, QByteArrayLiteral("conflicting Content-Length headers"));
        length = value;
    }
    if (length > MaxBodyBytes) {
        m_declaredBodyLength = length;
        m_bufferedBodyLength = data.size() - bodyStart;
        return fail(413, QByteArrayLiteral("request body above 1 MiB"));
    }
    if (data.size() - bodyStart < length)
        return Status::NeedMore;

    m_request.body = data.mid(bodyStart, length);
    m_consumed = start + bodyStart + length;
    return Status::Complete;
}

} // namespace bp::sim
