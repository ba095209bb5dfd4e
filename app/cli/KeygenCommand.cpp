// SPDX-License-Identifier: Apache-2.0
#include "cli/KeygenCommand.h"

#include "cli/ExitCode.h"
#include "crypto/PrivateKey.h"
#include "net/CertificateInfo.h"
#include "services/KeyPairFiles.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace bp::cli {

namespace {

constexpr int kDefaultDays = 365; // what Developer Console's own "Generate a key pair" gives

Error usage(const QString &message)
{
    return Error(ErrorCode::InvalidInput, message).withId(QStringLiteral("usage"));
}

} // namespace

int KeygenCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Generates an RSA 2048 private key and a self-signed certificate for a Developer Console "
           "service account (JWT) credential: upload certificate_pub.crt, keep private.key secret."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help."));
    const QCommandLineOption out(QStringLiteral("out"),
                                 tr("Folder for private.key and certificate_pub.crt (created if missing)."),
                                 tr("DIR"));
    const QCommandLineOption days(
        QStringLiteral("days"), tr("Certificate validity in days, 1 to 3650 (default %1).").arg(kDefaultDays),
        tr("N"));
    const QCommandLineOption cn(QStringLiteral("cn"), tr("Certificate common name (default bpsetup)."),
                                tr("NAME"));
    const QCommandLineOption force(
        QStringLiteral("force"), tr("Replace existing files. The old key stops working once its certificate "
                                    "is removed from Developer Console."));
    const QCommandLineOption json(QStringLiteral("json"), tr("Print one JSON object on stdout."));
    parser.addOptions({help, out, days, cn, force, json});
    if (!parser.parse(arguments))
        return m_ctx.fail(usage(parser.errorText() + tr(" (see bpsetup keygen --help)")));
    if (parser.isSet(help)) {
        m_ctx.printHelp(parser, QStringLiteral("keygen"));
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return m_ctx.fail(usage(tr("Unexpected argument \"%1\" (see bpsetup keygen --help).")
                                    .arg(parser.positionalArguments().first())));
    if (!parser.isSet(out) || parser.value(out).isEmpty())
        return m_ctx.fail(
            usage(tr("--out DIR is required: the folder for private.key and certificate_pub.crt.")));
    int validityDays = kDefaultDays;
    if (parser.isSet(days)) {
        bool ok = false;
        validityDays = parser.value(days).toInt(&ok);
        if (!ok)
            return m_ctx.fail(usage(tr("--days takes a whole number of days from 1 to 3650.")));
    }

    // Generate first: a bad --days or --cn must not leave an empty folder behind.
    const auto generated = KeyPairGenerator::generate(
        validityDays, parser.isSet(cn) ? parser.value(cn) : QStringLiteral("bpsetup"));
    if (!generated)
        return m_ctx.fail(generated.error());
    const GeneratedKeyPair &pair = generated.value();

    const KeyPairPaths paths = KeyPairPaths::inFolder(parser.value(out));
    if (const auto written = writeKeyPair(paths, pair, parser.isSet(force)); !written) {
        Error e = written.error();
        if (e.id == QLatin1String("key-pair-exists"))
            e.remedy =
                tr("Choose another --out folder, or add --force to replace it (a key already in use stops "
                   "working once its certificate is removed from Developer Console).");
        return m_ctx.fail(e);
    }
    const QString keyPath = paths.privateKey;
    const QString certificatePath = paths.certificate;

    const QString notAfter = pair.notAfter.toUTC().toString(Qt::ISODate);
    if (m_ctx.json) {
        m_ctx.printJson(
            QJsonObject{{QStringLiteral("ok"), true},
                        {QStringLiteral("privateKey"), QDir::toNativeSeparators(keyPath)},
                        {QStringLiteral("certificate"), QDir::toNativeSeparators(certificatePath)},
                        {QStringLiteral("notAfter"), notAfter},
                        {QStringLiteral("sha256"), pair.sha256}});
        return ExitOk;
    }
    const auto facts = CertificateFacts::fromPemOrDer(pair.certificatePem, pair.notBefore);
    QTextStream &o = m_ctx.out;
    const auto line = [&o](const QString &label, const QString &value) {
        o << label.leftJustified(14) << value << Qt::endl;
    };
    o << tr("Generated an RSA 2048 key pair.") << Qt::endl;
    line(tr("Subject:"), facts ? facts.value().subject : QString());
    line(tr("Expires:"),
         tr("%1 (in %2 days)").arg(CertificateInfo::displayTime(pair.notAfter)).arg(validityDays));
    line(tr("SHA-256:"), CertificateInfo::displayFingerprint(pair.sha256));
    line(tr("Private key:"), tr("%1 (mode 0600)").arg(QDir::toNativeSeparators(keyPath)));
    line(tr("Certificate:"), QDir::toNativeSeparators(certificatePath));
    o << Qt::endl
      << tr("Next: upload %1 to the credential in Adobe Developer Console; keep %2 secret (Adobe never has "
            "a copy, so store it safely).")
             .arg(QFileInfo(certificatePath).fileName(), QFileInfo(keyPath).fileName())
      << Qt::endl;
    return ExitOk;
}

} // namespace bp::cli
