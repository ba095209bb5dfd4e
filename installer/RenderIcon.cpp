// SPDX-License-Identifier: Apache-2.0
// Build-time tool: renders the application's SVG icon to the PNG sizes desktops want (and an .ico for
// Windows), so the bitmaps can never drift from the one drawn source.
//   bpsetup_render_icon ICON.svg OUTDIR NAME SIZE...   writes OUTDIR/SIZExSIZE/apps/NAME.png
//   bpsetup_render_icon ICON.svg --ico FILE.ico SIZE   writes one .ico
#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QImageWriter>
#include <QPainter>
#include <QSvgRenderer>
#include <QTextStream>

namespace {

QImage render(QSvgRenderer &svg, int size)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    svg.render(&painter, QRectF(0, 0, size, size));
    return image;
}

int fail(const QString &what)
{
    QTextStream(stderr) << "bpsetup_render_icon: " << what << Qt::endl;
    return 1;
}

} // namespace

int main(int argc, char **argv)
{
    // No display at build time: the offscreen platform is enough to paint into an image.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 5)
        return fail(QStringLiteral("usage: ICON.svg OUTDIR NAME SIZE... | ICON.svg --ico FILE.ico SIZE"));
    QSvgRenderer svg(args.at(1));
    if (!svg.isValid())
        return fail(QStringLiteral("cannot read the SVG %1").arg(args.at(1)));
    if (args.at(2) == QLatin1String("--ico")) {
        QImageWriter writer(args.at(3), "ico");
        if (!writer.write(render(svg, args.at(4).toInt())))
            return fail(QStringLiteral("cannot write %1: %2").arg(args.at(3), writer.errorString()));
        return 0;
    }
    for (int i = 4; i < args.size(); ++i) {
        const int size = args.at(i).toInt();
        if (size <= 0)
            return fail(QStringLiteral("not a size: %1").arg(args.at(i)));
        const QString dir = QStringLiteral("%1/%2x%2/apps").arg(args.at(2)).arg(size);
        const QString file = QStringLiteral("%1/%2.png").arg(dir, args.at(3));
        if (!QDir().mkpath(dir) || !render(svg, size).save(file, "PNG"))
            return fail(QStringLiteral("cannot write %1").arg(file));
    }
    return 0;
}
