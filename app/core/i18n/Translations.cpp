// SPDX-License-Identifier: Apache-2.0
#include "i18n/Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace bp {

void installTranslations(QCoreApplication *app, const QLocale &locale)
{
    auto *qt = new QTranslator(app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    // English first, so that its plural forms ("1 second", "2 seconds") apply wherever the user's language
    // has no translation of a text (the C locale, English, a string not translated yet); the user's language
    // is installed last and so is asked first.
    auto *english = new QTranslator(app);
    if (english->load(QStringLiteral(":/i18n/bpsetup_en.qm")))
        QCoreApplication::installTranslator(english);
    else
        delete english;
    if (locale.language() == QLocale::English)
        return;
    auto *own = new QTranslator(app);
    if (own->load(locale, QStringLiteral("bpsetup"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(own);
    else
        delete own;
}

} // namespace bp
