// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>

class QClipboard;
class QLineEdit;
class QTimer;

namespace bp::ui {

// Clears the clipboard some time after a secret was copied into it. Secret fields (passwords, tokens, client
// secrets, passphrases) register here; when the clipboard text changes to the current text of a registered
// field (the user revealed it and pressed Ctrl+C), the clipboard is cleared after clearDelayMs() if it still
// holds that text. Anything else the user copies is left alone. One per application (the SetupWizard owns
// it); fields are not owned and may be destroyed at any time.
class ClipboardGuard : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultClearDelayMs = 30000;

    // clipboard: QGuiApplication::clipboard() unless a test passes another.
    explicit ClipboardGuard(QClipboard *clipboard, QObject *parent = nullptr);
    // Clears a secret still on the clipboard right away: it must not outlive the program that put it there.
    ~ClipboardGuard() override;

    void registerField(QLineEdit *field);
    void setClearDelayMs(int delayMs);
    int clearDelayMs() const { return m_clearDelayMs; }
    bool isPending() const;

signals:
    // The clipboard held a copied secret and was cleared.
    void cleared();

private:
    void onClipboardChanged();
    void clearIfStillSecret();
    static QByteArray fingerprint(const QString &text);

    QClipboard *m_clipboard;
    QList<QPointer<QLineEdit>> m_fields;
    QTimer *m_timer;
    int m_clearDelayMs = kDefaultClearDelayMs;
    // SHA-256 of the copied secret, so the guard itself never keeps a copy of it.
    QByteArray m_pendingHash;
};

} // namespace bp::ui
