// SPDX-License-Identifier: Apache-2.0
#include "cli/CliContext.h"

#include "change/Backup.h"

#include "cli/ExitCode.h"
#include "cli/TerminalSafeDevice.h"
#include "net/CertificateInfo.h"
#include "net/TrustStore.h"
#include "profiles/ProfileManager.h"
#include "secrets/SecretStore.h"
#include "services/TrustedCertificates.h"
#include "tasks/Task.h"
#include "time/Clock.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonDocument>

#if defined(Q_OS_UNIX)
#include <termios.h>
#include <unistd.h>
#elif defined(Q_OS_WIN)
#include <io.h>
#include <windows.h>
#endif

namespace bp::cli {

namespace {

bool osStdinIsTerminal()
{
#if defined(Q_OS_UNIX)
    return ::isatty(STDIN_FILENO) == 1;
#elif defined(Q_OS_WIN)
    return ::_isatty(_fileno(stdin)) != 0;
#else
    return false;
#endif
}

bool osStderrIsTerminal()
{
#if defined(Q_OS_UNIX)
    return ::isatty(STDERR_FILENO) == 1;
#elif defined(Q_OS_WIN)
    return ::_isatty(_fileno(stderr)) != 0;
#else
    return false;
#endif
}

// Echo off while a secret is typed; restored by the destructor.
class EchoOff
{
public:
    EchoOff()
    {
#if defined(Q_OS_UNIX)
        m_active = ::tcgetattr(STDIN_FILENO, &m_saved) == 0;
        if (m_active) {
            struct termios quiet = m_saved;
            quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
            ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
        }
#elif defined(Q_OS_WIN)
        m_handle = GetStdHandle(STD_INPUT_HANDLE);
        m_active = GetConsoleMode(m_handle, &m_saved) != 0;
        if (m_active)
            SetConsoleMode(m_handle, m_saved & ~static_cast<DWORD>(ENABLE_ECHO_INPUT));
#endif
    }
    ~EchoOff()
    {
#if defined(Q_OS_UNIX)
        if (m_active)
            ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &m_saved);
#elif defined(Q_OS_WIN)
        if (m_active)
            SetConsoleMode(m_handle, m_saved);
#endif
    }
    EchoOff(const EchoOff &) = delete;
    EchoOff &operator=(const EchoOff &) = delete;

private:
    bool m_active = false;
#if defined(Q_OS_UNIX)
    struct termios m_saved
    {
    };
#elif defined(Q_OS_WIN)
    HANDLE m_handle = nullptr;
    DWORD m_saved = 0;
#endif
};

} // namespace

CliContext::CliContext(QIODevice *outDevice, QIODevice *errDevice, QIODevice *input,
                       CliEnvironment environment, bool jsonOutput)
    : in(input), json(jsonOutput), m_safeOut(std::make_unique<TerminalSafeDevice>(outDevice)),
      m_safeErr(std::make_unique<TerminalSafeDevice>(errDevice)), m_env(std::move(environment))
{
    out.setDevice(m_safeOut.get());
    err.setDevice(m_safeErr.get());
}

CliContext::~CliContext()
{
    out.flush();
    err.flush();
}

Clock &CliContext::clock() const
{
    return m_env.clock ? *m_env.clock : Clock::system();
}

SecretStore &CliContext::secrets()
{
    if (m_env.secretStore)
        return *m_env.secretStore;
    if (!m_ownedSecrets) {
        m_ownedSecrets = SecretStore::createSystemStore();
        m_ownedSecrets->setClock(clock());
    }
    return *m_ownedSecrets;
}

ProfileManager &CliContext::profiles()
{
    if (!m_profiles) {
        m_profiles = std::make_unique<ProfileManager>(
            &secrets(), m_env.profilesPath.isEmpty() ? ProfileStore::defaultPath() : m_env.profilesPath);
        m_profiles->setClock(clock());
    }
    return *m_profiles;
}

QString CliContext::trustStorePath() const
{
    return m_env.trustStorePath.isEmpty() ? TrustStore::defaultPath() : m_env.trustStorePath;
}

QString CliContext::backupsPath() const
{
    return m_env.backupsPath.isEmpty() ? BackupStore::defaultRoot() : m_env.backupsPath;
}

void CliContext::printJson(const QJsonObject &object)
{
    out << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)) << Qt::endl;
}

void CliContext::warn(const QString &text)
{
    err << QStringLiteral("bpsetup: ") << text << Qt::endl;
}

int CliContext::fail(const Error &error, const QJsonObject &extra, const QJsonObject &topLevel)
{
    const int code = exitCodeFor(error.code);
    warn(error.userMessage);
    if (!error.remedy.isEmpty() && !error.userMessage.contains(error.remedy))
        err << QCoreApplication::translate("bp::cli::CliContext", "What to do: %1").arg(error.remedy)
            << Qt::endl;
    if (error.certificate)
        printCertificate(*error.certificate);
    if (json) {
        QJsonObject e{{QStringLiteral("code"), errorCodeName(error.code)},
                      {QStringLiteral("id"), error.stableId()},
                      {QStringLiteral("message"), error.userMessage}};
        if (!error.remedy.isEmpty())
            e.insert(QStringLiteral("remedy"), error.remedy);
        if (error.httpStatus)
            e.insert(QStringLiteral("httpStatus"), error.httpStatus);
        if (error.certificate)
            e.insert(QStringLiteral("certificate"), certificateJson(*error.certificate));
        for (auto it = extra.begin(); it != extra.end(); ++it)
            e.insert(it.key(), it.value());
        QJsonObject object = topLevel;
        object.insert(QStringLiteral("ok"), false);
        object.insert(QStringLiteral("exitCode"), code);
        object.insert(QStringLiteral("error"), e);
        printJson(object);
    }
    return code;
}

namespace {
QString peerId(PeerKind peer)
{
    switch (peer) {
    case PeerKind::Aem:
        return QStringLiteral("aem");
    case PeerKind::Ims:
        return QStringLiteral("ims");
    case PeerKind::Other:
        break;
    }
    return QStringLiteral("other");
}
} // namespace

QJsonObject CliContext::certificateJson(const CertificateInfo &cert)
{
    return QJsonObject{
        {QStringLiteral("host"), cert.host},
        {QStringLiteral("peer"), peerId(cert.peer)},
        {QStringLiteral("subject"), cert.subject},
        {QStringLiteral("issuer"), cert.issuer},
        {QStringLiteral("sha256"), cert.sha256},
        {QStringLiteral("notBefore"), cert.notBefore.toUTC().toString(Qt::ISODate)},
        {QStringLiteral("notAfter"), cert.notAfter.toUTC().toString(Qt::ISODate)},
        {QStringLiteral("selfSigned"), cert.selfSigned},
        {QStringLiteral("trustFingerprint"), TrustedCertificates::pinSpec(cert.host, cert.sha256)}};
}

void CliContext::printCertificate(const CertificateInfo &cert)
{
    const QString who =
        cert.peer == PeerKind::Ims
            ? QCoreApplication::translate("bp::cli::CliContext", "%1 (Adobe IMS)").arg(cert.host)
        : cert.peer == PeerKind::Aem
            ? QCoreApplication::translate("bp::cli::CliContext", "%1 (AEM)").arg(cert.host)
            : cert.host;
    const QString issuer =
        cert.selfSigned
            ? QCoreApplication::translate("bp::cli::CliContext", "%1 (self-signed)").arg(cert.issuer)
            : cert.issuer;
    err << QCoreApplication::translate("bp::cli::CliContext", "Certificate presented by %1:\n"
                                                              "  subject  %2\n"
                                                              "  issuer   %3\n"
                                                              "  valid    %4 to %5\n"
                                                              "  SHA-256  %6\n")
               .arg(who, cert.subject, issuer, CertificateInfo::displayTime(cert.notBefore),
                    CertificateInfo::displayTime(cert.notAfter),
                    CertificateInfo::displayFingerprint(cert.sha256));
    // A proxy that inspects TLS shows its own certificate for every host, Adobe IMS included: the network
    // team, not the AEM administrator, knows whether this one is theirs.
    err << (cert.peer == PeerKind::Ims
                ? QCoreApplication::translate("bp::cli::CliContext",
                                              "If this fingerprint is the one your network team expects (a "
                                              "proxy that inspects TLS shows its own certificate for Adobe "
                                              "IMS), re-run with\n")
                : QCoreApplication::translate("bp::cli::CliContext",
                                              "If this fingerprint is the one your administrator expects, "
                                              "re-run with\n"))
        << QStringLiteral("  --trust-fingerprint %1")
               .arg(TrustedCertificates::pinSpec(cert.host, cert.sha256))
        << Qt::endl;
}

Result<QByteArray> CliContext::readInputFile(const QString &path, InputFileKind kind)
{
    return BoundedFile::read(path, kind);
}

bool CliContext::stdinIsTerminal() const
{
    if (m_env.stdinIsTerminal.has_value())
        return *m_env.stdinIsTerminal;
    return in && osStdinIsTerminal();
}

void CliContext::printProgress(Task &task)
{
    if (json)
        return;
    QObject::connect(&task, &Task::progressChanged, &task,
                     [this](qint64 done, qint64 total, const QString &label) {
                         if (total > 0)
                             err << QStringLiteral("[%1/%2] %3").arg(done).arg(total).arg(label);
                         else
                             err << label;
                         err << Qt::endl;
                     });
}

bool CliContext::stderrIsTerminal() const
{
    if (m_env.stderrIsTerminal.has_value())
        return *m_env.stderrIsTerminal;
    return osStderrIsTerminal();
}

bool CliContext::confirm(const QString &question)
{
    if (!in || !stdinIsTerminal())
        return false;
    err << question << QStringLiteral(" [y/N] ") << Qt::flush;
    const QString answer = QString::fromLocal8Bit(in->readLine(1024)).trimmed().toLower();
    const QString yes =
        QCoreApplication::translate("bp::cli::CliContext", "yes", "the answer to a [y/N] question");
    return answer == QLatin1String("y") || answer == QLatin1String("yes") ||
           (!answer.isEmpty() && yes.startsWith(answer));
}

bool CliContext::readSecretLine(SecretString *secret, const QString &prompt)
{
    if (!in)
        return false;
    // On a terminal, ask without echo; a piped secret is read as it is.
    QByteArray line;
    if (stdinIsTerminal() && !m_env.stdinIsTerminal.has_value()) {
        err << prompt << Qt::flush;
        EchoOff quiet;
        line = in->readLine(64 * 1024);
        err << Qt::endl;
    } else {
        line = in->readLine(64 * 1024);
    }
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    *secret = SecretString::fromUtf8(line);
    line.fill('\0');
    return !secret->isEmpty();
}

void CliContext::printHelp(const QCommandLineParser &parser, const QString &command)
{
    // The usage line names the program as it was started (argv[0]: "bpsetup" from PATH, "./bpsetup", or the
    // host program when run in process), not always applicationFilePath().
    QString text = parser.helpText();
    const QString programName = QCoreApplication::arguments().value(0);
    const qsizetype at = programName.isEmpty() ? -1 : text.indexOf(programName);
    if (at >= 0 && at < text.indexOf(QLatin1Char('\n')))
        text.replace(at, programName.size(), QStringLiteral("bpsetup ") + command);
    out << text;
}

void CliContext::run(Task &task)
{
    QEventLoop loop;
    QObject::connect(&task, &Task::finished, &loop, &QEventLoop::quit);
    task.start();
    if (!task.isFinished())
        loop.exec();
    else
        QCoreApplication::processEvents(); // deliver a deferred finished() before the task goes
}

} // namespace bp::cli
