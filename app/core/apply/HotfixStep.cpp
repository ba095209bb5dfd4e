// SPDX-License-Identifier: Apache-2.0
#include "apply/HotfixStep.h"

#include "aem/AemParsers.h"
#include "apply/AemSession.h"
#include "apply/ApplyTasks.h"
#include "tasks/CompositeTasks.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace bp {

namespace {

QString packagePathOf(const parsers::PackageEntry &p)
{
    const QString file = !p.downloadName.isEmpty()
                             ? p.downloadName
                             : p.name + (p.version.isEmpty() ? QString() : QLatin1Char('-') + p.version) +
                                   QStringLiteral(".zip");
    return QStringLiteral("/etc/packages/") + (p.group.isEmpty() ? QString() : p.group + QLatin1Char('/')) +
           file;
}

// The package list, or the error of reading it.
Result<QList<parsers::PackageEntry>> packageList(const AemCall &call)
{
    if (call.status() != 200)
        return unexpectedAnswer(call, HotfixStep::tr("Reading the package list"));
    Result<QList<parsers::PackageEntry>> list = parsers::parsePackageList(call.response().body);
    if (!list) {
        Error e = list.error();
        e.id = QStringLiteral("package-list-unreadable");
        e.remedy = HotfixStep::tr("Allow /crx/packmgr in the dispatcher, or connect to the author directly.");
        return e;
    }
    return list;
}

const parsers::PackageEntry *findPackage(const QList<parsers::PackageEntry> &list, const QString &path)
{
    for (const parsers::PackageEntry &p : list) {
        if (packagePathOf(p) == path)
            return &p;
    }
    return nullptr;
}

Task *packageCommand(AemSession &session, const ApplyRecipe &recipe, const QString &path,
                     const QString &command, const QString &what)
{
    return new CallTask(
        [&session, recipe, path, command] {
            return session.post(HotfixStep::commandPath(recipe, path, command), {});
        },
        [what](const AemCall &call) { return HotfixStep::checkAnswer(call, what); });
}

} // namespace

HotfixStep::HotfixStep(AemSession &session, Clock &clock, ApplyRecipe recipe, ContentPackage package)
    : m_session(session), m_clock(clock), m_recipe(std::move(recipe)), m_package(std::move(package)),
      m_packagePath(m_package.installPath())
{
}

QString HotfixStep::commandPath(const ApplyRecipe &recipe, const QString &packagePath, const QString &command)
{
    return ApplyRecipe::expand(
        recipe.text(QStringLiteral("packageCommandPath")),
        {{QStringLiteral("packagePath"), packagePath},
         {QStringLiteral("cmd"), recipe.value(QStringLiteral("packageCommands"), command)}});
}

Result<bool> HotfixStep::checkAnswer(const AemCall &call, const QString &what)
{
    const QJsonObject json = QJsonDocument::fromJson(call.response().body).object();
    if (call.status() == 200 && json.value(QStringLiteral("success")).toBool())
        return true;
    if (call.status() != 200 || !json.contains(QStringLiteral("success")))
        return unexpectedAnswer(call, what);
    return Error(
               ErrorCode::Rejected,
               tr("%1: Package Manager refused: %2").arg(what, json.value(QStringLiteral("msg")).toString()),
               call.describe())
        .withId(QStringLiteral("package-refused"))
        .withRemedy(tr("Look at AEM's error.log and at Package Manager (/crx/packmgr), then run again."));
}

Task *HotfixStep::makeRead()
{
    return new CallTask([this] { return m_session.get(m_recipe.text(QStringLiteral("packageListPath"))); },
                        [this](const AemCall &call) -> Result<bool> {
                            Result<QList<parsers::PackageEntry>> list = packageList(call);
                            if (!list)
                                return list.error();
                            m_listed = false;
                            m_installed = false;
                            m_installedAs.clear();
                            m_readDigest.clear();
                            const QRegularExpression hotfix(
                                m_recipe.value(QStringLiteral("hotfix"), QStringLiteral("namePattern")));
                            for (const parsers::PackageEntry &p : list.value()) {
                                const QString path = packagePathOf(p);
                                if (path == m_package.installPath()) {
                                    m_listed = true;
                                    m_readDigest += path.toUtf8() + ' ' + p.lastUnpacked.toUtf8() + '\n';
                                }
                                if (hotfix.match(p.name).hasMatch() && p.installed() && !m_installed) {
                                    m_installed = true;
                                    m_installedAs = path;
                                    m_readDigest += "installed " + path.toUtf8() + '\n';
                                }
                            }
                            return true;
                        });
}

StepDescription HotfixStep::describe() const
{
    StepDescription d;
    d.id = id();
    d.title = tr("OAuth compatibility hotfix (content package)");
    d.target = m_installed ? m_installedAs : m_package.installPath();
    if (m_installed) {
        d.action = ChangeAction::Unchanged;
        d.reason = tr("The hotfix is installed already.");
        return d;
    }
    d.action = ChangeAction::Create;
    FieldChange c;
    c.name = QStringLiteral("install"); // a stable key, like the property names of the other steps
    c.after = m_package.displayName();
    d.changes.append(c);
    d.reason = m_listed ? tr("The package is uploaded but not installed; it is uploaded again and installed "
                             "with Package Manager.")
                        : tr("AEM 6.5.11.0 to 6.5.20.0 need it for OAuth Server-to-Server; it is uploaded "
                             "and installed with Package Manager.");
    return d;
}

BackupRecord HotfixStep::backupRecord() const
{
    BackupRecord r;
    r.stepId = id();
    r.kind = QStringLiteral("package");
    r.target = m_package.installPath();
    r.existed = m_listed;
    r.before.insert(QStringLiteral("name"), m_package.name);
    r.before.insert(QStringLiteral("group"), m_package.group);
    r.before.insert(QStringLiteral("version"), m_package.version);
    r.before.insert(QStringLiteral("installed"), m_installed);
    return r;
}

QByteArray HotfixStep::fingerprint() const
{
    return QCryptographicHash::hash(m_readDigest.isEmpty() ? QByteArrayLiteral("absent") : m_readDigest,
                                    QCryptographicHash::Sha256);
}

Task *HotfixStep::makeApply(BackupRecord *record)
{
    if (!isChange())
        return nullptr;
    auto *seq = new SequentialTask;
    FormFields fields;
    for (const auto &f : m_recipe.properties(QStringLiteral("packageUploadFields")))
        fields.append({f.first, f.second});
    const FilePart file{m_recipe.text(QStringLiteral("packageFileField")), m_package.fileName, m_package.data,
                        QByteArrayLiteral("application/zip")};
    seq->addTask(new CallTask(
        [this, fields, file] {
            return m_session.postMultipart(m_recipe.text(QStringLiteral("packageServicePath")), fields,
                                           {file});
        },
        [this, record](const AemCall &call) -> Result<bool> {
            Result<bool> ok = checkAnswer(call, tr("Uploading %1").arg(m_package.fileName));
            if (!ok)
                return ok;
            const QString path = QJsonDocument::fromJson(call.response().body)
                                     .object()
                                     .value(m_recipe.text(QStringLiteral("packageAnswerPathField")))
                                     .toString();
            if (path.startsWith(QLatin1String("/etc/packages/")) && !path.contains(QLatin1String("..")))
                m_packagePath = path;
            record->target = m_packagePath;
            record->applied.insert(QStringLiteral("uploaded"), true);
            return true;
        }));
    seq->addTask(new CallTask(
        [this] {
            return m_session.post(commandPath(m_recipe, m_packagePath, QStringLiteral("install")), {});
        },
        [this, record](const AemCall &call) -> Result<bool> {
            Result<bool> ok = checkAnswer(call, tr("Installing %1").arg(m_package.displayName()));
            if (!ok)
                return ok;
            record->applied.insert(QStringLiteral("installed"), true);
            return true;
        }));
    return seq;
}

Task *HotfixStep::makeVerify()
{
    if (!isChange())
        return nullptr;
    return new PollTask(
        m_clock, m_recipe.number(QStringLiteral("agentPollMs")),
        m_recipe.number(QStringLiteral("agentWaitMs")), [this]() -> Task * {
            return new CallTask(
                [this] { return m_session.get(m_recipe.text(QStringLiteral("packageListPath"))); },
                [this](const AemCall &call) -> Result<bool> {
                    Result<QList<parsers::PackageEntry>> list = packageList(call);
                    if (!list)
                        return list.error();
                    const parsers::PackageEntry *p = findPackage(list.value(), m_packagePath);
                    if (p && p->installed())
                        return true;
                    return Error(ErrorCode::Rejected,
                                 p ? tr("The package list shows %1 uploaded but not installed.")
                                         .arg(m_packagePath)
                                   : tr("The package list does not show %1.").arg(m_packagePath))
                        .withId(QStringLiteral("verify-failed"));
                });
        });
}

Task *makePackageRestore(AemSession &session, const ApplyRecipe &recipe, const BackupRecord &record)
{
    if (record.kind != QLatin1String("package") || record.target.isEmpty())
        return nullptr;
    const bool uninstall = record.applied.value(QStringLiteral("installed")).toBool() &&
                           !record.before.value(QStringLiteral("installed")).toBool();
    const bool remove = record.applied.value(QStringLiteral("uploaded")).toBool() && !record.existed;
    if (!uninstall && !remove)
        return nullptr;
    auto *seq = new SequentialTask;
    if (uninstall)
        seq->addTask(packageCommand(session, recipe, record.target, QStringLiteral("uninstall"),
                                    HotfixStep::tr("Uninstalling %1").arg(record.target)));
    if (remove)
        seq->addTask(packageCommand(session, recipe, record.target, QStringLiteral("delete"),
                                    HotfixStep::tr("Deleting %1").arg(record.target)));
    return seq;
}

} // namespace bp
