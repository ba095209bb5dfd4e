// SPDX-License-Identifier: Apache-2.0
#include "cli/ProfileCommand.h"

#include "aem/InstanceDetector.h"
#include "cli/ExitCode.h"
#include "cli/ProfileSupport.h"
#include "credentials/CredentialImporter.h"
#include "crypto/PrivateKey.h"
#include "ims/ImsValidator.h"
#include "net/NetworkSettings.h"

#include <QCommandLineParser>
#include <QDate>
#include <QDir>
#include <QFile>
#include <QJsonArray>

namespace bp::cli {

QString ProfileCommand::help() const
{
    return tr("Usage:\n"
              "  bpsetup profile list [--json]\n"
              "  bpsetup profile show NAME [--json]\n"
              "  bpsetup profile save NAME --aem URL --user U [--password-stdin | --token-stdin]\n"
              "                       [--credentials FILE] [--private-key PEM] [--key-passphrase-stdin]\n"
              "                       [--tenant T] [--ims-url URL] [--json]\n"
              "  bpsetup profile rename OLD NEW\n"
              "  bpsetup profile delete NAME [--yes] [--json]\n"
              "\n"
              "A profile keeps everything non-secret about a connection in %1; its secrets (AEM password or\n"
              "token, client secrets, private key, passphrase) go to the OS keychain only. Commands that "
              "talk to\n"
              "AEM or IMS accept --profile NAME and then read the secrets from the keychain. `show` never "
              "prints\n"
              "a secret, only whether it is stored. `delete` also removes the profile's keychain entries.\n")
        .arg(QDir::toNativeSeparators(ProfileStore::defaultPath()));
}

int ProfileCommand::run(const QStringList &arguments)
{
    const QString sub = arguments.value(1);
    const bool json = arguments.contains(QStringLiteral("--json"));
    const bool wantsHelp =
        arguments.contains(QStringLiteral("--help")) || arguments.contains(QStringLiteral("-h"));
    if (sub.isEmpty() || sub == QLatin1String("--help") || sub == QLatin1String("-h") ||
        (wantsHelp && sub != QLatin1String("save"))) {
        m_ctx.out << help();
        return sub.isEmpty() ? ExitUsage : ExitOk;
    }
    QStringList positional;
    for (int i = 2; i < arguments.size(); ++i) {
        if (!arguments.at(i).startsWith(QLatin1Char('-')))
            positional << arguments.at(i);
    }
    const auto usage = [this](const QString &message) {
        return m_ctx.fail(Error(ErrorCode::InvalidInput, message));
    };
    if (sub == QLatin1String("list"))
        return list(json);
    if (sub == QLatin1String("show"))
        return positional.size() == 1 ? show(positional.first(), json)
                                      : usage(tr("Usage: bpsetup profile show NAME"));
    if (sub == QLatin1String("save"))
        return save(arguments.mid(1));
    if (sub == QLatin1String("rename"))
        return positional.size() == 2 ? rename(positional.at(0), positional.at(1))
                                      : usage(tr("Usage: bpsetup profile rename OLD NEW"));
    if (sub == QLatin1String("delete"))
        return positional.size() == 1
                   ? remove(positional.first(), arguments.contains(QStringLiteral("--yes")), json)
                   : usage(tr("Usage: bpsetup profile delete NAME [--yes]"));
    return usage(tr("Unknown profile command \"%1\" (list, show, save, rename, delete).").arg(sub));
}

int ProfileCommand::list(bool json)
{
    ProfileStore store;
    const auto loaded = store.load();
    if (!loaded)
        m_ctx.err << QStringLiteral("bpsetup: ") << loaded.error().userMessage << Qt::endl;
    if (json) {
        QJsonArray profiles;
        for (const Profile &p : store.profiles())
            profiles.append(p.toJson());
        m_ctx.printJson(QJsonObject{{QStringLiteral("ok"), true}, {QStringLiteral("profiles"), profiles}});
        return ExitOk;
    }
    if (store.profiles().isEmpty()) {
        m_ctx.out << tr("No profiles saved yet (bpsetup profile save --help).") << Qt::endl;
        return ExitOk;
    }
    for (const Profile &p : store.profiles())
        m_ctx.out << p.name.leftJustified(24) << QLatin1Char(' ') << p.aemUrl.toString().leftJustified(36)
                  << QLatin1Char(' ') << p.aemUser << Qt::endl;
    return ExitOk;
}

int ProfileCommand::show(const QString &name, bool json)
{
    ProfileStore store;
    QStringList warnings;
    const auto profile = ProfileSupport::loadProfile(store, name, &warnings);
    for (const QString &w : std::as_const(warnings))
        m_ctx.err << QStringLiteral("bpsetup: ") << w << Qt::endl;
    if (!profile)
        return m_ctx.fail(profile.error());
    const auto secrets = SecretStore::createSystemStore();
    QJsonObject stored;
    QStringList human;
    for (SecretKind kind : ProfileManager::allSecretKinds()) {
        QString message;
        const SecretStatus status = ProfileSupport::run(secrets->read(name, kind), &message);
        // Only whether it is stored, never the value (the job wipes it when deleted).
        const QString state = status == SecretStatus::Ok         ? QStringLiteral("stored")
                              : status == SecretStatus::NotFound ? QStringLiteral("not-stored")
                                                                 : secretStatusId(status);
        stored.insert(secretKindId(kind), state);
        human << QStringLiteral("  %1 %2").arg(secretKindId(kind).leftJustified(16), state);
        if (status != SecretStatus::Ok && status != SecretStatus::NotFound && !message.isEmpty())
            m_ctx.err << QStringLiteral("bpsetup: ") << message << Qt::endl;
    }
    QJsonObject out = profile.value().toJson();
    if (json) {
        m_ctx.printJson(QJsonObject{{QStringLiteral("ok"), true},
                                    {QStringLiteral("profile"), out},
                                    {QStringLiteral("secrets"), stored},
                                    {QStringLiteral("keychain"), secrets->backendName()}});
        return ExitOk;
    }
    for (auto it = out.begin(); it != out.end(); ++it) {
        const QString value = it->isArray() ? it->toVariant().toStringList().join(QLatin1Char(','))
                                            : it->toVariant().toString();
        m_ctx.out << QString(it.key() + QLatin1Char(':')).leftJustified(20) << value << Qt::endl;
    }
    m_ctx.out << tr("Secrets in %1:").arg(secrets->backendName()) << Qt::endl
              << human.join(QLatin1Char('\n')) << Qt::endl;
    return ExitOk;
}

int ProfileCommand::save(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help."));
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
        tr("Read the private key's passphrase from stdin (after the password, "
           "one per line)."));
    const QCommandLineOption tenant(QStringLiteral("tenant"), tr("Brand Portal tenant."), tr("T"));
    const QCommandLineOption ims(QStringLiteral("ims-url"), tr("Adobe IMS address."), tr("URL"));
    const QCommandLineOption json(QStringLiteral("json"), tr("Print one JSON object on stdout."));
    parser.addOptions({help, aem, user, passwordStdin, tokenStdin, credentials, privateKey, passphraseStdin,
                       tenant, ims, json});
    const auto usage = [this](const QString &message) {
        return m_ctx.fail(Error(ErrorCode::InvalidInput, message));
    };
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(help)) {
        m_ctx.out << parser.helpText().replace(QCoreApplication::applicationFilePath(),
                                               QStringLiteral("bpsetup profile save NAME"));
        return ExitOk;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) // parse() took "save" for the program name
        return usage(tr("Usage: bpsetup profile save NAME --aem URL --user U [...] (see --help)"));
    const QString name = positional.at(0);
    if (const auto valid = ProfileStore::validateName(name); !valid)
        return m_ctx.fail(valid.error());

    ProfileStore store;
    const auto loaded = store.load();
    if (!loaded) {
        if (loaded.error().code == ErrorCode::Unsupported)
            return m_ctx.fail(loaded.error());
        m_ctx.err << QStringLiteral("bpsetup: ") << loaded.error().userMessage << Qt::endl;
    }
    Profile profile = store.find(name).value_or(Profile{});
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
        return usage(tr("--aem URL is required for a new profile."));
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
            return usage(tr("Nothing was read from stdin."));
        secrets.append({parser.isSet(tokenStdin) ? SecretKind::AemToken : SecretKind::AemPassword, value});
    }
    if (parser.isSet(credentials)) {
        const auto raw = CliContext::readInputFile(parser.value(credentials), tr("credential file"));
        if (!raw)
            return m_ctx.fail(raw.error());
        const auto credential = CredentialImporter::fromJson(raw.value(), QDate::currentDate());
        if (!credential)
            return m_ctx.fail(Error(ErrorCode::InvalidInput, credential.error().userMessage));
        const Credential &c = credential.value();
        for (const QString &w : c.warnings)
            m_ctx.err << tr("warning: %1").arg(w) << Qt::endl;
        profile.credentialKind = Credential::kindId(c.kind);
        profile.clientId = c.clientId;
        profile.orgId = c.orgId;
        profile.scopes = c.scopes;
        profile.technicalAccountId = c.technicalAccountId;
        profile.metascopes = c.metascopes;
        if (!c.clientSecrets.isEmpty())
            secrets.append({SecretKind::ClientSecret, c.clientSecrets.at(0)});
        if (c.clientSecrets.size() > 1)
            secrets.append({SecretKind::ClientSecret2, c.clientSecrets.at(1)});
    }
    if (parser.isSet(privateKey)) {
        const auto pem = CliContext::readInputFile(parser.value(privateKey), tr("private key"));
        if (!pem)
            return m_ctx.fail(pem.error());
        SecretString passphrase;
        if (parser.isSet(passphraseStdin) &&
            !m_ctx.readSecretLine(&passphrase, tr("Passphrase for the private key: ")))
            return usage(tr("--key-passphrase-stdin was given but stdin had no passphrase."));
        // Checked before it is stored: a key that cannot be loaded is no use in the keychain either.
        const auto key = PrivateKey::fromPem(pem.value(), passphrase);
        if (!key)
            return m_ctx.fail(key.error());
        secrets.append({SecretKind::PrivateKey, SecretString::fromUtf8(pem.value())});
        QByteArray wipe = pem.value();
        wipe.fill('\0');
        if (!passphrase.isEmpty())
            secrets.append({SecretKind::KeyPassphrase, passphrase});
    }

    const auto keychain = SecretStore::createSystemStore();
    ProfileManager manager(keychain.get(), store.path());
    QList<SecretKind> written;
    if (const auto saved = ProfileSupport::run(manager.save(profile, secrets), &written); !saved)
        return m_ctx.fail(saved.error());
    QStringList storedKinds;
    for (SecretKind kind : std::as_const(written))
        storedKinds << secretKindId(kind);
    if (parser.isSet(json)) {
        m_ctx.printJson(
            QJsonObject{{QStringLiteral("ok"), true},
                        {QStringLiteral("profile"), name},
                        {QStringLiteral("settings"), store.path()},
                        {QStringLiteral("keychain"), keychain->backendName()},
                        {QStringLiteral("secretsStored"), QJsonArray::fromStringList(storedKinds)}});
    } else {
        m_ctx.out << tr("Saved profile \"%1\".").arg(name) << Qt::endl
                  << tr("Settings: %1").arg(QDir::toNativeSeparators(store.path())) << Qt::endl;
        if (!storedKinds.isEmpty())
            m_ctx.out << tr("Secrets stored in: %1 (%2)")
                             .arg(keychain->backendName(), storedKinds.join(QStringLiteral(", ")))
                      << Qt::endl;
    }
    return ExitOk;
}

int ProfileCommand::rename(const QString &from, const QString &to)
{
    ProfileStore store;
    QStringList warnings;
    const auto profile = ProfileSupport::loadProfile(store, from, &warnings);
    if (!profile)
        return m_ctx.fail(profile.error());
    const auto keychain = SecretStore::createSystemStore();
    ProfileManager manager(keychain.get(), store.path());
    if (const auto renamed = ProfileSupport::run(manager.rename(from, to)); !renamed)
        return m_ctx.fail(
            Error(renamed.error().code, tr("Not renamed: %1").arg(renamed.error().userMessage)));
    m_ctx.out << tr("Renamed profile \"%1\" to \"%2\".").arg(from, to) << Qt::endl;
    return ExitOk;
}

int ProfileCommand::remove(const QString &name, bool yes, bool json)
{
    ProfileStore store;
    QStringList warnings;
    const auto profile = ProfileSupport::loadProfile(store, name, &warnings);
    if (!profile)
        return m_ctx.fail(profile.error());
    if (store.isReadOnly())
        return m_ctx.fail(Error(ErrorCode::Unsupported, warnings.value(0)));
    if (!yes) {
        if (!m_ctx.stdinIsTerminal())
            return m_ctx.fail(
                Error(ErrorCode::InvalidInput,
                      tr("Deleting profile \"%1\" also deletes its secrets from the keychain: add --yes "
                         "to confirm.")
                          .arg(name)));
        m_ctx.err << tr("Delete profile \"%1\" (%2) and its secrets in the keychain? [y/N] ")
                         .arg(name, profile.value().aemUrl.toString())
                  << Qt::flush;
        const QByteArray answer = m_ctx.in->readLine(16).trimmed().toLower();
        if (answer != "y" && answer != "yes") {
            m_ctx.err << tr("Nothing was deleted.") << Qt::endl;
            return ExitCheckFailed;
        }
    }
    const auto keychain = SecretStore::createSystemStore();
    ProfileManager manager(keychain.get(), store.path());
    if (const auto removed = ProfileSupport::run(manager.remove(name)); !removed)
        return m_ctx.fail(removed.error());
    if (json)
        m_ctx.printJson(QJsonObject{{QStringLiteral("ok"), true}, {QStringLiteral("deleted"), name}});
    else
        m_ctx.out << tr("Deleted profile \"%1\" and its keychain entries.").arg(name) << Qt::endl;
    return ExitOk;
}

} // namespace bp::cli
