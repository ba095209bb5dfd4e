// SPDX-License-Identifier: Apache-2.0
// The translation wiring: every string the sources hand to tr()/translate() reached the .ts files (lupdate
// silently skips calls it cannot parse), and the context lupdate filed each string under is the context the
// code asks for at run time (a pseudo-translation of the German file is compiled with lrelease and every
// kind of translation call must come back translated).
#include "aem/AemInstance.h"
#include "aem/Finding.h"
#include "credentials/CredentialImporter.h"
#include "ims/ImsValidator.h"
#include "io/BoundedFile.h"
#include "net/HttpClient.h"
#include "net/NetworkSettings.h"
#include "profiles/ProfileStore.h"
#include "services/TrustedCertificates.h"
#include "setup/RouteSelector.h"
#include "setup/SavedSetup.h"
#include "tasks/Task.h"

#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

using namespace bp;

namespace {

const QString kOpen = QStringLiteral("\u27e6"); // ⟦ marks a pseudo-translated text
const QString kClose = QStringLiteral("\u27e7");

QString tsPath(const QString &language)
{
    return QStringLiteral(BPSETUP_TS_DIR "/bpsetup_%1.ts").arg(language);
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Every <source> of a .ts file.
QSet<QString> tsSources(const QString &path)
{
    QSet<QString> out;
    QXmlStreamReader xml(readAll(path));
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("source"))
            out.insert(xml.readElementText());
    }
    return out;
}

// The .ts with every translation replaced by ⟦source⟧ (numerus forms included), ready for lrelease.
QByteArray pseudoTranslated(const QByteArray &ts)
{
    QXmlStreamReader in(ts);
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    QString source;
    bool numerus = false;
    while (!in.atEnd()) {
        switch (in.readNext()) {
        case QXmlStreamReader::StartDocument:
            xml.writeStartDocument();
            break;
        case QXmlStreamReader::DTD:
            xml.writeDTD(QStringLiteral("<!DOCTYPE TS>"));
            break;
        case QXmlStreamReader::StartElement:
            if (in.name() == QLatin1String("message"))
                numerus = in.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
            if (in.name() == QLatin1String("translation")) {
                in.skipCurrentElement();
                xml.writeStartElement(QStringLiteral("translation"));
                if (numerus) {
                    for (int form = 0; form < 2; ++form) // German: one and other
                        xml.writeTextElement(QStringLiteral("numerusform"), kOpen + source + kClose);
                } else {
                    xml.writeCharacters(kOpen + source + kClose);
                }
                xml.writeEndElement();
                break;
            }
            xml.writeStartElement(in.name().toString());
            xml.writeAttributes(in.attributes());
            if (in.name() == QLatin1String("source")) {
                source = in.readElementText();
                xml.writeCharacters(source);
                xml.writeEndElement();
            }
            break;
        case QXmlStreamReader::EndElement:
            xml.writeEndElement();
            break;
        case QXmlStreamReader::Characters:
            if (!in.isWhitespace())
                xml.writeCharacters(in.text().toString());
            break;
        default:
            break;
        }
    }
    return out;
}

// One message of a .ts file as a translator left it.
struct TsMessage
{
    QString context;
    QString source;
    bool numerus = false;
    QString type; // the translation's type attribute: empty when finished
    QStringList forms;
};

QList<TsMessage> tsMessages(const QString &path)
{
    QList<TsMessage> out;
    QXmlStreamReader xml(readAll(path));
    QString context;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("message")) {
            TsMessage m;
            m.context = context;
            m.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
            while (
                !(xml.readNext() == QXmlStreamReader::EndElement && xml.name() == QLatin1String("message")) &&
                !xml.atEnd()) {
                if (!xml.isStartElement())
                    continue;
                if (xml.name() == QLatin1String("source")) {
                    m.source = xml.readElementText();
                } else if (xml.name() == QLatin1String("translation")) {
                    m.type = xml.attributes().value(QLatin1String("type")).toString();
                    if (!m.numerus) {
                        m.forms << xml.readElementText();
                        continue;
                    }
                    while (!(xml.readNext() == QXmlStreamReader::EndElement &&
                             xml.name() == QLatin1String("translation")) &&
                           !xml.atEnd()) {
                        if (xml.isStartElement() && xml.name() == QLatin1String("numerusform"))
                            m.forms << xml.readElementText();
                    }
                }
            }
            out << m;
        }
    }
    return out;
}

// %1…%9 (with or without L) a text uses, each once however often it appears.
QStringList placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%L?[1-9]"));
    QSet<QString> found;
    for (auto it = re.globalMatch(text); it.hasNext();)
        found.insert(it.next().captured().remove(QLatin1Char('L')));
    QStringList sorted(found.begin(), found.end());
    sorted.sort();
    return sorted;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT
private slots:
    void everySourceStringIsInEveryTsFile_data();
    void everySourceStringIsInEveryTsFile();
    void runtimeContextsMatchLupdate_data();
    void runtimeContextsMatchLupdate();
    void everyStringIsTranslated_data();
    void everyStringIsTranslated();
    void cliFollowsLang_data();
    void cliFollowsLang();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QTranslator> m_translator;
};

void TestTranslations::everySourceStringIsInEveryTsFile_data()
{
    QTest::addColumn<QString>("language");
    for (const char *language : {"de", "fr", "ja"})
        QTest::newRow(language) << QString::fromLatin1(language);
}

void TestTranslations::everySourceStringIsInEveryTsFile()
{
    QFETCH(QString, language);
    const QSet<QString> known = tsSources(tsPath(language));
    QVERIFY2(known.size() > 500, qPrintable(QString::number(known.size())));
    // tr("..."), QCoreApplication::translate("ctx", "..."), with literals split over lines joined.
    static const QRegularExpression call(QStringLiteral(
        R"re((?:\btr|QCoreApplication::translate|QApplication::translate)\(\s*(?:"[^"]*"\s*,\s*)?((?:"(?:[^"\\]|\\.)*"\s*)+))re"));
    static const QRegularExpression literal(QStringLiteral(R"re("((?:[^"\\]|\\.)*)")re"));
    QStringList missing;
    int calls = 0;
    for (const char *root : {"app", "ui"}) {
        QDirIterator it(QStringLiteral(BPSETUP_SOURCE_DIR "/") + QLatin1String(root),
                        {QStringLiteral("*.cpp"), QStringLiteral("*.h")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString file = it.next();
            const QString text = QString::fromUtf8(readAll(file));
            for (auto m = call.globalMatch(text); m.hasNext();) {
                const QString literals = m.next().captured(1);
                QString joined;
                for (auto l = literal.globalMatch(literals); l.hasNext();)
                    joined += l.next().captured(1);
                joined.replace(QLatin1String("\\\""), QLatin1String("\""))
                    .replace(QLatin1String("\\n"), QLatin1String("\n"));
                if (joined.contains(QLatin1Char('\\')))
                    continue; // other escapes: not worth decoding here
                ++calls;
                if (!known.contains(joined))
                    missing << QStringLiteral("%1: %2").arg(QFileInfo(file).fileName(), joined.left(80));
            }
        }
    }
    QVERIFY2(calls > 500, qPrintable(QString::number(calls)));
    QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("lupdate did not see (or the .ts is stale):\n") +
                                           missing.join(QLatin1Char('\n'))));
}

void TestTranslations::runtimeContextsMatchLupdate_data()
{
    QTest::addColumn<QString>("text");
    // One row per way the code asks for a translation.
    Finding unused = Finding::make("ims-config-unused", Severity::Error, {});
    QTest::newRow("per-file Text class") << BoundedFile::describe(InputFileKind::PrivateKey);
    QTest::newRow("Text class in a classifier") << FindingText::message(unused);
    QTest::newRow("Q_DECLARE_TR_FUNCTIONS")
        << ProfileStore::validateName(QStringLiteral("a/b")).error().userMessage;
    QTest::newRow("Q_DECLARE_TR_FUNCTIONS on a struct")
        << parseTimeoutSeconds(QStringLiteral("x")).error().userMessage;
    QTest::newRow("static tr() of a QObject")
        << ImsValidator::parseImsUrl(QStringLiteral("x")).error().userMessage;
    QTest::newRow("explicit context") << deploymentDisplayName(Deployment::Aem65);
    QTest::newRow("explicit context, Task") << Task::cancelledError().userMessage;
    QTest::newRow("seconds") << formatSeconds(2000);
    QTest::newRow("namespace helper") << SavedSetup::secretDisplayName(SecretKind::AemPassword);
    QTest::newRow("service")
        << TrustedCertificates::checkNewPin(QUrl(), QStringLiteral("x")).error().userMessage;
    QTest::newRow("importer") << CredentialImporter::jwtRetirementWarning(QDate(2026, 12, 1));
    AemInstance none;
    none.version = AemVersion::parse(QStringLiteral("6.5.22.0"));
    none.state = ConfigState::None;
    QTest::newRow("route selector") << RouteSelector::select(none, QDate(2026, 12, 1)).reason;
}

void TestTranslations::runtimeContextsMatchLupdate()
{
    // The rows were made before the translator was installed; make them again with it.
    if (!m_translator) {
        QVERIFY(m_dir.isValid());
        const QString ts = m_dir.filePath(QStringLiteral("pseudo_de.ts"));
        const QString qm = m_dir.filePath(QStringLiteral("pseudo_de.qm"));
        QFile f(ts);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(pseudoTranslated(readAll(tsPath(QStringLiteral("de")))));
        f.close();
        QProcess lrelease;
        lrelease.start(QStringLiteral(BPSETUP_LRELEASE),
                       {QStringLiteral("-silent"), ts, QStringLiteral("-qm"), qm});
        QVERIFY(lrelease.waitForFinished(60000));
        QCOMPARE(lrelease.exitCode(), 0);
        m_translator = std::make_unique<QTranslator>();
        QVERIFY(m_translator->load(qm));
        QVERIFY(QCoreApplication::installTranslator(m_translator.get()));
    }
    const QByteArray row = QTest::currentDataTag();
    QString now;
    Finding unused = Finding::make("ims-config-unused", Severity::Error, {});
    AemInstance none;
    none.version = AemVersion::parse(QStringLiteral("6.5.22.0"));
    none.state = ConfigState::None;
    if (row == "per-file Text class")
        now = BoundedFile::describe(InputFileKind::PrivateKey);
    else if (row == "Text class in a classifier")
        now = FindingText::message(unused);
    else if (row == "Q_DECLARE_TR_FUNCTIONS")
        now = ProfileStore::validateName(QStringLiteral("a/b")).error().userMessage;
    else if (row == "Q_DECLARE_TR_FUNCTIONS on a struct")
        now = parseTimeoutSeconds(QStringLiteral("x")).error().userMessage;
    else if (row == "static tr() of a QObject")
        now = ImsValidator::parseImsUrl(QStringLiteral("x")).error().userMessage;
    else if (row == "explicit context")
        now = deploymentDisplayName(Deployment::Aem65);
    else if (row == "explicit context, Task")
        now = Task::cancelledError().userMessage;
    else if (row == "seconds")
        now = formatSeconds(2000);
    else if (row == "namespace helper")
        now = SavedSetup::secretDisplayName(SecretKind::AemPassword);
    else if (row == "service")
        now = TrustedCertificates::checkNewPin(QUrl(), QStringLiteral("x")).error().userMessage;
    else if (row == "importer")
        now = CredentialImporter::jwtRetirementWarning(QDate(2026, 12, 1));
    else if (row == "route selector")
        now = RouteSelector::select(none, QDate(2026, 12, 1)).reason;
    QFETCH(QString, text);
    QVERIFY2(!text.startsWith(kOpen), "the row was made before any translator");
    QVERIFY2(now.startsWith(kOpen), qPrintable(QStringLiteral("not translated: ") + now));
}

// German, French and Japanese are complete: CI fails when a source string has no finished translation in one
// of them, when a plural lacks a form, or when a translation drops or invents a placeholder.
void TestTranslations::everyStringIsTranslated_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<int>("pluralForms");
    QTest::newRow("de") << QStringLiteral("de") << 2;
    QTest::newRow("fr") << QStringLiteral("fr") << 2;
    QTest::newRow("ja") << QStringLiteral("ja") << 1;
}

void TestTranslations::everyStringIsTranslated()
{
    QFETCH(QString, language);
    QFETCH(int, pluralForms);
    const QList<TsMessage> messages = tsMessages(tsPath(language));
    QVERIFY(messages.size() > 1000);
    QStringList problems;
    for (const TsMessage &m : messages) {
        const QString where = m.context + QStringLiteral(": ") + m.source.left(70);
        bool empty = m.forms.isEmpty();
        for (const QString &f : m.forms)
            empty = empty || f.trimmed().isEmpty();
        if (!m.type.isEmpty() || empty) {
            problems << QStringLiteral("not translated: ") + where;
            continue;
        }
        if (m.numerus && m.forms.size() != pluralForms)
            problems
                << QStringLiteral("%1 plural forms instead of %2: ").arg(m.forms.size()).arg(pluralForms) +
                       where;
        for (const QString &f : m.forms) {
            if (placeholders(f) != placeholders(m.source))
                problems << QStringLiteral("placeholders differ: ") + where;
        }
    }
    QVERIFY2(
        problems.isEmpty(),
        qPrintable(QStringLiteral("%1 problem(s) in bpsetup_%2.ts:\n").arg(problems.size()).arg(language) +
                   problems.mid(0, 40).join(QLatin1Char('\n'))));
}

// --lang picks the CLI's language whatever the system's is (the tests run under LC_ALL=C.UTF-8): the help
// comes out exactly as the .ts translates it.
void TestTranslations::cliFollowsLang_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("de") << QStringLiteral("de");
    QTest::newRow("fr") << QStringLiteral("fr");
    QTest::newRow("ja") << QStringLiteral("ja");
}

void TestTranslations::cliFollowsLang()
{
    QFETCH(QString, language);
    const QString exe = qEnvironmentVariable("BPSETUP_EXE");
    if (exe.isEmpty())
        QSKIP("BPSETUP_EXE is not set (run through ctest)");
    QString expected;
    for (const TsMessage &m : tsMessages(tsPath(language))) {
        if (m.context == QLatin1String("bp::cli::Cli") &&
            m.source.startsWith(QLatin1String("Usage: bpsetup [")))
            expected = m.forms.value(0);
    }
    QVERIFY(!expected.isEmpty());
    QProcess p;
    p.start(exe, {QStringLiteral("--lang"), language, QStringLiteral("--help")});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 0);
    QCOMPARE(QString::fromUtf8(p.readAllStandardOutput()), expected);
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
