// SPDX-License-Identifier: Apache-2.0
#include "apply/ApplyRecipe.h"

#include "io/BoundedFile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace bp {

namespace {

// QJsonObject sorts its keys; the order of configuration properties matters to people reading a diff, so
// it is taken from the document text.
QStringList keyOrder(const QByteArray &text, const QString &entry, const QJsonObject &object)
{
    QList<QPair<qsizetype, QString>> found;
    const qsizetype at = text.indexOf(QByteArray(QByteArray("\"") + entry.toUtf8() + "\""));
    for (auto it = object.begin(); it != object.end(); ++it) {
        const qsizetype pos =
            text.indexOf(QByteArray(QByteArray("\"") + it.key().toUtf8() + "\""), at < 0 ? 0 : at);
        found.append({pos, it.key()});
    }
    std::sort(found.begin(), found.end());
    QStringList keys;
    for (const auto &f : std::as_const(found))
        keys.append(f.second);
    return keys;
}

} // namespace

QStringList ApplyRecipe::requiredKeys()
{
    return {QStringLiteral("csrfPath"),
            QStringLiteral("configMgrPath"),
            QStringLiteral("configMgrNewPid"),
            QStringLiteral("cryptoPath"),
            QStringLiteral("cryptoProbePath"),
            QStringLiteral("cryptoField"),
            QStringLiteral("runModesPath"),
            QStringLiteral("runModesPattern"),
            QStringLiteral("configAdminListPath"),
            QStringLiteral("providerFactoryPid"),
            QStringLiteral("customizerFactoryPid"),
            QStringLiteral("providerProperties"),
            QStringLiteral("customizerTypeProperty"),
            QStringLiteral("customizerSecretProperty"),
            QStringLiteral("customizerTypePattern"),
            QStringLiteral("imsTitle"),
            QStringLiteral("cloudConfigRoot"),
            QStringLiteral("cloudConfigName"),
            QStringLiteral("cloudConfigProperties"),
            QStringLiteral("agentsRoot"),
            QStringLiteral("agentsListSuffix"),
            QStringLiteral("expectedAgentCount"),
            QStringLiteral("agentWaitMs"),
            QStringLiteral("agentPollMs"),
            QStringLiteral("closeConnectionProperties"),
            QStringLiteral("agentTestPath"),
            QStringLiteral("agentTestSuccess"),
            QStringLiteral("agentQueuePath"),
            QStringLiteral("queuePollMs"),
            QStringLiteral("deleteReadSuffix"),
            QStringLiteral("nodeDeleteFields"),
            QStringLiteral("userDeleteFields"),
            QStringLiteral("jwtKeyServiceUserIds"),
            QStringLiteral("authorizableQuery"),
            QStringLiteral("keystoreReadSuffix"),
            QStringLiteral("keystoreWriteSuffix"),
            QStringLiteral("keyAliasRemoveFields"),
            QStringLiteral("latestServicePacks"),
            QStringLiteral("slingNotFoundPattern"),
            QStringLiteral("keystoreExpiryField"),
            QStringLiteral("distributionAgentName"),
            QStringLiteral("distributionAgentsRoot"),
            QStringLiteral("distributionInfoSuffix"),
            QStringLiteral("distributionQueuesSuffix"),
            QStringLiteral("distributionTestFields"),
            QStringLiteral("distributionTestSuccessState"),
            QStringLiteral("packageListPath"),
            QStringLiteral("packageServicePath"),
            QStringLiteral("packageUpdatePath"),
            QStringLiteral("packageCommandPath"),
            QStringLiteral("packageUploadFields"),
            QStringLiteral("packageFileField"),
            QStringLiteral("packageCommands"),
            QStringLiteral("packageCreateFields"),
            QStringLiteral("packageFilterFields"),
            QStringLiteral("packageInstalledField"),
            QStringLiteral("packageAnswerPathField"),
            QStringLiteral("hotfix"),
            QStringLiteral("backupPackageGroup")};
}

ApplyRecipe ApplyRecipe::builtIn()
{
    static const ApplyRecipe recipe = [] {
        QFile file(QStringLiteral(":/recipes/apply.json"));
        ApplyRecipe empty;
        if (!file.open(QIODevice::ReadOnly))
            qFatal("built-in apply recipe missing from the resources");
        Result<ApplyRecipe> r =
            ApplyRecipe::fromJson(QJsonDocument::fromJson(file.readAll()).object(), empty);
        if (!r)
            qFatal("built-in apply recipe is invalid: %s", qPrintable(r.error().detail));
        // Object entries keep the file's order.
        file.seek(0);
        const QByteArray text = file.readAll();
        ApplyRecipe out = r.value();
        for (auto it = out.m_entries.begin(); it != out.m_entries.end(); ++it) {
            const QJsonValue v = it.value().toObject().value(QStringLiteral("value"));
            if (v.isObject())
                out.m_order.insert(it.key(), keyOrder(text, it.key(), v.toObject()));
        }
        return out;
    }();
    return recipe;
}

Result<ApplyRecipe> ApplyRecipe::fromFile(const QString &path)
{
    Result<QByteArray> data = BoundedFile::read(path, InputFileKind::Recipe);
    if (!data)
        return data.error();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(data.value(), &parseError);
    if (!doc.isObject())
        return Error(ErrorCode::Parse, tr("The recipe %1 is not a JSON object.").arg(path),
                     parseError.errorString())
            .withId(QStringLiteral("recipe-invalid"));
    QJsonObject json = doc.object();
    if (json.contains(QStringLiteral("apply")))
        json = json.value(QStringLiteral("apply")).toObject();
    Result<ApplyRecipe> r = fromJson(json, builtIn());
    if (!r)
        return r;
    ApplyRecipe out = r.value();
    for (auto it = json.begin(); it != json.end(); ++it) {
        const QJsonValue v = it.value().toObject().value(QStringLiteral("value"));
        if (v.isObject())
            out.m_order.insert(it.key(), keyOrder(data.value(), it.key(), v.toObject()));
    }
    return out;
}

Result<ApplyRecipe> ApplyRecipe::fromJson(const QJsonObject &json, const ApplyRecipe &base)
{
    ApplyRecipe out = base;
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (it.key() == QLatin1String("schemaVersion") || it.key() == QLatin1String("comment"))
            continue;
        if (!it.value().isObject() || !it.value().toObject().contains(QStringLiteral("value")))
            return Error(ErrorCode::Parse, tr("The apply recipe entry \"%1\" has no value.").arg(it.key()))
                .withId(QStringLiteral("recipe-invalid"));
        const QJsonValue baseValue = base.m_entries.value(it.key()).toObject().value(QStringLiteral("value"));
        const QJsonValue value = it.value().toObject().value(QStringLiteral("value"));
        if (!baseValue.isUndefined() && baseValue.type() != value.type())
            return Error(ErrorCode::Parse,
                         tr("The apply recipe entry \"%1\" has the wrong type of value.").arg(it.key()))
                .withId(QStringLiteral("recipe-invalid"));
        out.m_entries.insert(it.key(), it.value());
    }
    if (json.contains(QStringLiteral("schemaVersion")) &&
        json.value(QStringLiteral("schemaVersion")).toInt() != 1)
        return Error(ErrorCode::Parse, tr("The apply recipe has an unsupported schemaVersion."))
            .withId(QStringLiteral("recipe-invalid"));
    for (const QString &key : requiredKeys()) {
        if (!out.m_entries.contains(key))
            return Error(ErrorCode::Parse, tr("The apply recipe lacks the entry \"%1\".").arg(key), key)
                .withId(QStringLiteral("recipe-invalid"));
    }
    const QRegularExpression pattern(out.text(QStringLiteral("runModesPattern")));
    if (!pattern.isValid())
        return Error(ErrorCode::Parse, tr("The apply recipe's runModesPattern is not a valid pattern."))
            .withId(QStringLiteral("recipe-invalid"));
    const QRegularExpression hotfixName(out.value(QStringLiteral("hotfix"), QStringLiteral("namePattern")));
    if (!hotfixName.isValid() || hotfixName.pattern().isEmpty())
        return Error(ErrorCode::Parse, tr("The apply recipe's hotfix namePattern is not a valid pattern."))
            .withId(QStringLiteral("recipe-invalid"));
    return out;
}

QString ApplyRecipe::text(const QString &key) const
{
    return m_entries.value(key).toObject().value(QStringLiteral("value")).toString();
}

int ApplyRecipe::number(const QString &key) const
{
    return m_entries.value(key).toObject().value(QStringLiteral("value")).toInt();
}

QStringList ApplyRecipe::list(const QString &key) const
{
    QStringList out;
    const QJsonArray array = m_entries.value(key).toObject().value(QStringLiteral("value")).toArray();
    for (const QJsonValue &v : array)
        out.append(v.toString());
    return out;
}

QList<QPair<QString, QString>> ApplyRecipe::properties(const QString &key) const
{
    const QJsonObject object = m_entries.value(key).toObject().value(QStringLiteral("value")).toObject();
    QStringList order = m_order.value(key);
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!order.contains(it.key()))
            order.append(it.key());
    }
    QList<QPair<QString, QString>> out;
    for (const QString &name : std::as_const(order)) {
        if (object.contains(name))
            out.append({name, object.value(name).toString()});
    }
    return out;
}

QString ApplyRecipe::value(const QString &key, const QString &name) const
{
    return m_entries.value(key).toObject().value(QStringLiteral("value")).toObject().value(name).toString();
}

QString ApplyRecipe::confidence(const QString &key) const
{
    return m_entries.value(key).toObject().value(QStringLiteral("confidence")).toString();
}

QString ApplyRecipe::expand(QString text, const QHash<QString, QString> &vars)
{
    for (auto it = vars.begin(); it != vars.end(); ++it)
        text.replace(QLatin1Char('{') + it.key() + QLatin1Char('}'), it.value());
    return text;
}

} // namespace bp
