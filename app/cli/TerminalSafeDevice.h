// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QIODevice>
#include <QPointer>

namespace bp::cli {

// Everything the CLI prints passes through here: control characters that came from files or servers (a NUL
// in a client id, an ANSI escape in a profile name or an AEM answer) are written as visible escapes (\x1b,
// \0, \u009b), so nothing read from outside can move the cursor, recolour or rewrite the terminal. Newlines
// and tabs pass. JSON output is unaffected: QJsonDocument already escapes every control character.
class TerminalSafeDevice : public QIODevice
{
    Q_OBJECT
public:
    explicit TerminalSafeDevice(QIODevice *target, QObject *parent = nullptr);
    bool isSequential() const override { return true; }

    // The escaping itself (stateless, for whole strings).
    static QByteArray escape(const QByteArray &utf8);

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 size) override;

private:
    QPointer<QIODevice> m_target;
    QByteArray m_pending; // an incomplete UTF-8 lead byte (0xC2) carried to the next write
};

} // namespace bp::cli
