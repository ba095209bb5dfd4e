// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "apply/ApplyRecipe.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace bp {

// How the answers of the few AEM reads that plan, upgrade and diagnose all make are understood, in one place
// (pure; the endpoints and names are the recipe's).
namespace AemReads {

// The run modes from the Sling settings page (runModesPattern); readable false when the page does not say.
QStringList runModes(const ApplyRecipe &recipe, int status, const QByteArray &body, bool *readable);

// The QueryBuilder request for a user's home by authorizable id (authorizableQuery), and the user homes its
// answer lists (hits[].jcr:path, or path without p.hits=selective). ok false when it is not such an answer.
QString authorizableQuery(const ApplyRecipe &recipe, const QString &id);
QStringList authorizablePaths(const QByteArray &json, bool *ok);

// A user's keystore (<user>.ks.json): the aliases, each with the end of its certificate's validity
// (keystoreExpiryField; invalid when not given). Entries are objects with "alias" or plain strings.
struct KeystoreAlias
{
    QString alias;
    QDateTime notAfter;
};
QList<KeystoreAlias> keystoreAliases(const QByteArray &json, const QString &expiryField, bool *ok);

// What the Felix console's Configuration Admin holds (GET configMgr/<pid or OSGi filter>.json, notes [S45],
// ConfigManager.doGet): an array of configurations, each with "pid", optional "factoryPid" and "properties"
// {name: {"is_set", "value" | "values"}}. Only values actually set are kept (the rest are metatype defaults).
// ok false when the answer is not such an array (a login page, a console that does not answer JSON).
struct ConfigAdminEntry
{
    QString pid;
    QString factoryPid;
    QHash<QString, QStringList> properties;

    QString value(const QString &name) const { return properties.value(name).value(0); }
};
QString configAdminListPath(const ApplyRecipe &recipe);
QList<ConfigAdminEntry> configAdminEntries(const QByteArray &json, bool *ok);

} // namespace AemReads

} // namespace bp
