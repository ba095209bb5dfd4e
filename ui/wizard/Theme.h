// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QColor>
#include <QPalette>

class QLabel;
class QWidget;

namespace bp::ui::Theme {

// The tints the wizard uses for its notices: a warning (demo mode, keychain), information (import result,
// a route note), an error panel, a success panel. Each has a light and a dark variant; which one applies
// follows the palette (the platform's dark mode), and is re-applied when the palette changes.
enum class Tone
{
    Warning,
    Info,
    Error,
    Success
};

struct Colours
{
    QColor background;
    QColor border;
    QColor text;
};

bool isDark(const QPalette &palette);
Colours colours(Tone tone, bool dark);
// The text colour of an error message on the window background (no panel).
QColor errorText(bool dark);
// WCAG contrast ratio of two colours (1 to 21).
double contrast(const QColor &a, const QColor &b);

// Tints a QFrame (its child labels take the text colour) or a QLabel (padded, rounded).
void setPanelTone(QWidget *panel, Tone tone);
// Colours a label's text as an error, readable on the window background (off: the normal text colour).
void setErrorText(QLabel *label, bool on = true);

} // namespace bp::ui::Theme
