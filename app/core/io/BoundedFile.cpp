// SPDX-License-Identifier: Apache-2.0
#include "io/BoundedFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace bp {

namespace {

// One translation context for the file, spelled the same for lupdate and at run time.
class Text
{
    Q_DECLARE_TR_FUNCTIONS(bp::BoundedFile)
};

QString sizeText(qint64 bytes)
{
    if (bytes >= 1024 * 1024)
        return QStringLiteral("%1 MiB").arg(bytes / (1024 * 1024));
    return QStringLiteral("%1 KiB").arg(bytes / 1024);
}

Error fileError(const char *id, const QString &message)
{
    return Error(ErrorCode::InvalidInput, message).withId(QString::fromLatin1(id));
}

Error notRegular(const QString &path, InputFileKind kind)
{
    return fileError(
        "file-not-regular",
        Text::tr("%1 is not a regular file (a pipe, device or folder cannot be the %2). Give the path of "
                 "the file itself.")
            .arg(QDir::toNativeSeparators(path), BoundedFile::describe(kind)));
}

Error tooLarge(const QString &path, InputFileKind kind)
{
    return fileError("file-too-large",
                     Text::tr("%1 is larger than %2, which no %3 is. Check that it is the right file.")
                         .arg(QDir::toNativeSeparators(path), sizeText(BoundedFile::capBytes(kind)),
                              BoundedFile::describe(kind)));
}

Error unreadable(const QString &path, InputFileKind kind, const QString &why)
{
    return fileError("file-unreadable",
                     Text::tr("Cannot read the %1 %2: %3")
                         .arg(BoundedFile::describe(kind), QDir::toNativeSeparators(path), why));
}

// Reads at most cap + 1 bytes from an open device.
Result<QByteArray> readCapped(QIODevice &device, const QString &path, InputFileKind kind)
{
    const qint64 cap = BoundedFile::capBytes(kind);
    QByteArray data;
    char buffer[64 * 1024];
    while (true) {
        const qint64 n = device.read(buffer, sizeof buffer);
        if (n < 0)
            return unreadable(path, kind, device.errorString());
        if (n == 0)
            break;
        data.append(buffer, n);
        if (data.size() > cap) {
            data.fill('\0'); // it may be a key file
            return tooLarge(path, kind);
        }
    }
    return data;
}

} // namespace

qint64 BoundedFile::capBytes(InputFileKind kind)
{
    switch (kind) {
    case InputFileKind::Credential:
        return 1024 * 1024;
    case InputFileKind::PrivateKey:
        return 64 * 1024;
    case InputFileKind::Certificate:
        return 256 * 1024;
    case InputFileKind::CaBundle:
        return 4 * 1024 * 1024; // Debian's whole ca-certificates.crt is about 220 KiB
    case InputFileKind::Recipe:
        return 1024 * 1024;
    case InputFileKind::Profiles:
        return 8 * 1024 * 1024;
    case InputFileKind::TrustStore:
        return 1024 * 1024;
    case InputFileKind::Backup:
        return 16 * 1024 * 1024;
    case InputFileKind::Plan:
        return 4 * 1024 * 1024;
    case InputFileKind::Package:
        return 32 * 1024 * 1024; // held in memory and uploaded whole; a hotfix package is far smaller
    case InputFileKind::Report:
        return 4 * 1024 * 1024;
    case InputFileKind::Inventory:
        return 4 * 1024 * 1024;
    }
    return 1024 * 1024;
}

QString BoundedFile::describe(InputFileKind kind)
{
    switch (kind) {
    case InputFileKind::Credential:
        return Text::tr("credential file");
    case InputFileKind::PrivateKey:
        return Text::tr("private key");
    case InputFileKind::Certificate:
        return Text::tr("certificate");
    case InputFileKind::CaBundle:
        return Text::tr("CA file");
    case InputFileKind::Recipe:
        return Text::tr("recipe");
    case InputFileKind::Profiles:
        return Text::tr("profiles file");
    case InputFileKind::TrustStore:
        return Text::tr("trusted certificates file");
    case InputFileKind::Backup:
        return Text::tr("backup");
    case InputFileKind::Plan:
        return Text::tr("plan file");
    case InputFileKind::Report:
        return Text::tr("diagnose report");
    case InputFileKind::Inventory:
        return Text::tr("inventory");
    case InputFileKind::Package:
        return Text::tr("content package");
    }
    return Text::tr("file");
}

Result<QByteArray> BoundedFile::read(const QString &path, InputFileKind kind)
{
    if (path.isEmpty())
        return unreadable(path, kind, Text::tr("no file name given"));
#ifdef Q_OS_UNIX
    // O_NONBLOCK: opening a FIFO without a writer must not block; fstat on the open descriptor decides, so
    // the file cannot be swapped between the check and the read.
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return unreadable(path, kind, QString::fromLocal8Bit(std::strerror(errno)));
    struct stat st
    {
    };
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return notRegular(path, kind);
    }
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags >= 0)
        ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    QFile file;
    if (!file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        return unreadable(path, kind, file.errorString());
    }
    return readCapped(file, path, kind);
#else
    const QFileInfo info(path);
    if (info.exists() && !info.isFile())
        return notRegular(path, kind);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return unreadable(path, kind, file.errorString());
    if (file.isSequential())
        return notRegular(path, kind);
    return readCapped(file, path, kind);
#endif
}

QString BoundedFile::keepDamagedAside(const QString &path, const QDateTime &nowUtc)
{
    // A random tail too: two processes keeping the same file aside in the same millisecond must not pick the
    // same name (a rename onto an existing file would replace the first kept copy).
    const QString stamp =
        nowUtc.toString(QStringLiteral("yyyyMMdd-HHmmss-zzz")) + QLatin1Char('-') +
        QString::number(QRandomGenerator::system()->bounded(0x10000), 16).rightJustified(4, QLatin1Char('0'));
    QString target = path + QStringLiteral(".damaged-") + stamp;
    for (int n = 2; QFileInfo::exists(target) || QFileInfo(target).isSymLink(); ++n)
        target = path + QStringLiteral(".damaged-%1-%2").arg(stamp).arg(n);
    return QFile::rename(path, target) ? target : QString();
}

} // namespace bp
