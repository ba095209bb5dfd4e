// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QDebug>
#include <QString>

namespace bp {

// Holds a secret (password, token, client secret). It has no implicit conversion to QString, formats as
// "***" in debug output, and wipes its buffer when destroyed or cleared, so it cannot leak by accident.
class SecretString
{
public:
    SecretString() = default;
    explicit SecretString(const QString &plain) : m_bytes(plain.toUtf8()) {}
    static SecretString fromUtf8(const QByteArray &bytes)
    {
        SecretString s;
        s.m_bytes = bytes;
        return s;
    }
    SecretString(const SecretString &) = default;
    SecretString &operator=(const SecretString &other)
    {
        if (this != &other) {
            clear();
            m_bytes = other.m_bytes;
        }
        return *this;
    }
    ~SecretString() { clear(); }

    bool isEmpty() const { return m_bytes.isEmpty(); }
    // Deliberately named so every read of the secret is visible in review.
    const QByteArray &revealUtf8() const { return m_bytes; }
    void clear()
    {
        if (!m_bytes.isEmpty() && m_bytes.isDetached())
            m_bytes.fill('\0');
        m_bytes.clear();
    }
    bool operator==(const SecretString &o) const { return m_bytes == o.m_bytes; }

private:
    QByteArray m_bytes;
};

inline QDebug operator<<(QDebug dbg, const SecretString &)
{
    QDebugStateSaver saver(dbg);
    dbg.nospace() << "***";
    return dbg;
}

} // namespace bp
