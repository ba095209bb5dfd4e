// SPDX-License-Identifier: Apache-2.0
#include "wizard/Theme.h"

#include <QApplication>
#include <QEvent>
#include <QFrame>
#include <QLabel>
#include <QPointer>
#include <QVariant>

#include <cmath>

namespace bp::ui::Theme {

namespace {

const char *const kToneProperty = "bpTone";
const char *const kErrorTextProperty = "bpErrorText";

double luminance(const QColor &c)
{
    const auto channel = [](double v) {
        v /= 255.0;
        return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue());
}

QString styleFor(const QWidget *w, Tone tone, bool dark)
{
    const Colours c = colours(tone, dark);
    // The selector names the widget so the tint never leaks into its children's own panels.
    const auto selector = [w](const char *cls) {
        return w->objectName().isEmpty() ? QString::fromLatin1(cls)
                                         : QStringLiteral("%1#%2").arg(QLatin1String(cls), w->objectName());
    };
    if (qobject_cast<const QLabel *>(w))
        return QStringLiteral("%1 { background: %2; color: %3; border: 1px solid %4; border-radius: 4px; "
                              "padding: 6px 8px; }")
            .arg(selector("QLabel"), c.background.name(), c.text.name(), c.border.name());
    return QStringLiteral("%1 { background: %2; border: 1px solid %3; border-radius: 4px; } "
                          "%1 QLabel { color: %4; }")
        .arg(selector("QFrame"), c.background.name(), c.border.name(), c.text.name());
}

void applyTone(QWidget *w)
{
    const Tone tone = static_cast<Tone>(w->property(kToneProperty).toInt());
    w->setStyleSheet(styleFor(w, tone, isDark(QApplication::palette())));
}

void applyErrorText(QLabel *label)
{
    QPalette pal = label->palette();
    pal.setColor(QPalette::WindowText, errorText(isDark(QApplication::palette())));
    label->setPalette(pal);
}

// Re-tints every toned widget when the application palette changes (the user switched to dark mode).
class PaletteWatcher : public QObject
{
public:
    static void ensure()
    {
        static QPointer<PaletteWatcher> watcher;
        if (!watcher && qApp) {
            watcher = new PaletteWatcher(qApp);
            qApp->installEventFilter(watcher);
        }
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == qApp && event->type() == QEvent::ApplicationPaletteChange) {
            for (QWidget *w : QApplication::allWidgets()) {
                if (w->property(kToneProperty).isValid())
                    applyTone(w);
                else if (auto *l = qobject_cast<QLabel *>(w); l && l->property(kErrorTextProperty).toBool())
                    applyErrorText(l);
            }
        }
        return false;
    }

private:
    using QObject::QObject;
};

} // namespace

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

Colours colours(Tone tone, bool dark)
{
    switch (tone) {
    case Tone::Warning:
        return dark ? Colours{QColor(0x3a2f0b), QColor(0x8a6d1f), QColor(0xfbe7a6)}
                    : Colours{QColor(0xfff4cc), QColor(0xe6c65c), QColor(0x3d2e00)};
    case Tone::Info:
        return dark ? Colours{QColor(0x15263f), QColor(0x3e5f8f), QColor(0xcfe0fa)}
                    : Colours{QColor(0xe8f0fe), QColor(0x9bb8e8), QColor(0x102a43)};
    case Tone::Error:
        return dark ? Colours{QColor(0x3d1a19), QColor(0x8c4a47), QColor(0xf8d2cf)}
                    : Colours{QColor(0xfdecea), QColor(0xe5a3a0), QColor(0x5f2120)};
    case Tone::Success:
        return dark ? Colours{QColor(0x143322), QColor(0x3f7f57), QColor(0xc9ecd5)}
                    : Colours{QColor(0xe6f4ea), QColor(0x8cc49c), QColor(0x123d1f)};
    }
    return {};
}

QColor errorText(bool dark)
{
    return dark ? QColor(0xff8a80) : QColor(0xb00020);
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

void setPanelTone(QWidget *panel, Tone tone)
{
    PaletteWatcher::ensure();
    panel->setProperty(kToneProperty, static_cast<int>(tone));
    applyTone(panel);
}

void setErrorText(QLabel *label, bool on)
{
    PaletteWatcher::ensure();
    label->setProperty(kErrorTextProperty, on);
    if (on)
        applyErrorText(label);
    else
        label->setPalette(QPalette()); // back to inheriting the window's colours
}

} // namespace bp::ui::Theme
