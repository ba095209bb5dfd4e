// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "sim/SimHttpParser.h"
#include "sim/SimHttpResponse.h"
#include "time/Clock.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QTcpSocket;
class QTimer;

namespace bp::sim {

// One accepted client connection: reads requests one after another (keep-alive), asks the handler for an
// answer, delays it by the configured latency without blocking the event loop (a Wait timer on the given
// clock, so tests can hold answers back and release them by moving a manual clock), and writes it.
// Deletes itself when the peer disconnects; the owning SimServer deletes the rest on stop.
class SimConnection : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<SimHttpResponse(const SimHttpRequest &)>;
    // Called for requests the parser rejected (400, 413, ...), so they still appear in the request log.
    using RejectLogger = std::function<void(const SimHttpRequest &, int status)>;

    SimConnection(QTcpSocket *socket, Handler handler, RejectLogger rejectLogger, int latencyMs,
                  Clock &latencyClock, QObject *parent = nullptr);
    ~SimConnection() override;

private:
    enum class Phase
    {
        Idle,      // waiting for (the rest of) a request
        Waiting,   // a request is being answered (latency timer running)
        Streaming, // writing an oversize body chunk by chunk
        Hung,      // fault: never answer
        Draining,  // answered 413; swallowing the rejected body so the close does not reset the connection
        Closing,   // answer written, connection closes once flushed
    };

    void onReadyRead();
    void processBuffer();
    void deliver(const SimHttpResponse &response, bool keepAlive, bool headOnly);
    void afterResponse(bool keepAlive);
    void writeOversizeChunks();
    void onBytesWritten();
    void closeConnection();

    QPointer<QTcpSocket> m_socket;
    Handler m_handler;
    RejectLogger m_rejectLogger;
    int m_latencyMs = 0;
    Clock *m_latencyClock;
    std::unique_ptr<ClockTimer> m_latencyTimer; // the answer waiting out the latency; destroyed: never sent
    Phase m_phase = Phase::Idle;
    QByteArray m_buffer;
    SimHttpParser m_parser;
    qint64 m_streamRemaining = 0;
    bool m_streamKeepAlive = false;
    qint64 m_drainRemaining = 0;
    QTimer *m_drainTimer = nullptr;
};

} // namespace bp::sim
