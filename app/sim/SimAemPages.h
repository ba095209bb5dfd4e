// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace bp::sim {

struct SimulatorOptions;

// One package of the Package Manager listing.
struct SimPackageListing
{
    QString group;
    QString name;
    QString version;
    qint64 sizeBytes = 0;
    QString lastUnpacked; // packmgr's date format; empty: uploaded, never installed
};

// The fixed markup the simulated author serves. Kept apart from the routing so the pages can be compared
// with captures from real instances in one place.
class SimAemPages
{
public:
    static QByteArray loginPage();
    static QByteArray unauthorized();
    static QByteArray redirect(const QByteArray &location);
    static QByteArray dispatcherNotFound();
    static QByteArray slingNotFound(const QString &path);
    static QByteArray forbidden(const QString &reason);
    static QByteArray methodNotAllowed(const QByteArray &method, const QString &path);
    static QByteArray nginxWelcome();
    static QByteArray nginxNotFound();

    static QByteArray productInfo(const QString &aemVersion);
    // The Sling Settings printer of the Felix console in text form (the run modes line as AEM prints it;
    // the surrounding lines are the simulator's guess).
    static QByteArray slingSettings(bool publish);
    // A Felix console page (configMgr, crypto): only its presence matters to the tool.
    static QByteArray consolePage(const QString &path);
    static QByteArray aboutDialog(const QString &displayVersion);
    // The instance's fixed packages, then the stored ones (uploaded through the simulated Package Manager).
    static QList<SimPackageListing> fixedPackages(const SimulatorOptions &options);
    static QByteArray packageList(const SimulatorOptions &options, const QList<SimPackageListing> &stored);
    // The date format packmgr lists times in.
    static QString packageDate(const QDateTime &time);

    // What the Touch UI About dialog shows on Cloud Service in place of a 6.5-style version.
    static QString cloudReleaseVersion();

private:
    static QByteArray escape(const QString &text);
};

} // namespace bp::sim
