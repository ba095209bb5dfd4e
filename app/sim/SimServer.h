// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "errors/Result.h"
#include "sim/SimConnection.h"

#include <QObject>
#include <QSslConfiguration>

class QTcpServer;

namespace bp::sim {

// One listening socket on 127.0.0.1 (plain QTcpServer or QSslServer) that hands each accepted connection to a
// SimConnection. Deleting it closes the listener and every open connection, hung ones included.
class SimServer : public QObject
{
    Q_OBJECT
public:
    SimServer(SimConnection::Handler handler, SimConnection::RejectLogger rejectLogger, int latencyMs,
              Clock &latencyClock, QObject *parent = nullptr);
    ~SimServer() override;

    // tls: null for plain HTTP. port 0 picks a free port.
    Result<bool> listen(quint16 port, const QSslConfiguration *tls);
    quint16 port() const;

private:
    void onNewConnection();

    QTcpServer *m_server = nullptr;
    SimConnection::Handler m_handler;
    SimConnection::RejectLogger m_rejectLogger;
    int m_latencyMs = 0;
    Clock *m_latencyClock;
};

} // namespace bp::sim
