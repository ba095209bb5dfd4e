// SPDX-License-Identifier: Apache-2.0
// The baseline for the start-up benchmark: a bare QWizard with three text pages and nothing else, reporting
// its first paint exactly like `bpsetup --demo --exit-after-first-page` does.
#include <QApplication>
#include <QDateTime>
#include <QFile>
#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>
#include <QWizard>

#include <cstdio>
#include <unistd.h>

namespace {

qint64 processStartMs()
{
    // Field 22 of /proc/self/stat is the start time in clock ticks since boot.
    QFile stat(QStringLiteral("/proc/self/stat"));
    QFile uptime(QStringLiteral("/proc/uptime"));
    if (!stat.open(QIODevice::ReadOnly) || !uptime.open(QIODevice::ReadOnly))
        return QDateTime::currentMSecsSinceEpoch();
    const QByteArray s = stat.readAll();
    const QList<QByteArray> fields = s.mid(s.lastIndexOf(')') + 2).split(' ');
    const double startSec = fields.value(19).toDouble() / static_cast<double>(sysconf(_SC_CLK_TCK));
    const double upSec = uptime.readAll().split(' ').value(0).toDouble();
    return QDateTime::currentMSecsSinceEpoch() - static_cast<qint64>((upSec - startSec) * 1000.0);
}

class FirstPaint : public QObject
{
public:
    explicit FirstPaint(qint64 startMs) : m_startMs(startMs) {}

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (!m_done && (event->type() == QEvent::Paint || event->type() == QEvent::Expose)) {
            m_done = true;
            QTimer::singleShot(0, this, [this] {
                std::printf("first-page-shown-ms %lld\n",
                            static_cast<long long>(QDateTime::currentMSecsSinceEpoch() - m_startMs));
                std::fflush(stdout);
                QCoreApplication::exit(0);
            });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    qint64 m_startMs;
    bool m_done = false;
};

QWizardPage *textPage(const QString &title, const QString &text)
{
    auto *page = new QWizardPage;
    page->setTitle(title);
    auto *layout = new QVBoxLayout(page);
    auto *label = new QLabel(text);
    label->setWordWrap(true);
    layout->addWidget(label);
    return page;
}

} // namespace

int main(int argc, char **argv)
{
    const qint64 startMs = processStartMs();
    QApplication app(argc, argv);
    QWizard wizard;
    wizard.setWindowTitle(QStringLiteral("Bare wizard"));
    wizard.addPage(textPage(QStringLiteral("Welcome"),
                            QStringLiteral("A bare QWizard used as the benchmark baseline.")));
    wizard.addPage(textPage(QStringLiteral("Second"), QStringLiteral("Second page.")));
    wizard.addPage(textPage(QStringLiteral("Third"), QStringLiteral("Third page.")));
    FirstPaint reporter(startMs);
    if (app.arguments().contains(QStringLiteral("--exit-after-first-page")))
        wizard.installEventFilter(&reporter);
    wizard.show();
    return app.exec();
}
