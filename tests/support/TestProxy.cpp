// SPDX-License-Identifier: Apache-2.0
#include "TestProxy.h"

#include <QRegularExpression>
#include <QTcpSocket>

namespace bp::test {

TestProxy::TestProxy(QObject *parent) : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &TestProxy::onNewConnection);
}

bool TestProxy::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl TestProxy::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()));
}

void TestProxy::onNewConnection()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        auto *upstream = new QTcpSocket(client);
        auto *pending = new QByteArray;
        connect(client, &QObject::destroyed, this, [pending] { delete pending; });
        connect(client, &QTcpSocket::readyRead, this, [this, client, upstream, pending] {
            const QByteArray data = client->readAll();
            static const QRegularExpression requestLine(
                QStringLiteral("^[A-Z]+ http://([^/ ]+)[^ ]* HTTP/1\\.[01]\\r?$"),
                QRegularExpression::MultilineOption);
            auto it = requestLine.globalMatch(QString::fromLatin1(data));
            QString authority;
            while (it.hasNext()) {
                const auto m = it.next();
                ++m_requests;
                authority = m.captured(1);
            }
            if (upstream->state() == QAbstractSocket::UnconnectedState) {
                if (authority.isEmpty()) {
                    client->close();
                    return;
                }
                const QUrl target(QStringLiteral("http://") + authority);
                upstream->connectToHost(target.host(), static_cast<quint16>(target.port(80)));
            }
            if (upstream->state() == QAbstractSocket::ConnectedState)
                upstream->write(data);
            else
                pending->append(data);
        });
        connect(upstream, &QTcpSocket::connected, this, [upstream, pending] {
            upstream->write(*pending);
            pending->clear();
        });
        connect(upstream, &QTcpSocket::readyRead, this,
                [client, upstream] { client->write(upstream->readAll()); });
        connect(upstream, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
        connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
    }
}

} // namespace bp::test
