// SPDX-License-Identifier: Apache-2.0
#include "cli/PlanCommand.h"

#include "aem/ManualVersion.h"
#include "apply/CreateSession.h"
#include "cli/ConnectionOptions.h"
#include "cli/ExitCode.h"
#include "cli/ValidateCommand.h"
#include "credentials/CredentialImporter.h"
#include "ims/ImsValidator.h"
#include "time/Clock.h"

#include <QCommandLineParser>
#include <QJsonArray>

namespace bp::cli {

namespace {

Error usage(const QString &message)
{
    return Error(ErrorCode::InvalidInput, message).withId(QStringLiteral("usage"));
}

} // namespace

int PlanCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr(
        "Shows what creating the Brand Portal configuration on an AEM 6.5 / 6.5 LTS author would change: "
        "the prerequisites, then each object with its field-level diff (secrets as ***). Read-only: sends no "
        "write request."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help."));
    const QCommandLineOption json(QStringLiteral("json"), tr("Print one JSON object on stdout."));
    const QCommandLineOption credentials(QStringLiteral("credentials"),
                                         tr("OAuth Server-to-Server credential JSON from Developer Console."),
                                         tr("FILE"));
    const QCommandLineOption tenant(
        QStringLiteral("tenant"),
        tr("Brand Portal tenant: https://<tenant>.brand-portal.adobe.com or its name."), tr("NAME|URL"));
    const QCommandLineOption imsUrl(QStringLiteral("ims-url"),
                                    tr("Adobe IMS (default https://ims-na1.adobelogin.com)."), tr("URL"));
    const QCommandLineOption version(QStringLiteral("aem-version"),
                                     tr("Use this AEM version if it cannot be read (6.5.x.y, 6.6.x)."),
                                     tr("V"));
    const QCommandLineOption recipe(QStringLiteral("recipe"),
                                    tr("Recipe JSON overriding the built-in detect and apply entries."),
                                    tr("FILE"));
    const QCommandLineOption hotfixPackage(
        QStringLiteral("hotfix-package"),
        tr("The OAuth compatibility hotfix (ims-jwt-compatibility-package-6.5-1.0.zip) for AEM 6.5.11.0 to "
           "6.5.20.0: installed as the plan's first step."),
        tr("FILE"));
    ConnectionOptions connectionOptions;
    parser.addOptions({help, json, credentials, tenant, imsUrl, version, recipe, hotfixPackage});
    connectionOptions.addTo(parser);
    if (!parser.parse(arguments))
        return m_ctx.fail(usage(parser.errorText() + tr(" (see bpsetup plan --help)")));
    if (parser.isSet(help)) {
        m_ctx.printHelp(parser, QStringLiteral("plan"));
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return m_ctx.fail(usage(tr("Unexpected argument \"%1\" (see bpsetup plan --help).")
                                    .arg(parser.positionalArguments().first())));
    if (!parser.isSet(credentials))
        return m_ctx.fail(
            usage(tr("--credentials FILE is required (the OAuth Server-to-Server JSON downloaded "
                     "from Developer Console).")));
    if (!parser.isSet(tenant))
        return m_ctx.fail(usage(tr("--tenant is required (https://<tenant>.brand-portal.adobe.com).")));

    CreateInputs in;
    in.tenant = parser.value(tenant);
    if (Result<TenantUrl> t = CreateSession::checkInputs(in); !t)
        return m_ctx.fail(t.error());
    in.imsUrl = ImsValidator::defaultImsUrl();
    if (parser.isSet(imsUrl)) {
        const auto parsed = ImsValidator::parseImsUrl(parser.value(imsUrl));
        if (!parsed)
            return m_ctx.fail(parsed.error());
        in.imsUrl = parsed.value();
    }
    if (parser.isSet(version)) {
        const auto v = parseManualVersion(parser.value(version));
        if (!v)
            return m_ctx.fail(v.error());
        in.manualVersion = v.value();
    }
    if (parser.isSet(recipe)) {
        const auto d = DetectionRecipe::fromFile(parser.value(recipe));
        const auto a = ApplyRecipe::fromFile(parser.value(recipe));
        if (!a)
            return m_ctx.fail(a.error());
        in.recipe = a.value();
        if (d)
            in.detect = d.value();
    }
    if (parser.isSet(hotfixPackage)) {
        // Checked with the recipe in use (its hotfix entry names the package), before AEM is asked anything.
        in.hotfixPackagePath = parser.value(hotfixPackage);
        if (Result<TenantUrl> t = CreateSession::checkInputs(in); !t)
            return m_ctx.fail(t.error());
    }
    auto credential = readCredentialFile(parser.value(credentials), m_ctx.clock().today());
    if (!credential)
        return m_ctx.fail(credential.error());
    in.credential = credential.value();
    if (in.credential.kind == CredentialKind::OAuthServerToServer) {
        const QList<FieldError> fieldErrors = CredentialImporter::check(in.credential);
        if (!fieldErrors.isEmpty())
            return m_ctx.fail(Error(ErrorCode::InvalidInput,
                                    tr("The credential is incomplete: %1: %2")
                                        .arg(fieldErrors.first().field, fieldErrors.first().message))
                                  .withId(QStringLiteral("invalid-credential")));
    }
    const auto connection = connectionOptions.resolve(parser, m_ctx);
    if (!connection)
        return m_ctx.fail(connection.error());
    in.connection = connection.value();

    CreateSession session(in, WritePolicy::Refuse, m_ctx.clock(), BackupStore(m_ctx.backupsPath()));
    std::unique_ptr<Task> task(session.makePlanTask());
    if (!m_ctx.json)
        m_ctx.err << tr("Reading %1 and checking the credential with Adobe IMS…")
                         .arg(in.connection.baseUrl.toString())
                  << Qt::endl;
    m_ctx.run(*task);
    if (!task->succeeded())
        return m_ctx.fail(task->error());
    const Plan &plan = session.plan();
    if (m_ctx.json) {
        QJsonObject out = plan.toJson();
        out.insert(QStringLiteral("ok"), !plan.blocking());
        out.insert(QStringLiteral("writes"), session.writeCount());
        m_ctx.printJson(out);
    } else {
        m_ctx.out << plan.toText();
    }
    return plan.blocking() ? ExitUnsupported : ExitOk;
}

int BackupsCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Lists the backups apply saved before changing an instance."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help."));
    const QCommandLineOption json(QStringLiteral("json"), tr("Print one JSON object on stdout."));
    parser.addOptions({help, json});
    if (!parser.parse(arguments))
        return m_ctx.fail(usage(parser.errorText() + tr(" (see bpsetup backups --help)")));
    if (parser.isSet(help)) {
        m_ctx.printHelp(parser, QStringLiteral("backups"));
        return ExitOk;
    }
    const QStringList rest = parser.positionalArguments();
    if (rest.value(0) != QLatin1String("list") || rest.size() > 1)
        return m_ctx.fail(usage(tr("Usage: bpsetup backups list [--json]")));
    const BackupStore store(m_ctx.backupsPath());
    const QList<BackupSummary> list = store.list();
    if (m_ctx.json) {
        QJsonArray items;
        for (const BackupSummary &b : list) {
            QJsonObject o{{QStringLiteral("id"), b.id},
                          {QStringLiteral("createdUtc"), b.createdUtc.toString(Qt::ISODate)},
                          {QStringLiteral("aemUrl"), b.aemUrl},
                          {QStringLiteral("objects"), b.objectCount},
                          {QStringLiteral("package"), b.hasPackage},
                          {QStringLiteral("folder"), store.folder(b.id)}};
            if (!b.problem.isEmpty())
                o.insert(QStringLiteral("problem"), b.problem);
            items.append(o);
        }
        m_ctx.printJson({{QStringLiteral("ok"), true},
                         {QStringLiteral("root"), store.root()},
                         {QStringLiteral("backups"), items}});
        return ExitOk;
    }
    if (list.isEmpty()) {
        m_ctx.out << tr("No backups in %1.").arg(store.root()) << Qt::endl;
        return ExitOk;
    }
    for (const BackupSummary &b : list) {
        if (!b.problem.isEmpty())
            m_ctx.out << tr("%1  damaged: %2").arg(b.id, b.problem) << Qt::endl;
        else
            m_ctx.out << tr("%1  %2  %3 object(s)%4")
                             .arg(b.id, b.aemUrl)
                             .arg(b.objectCount)
                             .arg(b.hasPackage ? tr(", content package") : QString())
                      << Qt::endl;
    }
    return ExitOk;
}

} // namespace bp::cli
