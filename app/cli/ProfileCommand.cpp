// SPDX-License-Identifier: Apache-2.0
#include "cli/ProfileCommand.h"

#include "cli/ExitCode.h"
#include "credentials/CredentialImporter.h"
#include "credentials/InputSniffer.h"
#include "ims/ImsValidator.h"
#include "net/NetworkSettings.h"
#include "profiles/ProfileCredential.h"
#include "profiles/ProfileManager.h"
#include "services/KeyMaterial.h"
#include "time/Clock.h"

#include <QCommandLineParser>
#include <QDir>
#include <QJsonArray>

namespace bp::cli {

namespace {
Error usage(const QString &message)
{
    return Error(ErrorCode::InvalidInput, message).withId(QStringLiteral("usage"));
}
} // namespace

QString ProfileCommand::help() const
{
    return tr("Usage:\n"
              "  bpsetup profile list [--json]\n"
              "  bpsetup profile show NAME [--json]\n"
              "  bpsetup profile save NAME --aem URL --user U [--password-stdin | --token-stdin]\n"
              "                       [--credentials FILE] [--private-key PEM] [--key-passphrase-stdin]\n"
              "                       [--tenant T] [--ims-url URL] [--json]\n"
              "  bpsetup profile rename OLD NEW [--json]\n"
              "  bpsetup profile delete NAME [--yes] [--json]\n"
              "\n"
              "A profile keeps everything non-secret about a connection in %1; its secrets (AEM password or\n"
              "token, client secrets, private key, passphrase) go to the OS keychain only. Commands that "
              "talk to\n"
              "AEM or IMS accept --profile NAME and then read the secrets from the keychain. `show` never "
              "prints\n"
              "a secret, only whether it is stored. `delete` also removes the profile's keychain entries.\n")
        .arg(QDir::toNativeSeparators(m_ctx.profiles().profilesPath()));
}

int ProfileCommand::run(const QStringList &arguments)
{
    const QString sub = arguments.value(1);
    if (sub.isEmpty()) {
        m_ctx.err << help();
        return m_ctx.fail(usage(tr("Name a profile command: list, show, save, rename or delete.")));
    }
    if (sub == QLatin1String("--help") || sub == QLatin1String("-h") || sub == QLatin1String("help")) {
        m_ctx.out << help();
        return ExitOk;
    }
    // The subcommand's own parser sees "profile <sub> ..." with "profile" as the program name.
    const QStringList rest = arguments.mid(1);
    if (sub == QLatin1String("list"))
        return list(rest);
    if (sub == QLatin1String("show"))
        return show(rest);
    if (sub == QLatin1String("save"))
        return save(rest);
    if (sub == QLatin1String("rename"))
        return rename(rest);
    if (sub == QLatin1String("delete"))
        return remove(rest);
    return m_ctx.fail(
        usage(tr("Unknown profile command \"%1\" (list, show, save, rename, delete).").arg(sub)));
}

int ProfileCommand::parse(QCommandLineParser &parser, const QStringList &arguments, int names,
                          const QString &usageLine)
{
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help."));
    parser.addOption(help);
    // arguments[0] is the subcommand, taken as the program name.
    if (!parser.parse(arguments))
        return m_ctx.fail(usage(tr("%1 (usage: %2)").arg(parser.errorText(), usageLine)));
    if (parser.isSet(help)) {
        m_ctx.out << tr("Usage: %1").arg(usageLine) << Qt::endl << Qt::endl;
        QString text = parser.helpText();
        m_ctx.out << text.mid(text.indexOf(QLatin1String("\n\n")) + 2);
        return ExitOk;
    }
    if (parser.positionalArguments().size() != names)
        return m_ctx.fail(usage(parser.positionalArguments().size() > names
                                    ? tr("Unexpected argument \"%1\" (usage: %2).")
                                          .arg(parser.positionalArguments().value(names), usageLine)
                                    : tr("Usage: %1").arg(usageLine)));
    return -1;
}

int ProfileCommand::list(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption json(QStringLiteral("json"), tr("Print one JSON object on stdout."));
    parser.addOption(json);
    if (const int rc = parse(parser, arguments, 0, QStringLiteral("bpsetup profile list [--json]")); rc >= 0)
        return rc;
    const ProfileList all = m_ctx.profiles().list();
    QJsonArray profiles;
    for (const Profile &p : all.profiles)
        profiles.append(p.toJson());
    // A damaged or unreadable file is never "no profiles": it is said, in JSON too, and the exit code says
    // it.
    const bool broken = all.problem.isError() && all.problem.code != ErrorCode::Unsupported;
    if (broken)
        return m_ctx.fail(all.problem, {}, QJsonObject{{QStringLiteral("profiles"), profiles}});
    if (all.problem.isError())
        m_ctx.warn(all.problem.userMessage);
    if (m_ctx.json) {
        QJsonObject out{{QStringLiteral("ok"), true}, {QStringLiteral("profiles"), profiles}};
        if (all.readOnly)
            out.insert(QStringLiteral("readOnly"), true);
        if (all.problem.isError())
            out.insert(QStringLiteral("warnings"), QJsonArray{all.problem.userMessage});
        m_ctx.printJson(out);
        return ExitOk;
    }
    if (all.profiles.isEmpty()) {
        m_ctx.out << tr("No profiles saved yet (bpsetup profile save --help).") << Qt::endl;
        return ExitOk;
    }
    for (const Profile &p : all.profiles)
        m_ctx.out << p.name.leftJustified(24) << QLatin1Char(' ') << p.aemUrl.toString().leftJustified(36)
                  << QLatin1Char(' ') << p.aemUser << Qt::endl;
    return ExitOk;
}

int ProfileCommand::show(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption json(QStringLiteral("json"), tr("Print one JSON object on stdout."));
    parser.addOption(json);
    if (const int rc = parse(parser, arguments, 1, QStringLiteral("bpsetup profile show NAME [--json]"));
        rc >= 0)
        return rc;
    const QString name = parser.positionalArguments().first();
    const auto profile = m_ctx.profiles().find(name);
    if (!profile)
        return m_ctx.fail(profile.error());
    SecretStore &secrets = m_ctx.secrets();
    QJsonObject stored;
    QStringList human;
    for (SecretKind kind : ProfileManager::allSecretKinds()) {
        SecretJob *job = secrets.read(name, kind);
        m_ctx.run(*job);
        // Only whether it is stored, never the value (the job wipes it when deleted).
        const SecretStatus status = job->status();
        const QString state = status == SecretStatus::Ok         ? QStringLiteral("stored")
                              : status == SecretStatus::NotFound ? QStringLiteral("not-stored")
                                                                 : secretStatusId(status);
        stored.insert(secretKindId(kind), state);
        human << QStringLiteral("  %1 %2").arg(secretKindId(kind).leftJustified(16), state);
        if (status != SecretStatus::Ok && status != SecretStatus::NotFound && !job->message().isEmpty())
            m_ctx.warn(job->message());
        delete job;
    }
    const QJsonObject out = profile.value().toJson();
    if (m_ctx.json) {
        m_ctx.printJson(QJsonObject{{QStringLiteral("ok"), true},
                                    {QStringLiteral("profile"), out},
                                    {QStringLiteral("secrets"), stored},
                                    {QStringLiteral("keychain"), secrets.backendName()}});
        return ExitOk;
    }
    for (auto it = out.begin(); it != out.end(); ++it) {
        const QString value = it->isArray() ? it->toVariant().toStringList().join(QLatin1Char(','))
                                            : it->toVariant().toString();
        m_ctx.out << QString(it.key() + QLatin1Char(':')).leftJustified(20) << value << Qt::endl;
    }
    m_ctx.out << tr("Secrets in %1:").arg(secrets.backendName()) << Qt::endl
              << human.join(QLatin1Char('\n')) << Qt::endl;
    return ExitOk;
}

int ProfileCommand::save(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption aem(QStringLiteral("aem"), tr("AEM author address."), tr("URL"));
    const QCommandLineOption user(QStringLiteral("user"), tr("AEM user name."), tr("U"));
    const QCommandLineOption passwordStdin(QStringLiteral("password-stdin"),
                                           tr("Read the AEM password from stdin."));
    const QCommandLineOption tokenStdin(QStringLiteral("token-stdin"),
                                        tr("Read an AEM bearer token from stdin."));
    const QCommandLineOption credentials(QStringLiteral("credentials"),
                                         tr("Developer Console credential JSON."), tr("FILE"));
    const QCommandLineOption privateKey(QStringLiteral("private-key"), tr("JWT private key (PEM)."),
                                        tr("PEM"));
    const QCommandLineOption passphraseStdin(
        QStringLiteral("key-passphrase-stdin"),
        tr("Read the private key's passphrase from stdin (after the password, one per line)."));
    const QCommandLineOption tenant(QStringLiteral("tenant"), tr("Brand Portal tenant."), tr("T"));
    const QCommandLineOption ims(QStringLiteral("ims-url"), tr("Adobe IMS address."), tr("URL"));
    const QCommandLineOption json(QStringLiteral("json"), tr("Print one JSON object on stdout."));
    parser.addOptions(
        {aem, user, passwordStdin, tokenStdin, credentials, privateKey, passphraseStdin, tenant, ims, json});
    if (const int rc =
            parse(parser, arguments, 1,
                  QStringLiteral("bpsetup profile save NAME --aem URL --user U [...] (see --help)"));
        rc >= 0)
        return rc;
    const QString name = parser.positionalArguments().first();
    if (const auto valid = ProfileStore::validateName(name); !valid)
        return m_ctx.fail(valid.error());
    if (parser.isSet(passwordStdin) && parser.isSet(tokenStdin))
        return m_ctx.fail(usage(tr("Give either --password-stdin or --token-stdin, not both.")));

    ProfileManager &manager = m_ctx.profiles();
    const ProfileList all = manager.list();
    if (all.problem.isError()) {
        if (all.problem.code == ErrorCode::Unsupported || all.problem.code == ErrorCode::Storage ||
            all.problem.id == QLatin1String("profiles-damaged-kept"))
            return m_ctx.fail(all.problem);
        m_ctx.warn(all.problem.userMessage);
    }
    Profile profile;
    for (const Profile &p : all.profiles) {
        if (p.name == name)
            profile = p;
    }
    profile.name = name;
    if (parser.isSet(aem)) {
        const auto url = parseAemUrl(parser.value(aem));
        if (!url)
            return m_ctx.fail(url.error());
        profile.aemUrl = url.value();
    }
    if (parser.isSet(user))
        profile.aemUser = parser.value(user);
    if (!profile.aemUrl.isValid())
        return m_ctx.fail(usage(tr("--aem URL is required for a new profile.")));
    if (parser.isSet(tenant))
        profile.tenant = parser.value(tenant);
    if (parser.isSet(ims)) {
        const auto url = ImsValidator::parseImsUrl(parser.value(ims));
        if (!url)
            return m_ctx.fail(url.error());
        profile.imsUrl = url.value();
    }

    // Collect every secret first, so that nothing is written when an input is wrong.
    QList<QPair<SecretKind, SecretString>> secrets;
    if (parser.isSet(passwordStdin) || parser.isSet(tokenStdin)) {
        SecretString value;
        if (!m_ctx.readSecretLine(&value,
                                  parser.isSet(tokenStdin) ? tr("AEM token: ") : tr("AEM password: ")))
            return m_ctx.fail(usage(tr("Nothing was read from stdin.")));
        secrets.append({parser.isSet(tokenStdin) ? SecretKind::AemToken : SecretKind::AemPassword, value});
    }
    if (parser.isSet(credentials)) {
        const auto raw = CliContext::readInputFile(parser.value(credentials), InputFileKind::Credential);
        if (!raw)
            return m_ctx.fail(raw.error());
        const InputContent content = sniffInput(raw.value(), parser.value(credentials));
        if (content == InputContent::PrivateKeyPem)
            return m_ctx.fail(
                usage(tr("%1 is a private key, not a credential file: pass it with --private-key.")
                          .arg(QDir::toNativeSeparators(parser.value(credentials)))));
        if (content == InputContent::CertificatePem || content == InputContent::CertificateDer)
            return m_ctx.fail(usage(tr("%1 is a certificate, not a credential file: pass the JSON downloaded "
                                       "from Developer Console with --credentials.")
                                        .arg(QDir::toNativeSeparators(parser.value(credentials)))));
        const auto credential = CredentialImporter::fromJson(raw.value(), m_ctx.clock().today());
        if (!credential)
            return m_ctx.fail(Error(ErrorCode::InvalidInput, credential.error().userMessage)
                                  .withId(QStringLiteral("invalid-credential")));
        const Credential &c = credential.value();
        for (const QString &w : c.warnings)
            m_ctx.err << tr("warning: %1").arg(w) << Qt::endl;
        ProfileCredential::toProfile(c, profile);
        secrets += ProfileCredential::secretsOf(c);
    }
    if (parser.isSet(privateKey)) {
        KeyMaterialRequest request;
        request.keyPath = parser.value(privateKey);
        if (parser.isSet(passphraseStdin) &&
            !m_ctx.readSecretLine(&request.passphrase, tr("Passphrase for the private key: ")))
            return m_ctx.fail(usage(tr("--key-passphrase-stdin was given but stdin had no passphrase.")));
        // Checked before it is stored: a key that cannot be loaded is no use in the keychain either.
        auto key = loadKeyMaterial(request, m_ctx.clock().nowUtc());
        if (!key) {
            Error e = key.error();
            if (e.id == QLatin1String("key-passphrase-required"))
                e.remedy =
                    tr("Pass the passphrase with --key-passphrase-stdin (after the password, one per line).");
            return m_ctx.fail(e);
        }
        secrets.append({SecretKind::PrivateKey, key.value().pem});
        if (!request.passphrase.isEmpty())
            secrets.append({SecretKind::KeyPassphrase, request.passphrase});
    }

    ProfileOperation *op = manager.save(profile, secrets);
    m_ctx.run(*op);
    const Result<bool> saved = op->result();
    QStringList storedKinds;
    for (SecretKind kind : op->written())
        storedKinds << secretKindId(kind);
    // The settings file is written last and keychain writes are undone on failure: when every undo
    // worked, a failed save left nothing behind, and the user is told so.
    const bool nothingLeft = op->rolledBack();
    op->deleteLater();
    if (!saved) {
        Error e = saved.error();
        if (nothingLeft)
            e.userMessage = tr("Nothing was saved: %1").arg(e.userMessage);
        return m_ctx.fail(e);
    }
    if (m_ctx.json) {
        m_ctx.printJson(
            QJsonObject{{QStringLiteral("ok"), true},
                        {QStringLiteral("profile"), name},
                        {QStringLiteral("settings"), manager.profilesPath()},
                        {QStringLiteral("keychain"), manager.secretStore()->backendName()},
                        {QStringLiteral("secretsStored"), QJsonArray::fromStringList(storedKinds)}});
    } else {
        m_ctx.out << tr("Saved profile \"%1\".").arg(name) << Qt::endl
                  << tr("Settings: %1").arg(QDir::toNativeSeparators(manager.profilesPath())) << Qt::endl;
        if (!storedKinds.isEmpty())
            m_ctx.out << tr("Secrets stored in: %1 (%2)")
                             .arg(manager.secretStore()->backendName(),
                                  storedKinds.join(QStringLiteral(", ")))
                      << Qt::endl;
    }
    return ExitOk;
}

int ProfileCommand::rename(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption json(QStringLiteral("json"), tr("Print one JSON object on stdout."));
    parser.addOption(json);
    if (const int rc = parse(parser, arguments, 2, QStringLiteral("bpsetup profile rename OLD NEW [--json]"));
        rc >= 0)
        return rc;
    const QString from = parser.positionalArguments().at(0);
    const QString to = parser.positionalArguments().at(1);
    const auto profile = m_ctx.profiles().find(from);
    if (!profile)
        return m_ctx.fail(profile.error());
    ProfileOperation *op = m_ctx.profiles().rename(from, to);
    m_ctx.run(*op);
    const Result<bool> renamed = op->result();
    op->deleteLater();
    if (!renamed) {
        Error e = renamed.error();
        e.userMessage = tr("Not renamed: %1").arg(e.userMessage);
        return m_ctx.fail(e);
    }
    if (m_ctx.json)
        m_ctx.printJson(QJsonObject{
            {QStringLiteral("ok"), true}, {QStringLiteral("renamed"), from}, {QStringLiteral("to"), to}});
    else
        m_ctx.out << tr("Renamed profile \"%1\" to \"%2\".").arg(from, to) << Qt::endl;
    return ExitOk;
}

int ProfileCommand::remove(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption yes(QStringLiteral("yes"), tr("Delete without asking."));
    const QCommandLineOption json(QStringLiteral("json"), tr("Print one JSON object on stdout."));
    parser.addOptions({yes, json});
    if (const int rc =
            parse(parser, arguments, 1, QStringLiteral("bpsetup profile delete NAME [--yes] [--json]"));
        rc >= 0)
        return rc;
    const QString name = parser.positionalArguments().first();
    const auto profile = m_ctx.profiles().find(name);
    if (!profile)
        return m_ctx.fail(profile.error());
    if (!parser.isSet(yes)) {
        if (!m_ctx.stdinIsTerminal())
            return m_ctx.fail(
                usage(tr("Deleting profile \"%1\" also deletes its secrets from the keychain: add "
                         "--yes to confirm.")
                          .arg(name)));
        // confirm() also takes the translated "yes".
        if (!m_ctx.confirm(tr("Delete profile \"%1\" (%2) and its secrets in the keychain?")
                               .arg(name, profile.value().aemUrl.toString()))) {
            m_ctx.err << tr("Nothing was deleted.") << Qt::endl;
            return ExitCheckFailed;
        }
    }
    ProfileOperation *op = m_ctx.profiles().remove(name);
    m_ctx.run(*op);
    const Result<bool> removed = op->result();
    op->deleteLater();
    if (!removed)
        return m_ctx.fail(
            Error(removed.error())
                .withRemedy(tr("The profile and its secrets were kept; fix the problem and try again.")));
    if (m_ctx.json)
        m_ctx.printJson(QJsonObject{{QStringLiteral("ok"), true}, {QStringLiteral("deleted"), name}});
    else
        m_ctx.out << tr("Deleted profile \"%1\" and its keychain entries.").arg(name) << Qt::endl;
    return ExitOk;
}

} // namespace bp::cli
