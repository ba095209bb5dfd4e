// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QLocale>

class QCoreApplication;

namespace bp {

// Installs Qt's own and bpsetup's translations for a language (the system's by default) on the running
// application; the translators live as long as the application. bpsetup's .qm files are compiled into the
// executable under :/i18n by qt_add_translations (translations/*.ts). A language without a file stays
// English.
void installTranslations(QCoreApplication *app, const QLocale &locale = QLocale());

} // namespace bp
