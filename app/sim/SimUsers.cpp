// SPDX-License-Identifier: Apache-2.0
#include "sim/SimUsers.h"

#include <QDateTime>

#include "sim/SimAemPages.h"
#include "sim/SimForm.h"
#include "sim/SimRepository.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace bp::sim {

namespace {

const QString KsJson = QStringLiteral(".ks.json");
const QString KsHtml = QStringLiteral(".ks.html");
const QString AliasesProperty = QStringLiteral("sim:aliases");
const QString NotAfterProperty = QStringLiteral("sim:notAfter");

bool isUser(const SimNode *node)
{
    return node && (node->primaryType() == QLatin1String("rep:User") ||
                    node->primaryType() == QLatin1String("rep:SystemUser"));
}

QByteArray keystoreBytes(const QString &userId, const QStringList &aliases)
{
    // Opaque, deterministic and not valid UTF-8 (a PKCS#12 file is binary), so that packages and snapshots
    // must carry it as binary.
    QByteArray out("\x30\x82\x0a\xff", 4);
    for (int i = 0; i < 8; ++i)
        out += QCryptographicHash::hash(
            (userId + QLatin1Char('/') + aliases.join(QLatin1Char(',')) + QString::number(i)).toUtf8(),
            QCryptographicHash::Sha256);
    return out;
}

// A plain success page, as Granite's user admin and keystore servlets answer a form post.
QByteArray donePage(const QString &message)
{
    return "<!DOCTYPE html>\n<html><head><title>OK</title></head><body><div id=\"Message\">" +
           message.toHtmlEscaped().toUtf8() + "</div></body></html>\n";
}

SimHttpResponse userNotFound(const QString &path)
{
    return SimHttpResponse::html(404, SimAemPages::slingNotFound(path));
}

} // namespace

const QString SimUsers::ServiceUserPath = QStringLiteral("/home/users/system/brandportal/bp-imsconfig-6x");
const QString SimUsers::ServiceUserId = QStringLiteral("brandportal-imsconfig-service");

void SimUsers::setCertificatesNotAfter(SimNode *user, const QDateTime &notAfter)
{
    if (SimNode *keystore = user->child(QStringLiteral("keystore")))
        keystore->setProperty(NotAfterProperty, notAfter.toUTC().toString(Qt::ISODate));
}

void SimUsers::setKeystore(SimNode *user, const QStringList &aliases)
{
    // The certificates' end of validity survives a change of the aliases; a new keystore's certificates are
    // valid for a year from today (a date in the future however long the simulator is used).
    QString notAfter;
    if (const SimNode *old = user->child(QStringLiteral("keystore")))
        notAfter = old->property(NotAfterProperty).toString();
    if (notAfter.isEmpty())
        notAfter = QDateTime(QDate::currentDate().addYears(1), QTime(0, 0), Qt::UTC).toString(Qt::ISODate);
    user->removeChild(QStringLiteral("keystore"));
    SimNode *keystore = user->addChild(QStringLiteral("keystore"), QStringLiteral("sling:Folder"));
    keystore->setProperty(AliasesProperty, aliases);
    keystore->setProperty(NotAfterProperty, notAfter);
    SimNode *store = keystore->addChild(QStringLiteral("store.p12"), QStringLiteral("nt:file"));
    SimNode *content = store->addChild(QStringLiteral("jcr:content"), QStringLiteral("nt:resource"));
    content->setProperty(QStringLiteral("jcr:mimeType"), QStringLiteral("application/x-pkcs12"));
    content->setProperty(
        QStringLiteral("jcr:data"),
        keystoreBytes(user->property(QStringLiteral("rep:authorizableId")).toString(), aliases));
}

bool SimUsers::isKeystoreRequest(const QString &path)
{
    return path.startsWith(QLatin1String("/home/users/")) && (path.endsWith(KsJson) || path.endsWith(KsHtml));
}

SimHttpResponse SimUsers::keystoreGet(const SimRepository &repo, const QString &path)
{
    if (!path.endsWith(KsJson))
        return userNotFound(path);
    const SimNode *user = repo.node(path.chopped(KsJson.size()));
    if (!isUser(user))
        return userNotFound(path);
    const SimNode *keystore = user->child(QStringLiteral("keystore"));
    QJsonArray aliases;
    if (keystore) {
        for (const QString &a : keystore->property(AliasesProperty).toStringList())
            aliases.append(
                QJsonObject{{QStringLiteral("alias"), a},
                            {QStringLiteral("entryType"), QStringLiteral("privateKey")},
                            {QStringLiteral("notAfter"), keystore->property(NotAfterProperty).toString()}});
    }
    const QJsonObject json{{QStringLiteral("exists"), keystore != nullptr},
                           {QStringLiteral("aliases"), aliases}};
    return SimHttpResponse::json(200, QJsonDocument(json).toJson(QJsonDocument::Compact));
}

SimHttpResponse SimUsers::keystorePost(SimRepository &repo, const SimHttpRequest &request,
                                       const QString &path)
{
    if (!path.endsWith(KsHtml))
        return userNotFound(path);
    SimNode *user = repo.node(path.chopped(KsHtml.size()));
    if (!isUser(user))
        return userNotFound(path);
    QString remove;
    for (const SimFormPart &p : simFormParts(request)) {
        if (p.name == QLatin1String("removeAlias"))
            remove = QString::fromUtf8(p.data);
    }
    if (remove.isEmpty())
        return SimHttpResponse::html(
            400, SimAemPages::forbidden(QStringLiteral("Only removeAlias is simulated on the keystore.")));
    SimNode *keystore = user->child(QStringLiteral("keystore"));
    QStringList aliases = keystore ? keystore->property(AliasesProperty).toStringList() : QStringList();
    if (!aliases.removeOne(remove))
        return SimHttpResponse::html(
            400,
            SimAemPages::forbidden(QStringLiteral("The keystore has no alias ") + remove + QLatin1Char('.')));
    setKeystore(user, aliases);
    return SimHttpResponse::html(200, donePage(QStringLiteral("Alias removed: ") + remove));
}

SimHttpResponse SimUsers::deleteAuthorizable(SimRepository &repo, const SimHttpRequest &request,
                                             const QString &path, bool *handled)
{
    *handled = false;
    if (!path.startsWith(QLatin1String("/home/")))
        return {};
    const SimFormList fields = simFormList(request);
    const bool asked = std::any_of(fields.begin(), fields.end(), [](const auto &f) {
        return f.first == QLatin1String("deleteAuthorizable");
    });
    if (!asked)
        return {};
    *handled = true;
    const SimNode *node = repo.node(path);
    if (!node || (!isUser(node) && node->primaryType() != QLatin1String("rep:Group")))
        return userNotFound(path);
    repo.removeNode(path);
    return SimHttpResponse::html(200, donePage(QStringLiteral("Authorizable deleted: ") + path));
}

} // namespace bp::sim
