// SPDX-License-Identifier: Apache-2.0
#include "sim/SimConnection.h"

#include <QTcpSocket>
#include <QTimer>

namespace bp::sim {

namespace {

constexpr qint64 OversizeChunkBytes = 64 * 1024;
// Bytes we let queue in the socket before waiting for bytesWritten; keeps memory flat while streaming.
constexpr qint64 OversizeHighWater = 4 * OversizeChunkBytes;
// The read buffer cap makes Qt stop reading from the kernel while a request is being answered.
constexpr qint64 SocketReadBufferBytes = 2 * 1024 * 1024;
constexpr int DrainTimeoutMs = 10000;

const QByteArray &oversizeChunk()
{
    // One shared, implicitly shared chunk: writing it 1024 times never holds more than a few chunks.
    static const QByteArray chunk = [] {
        QByteArray c;
        c.reserve(OversizeChunkBytes);
        const QByteArray line = QByteArrayLiteral("<p>bpsetup simulator: oversize fault padding</p>\n");
        while (c.size() + line.size() <= OversizeChunkBytes)
            c += line;
        c += QByteArray(OversizeChunkBytes - c.size(), ' ');
        return c;
    }();
    return chunk;
}

} // namespace

SimConnection::SimConnection(QTcpSocket *socket, Handler handler, RejectLogger rejectLogger, int latencyMs,
                             Clock &latencyClock, QObject *parent)
    : QObject(parent), m_socket(socket), m_handler(std::move(handler)),
      m_rejectLogger(std::move(rejectLogger)), m_latencyMs(latencyMs), m_latencyClock(&latencyClock)
{
    socket->setParent(this);
    socket->setReadBufferSize(SocketReadBufferBytes);
    connect(socket, &QTcpSocket::readyRead, this, &SimConnection::onReadyRead);
    connect(socket, &QTcpSocket::bytesWritten, this, &SimConnection::onBytesWritten);
    connect(socket, &QTcpSocket::disconnected, this, &QObject::deleteLater);
    // Data may already be waiting (a TLS socket is handed over after its handshake).
    QTimer::singleShot(0, this, &SimConnection::onReadyRead);
}

SimConnection::~SimConnection()
{
    if (m_socket)
        m_socket->abort();
}

void SimConnection::onReadyRead()
{
    if (!m_socket)
        return;
    switch (m_phase) {
    case Phase::Idle:
        m_buffer += m_socket->readAll();
        processBuffer();
        break;
    case Phase::Hung:
        // Keep reading so the client's writes never block, but never answer.
        m_socket->readAll();
        break;
    case Phase::Draining: {
        m_drainRemaining -= m_socket->readAll().size();
        if (m_drainRemaining <= 0)
            closeConnection();
        break;
    }
    case Phase::Waiting:
    case Phase::Streaming:
    case Phase::Closing:
        // Leave further requests in the socket until the current answer is out (no pipelined answers).
        break;
    }
}

void SimConnection::processBuffer()
{
    if (m_phase != Phase::Idle || !m_socket)
        return;
    const SimHttpParser::Status status = m_parser.parse(m_buffer);
    if (status == SimHttpParser::Status::NeedMore)
        return;

    m_phase = Phase::Waiting;
    if (status == SimHttpParser::Status::Error) {
        const SimHttpRequest partial = m_parser.request();
        const int code = m_parser.errorStatus();
        if (m_rejectLogger)
            m_rejectLogger(partial, code);
        SimHttpResponse response = SimHttpResponse::html(
            code, "<html><head><title>" + QByteArray::number(code) + ' ' +
                      SimHttpResponse::reasonPhrase(code) + "</title></head><body><h1>" +
                      SimHttpResponse::reasonPhrase(code) + "</h1><p>" + m_parser.errorReason() +
                      "</p></body></html>");
        response.close = true;
        const qint64 drain = code == 413 ? m_parser.declaredBodyLength() - m_parser.bufferedBodyLength() : 0;
        m_buffer.clear();
        auto send = [this, response, drain] {
            deliver(response, false, false);
            if (drain > 0 && m_socket && m_phase == Phase::Closing) {
                // Closing with unread input makes the kernel send RST, which can destroy the 413 before
                // the client reads it; swallow the announced body first (bounded by a timeout).
                m_phase = Phase::Draining;
                m_drainRemaining = drain;
                m_drainTimer = new QTimer(this);
                m_drainTimer->setSingleShot(true);
                connect(m_drainTimer, &QTimer::timeout, this, &SimConnection::closeConnection);
                m_drainTimer->start(DrainTimeoutMs);
                onReadyRead();
            } else if (m_phase == Phase::Closing) {
                closeConnection();
            }
        };
        if (m_latencyMs > 0)
            m_latencyTimer = m_latencyClock->startTimer(m_latencyMs, send, TimerKind::Wait);
        else
            send();
        return;
    }

    const SimHttpRequest request = m_parser.request();
    m_buffer.remove(0, m_parser.consumed());
    const SimHttpResponse response = m_handler(request);
    if (response.kind == SimHttpResponse::Kind::Hang) {
        m_phase = Phase::Hung;
        m_buffer.clear();
        return;
    }
    const bool keepAlive = request.keepAlive() && !response.close;
    const bool headOnly = request.method == "HEAD";
    auto send = [this, response, keepAlive, headOnly] {
        deliver(response, keepAlive, headOnly);
        if (m_phase == Phase::Closing)
            closeConnection();
    };
    // A timer per answer, not a sleep: other connections keep being served while this one waits.
    if (m_latencyMs > 0)
        m_latencyTimer = m_latencyClock->startTimer(m_latencyMs, send, TimerKind::Wait);
    else
        send();
}

void SimConnection::deliver(const SimHttpResponse &response, bool keepAlive, bool headOnly)
{
    if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState) {
        m_phase = Phase::Closing;
        return;
    }
    if (response.kind == SimHttpResponse::Kind::Oversize) {
        m_socket->write(response.head(SimHttpResponse::OversizeBytes, keepAlive));
        m_streamRemaining = headOnly ? 0 : SimHttpResponse::OversizeBytes;
        m_streamKeepAlive = keepAlive;
        m_phase = Phase::Streaming;
        writeOversizeChunks();
        return;
    }
    m_socket->write(response.head(response.body.size(), keepAlive));
    if (!headOnly)
        m_socket->write(response.body);
    afterResponse(keepAlive);
}

void SimConnection::afterResponse(bool keepAlive)
{
    if (!keepAlive) {
        m_phase = Phase::Closing;
        return;
    }
    m_phase = Phase::Idle;
    // The next request may already be buffered; handle it from the event loop to keep stacks shallow.
    QTimer::singleShot(0, this, &SimConnection::onReadyRead);
}

void SimConnection::writeOversizeChunks()
{
    if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState)
        return; // the client went away: stop producing data
    while (m_streamRemaining > 0 && m_socket->bytesToWrite() < OversizeHighWater) {
        const QByteArray &chunk = oversizeChunk();
        const qint64 n = qMin<qint64>(m_streamRemaining, chunk.size());
        m_socket->write(n == chunk.size() ? chunk : chunk.left(n));
        m_streamRemaining -= n;
    }
    if (m_streamRemaining == 0) {
        afterResponse(m_streamKeepAlive);
        if (m_phase == Phase::Closing)
            closeConnection();
    }
}

void SimConnection::onBytesWritten()
{
    if (m_phase == Phase::Streaming)
        writeOversizeChunks();
}

void SimConnection::closeConnection()
{
    if (m_drainTimer)
        m_drainTimer->stop();
    m_phase = Phase::Closing;
    // disconnectFromHost flushes pending output first; disconnected() then deletes this object.
    if (m_socket && m_socket->state() != QAbstractSocket::UnconnectedState)
        m_socket->disconnectFromHost();
    else
        deleteLater();
}

} // namespace bp::sim
