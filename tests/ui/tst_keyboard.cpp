// SPDX-License-Identifier: Apache-2.0
// The wizard with the keyboard only: every page of every path is reached with Alt+mnemonic and Tab, and on
// every page each interactive widget has an accessible name and description, each button a mnemonic unique on
// that page (the wizard's own buttons included), and Tab reaches every widget that takes focus without
// getting stuck.
#include "ModalAnswer.h"
#include "TestSupport.h"

#include "secrets/MemorySecretStore.h"
#include "setup/SetupState.h"
#include "sim/SimDemoEnvironment.h"
#include "sim/Simulator.h"
#include "wizard/SetupWizard.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QScopeGuard>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextEdit>
#include <QTimer>
#include <QTranslator>

#include <memory>

using namespace bp;
using bp::ui::SetupWizard;

namespace {

constexpr int kWaitMs = 20000;

// The letter after a single '&' (lower case), or 0.
QChar mnemonicOf(const QString &text)
{
    for (int i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != QLatin1Char('&'))
            continue;
        if (text.at(i + 1) == QLatin1Char('&')) {
            ++i;
            continue;
        }
        return text.at(i + 1).toLower();
    }
    return {};
}

QString describe(const QWidget *w)
{
    return QStringLiteral("%1 \"%2\" (%3)")
        .arg(QString::fromLatin1(w->metaObject()->className()), w->objectName(),
             qobject_cast<const QAbstractButton *>(w) ? qobject_cast<const QAbstractButton *>(w)->text()
                                                      : QString());
}

// Part of another control (a combo box's line edit, a spin box's editor, a view's viewport or header).
bool isInternal(const QWidget *w, const QWidget *root)
{
    for (const QWidget *p = w->parentWidget(); p && p != root; p = p->parentWidget()) {
        if (qobject_cast<const QComboBox *>(p) || qobject_cast<const QAbstractSpinBox *>(p) ||
            qobject_cast<const QAbstractItemView *>(p))
            return true;
    }
    return false;
}

bool isInteractive(const QWidget *w)
{
    return qobject_cast<const QAbstractButton *>(w) || qobject_cast<const QLineEdit *>(w) ||
           qobject_cast<const QComboBox *>(w) || qobject_cast<const QAbstractSpinBox *>(w) ||
           qobject_cast<const QAbstractItemView *>(w) || qobject_cast<const QPlainTextEdit *>(w) ||
           qobject_cast<const QTextEdit *>(w);
}

// The visible controls of the wizard a keyboard user deals with on this page.
QList<QWidget *> controls(QWidget *root)
{
    QList<QWidget *> out;
    for (QWidget *w : root->findChildren<QWidget *>()) {
        if (!w->isVisibleTo(root) || !isInteractive(w) || isInternal(w, root) ||
            w->focusPolicy() == Qt::NoFocus)
            continue;
        out << w;
    }
    return out;
}

// The wizard's language for one test row: Qt's own and bpsetup's translations, removed again afterwards.
class LanguageScope
{
public:
    explicit LanguageScope(const QString &language) : m_previous(QLocale())
    {
        const QLocale locale(language);
        QLocale::setDefault(locale);
        if (language == QLatin1String("en"))
            return;
        if (m_qt.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                      QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(&m_qt);
        m_loaded =
            m_own.load(locale, QStringLiteral("bpsetup"), QStringLiteral("_"), QStringLiteral(":/i18n"));
        if (m_loaded)
            QCoreApplication::installTranslator(&m_own);
    }
    ~LanguageScope()
    {
        QCoreApplication::removeTranslator(&m_own);
        QCoreApplication::removeTranslator(&m_qt);
        QLocale::setDefault(m_previous);
    }
    bool loaded(const QString &language) const { return language == QLatin1String("en") || m_loaded; }

private:
    QLocale m_previous;
    QTranslator m_qt;
    QTranslator m_own;
    bool m_loaded = false;
};

void addLanguageRows()
{
    QTest::addColumn<QString>("language");
    for (const char *l : {"en", "de", "fr", "ja"})
        QTest::newRow(l) << QString::fromLatin1(l);
}

struct Harness
{
    std::unique_ptr<sim::Simulator> simulator;
    std::unique_ptr<sim::SimDemoEnvironment> demo;
    QTemporaryDir files;
    SetupState state;
    MemorySecretStore secrets;
    std::unique_ptr<SetupWizard> wizard;

    ~Harness() { wizard.reset(); }

    bool start(sim::SimState simState)
    {
        sim::SimulatorOptions options;
        options.state = simState;
        simulator = test::startSimulator(options);
        if (!simulator || !files.isValid())
            return false;
        demo = std::make_unique<sim::SimDemoEnvironment>(*simulator);
        state.useDemo(demo.get());
        state.backupsRoot = files.filePath(QStringLiteral("backups"));
        state.activityLogPath = files.filePath(QStringLiteral("bpsetup.log"));
        wizard = std::make_unique<SetupWizard>(&state);
        wizard->setSecretStore(&secrets);
        wizard->setProfilesPath(files.filePath(QStringLiteral("profiles.json")));
        wizard->setTrustStorePath(files.filePath(QStringLiteral("trust.json")));
        wizard->show();
        wizard->activateWindow();
        return QTest::qWaitForWindowActive(wizard.get());
    }
};

} // namespace

class TstKeyboard : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void createPathByKeyboard_data() { addLanguageRows(); }
    void createPathByKeyboard();
    void diagnosePathByKeyboard_data() { addLanguageRows(); }
    void diagnosePathByKeyboard();
    void verifyPathByKeyboard_data() { addLanguageRows(); }
    void verifyPathByKeyboard();
    void mnemonicOfIgnoresDoubleAmpersand();
    void escapeAsksOnceWorkWasDone();

private:
    // Checks the current page (names, mnemonics, tab chain); failures are collected, not fatal, so one run
    // lists every problem of the page.
    void auditPage(Harness &h, const QString &page);
    // Presses Alt+<the button's mnemonic> where the keyboard focus is.
    bool pressMnemonic(Harness &h, QAbstractButton *button);
    bool next(Harness &h, int expectedPage);
    bool waitNextEnabled(Harness &h);

    QStringList m_problems;
};

void TstKeyboard::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TstKeyboard::mnemonicOfIgnoresDoubleAmpersand()
{
    QCOMPARE(mnemonicOf(QStringLiteral("Save &report")), QLatin1Char('r'));
    QCOMPARE(mnemonicOf(QStringLiteral("R&&D &Tools")), QLatin1Char('t'));
    QCOMPARE(mnemonicOf(QStringLiteral("No mnemonic")), QChar());
    QCOMPARE(mnemonicOf(QStringLiteral("保存(&S)")), QLatin1Char('s'));
}

void TstKeyboard::auditPage(Harness &h, const QString &page)
{
    const qsizetype before = m_problems.size();
    const auto printNew = qScopeGuard([this, before] {
        for (qsizetype i = before; i < m_problems.size(); ++i)
            qWarning("%s", qPrintable(m_problems.at(i)));
    });
    QWidget *root = h.wizard.get();
    const QList<QWidget *> all = controls(root);
    QHash<QChar, QString> letters;
    for (QWidget *w : all) {
        QAccessibleInterface *a = QAccessible::queryAccessibleInterface(w);
        if (!a || a->text(QAccessible::Name).trimmed().isEmpty())
            m_problems << page + QStringLiteral(": no accessible name: ") + describe(w);
        else if (a->text(QAccessible::Description).trimmed().isEmpty())
            m_problems << page + QStringLiteral(": no accessible description: ") + describe(w);
        auto *button = qobject_cast<QAbstractButton *>(w);
        if (!button || button->text().isEmpty())
            continue;
        const QChar m = mnemonicOf(button->text());
        // Cancel has Escape; a dialog button box's buttons have their platform keys.
        const bool exempt = button == h.wizard->button(QWizard::CancelButton) ||
                            qobject_cast<QDialogButtonBox *>(button->parentWidget());
        if (m.isNull()) {
            if (!exempt)
                m_problems << page + QStringLiteral(": no mnemonic: ") + describe(w);
            continue;
        }
        if (letters.contains(m))
            m_problems << page + QStringLiteral(": mnemonic '%1' twice: ").arg(m) + letters.value(m) +
                              QStringLiteral(" and ") + describe(w);
        letters.insert(m, describe(w));
    }
    // A label's mnemonic moves the focus to its buddy: it shares the same letters.
    for (QLabel *l : root->findChildren<QLabel *>()) {
        if (!l->isVisibleTo(root) || !l->buddy())
            continue;
        const QChar m = mnemonicOf(l->text());
        if (m.isNull())
            continue;
        if (letters.contains(m))
            m_problems << page + QStringLiteral(": mnemonic '%1' twice: ").arg(m) + letters.value(m) +
                              QStringLiteral(" and label \"%1\"").arg(l->text());
        letters.insert(m, QStringLiteral("label \"%1\"").arg(l->text()));
    }
    // Tab from the first control visits every enabled one and comes back, never trapped in a text field.
    QList<QWidget *> focusable;
    for (QWidget *w : all) {
        if (w->isEnabled() && w->focusPolicy() & Qt::TabFocus)
            focusable << w;
    }
    if (focusable.isEmpty())
        return;
    QWidget *start = focusable.constFirst();
    start->setFocus(Qt::TabFocusReason);
    QSet<QWidget *> reached;
    QWidget *current = QApplication::focusWidget();
    for (int i = 0; i < 4 * focusable.size() + 8 && current; ++i) {
        reached.insert(current);
        QTest::keyClick(current, Qt::Key_Tab);
        QWidget *after = QApplication::focusWidget();
        if (after == current) {
            m_problems << page + QStringLiteral(": Tab is trapped in ") + describe(current);
            break;
        }
        current = after;
        if (current == start)
            break;
    }
    for (QWidget *w : focusable) {
        bool inside = reached.contains(w);
        // A radio group is one tab stop; arrow keys move within it.
        if (!inside && qobject_cast<QRadioButton *>(w)) {
            for (QWidget *r : std::as_const(reached))
                inside =
                    inside || (qobject_cast<QRadioButton *>(r) && r->parentWidget() == w->parentWidget());
        }
        if (!inside)
            m_problems << page + QStringLiteral(": Tab never reaches ") + describe(w);
    }
}

bool TstKeyboard::pressMnemonic(Harness &h, QAbstractButton *button)
{
    if (!button || !button->isVisible())
        return false;
    const QChar m = mnemonicOf(button->text());
    if (m.isNull() || !QTest::qWaitFor([button] { return button->isEnabled(); }, kWaitMs))
        return false;
    QWidget *target = QApplication::focusWidget() ? QApplication::focusWidget() : h.wizard.get();
    QTest::keyClick(target, Qt::Key(Qt::Key_A + (m.unicode() - 'a')), Qt::AltModifier);
    return true;
}

bool TstKeyboard::waitNextEnabled(Harness &h)
{
    return QTest::qWaitFor([&h] { return h.wizard->button(QWizard::NextButton)->isEnabled(); }, kWaitMs);
}

bool TstKeyboard::next(Harness &h, int expectedPage)
{
    if (!waitNextEnabled(h) || !pressMnemonic(h, h.wizard->button(QWizard::NextButton)))
        return false;
    return QTest::qWaitFor([&h, expectedPage] { return h.wizard->currentId() == expectedPage; }, kWaitMs);
}

void TstKeyboard::createPathByKeyboard()
{
    QFETCH(QString, language);
    const LanguageScope scope(language);
    QVERIFY(scope.loaded(language));
    // The row really runs in its language (the wizard's own words are translated).
    QCOMPARE(SetupWizard::stepName(SetupWizard::WelcomePageId) == QLatin1String("Welcome"),
             language == QLatin1String("en"));
    m_problems.clear();
    Harness h;
    QVERIFY(h.start(sim::SimState::None));
    auditPage(h, QStringLiteral("Welcome"));
    QVERIFY(next(h, SetupWizard::ConnectPageId));
    auditPage(h, QStringLiteral("Connect"));
    QVERIFY(next(h, SetupWizard::RoutePageId));
    auditPage(h, QStringLiteral("Route"));
    QVERIFY(next(h, SetupWizard::CredentialsPageId));
    QVERIFY(
        pressMnemonic(h, h.wizard->findChild<QAbstractButton *>(QStringLiteral("demoCredentialsButton"))));
    QVERIFY(waitNextEnabled(h));
    auditPage(h, QStringLiteral("Credentials"));
    QVERIFY(next(h, SetupWizard::ValidatePageId));
    QVERIFY(pressMnemonic(h, h.wizard->findChild<QAbstractButton *>(QStringLiteral("validateButton"))));
    QVERIFY(waitNextEnabled(h));
    auditPage(h, QStringLiteral("Validate"));
    QVERIFY(next(h, SetupWizard::ReviewPageId));
    QAbstractButton *commit = h.wizard->button(QWizard::CommitButton);
    QVERIFY(QTest::qWaitFor([commit] { return commit->isEnabled(); }, kWaitMs));
    auditPage(h, QStringLiteral("Review"));
    QVERIFY(pressMnemonic(h, commit));
    QTRY_COMPARE_WITH_TIMEOUT(h.wizard->currentId(), int(SetupWizard::ApplyPageId), kWaitMs);
    QVERIFY(waitNextEnabled(h));
    auditPage(h, QStringLiteral("Apply"));
    QVERIFY(next(h, SetupWizard::TestPageId));
    QVERIFY(waitNextEnabled(h));
    auditPage(h, QStringLiteral("Test"));
    QVERIFY(next(h, SetupWizard::FinishPageId));
    auditPage(h, QStringLiteral("Finish"));
    QSignalSpy finished(h.wizard.get(), &QDialog::finished);
    QVERIFY(pressMnemonic(h, h.wizard->button(QWizard::FinishButton)));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kWaitMs);
    QVERIFY2(m_problems.isEmpty(), qPrintable(m_problems.join(QLatin1Char('\n'))));
}

void TstKeyboard::diagnosePathByKeyboard()
{
    QFETCH(QString, language);
    const LanguageScope scope(language);
    QVERIFY(scope.loaded(language));
    m_problems.clear();
    Harness h;
    QVERIFY(h.start(sim::SimState::DevConsoleJwt));
    // Down moves the Welcome page's choice from "Set up" to "Diagnose", as in any radio group.
    auto *setup = h.wizard->findChild<QRadioButton *>(QStringLiteral("setupRadio"));
    setup->setFocus(Qt::TabFocusReason);
    QTest::keyClick(setup, Qt::Key_Down);
    QVERIFY(h.wizard->findChild<QRadioButton *>(QStringLiteral("diagnoseRadio"))->isChecked());
    QVERIFY(next(h, SetupWizard::ConnectPageId));
    QVERIFY(next(h, SetupWizard::DiagnosePageId));
    QVERIFY(waitNextEnabled(h));
    auditPage(h, QStringLiteral("Diagnose"));
    QVERIFY(next(h, SetupWizard::FinishPageId));
    auditPage(h, QStringLiteral("Finish (diagnose)"));
    QVERIFY2(m_problems.isEmpty(), qPrintable(m_problems.join(QLatin1Char('\n'))));
}

void TstKeyboard::verifyPathByKeyboard()
{
    QFETCH(QString, language);
    const LanguageScope scope(language);
    QVERIFY(scope.loaded(language));
    m_problems.clear();
    Harness h;
    QVERIFY(h.start(sim::SimState::OAuthS2S));
    QVERIFY(next(h, SetupWizard::ConnectPageId));
    QVERIFY(next(h, SetupWizard::RoutePageId));
    auto *keep = h.wizard->findChild<QAbstractButton *>(QStringLiteral("action-keep"));
    QVERIFY(keep);
    QVERIFY(pressMnemonic(h, keep));
    QTRY_VERIFY(keep->isChecked());
    auditPage(h, QStringLiteral("Route (existing configuration)"));
    QVERIFY(next(h, SetupWizard::VerifyPageId));
    QVERIFY(waitNextEnabled(h));
    auditPage(h, QStringLiteral("Verify"));
    QVERIFY2(m_problems.isEmpty(), qPrintable(m_problems.join(QLatin1Char('\n'))));
}

// Escape before any work closes at once; after a validated credential it asks, and "Stay" keeps everything.
void TstKeyboard::escapeAsksOnceWorkWasDone()
{
    {
        Harness h;
        QVERIFY(h.start(sim::SimState::None));
        QVERIFY(next(h, SetupWizard::ConnectPageId));
        QSignalSpy finished(h.wizard.get(), &QDialog::finished);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(h.wizard->result(), int(QDialog::Rejected));
    }
    Harness h;
    QVERIFY(h.start(sim::SimState::None));
    QVERIFY(next(h, SetupWizard::ConnectPageId));
    QVERIFY(next(h, SetupWizard::RoutePageId));
    QVERIFY(next(h, SetupWizard::CredentialsPageId));
    QVERIFY(
        pressMnemonic(h, h.wizard->findChild<QAbstractButton *>(QStringLiteral("demoCredentialsButton"))));
    QVERIFY(next(h, SetupWizard::ValidatePageId));
    QVERIFY(pressMnemonic(h, h.wizard->findChild<QAbstractButton *>(QStringLiteral("validateButton"))));
    QVERIFY(waitNextEnabled(h));
    QVERIFY(h.state.credentialValidated);
    QSignalSpy finished(h.wizard.get(), &QDialog::finished);

    QString asked;
    const auto answer = [this, &asked](const QString &button) {
        test::answerNextModal<QMessageBox>(this, [&asked, button](QMessageBox *box) {
            asked = box->text();
            for (QAbstractButton *b : box->buttons()) {
                if (b->text() == button)
                    b->click();
            }
        });
    };
    answer(QStringLiteral("&Stay"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
    QVERIFY2(asked.contains(QLatin1String("nothing was applied to AEM yet")), qPrintable(asked));
    QCOMPARE(finished.count(), 0);
    QVERIFY(h.wizard->isVisible());
    QCOMPARE(h.wizard->currentId(), int(SetupWizard::ValidatePageId));
    QVERIFY(h.state.credentialValidated);

    asked.clear();
    answer(QStringLiteral("&Close"));
    QTest::mouseClick(h.wizard->button(QWizard::CancelButton), Qt::LeftButton);
    QVERIFY(!asked.isEmpty());
    QCOMPARE(finished.count(), 1);
    QCOMPARE(h.wizard->result(), int(QDialog::Rejected));
}

QTEST_MAIN(TstKeyboard)
#include "tst_keyboard.moc"
