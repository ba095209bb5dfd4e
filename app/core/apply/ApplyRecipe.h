// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "errors/Result.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace bp {

// What apply and rollback send to AEM: endpoints, parameter and property names, patterns. Shipped as
// resources/recipes/apply.json, each entry with the confidence mark of the domain notes, so that what the
// notes do not mark documented can be corrected with --recipe FILE instead of a code change.
// Templates use {name} placeholders, filled by expand().
class ApplyRecipe
{
    Q_DECLARE_TR_FUNCTIONS(ApplyRecipe)
public:
    static ApplyRecipe builtIn();
    // A recipe file: its "apply" object (or the whole file when it has none) overrides the built-in
    // entries it names. InvalidInput for an unreadable file, Parse for a malformed one.
    static Result<ApplyRecipe> fromFile(const QString &path);
    static Result<ApplyRecipe> fromJson(const QJsonObject &json, const ApplyRecipe &base);

    QString text(const QString &key) const;
    int number(const QString &key) const;
    QStringList list(const QString &key) const;
    // An object entry (property templates), in the file's order.
    QList<QPair<QString, QString>> properties(const QString &key) const;
    // One named value of an object entry ("hotfix", "namePattern").
    QString value(const QString &key, const QString &name) const;
    QString confidence(const QString &key) const;

    static QString expand(QString text, const QHash<QString, QString> &vars);

    // Keys every recipe must have (the built-in one lists them all).
    static QStringList requiredKeys();

private:
    QJsonObject m_entries;
    QHash<QString, QStringList> m_order; // property order of object entries
};

} // namespace bp
