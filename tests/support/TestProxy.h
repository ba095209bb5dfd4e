// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QTcpServer>
#include <QUrl>

namespace bp::test {

// A minimal forwarding HTTP proxy on loopback (absolute-form requests, relayed byte for byte), so tests can
// prove that traffic really went through the proxy the user configured.
class TestProxy : public QObject
{
    Q_OBJECT
public:
    explicit TestProxy(QObject *parent = nullptr);
    bool listen();
    QUrl url() const;
    int requestCount() const { return m_requests; }

private:
    void onNewConnection();
    QTcpServer m_server;
    int m_requests = 0;
};

} // namespace bp::test
