// SPDX-License-Identifier: Apache-2.0
#include "aem/AemParsers.h"

#include <QCoreApplication>
#include <QUrl>
#include <QXmlStreamReader>

namespace bp::parsers {

QString matchVersion(const QByteArray &html, const QRegularExpression &pattern)
{
    QString text = QString::fromUtf8(html);
    text.replace(QLatin1String("&amp;"), QLatin1String("&"))
        .replace(QLatin1String("&lt;"), QLatin1String("<"))
        .replace(QLatin1String("&gt;"), QLatin1String(">"))
        .replace(QLatin1String("&nbsp;"), QLatin1String(" "));
    const auto m = pattern.match(text);
    return m.hasMatch() ? m.captured(1).trimmed() : QString();
}

Result<QList<PackageEntry>> parsePackageList(const QByteArray &xml)
{
    QXmlStreamReader reader(xml);
    QList<PackageEntry> packages;
    bool sawCrx = false;
    PackageEntry current;
    bool inPackage = false;
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isStartElement()) {
            const auto name = reader.name();
            if (name == QLatin1String("crx"))
                sawCrx = true;
            else if (name == QLatin1String("package")) {
                inPackage = true;
                current = PackageEntry{};
            } else if (inPackage && name == QLatin1String("group"))
                current.group = reader.readElementText().trimmed();
            else if (inPackage && name == QLatin1String("name"))
                current.name = reader.readElementText().trimmed();
            else if (inPackage && name == QLatin1String("version"))
                current.version = reader.readElementText().trimmed();
            else if (inPackage && name == QLatin1String("downloadName"))
                current.downloadName = reader.readElementText().trimmed();
            else if (inPackage && name == QLatin1String("lastUnpacked")) {
                current.unpackedKnown = true;
                current.lastUnpacked = reader.readElementText().trimmed();
            }
        } else if (reader.isEndElement() && reader.name() == QLatin1String("package")) {
            inPackage = false;
            packages << current;
        }
    }
    if (reader.hasError() || !sawCrx)
        return Error{ErrorCode::Parse,
                     QCoreApplication::translate(
                         "AemParsers", "The package list is not the XML AEM's Package Manager sends."),
                     reader.errorString()};
    return packages;
}

namespace {

// Parses one Felix typed value starting at text[pos]; returns the decoded string.
QString readQuoted(const QString &text, int &pos)
{
    QString out;
    ++pos; // opening quote
    while (pos < text.size()) {
        const QChar c = text.at(pos);
        if (c == QLatin1Char('\\') && pos + 1 < text.size()) {
            out += text.at(pos + 1);
            pos += 2;
            continue;
        }
        if (c == QLatin1Char('"')) {
            ++pos;
            break;
        }
        out += c;
        ++pos;
    }
    return out;
}

} // namespace

QHash<QString, QVariant> parseFelixConfig(const QByteArray &data)
{
    QHash<QString, QVariant> values;
    const QString text = QString::fromUtf8(data);
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (QString line : lines) {
        line = line.trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const int eq = line.indexOf(QLatin1Char('='));
        if (eq <= 0)
            continue;
        const QString key = line.left(eq).trimmed();
        int pos = eq + 1;
        // Optional type prefix such as B, I, L, T.
        if (pos < line.size() && line.at(pos).isLetter())
            ++pos;
        if (pos >= line.size())
            continue;
        if (line.at(pos) == QLatin1Char('[') || line.at(pos) == QLatin1Char('(')) {
            QStringList items;
            ++pos;
            while (pos < line.size()) {
                const QChar c = line.at(pos);
                if (c == QLatin1Char('"'))
                    items << readQuoted(line, pos);
                else if (c == QLatin1Char(']') || c == QLatin1Char(')'))
                    break;
                else
                    ++pos;
            }
            values.insert(key, items);
        } else if (line.at(pos) == QLatin1Char('"')) {
            values.insert(key, readQuoted(line, pos));
        }
    }
    return values;
}

bool isLoginRedirect(const QUrl &target)
{
    const QString path = target.path();
    return path.contains(QLatin1String("/login")) || path.contains(QLatin1String("j_security_check")) ||
           path.contains(QLatin1String("/saml_login"));
}

} // namespace bp::parsers
