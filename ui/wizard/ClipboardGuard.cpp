// SPDX-License-Identifier: Apache-2.0
#include "wizard/ClipboardGuard.h"

#include <QClipboard>
#include <QCryptographicHash>
#include <QLineEdit>
#include <QTimer>

namespace bp::ui {

ClipboardGuard::ClipboardGuard(QClipboard *clipboard, QObject *parent)
    : QObject(parent), m_clipboard(clipboard), m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &ClipboardGuard::clearIfStillSecret);
    if (m_clipboard)
        connect(m_clipboard, &QClipboard::dataChanged, this, &ClipboardGuard::onClipboardChanged);
}

ClipboardGuard::~ClipboardGuard()
{
    if (isPending())
        clearIfStillSecret();
}

void ClipboardGuard::registerField(QLineEdit *field)
{
    if (field && !m_fields.contains(field))
        m_fields.append(field);
}

void ClipboardGuard::setClearDelayMs(int delayMs)
{
    m_clearDelayMs = qMax(0, delayMs);
}

bool ClipboardGuard::isPending() const
{
    return m_timer->isActive();
}

QByteArray ClipboardGuard::fingerprint(const QString &text)
{
    return QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256);
}

void ClipboardGuard::onClipboardChanged()
{
    const QString text = m_clipboard->text(QClipboard::Clipboard);
    bool secret = false;
    if (!text.isEmpty()) {
        m_fields.removeAll(nullptr);
        for (const QPointer<QLineEdit> &field : std::as_const(m_fields)) {
            if (field->text() == text) {
                secret = true;
                break;
            }
        }
    }
    if (!secret) {
        // Something else was copied (or the clipboard was cleared): nothing of ours to clear any more.
        m_timer->stop();
        m_pendingHash.clear();
        return;
    }
    m_pendingHash = fingerprint(text);
    m_timer->start(m_clearDelayMs);
}

void ClipboardGuard::clearIfStillSecret()
{
    m_timer->stop();
    if (m_pendingHash.isEmpty() || !m_clipboard)
        return;
    const QByteArray expected = m_pendingHash;
    m_pendingHash.clear();
    if (fingerprint(m_clipboard->text(QClipboard::Clipboard)) != expected)
        return;
    // clear() emits dataChanged; onClipboardChanged() then finds nothing pending.
    m_clipboard->clear(QClipboard::Clipboard);
    emit cleared();
}

} // namespace bp::ui
