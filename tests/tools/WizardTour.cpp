// SPDX-License-Identifier: Apache-2.0
// Walks the wizard through every page against the built-in simulator, in one language, and saves a PNG of
// each page (tools/screenshots runs it under Xvfb for English, German and Japanese). It also reports text
// that does not fit: a label whose wrapped text needs more height than it got, a button or a one-line label
// narrower than its text. Exit code 0: all pages shot and nothing clipped; 1: something clipped (listed);
// 2: a page could not be reached.
//   bpsetup_wizard_tour --lang de --out DIR [--size WxH] [--dark]
#include "i18n/Translations.h"
#include "secrets/MemorySecretStore.h"
#include "setup/SetupState.h"
#include "sim/SimDemoEnvironment.h"
#include "sim/Simulator.h"
#include "wizard/HelpDialog.h"
#include "wizard/SetupWizard.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QCommandLineParser>
#include <QDir>
#include <QLabel>
#include <QLocale>
#include <QPalette>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

#include <functional>
#include <memory>

using namespace bp;
using bp::ui::SetupWizard;

namespace {

constexpr int kWaitMs = 30000;

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

// A visible widget whose text does not fit, as "page: objectName (class): text".
QStringList clippedTexts(QWidget *root, const QString &page)
{
    QStringList found;
    const auto report = [&](QWidget *w, const QString &text) {
        found << QStringLiteral("%1: %2 (%3): %4")
                     .arg(page, w->objectName().isEmpty() ? QStringLiteral("-") : w->objectName(),
                          QString::fromLatin1(w->metaObject()->className()), text.left(80));
    };
    for (QLabel *l : root->findChildren<QLabel *>()) {
        if (!l->isVisibleTo(root) || l->text().isEmpty() || !l->pixmap().isNull())
            continue;
        // Labels inside a scroll area may be taller than the viewport: that is what scrolling is for.
        const bool inScroll = qobject_cast<QScrollArea *>(l->parentWidget()) != nullptr;
        if (l->wordWrap()) {
            if (l->heightForWidth(l->width()) > l->height() + 1 && !inScroll)
                report(l, l->text());
        } else if (l->sizeHint().width() > l->width() + 1) {
            report(l, l->text());
        }
    }
    // A scrolled page without a horizontal scroll bar must fit its width: wider content is cut off.
    for (QScrollArea *area : root->findChildren<QScrollArea *>()) {
        if (!area->isVisibleTo(root) || !area->widget() ||
            area->horizontalScrollBarPolicy() != Qt::ScrollBarAlwaysOff)
            continue;
        if (area->widget()->width() > area->viewport()->width() + 1)
            report(area, QStringLiteral("content %1 px wide in a %2 px view")
                             .arg(area->widget()->width())
                             .arg(area->viewport()->width()));
    }
    for (QAbstractButton *b : root->findChildren<QAbstractButton *>()) {
        if (!b->isVisibleTo(root) || b->text().isEmpty())
            continue;
        if (b->sizeHint().width() > b->width() + 1)
            report(b, b->text());
    }
    return found;
}

class Tour
{
public:
    Tour(QString outDir, QSize size) : m_outDir(std::move(outDir)), m_size(size) {}

    // One path of the wizard, from a fresh simulator in simState. False when a page was not reached.
    bool run(sim::SimState simState, const std::function<bool()> &walk)
    {
        sim::SimulatorOptions options;
        options.state = simState;
        m_simulator = std::make_unique<sim::Simulator>(options);
        if (!m_simulator->start())
            return fail(QStringLiteral("the simulator did not start"));
        m_demo = std::make_unique<sim::SimDemoEnvironment>(*m_simulator);
        m_files = std::make_unique<QTemporaryDir>();
        m_state = std::make_unique<SetupState>();
        m_state->useDemo(m_demo.get());
        m_state->backupsRoot = m_files->filePath(QStringLiteral("backups"));
        m_state->activityLogPath = m_files->filePath(QStringLiteral("bpsetup.log"));
        m_secrets = std::make_unique<MemorySecretStore>();
        m_wizard = std::make_unique<SetupWizard>(m_state.get());
        m_wizard->setSecretStore(m_secrets.get());
        m_wizard->setProfilesPath(m_files->filePath(QStringLiteral("profiles.json")));
        m_wizard->setTrustStorePath(m_files->filePath(QStringLiteral("trust.json")));
        if (m_size.isValid())
            m_wizard->resize(m_size);
        m_wizard->show();
        if (!QTest::qWaitForWindowExposed(m_wizard.get()))
            return fail(QStringLiteral("the wizard window did not appear"));
        const bool ok = walk();
        m_wizard.reset();
        m_simulator->stop();
        return ok;
    }

    template <class T> T *child(const char *name) const
    {
        return m_wizard->findChild<T *>(QLatin1String(name));
    }
    SetupWizard *wizard() const { return m_wizard.get(); }

    bool waitFor(const std::function<bool()> &condition, const QString &what)
    {
        return QTest::qWaitFor(condition, kWaitMs) || fail(QStringLiteral("timed out waiting for ") + what);
    }
    bool click(QAbstractButton *button, const QString &what)
    {
        if (!button || !button->isVisible())
            return fail(what + QStringLiteral(" is not on the page"));
        if (!waitFor([button] { return button->isEnabled(); }, what + QStringLiteral(" to be enabled")))
            return false;
        button->click();
        return true;
    }
    bool next(int expectedPage)
    {
        if (!click(m_wizard->button(QWizard::NextButton), QStringLiteral("Next")))
            return false;
        return waitFor([this, expectedPage] { return m_wizard->currentId() == expectedPage; },
                       SetupWizard::stepName(expectedPage));
    }

    // Saves the window (the wizard, or a dialog on top of it) and audits its texts.
    void shoot(const QString &name, QWidget *window = nullptr)
    {
        QWidget *w = window ? window : m_wizard.get();
        QTest::qWait(150); // let layouts settle and the page paint
        const QString file = QDir(m_outDir).filePath(
            QStringLiteral("%1-%2.png").arg(++m_count, 2, 10, QLatin1Char('0')).arg(name));
        if (!w->grab().save(file))
            fail(QStringLiteral("cannot write ") + file);
        out() << "shot " << file << Qt::endl;
        m_clipped << clippedTexts(w, name);
    }

    bool fail(const QString &why)
    {
        out() << "FAILED: " << why << Qt::endl;
        m_failed = true;
        return false;
    }

    bool failed() const { return m_failed; }
    const QStringList &clipped() const { return m_clipped; }

private:
    QString m_outDir;
    QSize m_size;
    std::unique_ptr<sim::Simulator> m_simulator;
    std::unique_ptr<sim::SimDemoEnvironment> m_demo;
    std::unique_ptr<QTemporaryDir> m_files;
    std::unique_ptr<SetupState> m_state;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<SetupWizard> m_wizard;
    int m_count = 0;
    bool m_failed = false;
    QStringList m_clipped;
};

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption lang(QStringLiteral("lang"), QStringLiteral("Language code (en, de, fr, ja)."),
                                  QStringLiteral("CODE"), QStringLiteral("en"));
    const QCommandLineOption outDir(QStringLiteral("out"), QStringLiteral("Folder for the PNG files."),
                                    QStringLiteral("DIR"));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Window size, e.g. 760x600."),
                                  QStringLiteral("WxH"));
    const QCommandLineOption dark(
        QStringLiteral("dark"),
        QStringLiteral("A dark palette (Fusion), as the platform's dark mode gives."));
    parser.addOptions({lang, outDir, size, dark});
    parser.process(app);
    if (parser.isSet(dark)) {
        QApplication::setStyle(QStringLiteral("Fusion"));
        QPalette p(QColor(0x353535), QColor(0x2a2a2a));
        p.setColor(QPalette::WindowText, QColor(0xeeeeee));
        p.setColor(QPalette::Text, QColor(0xeeeeee));
        p.setColor(QPalette::ButtonText, QColor(0xeeeeee));
        p.setColor(QPalette::Base, QColor(0x242424));
        p.setColor(QPalette::Highlight, QColor(0x2a82da));
        QApplication::setPalette(p);
    }
    if (!parser.isSet(outDir) || !QDir().mkpath(parser.value(outDir))) {
        out() << "--out DIR is needed (and must be writable)" << Qt::endl;
        return 2;
    }
    const QLocale locale(parser.value(lang));
    QLocale::setDefault(locale);
    installTranslations(&app, locale);
    QSize windowSize;
    if (parser.isSet(size)) {
        const QStringList wh = parser.value(size).split(QLatin1Char('x'));
        windowSize = QSize(wh.value(0).toInt(), wh.value(1).toInt());
    }

    Tour tour(parser.value(outDir), windowSize);
    // 1. A new configuration on 6.5, every step, and the Help of the first page.
    tour.run(sim::SimState::None, [&] {
        tour.shoot(QStringLiteral("welcome"));
        // The Help button (F1 needs an active window, which a display without a window manager never gives).
        tour.wizard()->button(QWizard::HelpButton)->click();
        QWidget *help = nullptr;
        if (!tour.waitFor(
                [&] { return (help = tour.wizard()->findChild<ui::HelpDialog *>()) && help->isVisible(); },
                QStringLiteral("the Help dialog")))
            return false;
        tour.shoot(QStringLiteral("welcome-help"), help);
        help->close();
        return tour.next(SetupWizard::ConnectPageId) && (tour.shoot(QStringLiteral("connect")), true) &&
               tour.next(SetupWizard::RoutePageId) && (tour.shoot(QStringLiteral("route")), true) &&
               tour.next(SetupWizard::CredentialsPageId) &&
               tour.click(tour.child<QPushButton>("demoCredentialsButton"),
                          QStringLiteral("demo credentials")) &&
               (tour.shoot(QStringLiteral("credentials")), true) && tour.next(SetupWizard::ValidatePageId) &&
               tour.click(tour.child<QPushButton>("validateButton"), QStringLiteral("Validate")) &&
               tour.waitFor([&] { return tour.wizard()->button(QWizard::NextButton)->isEnabled(); },
                            QStringLiteral("validation")) &&
               (tour.shoot(QStringLiteral("validate")), true) && tour.next(SetupWizard::ReviewPageId) &&
               tour.waitFor([&] { return tour.wizard()->button(QWizard::CommitButton)->isEnabled(); },
                            QStringLiteral("the plan")) &&
               (tour.shoot(QStringLiteral("review")), true) &&
               tour.click(tour.wizard()->button(QWizard::CommitButton), QStringLiteral("Apply")) &&
               tour.waitFor([&] { return tour.wizard()->currentId() == SetupWizard::ApplyPageId; },
                            QStringLiteral("the Apply page")) &&
               tour.waitFor([&] { return tour.wizard()->button(QWizard::NextButton)->isEnabled(); },
                            QStringLiteral("apply")) &&
               (tour.shoot(QStringLiteral("apply")), true) && tour.next(SetupWizard::TestPageId) &&
               tour.waitFor([&] { return tour.wizard()->button(QWizard::NextButton)->isEnabled(); },
                            QStringLiteral("the tests")) &&
               (tour.shoot(QStringLiteral("test")), true) && tour.next(SetupWizard::FinishPageId) &&
               (tour.shoot(QStringLiteral("finish")), true);
    });
    // 2. Diagnose an existing (JWT, so failing) setup.
    tour.run(sim::SimState::DevConsoleJwt, [&] {
        auto *diagnose = tour.child<QRadioButton>("diagnoseRadio");
        if (!diagnose)
            return tour.fail(QStringLiteral("no Diagnose choice on the Welcome page"));
        diagnose->click();
        return tour.next(SetupWizard::ConnectPageId) && tour.next(SetupWizard::DiagnosePageId) &&
               tour.waitFor([&] { return tour.wizard()->button(QWizard::NextButton)->isEnabled(); },
                            QStringLiteral("the checks")) &&
               (tour.shoot(QStringLiteral("diagnose")), true) && tour.next(SetupWizard::FinishPageId) &&
               (tour.shoot(QStringLiteral("diagnose-finish")), true);
    });
    // 3. Keep an OAuth configuration and verify it.
    tour.run(sim::SimState::OAuthS2S, [&] {
        return tour.next(SetupWizard::ConnectPageId) && tour.next(SetupWizard::RoutePageId) &&
               tour.click(tour.child<QRadioButton>("action-keep"), QStringLiteral("Keep")) &&
               (tour.shoot(QStringLiteral("route-existing")), true) && tour.next(SetupWizard::VerifyPageId) &&
               tour.waitFor([&] { return tour.wizard()->button(QWizard::NextButton)->isEnabled(); },
                            QStringLiteral("verification")) &&
               (tour.shoot(QStringLiteral("verify")), true);
    });

    for (const QString &c : tour.clipped())
        out() << "clipped: " << c << Qt::endl;
    out() << "pages with clipped text: " << tour.clipped().size() << Qt::endl;
    if (tour.failed())
        return 2;
    return tour.clipped().isEmpty() ? 0 : 1;
}
