// SPDX-License-Identifier: Apache-2.0
#include "sim/SimAemPages.h"

#include "sim/Simulator.h"

#include <QLocale>
#include <QRegularExpression>

namespace bp::sim {

namespace {

QByteArray packageXml(const SimPackageListing &p)
{
    // Fixed dates keep the listing reproducible; the format is the one packmgr uses (RFC 822-like).
    const QByteArray date = QByteArrayLiteral("Tue, 18 Nov 2025 15:44:26 +0000");
    const QString fileName = p.version.isEmpty() ? p.name : p.name + QLatin1Char('-') + p.version;
    const QByteArray file = QString(fileName + QStringLiteral(".zip")).toHtmlEscaped().toUtf8();
    const QByteArray unpacked = p.lastUnpacked.toHtmlEscaped().toUtf8();
    return "<package><group>" + p.group.toHtmlEscaped().toUtf8() + "</group><name>" +
           p.name.toHtmlEscaped().toUtf8() + "</name><version>" + p.version.toHtmlEscaped().toUtf8() +
           "</version><downloadName>" + file + "</downloadName><size>" + QByteArray::number(p.sizeBytes) +
           "</size><created>" + date + "</created><createdBy>admin</createdBy>" + "<lastModified>" + date +
           "</lastModified><lastModifiedBy>admin</lastModifiedBy><lastUnpacked>" + unpacked +
           "</lastUnpacked><lastUnpackedBy>" +
           (unpacked.isEmpty() ? QByteArray() : QByteArrayLiteral("admin")) + "</lastUnpackedBy></package>";
}

} // namespace

QByteArray SimAemPages::escape(const QString &text)
{
    return text.toHtmlEscaped().toUtf8();
}

QString SimAemPages::cloudReleaseVersion()
{
    return QStringLiteral("2025.11.23482.20251118T154426Z-251100");
}

QByteArray SimAemPages::loginPage()
{
    return QByteArrayLiteral(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<title>Adobe Experience Manager</title></head>\n<body class=\"coral--light\">\n"
        "<div id=\"wrap\"><div id=\"backgrounds\"></div><div id=\"tag\"><h1>Welcome to Adobe Experience "
        "Manager</h1></div>\n"
        "<form name=\"login\" method=\"POST\" id=\"login\" "
        "action=\"/libs/granite/core/content/login.html/j_security_check\" novalidate=\"novalidate\">\n"
        "<input type=\"hidden\" name=\"_charset_\" value=\"UTF-8\">\n"
        "<input type=\"hidden\" name=\"resource\" id=\"resource\" value=\"\">\n"
        "<input type=\"text\" name=\"j_username\" id=\"username\" autocomplete=\"username\" "
        "placeholder=\"User name\">\n"
        "<input type=\"password\" name=\"j_password\" id=\"password\" autocomplete=\"current-password\" "
        "placeholder=\"Password\">\n"
        "<button type=\"submit\" id=\"submit-button\">Sign In</button>\n</form></div>\n</body></html>\n");
}

QByteArray SimAemPages::unauthorized()
{
    return QByteArrayLiteral("<html><head><title>401 Unauthorized</title></head><body><h1>Unauthorized</h1>"
                             "<p>Authentication is required to access this resource.</p></body></html>\n");
}

QByteArray SimAemPages::redirect(const QByteArray &location)
{
    return "<html><head><title>302 Found</title></head><body><h1>Found</h1><p>The document has moved <a "
           "href=\"" +
           escape(QString::fromLatin1(location)) + "\">here</a>.</p></body></html>\n";
}

QByteArray SimAemPages::dispatcherNotFound()
{
    return QByteArrayLiteral("<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1>"
                             "<p>The requested URL was not found on this server.</p></body></html>");
}

QByteArray SimAemPages::slingNotFound(const QString &path)
{
    return "<html><head><title>404 Resource at '" + escape(path) +
           "' not found: No resource found</title></head><body><h1>Resource at '" + escape(path) +
           "' not found: No resource found</h1></body></html>\n";
}

QByteArray SimAemPages::forbidden(const QString &reason)
{
    return "<html><head><title>403 Forbidden</title></head><body><h1>Forbidden</h1><p>" + escape(reason) +
           "</p></body></html>\n";
}

QByteArray SimAemPages::methodNotAllowed(const QByteArray &method, const QString &path)
{
    return "<html><head><title>405 Method Not Allowed</title></head><body><h1>Method Not Allowed</h1><p>" +
           escape(QString::fromLatin1(method)) + " is not supported for " + escape(path) +
           " by this simulator.</p></body></html>\n";
}

QByteArray SimAemPages::nginxWelcome()
{
    return QByteArrayLiteral("<html><body><h1>Welcome to nginx!</h1></body></html>");
}

QByteArray SimAemPages::nginxNotFound()
{
    return QByteArrayLiteral(
        "<html><head><title>404 Not Found</title></head><body><center><h1>404 Not Found</h1>"
        "</center><hr><center>nginx</center></body></html>");
}

QByteArray SimAemPages::consolePage(const QString &path)
{
    const QByteArray name = path.section(QLatin1Char('/'), -1).toUtf8();
    return "<!DOCTYPE html><html><head><title>Adobe Experience Manager Web Console - " + name +
           "</title></head><body><div id=\"main\"><h1>" + name + "</h1></div></body></html>";
}

QByteArray SimAemPages::slingSettings(bool publish)
{
    return QByteArrayLiteral(
               "*** Sling Settings:\n\nSling ID = 6f3c1f0e-8d2a-4c5b-9e7f-1a2b3c4d5e6f\n"
               "Sling Name = Instance 6f3c1f0e-8d2a-4c5b-9e7f-1a2b3c4d5e6f\n"
               "Sling Description = Instance with id 6f3c1f0e-8d2a-4c5b-9e7f-1a2b3c4d5e6f and run "
               "modes [") +
           (publish ? QByteArrayLiteral("crx3, publish, crx3tar, samplecontent")
                    : QByteArrayLiteral("crx3, author, crx3tar, samplecontent")) +
           QByteArrayLiteral(
               "]\nSling Home = crx-quickstart\nSling Home URL = file:/opt/aem/crx-quickstart/\n"
               "Run Modes = [") +
           (publish ? QByteArrayLiteral("crx3, publish, crx3tar, samplecontent")
                    : QByteArrayLiteral("crx3, author, crx3tar, samplecontent")) +
           QByteArrayLiteral("]\n");
}

QByteArray SimAemPages::productInfo(const QString &aemVersion)
{
    // Shaped like the Felix Web Console "Product Information" page; detectors parse
    // "Adobe Experience Manager (<version>)" from the Installed Products list.
    return "<!DOCTYPE html>\n<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
           "charset=utf-8\"><title>Adobe Experience Manager Web Console - Product "
           "Information</title></head>\n"
           "<body class=\"ui-widget\"><div id=\"main\"><div id=\"lead\"><h1>Adobe Experience Manager<br>Web "
           "Console</h1></div>\n<div id=\"content\">\n<h2>Installed Products</h2><ul><li>Adobe Experience "
           "Manager (" +
           escape(aemVersion) +
           ")</li><li>Adobe Granite (1.0.0)</li><li>Apache Sling (12)</li><li>Apache Jackrabbit Oak "
           "(1.22.20)</li></ul>\n<h2>Installed Features</h2><ul><li>Adobe Experience Manager "
           "Assets</li></ul>\n"
           "</div></div></body></html>\n";
}

QByteArray SimAemPages::aboutDialog(const QString &displayVersion)
{
    return "<coral-dialog class=\"granite-about-dialog\" id=\"granite-shell-about-dialog\">"
           "<coral-dialog-header>About Adobe Experience Manager</coral-dialog-header><coral-dialog-content>"
           "<div class=\"granite-about-logo\"></div><div class=\"granite-about-version\">Adobe Experience "
           "Manager " +
           escape(displayVersion) +
           "</div><div class=\"granite-about-copyright\">Copyright &copy; Adobe. All rights reserved."
           "</div></coral-dialog-content></coral-dialog>\n";
}

QString SimAemPages::packageDate(const QDateTime &time)
{
    return QLocale::c().toString(time.toUTC(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss +0000"));
}

QList<SimPackageListing> SimAemPages::fixedPackages(const SimulatorOptions &options)
{
    const QString installed = QStringLiteral("Tue, 18 Nov 2025 15:44:26 +0000");
    QList<SimPackageListing> packages = {
        {QStringLiteral("adobe/consulting"), QStringLiteral("acs-aem-commons-ui.apps"),
         QStringLiteral("6.3.2"), 1873412, installed},
        {QStringLiteral("my_packages"), QStringLiteral("site-content"), QStringLiteral("1.0"), 48213,
         installed},
    };
    static const QRegularExpression sp65(QStringLiteral("^6\\.5\\.(\\d+)\\.\\d+$"));
    static const QRegularExpression sp66(QStringLiteral("^6\\.6\\.(\\d+)$"));
    const QRegularExpressionMatch m65 = sp65.match(options.aemVersion);
    const QRegularExpressionMatch m66 = sp66.match(options.aemVersion);
    if (m65.hasMatch() && m65.captured(1).toInt() > 0)
        packages.append({QStringLiteral("adobe/cq650/servicepack"), QStringLiteral("aem-service-pkg"),
                         options.aemVersion, 712493102, installed});
    if (m66.hasMatch() && m66.captured(1).toInt() > 0)
        packages.append({QStringLiteral("adobe/cq660/servicepack"), QStringLiteral("aem-service-pkg"),
                         options.aemVersion, 734100220, installed});
    if (options.imsHotfixInstalled)
        packages.append({QStringLiteral("adobe/cq650/hotfix"),
                         QStringLiteral("ims-jwt-compatibility-package-6.5"), QStringLiteral("1.0"), 38211,
                         installed});
    return packages;
}

QByteArray SimAemPages::packageList(const SimulatorOptions &options, const QList<SimPackageListing> &stored)
{
    QByteArray list;
    for (const SimPackageListing &p : fixedPackages(options) + stored)
        list += packageXml(p);
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><crx version=\"1.4.1\" user=\"" + escape(options.user) +
           "\" workspace=\"crx.default\"><request><param name=\"cmd\" "
           "value=\"ls\"/></request><response><data>"
           "<packages>" +
           list + "</packages></data><status code=\"200\">ok</status></response></crx>";
}

} // namespace bp::sim
