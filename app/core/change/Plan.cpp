// SPDX-License-Identifier: Apache-2.0
#include "change/Plan.h"

#include "change/ChangeStep.h"

#include <QCryptographicHash>
#include <QJsonArray>

namespace bp {

bool Plan::blocking() const
{
    return !blockingPrerequisites().isEmpty();
}

QList<Prerequisite> Plan::blockingPrerequisites() const
{
    QList<Prerequisite> out;
    for (const Prerequisite &p : prerequisites) {
        if (p.blocking)
            out.append(p);
    }
    return out;
}

int Plan::changeCount() const
{
    return int(std::count_if(steps.begin(), steps.end(),
                             [](const StepDescription &s) { return s.action != ChangeAction::Unchanged; }));
}

bool Plan::isEmpty() const
{
    return changeCount() == 0;
}

QJsonObject Plan::toJson() const
{
    QJsonArray stepList, prereqList, blockingList;
    for (const StepDescription &s : steps)
        stepList.append(s.toJson());
    for (const Prerequisite &p : prerequisites) {
        prereqList.append(p.toJson());
        if (p.blocking)
            blockingList.append(p.id);
    }
    return {{QStringLiteral("schemaVersion"), 1},
            {QStringLiteral("aemUrl"), aemUrl},
            {QStringLiteral("aemVersion"), aemVersion},
            {QStringLiteral("route"), route},
            {QStringLiteral("createdUtc"), createdUtc.toString(Qt::ISODate)},
            {QStringLiteral("prerequisites"), prereqList},
            {QStringLiteral("blocking"), blockingList},
            {QStringLiteral("steps"), stepList},
            {QStringLiteral("notes"), QJsonArray::fromStringList(notes)},
            {QStringLiteral("fingerprint"), fingerprint},
            {QStringLiteral("empty"), isEmpty()},
            {QStringLiteral("backupRoot"), backupRoot}};
}

Result<Plan> Plan::fromJson(const QJsonObject &json)
{
    auto bad = [](const QString &why) {
        return Error(ErrorCode::Parse, tr("The plan file is not a bpsetup plan: %1").arg(why))
            .withId(QStringLiteral("plan-invalid"))
            .withRemedy(tr("Make a new plan with `bpsetup plan --json > FILE`."));
    };
    if (json.value(QStringLiteral("schemaVersion")).toInt() != 1)
        return bad(tr("unsupported schemaVersion."));
    if (!json.value(QStringLiteral("steps")).isArray() ||
        !json.value(QStringLiteral("prerequisites")).isArray() ||
        !json.value(QStringLiteral("fingerprint")).isString())
        return bad(tr("steps, prerequisites or fingerprint missing."));
    Plan p;
    p.aemUrl = json.value(QStringLiteral("aemUrl")).toString();
    p.aemVersion = json.value(QStringLiteral("aemVersion")).toString();
    p.route = json.value(QStringLiteral("route")).toString();
    p.createdUtc = QDateTime::fromString(json.value(QStringLiteral("createdUtc")).toString(), Qt::ISODate);
    p.fingerprint = json.value(QStringLiteral("fingerprint")).toString();
    p.backupRoot = json.value(QStringLiteral("backupRoot")).toString();
    for (const QJsonValue &v : json.value(QStringLiteral("steps")).toArray()) {
        if (!v.isObject())
            return bad(tr("a step is not an object."));
        p.steps.append(StepDescription::fromJson(v.toObject()));
    }
    for (const QJsonValue &v : json.value(QStringLiteral("prerequisites")).toArray()) {
        if (!v.isObject())
            return bad(tr("a prerequisite is not an object."));
        p.prerequisites.append(Prerequisite::fromJson(v.toObject()));
    }
    for (const QJsonValue &v : json.value(QStringLiteral("notes")).toArray())
        p.notes.append(v.toString());
    return p;
}

QString Plan::toText() const
{
    QStringList lines;
    lines << tr("Plan for %1 (AEM %2): %3")
                 .arg(aemUrl, aemVersion.isEmpty() ? tr("version unknown") : aemVersion, route);
    for (const Prerequisite &p : prerequisites) {
        lines << (p.blocking ? tr("BLOCKED: %1").arg(p.message) : tr("Note: %1").arg(p.message));
        if (!p.remedy.isEmpty())
            lines << tr("  What to do: %1").arg(p.remedy);
        if (!p.link.isEmpty())
            lines << QStringLiteral("  ") + p.link;
    }
    for (const QString &n : notes)
        lines << tr("Note: %1").arg(n);
    if (blocking()) {
        lines << tr("Nothing will be changed until the blocking prerequisites are resolved.");
        return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
    }
    if (isEmpty()) {
        lines << tr("Nothing to do: the configuration is already in place.");
        return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
    }
    int n = 0;
    for (const StepDescription &s : steps) {
        ++n;
        lines << QStringLiteral("%1. [%2] %3: %4").arg(n).arg(changeActionId(s.action), s.title, s.target);
        if (!s.reason.isEmpty())
            lines << QStringLiteral("     ") + s.reason;
        for (const FieldChange &c : s.changes) {
            const QString before = c.secret && c.hadBefore ? FieldChange::masked() : c.before;
            const QString after = c.secret && c.hasAfter ? FieldChange::masked() : c.after;
            if (!c.hasAfter)
                lines << QStringLiteral("     - %1: %2").arg(c.name, before);
            else if (!c.hadBefore)
                lines << QStringLiteral("     + %1: %2").arg(c.name, after);
            else
                lines << QStringLiteral("     ~ %1: %2 → %3").arg(c.name, before, after);
        }
    }
    if (!backupRoot.isEmpty())
        lines << tr("A backup of every object above is saved under %1 before the first change.")
                     .arg(backupRoot);
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QString planFingerprint(const QList<ChangeStep *> &steps)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const ChangeStep *s : steps) {
        hash.addData(s->id().toUtf8());
        hash.addData(QByteArrayView("\n", 1));
        hash.addData(s->fingerprint());
        hash.addData(QByteArrayView("\n", 1));
    }
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace bp
