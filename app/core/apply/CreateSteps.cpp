// SPDX-License-Identifier: Apache-2.0
#include "apply/CreateSteps.h"

#include "aem/AemParsers.h"
#include "apply/ApplyTasks.h"
#include "tasks/CompositeTasks.h"
#include "tasks/FunctionTask.h"
#include "time/Clock.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

namespace bp {

namespace {

const QStringList ConfigMgrCommands = {QStringLiteral("action"),     QStringLiteral("apply"),
                                       QStringLiteral("delete"),     QStringLiteral("propertylist"),
                                       QStringLiteral("factoryPid"), QStringLiteral("$location")};

QString joined(const QVariant &v)
{
    return v.typeId() == QMetaType::QStringList ? v.toStringList().join(QStringLiteral(", ")) : v.toString();
}

QByteArray sha(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256);
}

QString configMgrPath(const CreateContext &ctx, const QString &pid)
{
    return configMgrPathFor(ctx.recipe, pid);
}

// The full property set of a configuration, as configMgr wants it (it drops every property propertylist
// does not name). Multi-valued properties are sent as repeated fields.
FormFields configMgrFields(const QString &factoryPid, const QList<QPair<QString, QVariant>> &properties)
{
    FormFields f{{QStringLiteral("apply"), QStringLiteral("true")},
                 {QStringLiteral("action"), QStringLiteral("ajaxConfigManager")},
                 {QStringLiteral("$location"), QString()}};
    if (!factoryPid.isEmpty())
        f.append({QStringLiteral("factoryPid"), factoryPid});
    QStringList names;
    for (const auto &p : properties) {
        const QString name = ConfigMgrCommands.contains(p.first) ? QLatin1Char('$') + p.first : p.first;
        names.append(p.first);
        if (p.second.typeId() == QMetaType::QStringList) {
            for (const QString &v : p.second.toStringList())
                f.append({name, v});
        } else {
            f.append({name, p.second.toString()});
        }
    }
    f.append({QStringLiteral("propertylist"), names.join(QLatin1Char(','))});
    return f;
}

// The PID configMgr answered with: a redirect to the configuration (the new PID for a factory create).
Result<QString> pidFromAnswer(const AemCall &call, const QString &fallback, const QString &what)
{
    const HttpResponse &r = call.response();
    if (r.isRedirect()) {
        const QString path =
            QUrl::fromPercentEncoding(r.redirectTarget().path(QUrl::FullyEncoded).toLatin1());
        const QString pid = path.section(QLatin1Char('/'), -1);
        if (!pid.isEmpty() && !pid.startsWith(QLatin1Char('[')))
            return pid;
    }
    if (r.status == 200 && !fallback.isEmpty())
        return fallback;
    return unexpectedAnswer(call, what);
}

Error notYet(const QString &message, const QString &detail = QString())
{
    // Rejected: "not as planned (yet)"; PollTask retries these.
    return Error(ErrorCode::Rejected, message, detail).withId(QStringLiteral("verify-failed"));
}

QList<QPair<QString, QVariant>> orderedValues(const OsgiConfigFile &file)
{
    // .config files keep their order; parseFelixConfig does not, so take it from the text.
    QList<QPair<QString, QVariant>> out;
    const QList<QByteArray> lines = file.text.split('\n');
    for (const QByteArray &line : lines) {
        const QByteArray trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith('#'))
            continue;
        const qsizetype eq = trimmed.indexOf('=');
        if (eq <= 0)
            continue;
        QString key = QString::fromUtf8(trimmed.left(eq)).trimmed();
        key.remove(QLatin1Char('\\'));
        if (file.values.contains(key))
            out.append({key, file.values.value(key)});
    }
    return out;
}

} // namespace

QString configMgrPathFor(const ApplyRecipe &recipe, const QString &pid)
{
    return recipe.text(QStringLiteral("configMgrPath")) + QLatin1Char('/') +
           QString::fromLatin1(QUrl::toPercentEncoding(pid));
}

QHash<QString, QString> CreateContext::vars() const
{
    return {{QStringLiteral("clientId"), clientId},
            {QStringLiteral("orgId"), orgId},
            {QStringLiteral("scope"), scope},
            {QStringLiteral("imsUrl"), imsUrl},
            {QStringLiteral("tenant"), tenant},
            {QStringLiteral("tenantUrl"), tenantUrl},
            {QStringLiteral("title"), ApplyRecipe::expand(recipe.text(QStringLiteral("imsTitle")),
                                                          {{QStringLiteral("tenant"), tenant}})},
            {QStringLiteral("imsConfig"), providerPid}};
}

QString OsgiConfigFile::value(const QString &name) const
{
    return joined(values.value(name));
}

QString pidFromConfigFileName(const QString &fileName, const QString &factoryPid)
{
    QString rest = fileName;
    if (rest.endsWith(QLatin1String(".config")))
        rest.chop(7);
    if (!rest.startsWith(factoryPid) || rest.size() <= factoryPid.size() + 1)
        return rest;
    return factoryPid + QLatin1Char('.') + rest.mid(factoryPid.size() + 1);
}

bool samePid(const QString &a, const QString &b)
{
    if (a.isEmpty() || b.isEmpty())
        return false;
    auto norm = [](QString s) {
        s.replace(QLatin1Char('~'), QLatin1Char('.'));
        s.replace(QLatin1Char('-'), QLatin1Char('.'));
        return s;
    };
    return norm(a) == norm(b);
}

bool isProtectedValue(const QString &value)
{
    return value.size() > 2 && value.startsWith(QLatin1Char('{')) && value.endsWith(QLatin1Char('}'));
}

ImsFiles ImsFiles::fromFiles(const QMap<QString, QByteArray> &files, const ApplyRecipe &recipe)
{
    ImsFiles out;
    const QString provider = recipe.text(QStringLiteral("providerFactoryPid"));
    const QString customizer = recipe.text(QStringLiteral("customizerFactoryPid"));
    for (auto it = files.begin(); it != files.end(); ++it) {
        OsgiConfigFile f;
        f.fileName = it.key();
        f.text = it.value();
        f.values = parsers::parseFelixConfig(it.value());
        if (it.key().startsWith(customizer)) {
            f.pid = pidFromConfigFileName(it.key(), customizer);
            out.customizers.append(f);
        } else if (it.key().startsWith(provider)) {
            f.pid = pidFromConfigFileName(it.key(), provider);
            out.providers.append(f);
        }
    }
    return out;
}

const OsgiConfigFile *ImsFiles::providerFor(const QString &clientId, const QString &preferredPid) const
{
    const OsgiConfigFile *found = nullptr;
    for (const OsgiConfigFile &f : providers) {
        if (f.value(QStringLiteral("auth.token.provider.client.id")) != clientId)
            continue;
        if (samePid(f.pid, preferredPid))
            return &f;
        if (!found)
            found = &f;
    }
    return found;
}

const OsgiConfigFile *ImsFiles::customizerFor(const QString &customizerType,
                                              const QString &typeProperty) const
{
    if (customizerType.isEmpty())
        return nullptr;
    for (const OsgiConfigFile &f : customizers) {
        if (f.value(typeProperty) == customizerType)
            return &f;
    }
    return nullptr;
}

const OsgiConfigFile *ImsFiles::byPid(const QString &pid) const
{
    for (const QList<OsgiConfigFile> *list : {&providers, &customizers}) {
        for (const OsgiConfigFile &f : *list) {
            if (samePid(f.pid, pid))
                return &f;
        }
    }
    return nullptr;
}

namespace {

ConfigFolderRead *readImsFiles(CreateContext &ctx)
{
    return new ConfigFolderRead(*ctx.session, ctx.detect.osgiConfigRoot,
                                {ctx.recipe.text(QStringLiteral("providerFactoryPid")),
                                 ctx.recipe.text(QStringLiteral("customizerFactoryPid"))});
}

// Reads the IMS files and hands them to fn (which may fail the task: "not as planned").
Task *withImsFiles(CreateContext &ctx, std::function<Result<bool>(const ImsFiles &)> fn)
{
    auto *seq = new SequentialTask;
    ConfigFolderRead *read = readImsFiles(ctx);
    seq->addTask(read);
    const ApplyRecipe recipe = ctx.recipe;
    seq->addTask(
        new FunctionTask([read, fn, recipe] { return fn(ImsFiles::fromFiles(read->files(), recipe)); }));
    return seq;
}

} // namespace

PollTask *readBackPoll(CreateContext &ctx, PollTask::Factory check)
{
    return new PollTask(*ctx.clock, ctx.recipe.number(QStringLiteral("agentPollMs")),
                        ctx.recipe.number(QStringLiteral("agentWaitMs")), std::move(check));
}

namespace {

BackupRecord osgiRecord(const QString &stepId, const QString &target, const OsgiConfigFile *file,
                        const QString &folder)
{
    BackupRecord r;
    r.stepId = stepId;
    r.kind = QStringLiteral("osgi-config");
    r.target = target;
    r.existed = file != nullptr;
    if (file) {
        r.before.insert(QStringLiteral("pid"), file->pid);
        r.before.insert(QStringLiteral("fileName"), file->fileName);
        r.before.insert(QStringLiteral("filePath"), QString(folder + QLatin1Char('/') + file->fileName));
        r.before.insert(QStringLiteral("file"), QString::fromLatin1(file->text.toBase64()));
    }
    return r;
}

} // namespace

// ---- ImsProviderStep ----

ImsProviderStep::ImsProviderStep(std::shared_ptr<CreateContext> context, QString preferredPid)
    : m_ctx(std::move(context)), m_preferredPid(std::move(preferredPid))
{
}

Task *ImsProviderStep::makeRead()
{
    return withImsFiles(*m_ctx, [this](const ImsFiles &files) -> Result<bool> {
        m_existing.reset();
        if (const OsgiConfigFile *f = files.providerFor(m_ctx->clientId, m_preferredPid))
            m_existing = *f;
        m_ctx->providerPid = m_existing ? m_existing->pid : QString();
        return true;
    });
}

QStringList ImsProviderStep::jwtLeftovers() const
{
    QStringList out;
    if (!m_existing)
        return out;
    for (const QString &name : m_ctx->recipe.list(QStringLiteral("jwtOnlyProperties"))) {
        if (m_existing->values.contains(name))
            out.append(name);
    }
    return out;
}

QList<QPair<QString, QString>> ImsProviderStep::desired() const
{
    QHash<QString, QString> vars = m_ctx->vars();
    const QString typeProperty = QStringLiteral("token.request.customizer.type");
    QString type = m_existing ? m_existing->value(typeProperty) : QString();
    if (type.isEmpty())
        type = m_ctx->newCustomizerType;
    vars.insert(QStringLiteral("customizerType"), type);
    QList<QPair<QString, QString>> out;
    for (const auto &p : m_ctx->recipe.properties(QStringLiteral("providerProperties")))
        out.append({p.first, ApplyRecipe::expand(p.second, vars)});
    return out;
}

StepDescription ImsProviderStep::describe() const
{
    StepDescription d;
    d.id = id();
    d.title = tr("IMS configuration (access token provider)");
    d.target = m_existing ? m_existing->pid
                          : tr("(new) %1").arg(m_ctx->recipe.text(QStringLiteral("providerFactoryPid")));
    d.action = m_existing ? ChangeAction::Unchanged : ChangeAction::Create;
    for (const auto &p : desired()) {
        FieldChange c;
        c.name = p.first;
        c.after = p.second;
        if (m_existing && m_existing->values.contains(p.first)) {
            c.hadBefore = true;
            c.before = m_existing->value(p.first);
            if (c.before == c.after)
                continue;
        }
        d.changes.append(c);
    }
    for (const QString &name : jwtLeftovers()) {
        FieldChange c;
        c.name = name;
        c.before = m_existing->value(name);
        c.hadBefore = true;
        c.hasAfter = false;
        d.changes.append(c);
    }
    if (m_existing && !d.changes.isEmpty())
        d.action = ChangeAction::Update;
    if (!m_existing)
        d.reason = tr("Cloud Solution Adobe Brand Portal, authentication OAuth Server-to-Server.");
    else if (m_existing->value(QStringLiteral("auth.token.provider.authorization.grants")) !=
             QLatin1String("client_credentials"))
        d.reason =
            tr("The JWT configuration of this client id is switched to OAuth Server-to-Server in place "
               "(Adobe's conversion keeps the client id); the old values stay in the backup.");
    else
        d.reason = tr("An IMS configuration for this client id exists; it is reused.");
    return d;
}

BackupRecord ImsProviderStep::backupRecord() const
{
    return osgiRecord(id(), m_existing ? m_existing->pid : QString(), m_existing ? &*m_existing : nullptr,
                      m_ctx->detect.osgiConfigRoot);
}

QByteArray ImsProviderStep::fingerprint() const
{
    return m_existing ? sha(m_existing->pid.toUtf8() + '\n' + m_existing->text) : QByteArrayLiteral("absent");
}

Task *ImsProviderStep::makeApply(BackupRecord *record)
{
    if (!isChange())
        return nullptr;
    QList<QPair<QString, QVariant>> properties;
    if (m_existing)
        properties = orderedValues(*m_existing);
    // configMgr keeps only what the full property set names: leaving a JWT-only property out removes it.
    const QStringList drop = jwtLeftovers();
    properties.erase(std::remove_if(properties.begin(), properties.end(),
                                    [&drop](const auto &e) { return drop.contains(e.first); }),
                     properties.end());
    for (const auto &p : desired()) {
        auto it = std::find_if(properties.begin(), properties.end(),
                               [&p](const auto &e) { return e.first == p.first; });
        if (it != properties.end())
            it->second = p.second;
        else
            properties.append({p.first, p.second});
    }
    const QString factory = m_ctx->recipe.text(QStringLiteral("providerFactoryPid"));
    const QString pid = m_existing ? m_existing->pid : m_ctx->recipe.text(QStringLiteral("configMgrNewPid"));
    auto ctx = m_ctx;
    const bool create = !m_existing;
    return new CallTask(
        [ctx, pid, factory, properties, create] {
            return ctx->session->post(configMgrPath(*ctx, pid),
                                      configMgrFields(create ? factory : QString(), properties));
        },
        [ctx, record, create, pid](const AemCall &call) -> Result<bool> {
            Result<QString> newPid =
                pidFromAnswer(call, create ? QString() : pid, tr("Saving the IMS configuration"));
            if (!newPid)
                return newPid.error();
            ctx->providerPid = newPid.value();
            if (create)
                record->applied.insert(QStringLiteral("pid"), newPid.value());
            return true;
        });
}

Task *ImsProviderStep::makeVerify()
{
    const QList<QPair<QString, QString>> want = desired();
    const QStringList gone = jwtLeftovers();
    auto ctx = m_ctx;
    return readBackPoll(*ctx, [ctx, want, gone]() -> Task * {
        return withImsFiles(*ctx, [ctx, want, gone](const ImsFiles &files) -> Result<bool> {
            const OsgiConfigFile *f = files.byPid(ctx->providerPid);
            if (!f)
                return notYet(tr("The IMS configuration %1 is not in %2.")
                                  .arg(ctx->providerPid, ctx->detect.osgiConfigRoot));
            for (const QString &name : gone) {
                if (f->values.contains(name))
                    return notYet(tr("The IMS configuration still has the JWT property %1.").arg(name));
            }
            for (const auto &p : want) {
                if (f->value(p.first) != p.second)
                    return notYet(tr("The IMS configuration's %1 reads back as \"%2\", not "
                                     "\"%3\".")
                                      .arg(p.first, f->value(p.first), p.second));
            }
            return true;
        });
    });
}

// ---- ImsCustomizerStep ----

ImsCustomizerStep::ImsCustomizerStep(std::shared_ptr<CreateContext> context) : m_ctx(std::move(context)) {}

QString ImsCustomizerStep::customizerType() const
{
    const QString t =
        m_provider ? m_provider->value(QStringLiteral("token.request.customizer.type")) : QString();
    return t.isEmpty() ? m_ctx->newCustomizerType : t;
}

Task *ImsCustomizerStep::makeRead()
{
    auto *seq = new SequentialTask;
    seq->addTask(withImsFiles(*m_ctx, [this](const ImsFiles &files) -> Result<bool> {
        m_provider.reset();
        m_existing.reset();
        m_secretWorks = false;
        if (const OsgiConfigFile *p = files.providerFor(m_ctx->clientId, m_ctx->providerPid))
            m_provider = *p;
        if (const OsgiConfigFile *c = files.customizerFor(
                customizerType(), m_ctx->recipe.text(QStringLiteral("customizerTypeProperty"))))
            m_existing = *c;
        return true;
    }));
    // A stored secret cannot be read back in clear (AEM keeps it encrypted): it is kept when the
    // instance's own Test Connection shows that the configuration obtains tokens.
    seq->addTask(new LazyTask([this]() -> Task * {
        const QString secretProperty = m_ctx->recipe.text(QStringLiteral("customizerSecretProperty"));
        if (!m_provider || !m_existing || m_existing->value(secretProperty).isEmpty() || m_ctx->replaceSecret)
            return nullptr;
        if (m_existing->value(secretProperty) == QString::fromUtf8(m_ctx->clientSecret.revealUtf8())) {
            m_secretWorks = true;
            return nullptr;
        }
        auto ctx = m_ctx;
        auto agents = std::make_shared<QList<AgentsStep::Agent>>();
        auto *inner = new SequentialTask;
        inner->addTask(AgentsStep::readTenantAgents(
            ctx, [agents](QList<AgentsStep::Agent> found) { *agents = std::move(found); },
            AgentsStep::ListMode::Optional));
        inner->addTask(new LazyTask([this, ctx, agents]() -> Task * {
            if (agents->isEmpty())
                return nullptr;
            const AgentsStep::Agent agent = agents->first();
            return new CallTask(
                [ctx, agent] {
                    return ctx->session->get(
                        ApplyRecipe::expand(ctx->recipe.text(QStringLiteral("agentTestPath")),
                                            {{QStringLiteral("agentPath"), agent.path}}));
                },
                [this, ctx](const AemCall &call) -> Result<bool> {
                    m_secretWorks = call.status() == 200 &&
                                    QString::fromUtf8(call.response().body)
                                        .contains(ctx->recipe.text(QStringLiteral("agentTestSuccess")),
                                                  Qt::CaseInsensitive);
                    return true;
                });
        }));
        return inner;
    }));
    return seq;
}

StepDescription ImsCustomizerStep::describe() const
{
    StepDescription d;
    d.id = id();
    d.title = tr("IMS configuration (client secret)");
    d.target = m_existing ? m_existing->pid
                          : tr("(new) %1").arg(m_ctx->recipe.text(QStringLiteral("customizerFactoryPid")));
    const QString typeProperty = m_ctx->recipe.text(QStringLiteral("customizerTypeProperty"));
    const QString secretProperty = m_ctx->recipe.text(QStringLiteral("customizerSecretProperty"));
    if (!m_existing) {
        d.action = ChangeAction::Create;
        d.changes.append({typeProperty, QString(), customizerType(), false, true, false});
        d.changes.append({secretProperty, QString(), FieldChange::masked(), false, true, true});
        d.reason = m_ctx->cryptoAvailable
                       ? tr("The secret is stored encrypted by AEM (/system/console/crypto).")
                       : tr("The secret is stored as AEM's configuration value.");
    } else if (m_secretWorks) {
        d.action = ChangeAction::Unchanged;
        d.reason = tr("The stored secret works: the instance's Test Connection obtains a token with it.");
    } else {
        d.action = ChangeAction::Update;
        d.changes.append({secretProperty, FieldChange::masked(), FieldChange::masked(), true, true, true});
        d.reason = m_ctx->replaceSecret
                       ? tr("Rotation: the stored secret is replaced with the credential's other secret, "
                            "which IMS accepted.")
                       : tr("The stored secret could not be shown to work; it is replaced with the validated "
                            "one.");
    }
    return d;
}

BackupRecord ImsCustomizerStep::backupRecord() const
{
    BackupRecord r = osgiRecord(id(), m_existing ? m_existing->pid : QString(),
                                m_existing ? &*m_existing : nullptr, m_ctx->detect.osgiConfigRoot);
    if (m_existing) {
        const QString secretProperty = m_ctx->recipe.text(QStringLiteral("customizerSecretProperty"));
        const QString value = m_existing->value(secretProperty);
        if (!value.isEmpty() && !isProtectedValue(value)) {
            // A hand-made configuration with the secret in clear: the backup must not hold it.
            QByteArray text = m_existing->text;
            text.replace(QByteArray(QByteArray("\"") + value.toUtf8() + '"'), QByteArrayLiteral("\"\""));
            r.before.insert(QStringLiteral("file"), QString::fromLatin1(text.toBase64()));
            r.before.insert(QStringLiteral("secretRemoved"), true);
        }
    }
    return r;
}

QByteArray ImsCustomizerStep::fingerprint() const
{
    return m_existing ? sha(m_existing->pid.toUtf8() + '\n' + m_existing->text + (m_secretWorks ? "1" : "0"))
                      : QByteArrayLiteral("absent");
}

Task *ImsCustomizerStep::makeApply(BackupRecord *record)
{
    if (!isChange())
        return nullptr;
    auto ctx = m_ctx;
    auto protectedValue = std::make_shared<QString>();
    auto *seq = new SequentialTask;
    if (ctx->cryptoAvailable) {
        seq->addTask(new CallTask(
            [ctx] {
                return ctx->session->post(ctx->recipe.text(QStringLiteral("cryptoPath")),
                                          {{ctx->recipe.text(QStringLiteral("cryptoField")),
                                            QString::fromUtf8(ctx->clientSecret.revealUtf8())}});
            },
            [protectedValue](const AemCall &call) -> Result<bool> {
                const QString value = QJsonDocument::fromJson(call.response().body)
                                          .object()
                                          .value(QStringLiteral("protected"))
                                          .toString();
                if (call.status() != 200 || !isProtectedValue(value))
                    return unexpectedAnswer(call, tr("Encrypting the client secret on the instance"));
                *protectedValue = value;
                return true;
            }));
    }
    QList<QPair<QString, QVariant>> properties;
    if (m_existing)
        properties = orderedValues(*m_existing);
    const QString typeProperty = ctx->recipe.text(QStringLiteral("customizerTypeProperty"));
    const QString secretProperty = ctx->recipe.text(QStringLiteral("customizerSecretProperty"));
    const QString type = customizerType();
    const QString factory = ctx->recipe.text(QStringLiteral("customizerFactoryPid"));
    const QString pid = m_existing ? m_existing->pid : ctx->recipe.text(QStringLiteral("configMgrNewPid"));
    const bool create = !m_existing;
    seq->addTask(new CallTask(
        [this, ctx, properties, typeProperty, secretProperty, type, factory, pid, create,
         protectedValue]() mutable {
            const QString secret = protectedValue->isEmpty()
                                       ? QString::fromUtf8(ctx->clientSecret.revealUtf8())
                                       : *protectedValue;
            m_written = secret;
            for (const auto &[name, value] :
                 {std::pair{typeProperty, type}, std::pair{secretProperty, secret}}) {
                auto it = std::find_if(properties.begin(), properties.end(),
                                       [&name = name](const auto &e) { return e.first == name; });
                if (it != properties.end())
                    it->second = value;
                else
                    properties.append({name, value});
            }
            return ctx->session->post(configMgrPath(*ctx, pid),
                                      configMgrFields(create ? factory : QString(), properties));
        },
        [record, create, pid](const AemCall &call) -> Result<bool> {
            Result<QString> newPid =
                pidFromAnswer(call, create ? QString() : pid, tr("Saving the client secret"));
            if (!newPid)
                return newPid.error();
            if (create)
                record->applied.insert(QStringLiteral("pid"), newPid.value());
            return true;
        }));
    return seq;
}

Task *ImsCustomizerStep::makeVerify()
{
    if (!isChange())
        return nullptr;
    auto ctx = m_ctx;
    const QString type = customizerType();
    return readBackPoll(*ctx, [this, ctx, type]() -> Task * {
        return withImsFiles(*ctx, [this, ctx, type](const ImsFiles &files) -> Result<bool> {
            const OsgiConfigFile *c =
                files.customizerFor(type, ctx->recipe.text(QStringLiteral("customizerTypeProperty")));
            if (!c)
                return notYet(tr("The client secret configuration (%1) is not in %2.")
                                  .arg(type, ctx->detect.osgiConfigRoot));
            if (c->value(ctx->recipe.text(QStringLiteral("customizerSecretProperty"))) != m_written)
                return notYet(tr("The client secret reads back differently from what was written."));
            return true;
        });
    });
}

// ---- DeleteOsgiConfigStep ----

DeleteOsgiConfigStep::DeleteOsgiConfigStep(std::shared_ptr<CreateContext> context, QString pid,
                                           QString filePath, QString reason)
    : m_ctx(std::move(context)), m_pid(std::move(pid)), m_filePath(std::move(filePath)),
      m_reason(std::move(reason))
{
}

QString DeleteOsgiConfigStep::id() const
{
    return QStringLiteral("delete-config:") + m_pid;
}

Task *DeleteOsgiConfigStep::makeRead()
{
    const QString path = m_filePath;
    return new CallTask([this, path] { return m_ctx->session->get(path); },
                        [this](const AemCall &call) -> Result<bool> {
                            m_exists = call.status() == 200;
                            m_text = m_exists ? call.response().body : QByteArray();
                            if (!m_exists && call.status() != 404)
                                return unexpectedAnswer(call, tr("Reading %1").arg(m_filePath));
                            return true;
                        });
}

StepDescription DeleteOsgiConfigStep::describe() const
{
    StepDescription d;
    d.id = id();
    d.title = tr("Remove another Brand Portal IMS configuration");
    d.target = m_pid;
    d.action = m_exists ? ChangeAction::Delete : ChangeAction::Unchanged;
    d.reason = m_reason;
    const QString secretProperty = m_ctx->recipe.text(QStringLiteral("customizerSecretProperty"));
    const auto values = parsers::parseFelixConfig(m_text);
    for (auto it = values.begin(); it != values.end(); ++it) {
        const bool secret = it.key() == secretProperty;
        d.changes.append(
            {it.key(), secret ? FieldChange::masked() : joined(it.value()), QString(), true, false, secret});
    }
    std::sort(d.changes.begin(), d.changes.end(),
              [](const FieldChange &a, const FieldChange &b) { return a.name < b.name; });
    return d;
}

BackupRecord DeleteOsgiConfigStep::backupRecord() const
{
    OsgiConfigFile f;
    f.pid = m_pid;
    f.fileName = m_filePath.section(QLatin1Char('/'), -1);
    f.text = m_text;
    BackupRecord r =
        osgiRecord(id(), m_pid, m_exists ? &f : nullptr, m_filePath.section(QLatin1Char('/'), 0, -2));
    const QString secretProperty = m_ctx->recipe.text(QStringLiteral("customizerSecretProperty"));
    const QString value = joined(parsers::parseFelixConfig(m_text).value(secretProperty));
    if (!value.isEmpty() && !isProtectedValue(value)) {
        QByteArray text = m_text;
        text.replace(QByteArray(QByteArray("\"") + value.toUtf8() + '"'), QByteArrayLiteral("\"\""));
        r.before.insert(QStringLiteral("file"), QString::fromLatin1(text.toBase64()));
        r.before.insert(QStringLiteral("secretRemoved"), true);
    }
    return r;
}

QByteArray DeleteOsgiConfigStep::fingerprint() const
{
    return m_exists ? sha(m_text) : QByteArrayLiteral("absent");
}

Task *DeleteOsgiConfigStep::makeApply(BackupRecord *)
{
    if (!m_exists)
        return nullptr;
    auto ctx = m_ctx;
    const QString pid = m_pid;
    return new CallTask(
        [ctx, pid] {
            return ctx->session->post(configMgrPath(*ctx, pid),
                                      {{QStringLiteral("apply"), QStringLiteral("true")},
                                       {QStringLiteral("delete"), QStringLiteral("true")},
                                       {QStringLiteral("action"), QStringLiteral("ajaxConfigManager")}});
        },
        [](const AemCall &call) -> Result<bool> {
            if (call.status() != 200 && !call.response().isRedirect())
                return unexpectedAnswer(call, tr("Removing the IMS configuration"));
            return true;
        });
}

Task *DeleteOsgiConfigStep::makeVerify()
{
    if (!m_exists)
        return nullptr;
    auto ctx = m_ctx;
    const QString path = m_filePath;
    return readBackPoll(*ctx, [ctx, path]() -> Task * {
        return new CallTask([ctx, path] { return ctx->session->get(path); },
                            [path](const AemCall &call) -> Result<bool> {
                                if (call.status() == 404)
                                    return true;
                                return notYet(tr("%1 is still there.").arg(path));
                            });
    });
}

// ---- CloudConfigStep ----

CloudConfigStep::CloudConfigStep(std::shared_ptr<CreateContext> context, QString path)
    : m_ctx(std::move(context)), m_path(std::move(path))
{
    m_ctx->cloudConfigPath = m_path;
}

Task *CloudConfigStep::makeRead()
{
    auto *both = new ConcurrentTask(ConcurrentTask::Mode::AllMustSucceed);
    both->addTask(new CallTask(
        [this] { return m_ctx->session->get(m_path + QStringLiteral("/jcr:content.json")); },
        [this](const AemCall &call) -> Result<bool> {
            m_exists = call.status() == 200;
            m_content = m_exists ? QJsonDocument::fromJson(call.response().body).object() : QJsonObject();
            if (!m_exists && call.status() != 404)
                return unexpectedAnswer(call, tr("Reading %1").arg(m_path));
            return true;
        }));
    // The Sling POST servlet creates missing parents too: rollback removes the topmost node apply created.
    const QString parent = m_path.section(QLatin1Char('/'), 0, -2);
    both->addTask(
        new CallTask([this, parent] { return m_ctx->session->get(parent + QStringLiteral(".json")); },
                     [this, parent](const AemCall &call) -> Result<bool> {
                         m_parentExists = call.status() != 404;
                         if (call.status() != 200 && call.status() != 404)
                             return unexpectedAnswer(call, tr("Reading %1").arg(parent));
                         return true;
                     }));
    // Saving the configuration makes AEM create agents: rollback removes those that were not there before,
    // even when the agents step never started.
    both->addTask(AgentsStep::readTenantAgents(m_ctx, [this](const QList<AgentsStep::Agent> &agents) {
        m_agentsBefore.clear();
        for (const AgentsStep::Agent &a : agents) {
            if (!m_ctx->agentsBeingDeleted.contains(a.path))
                m_agentsBefore.append(a.path);
        }
    }));
    return both;
}

QString CloudConfigStep::plannedImsConfig() const
{
    return m_ctx->providerPid.isEmpty() ? tr("(the new IMS configuration)") : m_ctx->providerPid;
}

FormFields CloudConfigStep::fields(bool all) const
{
    QHash<QString, QString> vars = m_ctx->vars();
    vars.insert(QStringLiteral("imsConfig"), m_ctx->providerPid);
    FormFields out;
    for (const auto &p : m_ctx->recipe.properties(QStringLiteral("cloudConfigProperties"))) {
        const QString value = ApplyRecipe::expand(p.second, vars);
        const QString name = p.first.startsWith(QLatin1String("jcr:content/")) ? p.first.mid(12) : QString();
        if (!all) {
            if (name != QLatin1String("tenantURL") && name != QLatin1String("imsConfig"))
                continue;
            const QString current = m_content.value(name).toString();
            if (name == QLatin1String("imsConfig") ? samePid(current, value) : current == value)
                continue;
        }
        out.append({p.first, value});
    }
    return out;
}

StepDescription CloudConfigStep::describe() const
{
    StepDescription d;
    d.id = id();
    d.title = tr("Brand Portal cloud configuration");
    d.target = m_path;
    const QString tenantUrl = m_content.value(QStringLiteral("tenantURL")).toString();
    const QString ims = m_content.value(QStringLiteral("imsConfig")).toString();
    if (!m_exists) {
        d.action = ChangeAction::Create;
        d.changes.append({QStringLiteral("tenantURL"), QString(), m_ctx->tenantUrl, false, true, false});
        d.changes.append({QStringLiteral("imsConfig"), QString(), plannedImsConfig(), false, true, false});
        d.reason = tr("Saving it makes AEM create the Brand Portal replication agents.");
        return d;
    }
    if (tenantUrl != m_ctx->tenantUrl)
        d.changes.append(
            {QStringLiteral("tenantURL"), tenantUrl, m_ctx->tenantUrl, !tenantUrl.isEmpty(), true, false});
    if (!samePid(ims, m_ctx->providerPid))
        d.changes.append({QStringLiteral("imsConfig"), ims, plannedImsConfig(), !ims.isEmpty(), true, false});
    d.action = d.changes.isEmpty() ? ChangeAction::Unchanged : ChangeAction::Update;
    return d;
}

BackupRecord CloudConfigStep::backupRecord() const
{
    BackupRecord r;
    r.stepId = id();
    r.kind = QStringLiteral("content");
    r.target = m_path + QStringLiteral("/jcr:content");
    r.existed = m_exists;
    if (m_exists) {
        QJsonObject props;
        for (const QString &name : {QStringLiteral("tenantURL"), QStringLiteral("imsConfig")})
            props.insert(name,
                         m_content.contains(name) ? m_content.value(name) : QJsonValue(QJsonValue::Null));
        r.before.insert(QStringLiteral("properties"), props);
    } else {
        r.applied.insert(QStringLiteral("createdNodes"),
                         QJsonArray{m_parentExists ? m_path : m_path.section(QLatin1Char('/'), 0, -2)});
    }
    r.before.insert(QStringLiteral("tenant"), m_ctx->tenant);
    r.before.insert(QStringLiteral("tenantAgents"), QJsonArray::fromStringList(m_agentsBefore));
    return r;
}

QByteArray CloudConfigStep::fingerprint() const
{
    return m_exists ? sha(QJsonDocument(m_content).toJson(QJsonDocument::Compact))
                    : QByteArrayLiteral("absent");
}

Task *CloudConfigStep::makeApply(BackupRecord *)
{
    if (!isChange())
        return nullptr;
    const bool all = !m_exists;
    return new CallTask([this, all] { return m_ctx->session->post(m_path, fields(all)); },
                        [](const AemCall &call) -> Result<bool> {
                            if (call.status() != 200 && call.status() != 201)
                                return unexpectedAnswer(call,
                                                        tr("Saving the Brand Portal cloud configuration"));
                            return true;
                        });
}

Task *CloudConfigStep::makeVerify()
{
    if (!isChange())
        return nullptr;
    auto ctx = m_ctx;
    const QString path = m_path;
    return new CallTask([ctx, path] { return ctx->session->get(path + QStringLiteral("/jcr:content.json")); },
                        [ctx, path](const AemCall &call) -> Result<bool> {
                            const QJsonObject c = QJsonDocument::fromJson(call.response().body).object();
                            if (call.status() != 200)
                                return unexpectedAnswer(call, tr("Reading back %1").arg(path));
                            if (c.value(QStringLiteral("tenantURL")).toString() != ctx->tenantUrl ||
                                !samePid(c.value(QStringLiteral("imsConfig")).toString(), ctx->providerPid))
                                return notYet(
                                    tr("The cloud configuration %1 does not read back as saved (tenantURL, "
                                       "imsConfig): check that the recipe's property names match this AEM "
                                       "version.")
                                        .arg(path));
                            return true;
                        });
}

// ---- AgentsStep ----

AgentsStep::AgentsStep(std::shared_ptr<CreateContext> context, CloudConfigStep *cloudConfig)
    : m_ctx(std::move(context)), m_cloudConfig(cloudConfig)
{
}

QList<AgentsStep::Agent> AgentsStep::tenantAgents(const QJsonObject &listing, const CreateContext &ctx)
{
    QList<Agent> out;
    const QString root = ctx.recipe.text(QStringLiteral("agentsRoot"));
    for (auto it = listing.begin(); it != listing.end(); ++it) {
        const QJsonObject content = it.value().toObject().value(QStringLiteral("jcr:content")).toObject();
        const QUrl uri(content.value(QStringLiteral("transportUri")).toString());
        const auto m = ctx.detect.bpTransportHost.match(uri.host().toLower());
        if (!m.hasMatch() || m.captured(1) != ctx.tenant)
            continue;
        out.append({it.key(), root + QLatin1Char('/') + it.key(), content});
    }
    std::sort(out.begin(), out.end(), [](const Agent &a, const Agent &b) { return a.name < b.name; });
    return out;
}

QString AgentsStep::closeProperty(const Agent &agent, const ApplyRecipe &recipe)
{
    const QStringList names = recipe.list(QStringLiteral("closeConnectionProperties"));
    for (const QString &n : names) {
        if (agent.content.contains(n))
            return n;
    }
    return names.value(0);
}

bool AgentsStep::closeSet(const Agent &agent, const ApplyRecipe &recipe)
{
    const QJsonValue v = agent.content.value(closeProperty(agent, recipe));
    return v.toBool() || v.toString() == QLatin1String("true");
}

Task *AgentsStep::readTenantAgents(std::shared_ptr<CreateContext> ctx, std::function<void(QList<Agent>)> sink,
                                   ListMode mode)
{
    return new CallTask(
        [ctx] {
            return ctx->session->get(ctx->recipe.text(QStringLiteral("agentsRoot")) +
                                     ctx->recipe.text(QStringLiteral("agentsListSuffix")));
        },
        [ctx, sink, mode](const AemCall &call) -> Result<bool> {
            if (call.status() == 404) {
                sink({});
                return true;
            }
            if (call.status() != 200) {
                if (mode == ListMode::Optional)
                    return true;
                return unexpectedAnswer(call, tr("Reading the replication agents"));
            }
            sink(tenantAgents(QJsonDocument::fromJson(call.response().body).object(), *ctx));
            return true;
        });
}

Task *AgentsStep::readInto(QList<Agent> *agents)
{
    return readTenantAgents(m_ctx, [agents](QList<Agent> found) { *agents = std::move(found); });
}

Task *AgentsStep::makeRead()
{
    return readTenantAgents(m_ctx, [this](QList<Agent> found) {
        found.erase(
            std::remove_if(found.begin(), found.end(),
                           [this](const Agent &a) { return m_ctx->agentsBeingDeleted.contains(a.path); }),
            found.end());
        m_agents = std::move(found);
    });
}

StepDescription AgentsStep::describe() const
{
    StepDescription d;
    d.id = id();
    d.title = tr("Brand Portal replication agents");
    d.target = m_ctx->recipe.text(QStringLiteral("agentsRoot"));
    if (m_agents.isEmpty()) {
        d.action = ChangeAction::Create;
        d.reason =
            tr("AEM creates %1 agents for the tenant when the cloud configuration is saved; bpsetup waits "
               "for them and sets Extended › Close Connection on each (the documented timeout fix).")
                .arg(m_ctx->recipe.number(QStringLiteral("expectedAgentCount")));
        d.changes.append({tr("Close Connection"), QString(), QStringLiteral("true"), false, true, false});
        return d;
    }
    for (const Agent &a : m_agents) {
        if (closeSet(a, m_ctx->recipe))
            continue;
        const QString prop = closeProperty(a, m_ctx->recipe);
        const QJsonValue v = a.content.value(prop);
        d.changes.append({a.name + QLatin1Char('/') + prop,
                          v.isUndefined() ? QString() : v.toVariant().toString(), QStringLiteral("true"),
                          !v.isUndefined(), true, false});
    }
    d.action = d.changes.isEmpty() ? ChangeAction::Unchanged : ChangeAction::Update;
    return d;
}

BackupRecord AgentsStep::backupRecord() const
{
    BackupRecord r;
    r.stepId = id();
    r.kind = QStringLiteral("agents");
    r.target = m_ctx->recipe.text(QStringLiteral("agentsRoot"));
    r.existed = !m_agents.isEmpty();
    QJsonObject before;
    QJsonArray existing;
    for (const Agent &a : m_agents) {
        const QString prop = closeProperty(a, m_ctx->recipe);
        const QJsonValue v = a.content.value(prop);
        before.insert(a.path + QStringLiteral("/jcr:content"),
                      QJsonObject{{prop, v.isUndefined() ? QJsonValue(QJsonValue::Null) : v}});
        existing.append(a.path);
    }
    r.before.insert(QStringLiteral("properties"), before);
    r.before.insert(QStringLiteral("agents"), existing);
    return r;
}

QByteArray AgentsStep::fingerprint() const
{
    QByteArray data;
    for (const Agent &a : m_agents)
        data += a.path.toUtf8() + '\n' + QJsonDocument(a.content).toJson(QJsonDocument::Compact) + '\n';
    return sha(data);
}

Task *AgentsStep::makeApply(BackupRecord *record)
{
    if (!isChange())
        return nullptr;
    auto ctx = m_ctx;
    auto fresh = std::make_shared<QList<Agent>>();
    const int expected = ctx->recipe.number(QStringLiteral("expectedAgentCount"));
    auto *poll = readBackPoll(*ctx, [this, ctx, fresh, expected]() -> Task * {
        auto *seq = new SequentialTask;
        seq->addTask(readInto(fresh.get()));
        seq->addTask(new FunctionTask([fresh, expected, ctx]() -> Result<bool> {
            if (fresh->size() >= expected)
                return true;
            return notYet(tr("AEM has created %1 of the %2 Brand Portal replication agents "
                             "for %3.")
                              .arg(fresh->size())
                              .arg(expected)
                              .arg(ctx->tenant))
                .withRemedy(tr("Look at AEM's error.log for the agent creation, open the "
                               "Brand Portal cloud configuration, make a small edit and "
                               "save it again, then run apply again."));
        }));
        return seq;
    });
    // The documented fix when the agents do not appear: edit the cloud configuration and save it again.
    CloudConfigStep *cloud = m_cloudConfig;
    poll->setHalfwayAction([ctx, cloud]() -> Task * {
        return new CallTask(
            [ctx, cloud] { return ctx->session->post(ctx->cloudConfigPath, cloud->fields(true)); },
            [](const AemCall &call) -> Result<bool> {
                if (call.status() != 200 && call.status() != 201)
                    return unexpectedAnswer(call, tr("Saving the cloud configuration again"));
                return true;
            });
    });
    auto *seq = new SequentialTask;
    seq->addTask(poll);
    seq->addTask(new LazyTask([ctx, fresh, record, known = m_agents]() -> Task * {
        QJsonArray created = record->applied.value(QStringLiteral("createdNodes")).toArray();
        QJsonObject before = record->before.value(QStringLiteral("properties")).toObject();
        auto *all = new ConcurrentTask(ConcurrentTask::Mode::AllMustSucceed);
        for (const Agent &a : std::as_const(*fresh)) {
            const bool isNew =
                std::none_of(known.begin(), known.end(), [&a](const Agent &k) { return k.path == a.path; });
            if (isNew && !created.contains(a.path))
                created.append(a.path);
            if (closeSet(a, ctx->recipe))
                continue;
            const QString prop = closeProperty(a, ctx->recipe);
            const QString path = a.path + QStringLiteral("/jcr:content");
            if (!isNew && !before.contains(path)) {
                const QJsonValue v = a.content.value(prop);
                before.insert(path, QJsonObject{{prop, v.isUndefined() ? QJsonValue(QJsonValue::Null) : v}});
            }
            all->addTask(new CallTask(
                [ctx, path, prop] {
                    return ctx->session->post(path, {{prop, QStringLiteral("true")}});
                },
                [](const AemCall &call) -> Result<bool> {
                    if (call.status() != 200 && call.status() != 201)
                        return unexpectedAnswer(call, tr("Setting Close Connection on a replication agent"));
                    return true;
                }));
        }
        record->applied.insert(QStringLiteral("createdNodes"), created);
        record->before.insert(QStringLiteral("properties"), before);
        return all;
    }));
    return seq;
}

Task *AgentsStep::makeVerify()
{
    if (!isChange())
        return nullptr;
    auto ctx = m_ctx;
    auto fresh = std::make_shared<QList<Agent>>();
    auto *seq = new SequentialTask;
    seq->addTask(readInto(fresh.get()));
    seq->addTask(new FunctionTask([ctx, fresh]() -> Result<bool> {
        const int expected = ctx->recipe.number(QStringLiteral("expectedAgentCount"));
        if (fresh->size() < expected)
            return notYet(tr("Only %1 of %2 Brand Portal replication agents are there.")
                              .arg(fresh->size())
                              .arg(expected));
        for (const Agent &a : std::as_const(*fresh)) {
            if (!closeSet(a, ctx->recipe))
                return notYet(tr("Close Connection is not set on the agent %1.").arg(a.name));
        }
        return true;
    }));
    return seq;
}

} // namespace bp
