// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QTcpServer>
#include <QUrl>

#include <functional>

class QTcpSocket;

namespace bp::test {

// A small HTTP/1.1 server on loopback for tests of the HTTP layer itself (not the simulator): each test sets
// a handler that answers, holds the answer back, streams forever, sends a decompression bomb or a giant
// header block. It records every request it received, so tests assert what was (and was not) sent.
class TestHttpServer : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        QByteArray method;
        QByteArray target; // path and query as received
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QByteArray header(const QByteArray &name) const;
        bool hasHeader(const QByteArray &name) const;
    };

    // What the handler does with one request.
    class Responder
    {
    public:
        // A complete answer with Content-Length.
        void send(int status, const QByteArray &contentType, const QByteArray &body,
                  const QList<QPair<QByteArray, QByteArray>> &headers = {});
        // Raw bytes, exactly as given (header block and body), then the connection closes.
        void sendRaw(const QByteArray &bytes);
        // Status and headers, then an endless chunked body of filler, fed as the client reads.
        void streamForever(const QByteArray &contentType = "application/json");
        // A status line, then header lines forever (the blank line that ends the header block never comes).
        void streamHeadersForever();
        // Never answer (the connection stays open until the client gives up or the server is destroyed).
        void hold();
        // Close the connection without answering.
        void close();

    private:
        friend class TestHttpServer;
        TestHttpServer *m_server = nullptr;
        QTcpSocket *m_socket = nullptr;
        bool m_answered = false;
    };

    using Handler = std::function<void(const Request &, Responder &)>;

    explicit TestHttpServer(QObject *parent = nullptr);
    ~TestHttpServer() override;

    bool listen();
    QUrl url(const QString &path = QStringLiteral("/")) const;
    quint16 port() const { return m_server.serverPort(); }
    // A second loopback address the server also answers on (a host that differs from url()'s, for origin
    // rules; "localhost" does not resolve on a minimal Debian without /etc/hosts).
    static QString aliasHost() { return QStringLiteral("127.0.0.2"); }
    void setHandler(Handler handler) { m_handler = std::move(handler); }

    const QList<Request> &requests() const { return m_requests; }
    int requestCount() const { return int(m_requests.size()); }
    // Bytes the server has written in streaming answers (to show a client stopped reading early).
    qint64 streamedBytes() const { return m_streamed; }

    // A gzip member that inflates to `inflatedBytes` zero bytes (a decompression bomb): ~1 KiB per MiB.
    static QByteArray gzipOfZeros(qint64 inflatedBytes);

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void feedStream(QTcpSocket *socket);
    void feedHeaders(QTcpSocket *socket);

    QTcpServer m_server;
    QTcpServer m_alias; // the same server on 127.0.0.2: another origin that needs no name resolution
    Handler m_handler;
    QList<Request> m_requests;
    QList<QPointer<QTcpSocket>> m_sockets;
    qint64 m_streamed = 0;
};

} // namespace bp::test
