// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "apply/ApplyRecipe.h"

#include <QByteArray>
#include <QDateTime>
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

} // namespace AemReads

} // namespace bp
