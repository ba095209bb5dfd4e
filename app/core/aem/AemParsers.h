// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "errors/Result.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace bp::parsers {

struct PackageEntry
{
    QString group;
    QString name;
    QString version;
    QString downloadName;
    QString lastUnpacked;       // when it was last installed; empty if never
    bool unpackedKnown = false; // the listing has a lastUnpacked element for it
    // Installed, as far as the listing tells: a listing without lastUnpacked counts every package listed.
    bool installed() const { return !unpackedKnown || !lastUnpacked.isEmpty(); }
};

// Pure parsers for what AEM sends. Each takes bytes and returns data or an Error; none does I/O.

// First capture group of pattern in html (entities &amp; &lt; &gt; decoded first); empty when no match.
QString matchVersion(const QByteArray &html, const QRegularExpression &pattern);

// crx/packmgr/service.jsp?cmd=ls XML. Fails with Parse when it is not that document.
Result<QList<PackageEntry>> parsePackageList(const QByteArray &xml);

// Felix/Sling .config file: key="string", key=["a","b"], key=B"true", key=I"5". Values become QString or
// QStringList (typed scalars as their text). Comment lines (#) and blank lines are skipped.
QHash<QString, QVariant> parseFelixConfig(const QByteArray &text);

// True when a 302/303 points at AEM's login page (or any j_security_check / SSO login).
bool isLoginRedirect(const QUrl &target);

} // namespace bp::parsers
