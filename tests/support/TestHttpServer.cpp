// SPDX-License-Identifier: Apache-2.0
#include "TestHttpServer.h"

#include <QTcpSocket>

#include <zlib.h>

namespace bp::test {

namespace {
const char *const kBufferProperty = "bpTestBuffer";
const char *const kStreamingProperty = "bpTestStreaming";
} // namespace

QByteArray TestHttpServer::Request::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return QByteArray();
}

bool TestHttpServer::Request::hasHeader(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

void TestHttpServer::Responder::send(int status, const QByteArray &contentType, const QByteArray &body,
                                     const QList<QPair<QByteArray, QByteArray>> &headers)
{
    if (m_answered || !m_socket)
        return;
    m_answered = true;
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + " Test\r\n";
    head += "Content-Type: " + contentType + "\r\n";
    head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    for (const auto &h : headers)
        head += h.first + ": " + h.second + "\r\n";
    head += "\r\n";
    m_socket->write(head + body);
}

void TestHttpServer::Responder::sendRaw(const QByteArray &bytes)
{
    if (m_answered || !m_socket)
        return;
    m_answered = true;
    m_socket->write(bytes);
    m_socket->disconnectFromHost();
}

void TestHttpServer::Responder::streamForever(const QByteArray &contentType)
{
    if (m_answered || !m_socket)
        return;
    m_answered = true;
    m_socket->write("HTTP/1.1 200 OK\r\nContent-Type: " + contentType +
                    "\r\nTransfer-Encoding: chunked\r\n\r\n");
    m_socket->setProperty(kStreamingProperty, true);
    QTcpSocket *socket = m_socket;
    TestHttpServer *server = m_server;
    QObject::connect(socket, &QTcpSocket::bytesWritten, server,
                     [server, socket] { server->feedStream(socket); });
    server->feedStream(socket);
}

void TestHttpServer::Responder::streamHeadersForever()
{
    if (m_answered || !m_socket)
        return;
    m_answered = true;
    m_socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n");
    m_socket->setProperty(kStreamingProperty, true);
    QTcpSocket *socket = m_socket;
    TestHttpServer *server = m_server;
    QObject::connect(socket, &QTcpSocket::bytesWritten, server,
                     [server, socket] { server->feedHeaders(socket); });
    server->feedHeaders(socket);
}

void TestHttpServer::Responder::hold()
{
    m_answered = true;
}

void TestHttpServer::Responder::close()
{
    if (m_answered || !m_socket)
        return;
    m_answered = true;
    m_socket->abort();
}

TestHttpServer::TestHttpServer(QObject *parent) : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &TestHttpServer::onNewConnection);
    connect(&m_alias, &QTcpServer::newConnection, this, &TestHttpServer::onNewConnection);
}

TestHttpServer::~TestHttpServer()
{
    for (const auto &socket : std::as_const(m_sockets)) {
        if (socket) {
            socket->disconnect(this);
            socket->abort();
            delete socket.data();
        }
    }
}

bool TestHttpServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0) &&
           m_alias.listen(QHostAddress(aliasHost()), m_server.serverPort());
}

QUrl TestHttpServer::url(const QString &path) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path));
}

void TestHttpServer::onNewConnection()
{
    auto *server = qobject_cast<QTcpServer *>(sender());
    while (QTcpSocket *socket = server->nextPendingConnection()) {
        socket->setParent(nullptr);
        m_sockets.append(socket);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
}

void TestHttpServer::feedStream(QTcpSocket *socket)
{
    // Keep about 256 KiB in flight: the client's reading speed sets the pace.
    static const QByteArray filler(16 * 1024, 'x');
    static const QByteArray chunk = QByteArray::number(filler.size(), 16) + "\r\n" + filler + "\r\n";
    while (socket->state() == QAbstractSocket::ConnectedState && socket->bytesToWrite() < 256 * 1024) {
        socket->write(chunk);
        m_streamed += filler.size();
    }
}

void TestHttpServer::feedHeaders(QTcpSocket *socket)
{
    static const QByteArray line = "X-Padding: " + QByteArray(1000, 'h') + "\r\n";
    while (socket->state() == QAbstractSocket::ConnectedState && socket->bytesToWrite() < 256 * 1024) {
        socket->write(line);
        m_streamed += line.size();
    }
}

void TestHttpServer::onReadyRead(QTcpSocket *socket)
{
    if (socket->property(kStreamingProperty).toBool()) {
        socket->readAll();
        return;
    }
    QByteArray buffer = socket->property(kBufferProperty).toByteArray() + socket->readAll();
    while (true) {
        const int end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            break;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        Request request;
        const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
        request.method = first.value(0);
        request.target = first.value(1);
        qint64 length = 0;
        for (int i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const int colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed();
            const QByteArray value = line.mid(colon + 1).trimmed();
            request.headers.append({name, value});
            if (name.compare("Content-Length", Qt::CaseInsensitive) == 0)
                length = value.toLongLong();
        }
        if (buffer.size() < end + 4 + length)
            break;
        request.body = buffer.mid(end + 4, length);
        buffer.remove(0, end + 4 + length);
        m_requests.append(request);
        Responder responder;
        responder.m_server = this;
        responder.m_socket = socket;
        if (m_handler)
            m_handler(request, responder);
        else
            responder.send(200, "text/plain", "ok");
        if (!socket || socket->state() != QAbstractSocket::ConnectedState)
            return;
    }
    socket->setProperty(kBufferProperty, buffer);
}

QByteArray TestHttpServer::gzipOfZeros(qint64 inflatedBytes)
{
    z_stream stream{};
    deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
    static const QByteArray zeros(1024 * 1024, '\0');
    QByteArray out;
    char buffer[64 * 1024];
    qint64 remaining = inflatedBytes;
    while (remaining > 0) {
        const qint64 n = qMin<qint64>(remaining, zeros.size());
        remaining -= n;
        stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(zeros.constData()));
        stream.avail_in = static_cast<uInt>(n);
        const int flush = remaining > 0 ? Z_NO_FLUSH : Z_FINISH;
        do {
            stream.next_out = reinterpret_cast<Bytef *>(buffer);
            stream.avail_out = sizeof buffer;
            deflate(&stream, flush);
            out.append(buffer, int(sizeof buffer - stream.avail_out));
        } while (stream.avail_out == 0);
    }
    deflateEnd(&stream);
    return out;
}

} // namespace bp::test
