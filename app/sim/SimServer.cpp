// SPDX-License-Identifier: Apache-2.0
#include "sim/SimServer.h"

#include <QCoreApplication>
#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>

namespace bp::sim {

SimServer::SimServer(SimConnection::Handler handler, SimConnection::RejectLogger rejectLogger, int latencyMs,
                     Clock &latencyClock, QObject *parent)
    : QObject(parent), m_handler(std::move(handler)), m_rejectLogger(std::move(rejectLogger)),
      m_latencyMs(latencyMs), m_latencyClock(&latencyClock)
{
}

SimServer::~SimServer()
{
    if (m_server)
        m_server->close();
    // Connections are children of this object and are deleted (and their sockets aborted) with it.
}

Result<bool> SimServer::listen(quint16 port, const QSslConfiguration *tls)
{
    if (tls) {
        auto *sslServer = new QSslServer(this);
        sslServer->setSslConfiguration(*tls);
        m_server = sslServer;
    } else {
        m_server = new QTcpServer(this);
    }
    connect(m_server, &QTcpServer::newConnection, this, &SimServer::onNewConnection);
    // QTcpServer emits newConnection when a socket is accepted, but QSslServer queues the socket only after
    // its handshake and then announces it with pendingConnectionAvailable (Qt 6.4).
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &SimServer::onNewConnection);
    // Loopback only: the simulator must never be reachable from the network.
    if (!m_server->listen(QHostAddress::LocalHost, port)) {
        Error e;
        e.code = ErrorCode::Network;
        e.userMessage =
            QCoreApplication::translate("Simulator", "The simulator could not listen on 127.0.0.1:%1 (%2). "
                                                     "Choose another port or stop the program using it.")
                .arg(port)
                .arg(m_server->errorString());
        e.detail = QStringLiteral("listen(127.0.0.1:%1): %2").arg(port).arg(m_server->errorString());
        return e;
    }
    return true;
}

quint16 SimServer::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

void SimServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection())
        new SimConnection(socket, m_handler, m_rejectLogger, m_latencyMs, *m_latencyClock, this);
}

} // namespace bp::sim
