// SPDX-License-Identifier: Apache-2.0
#include "services/KeyPairFiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace bp {

namespace {

// One translation context for the file, spelled the same for lupdate and at run time.
class Text
{
    Q_DECLARE_TR_FUNCTIONS(bp::KeyPairFiles)
};

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

bool writeNewFile(const QString &path, const QByteArray &bytes, QFileDevice::Permissions permissions,
                  QString *errorText)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly | QIODevice::Unbuffered, permissions)) {
        *errorText = file.errorString();
        return false;
    }
    // The umask may have removed bits (never added any); set exactly what was asked.
    const bool ok = file.setPermissions(permissions) && file.write(bytes) == bytes.size() && file.flush();
    if (!ok) {
        *errorText = file.errorString();
        file.close();
        file.remove();
        return false;
    }
    file.close();
    return true;
}

} // namespace

KeyPairPaths KeyPairPaths::inFolder(const QString &dir)
{
    const QDir folder(dir);
    return KeyPairPaths{QFileInfo(folder.filePath(QStringLiteral("private.key"))).absoluteFilePath(),
                        QFileInfo(folder.filePath(QStringLiteral("certificate_pub.crt"))).absoluteFilePath()};
}

KeyPairPaths KeyPairPaths::forKeyFile(const QString &keyPath)
{
    const QFileInfo key(keyPath);
    const QString name = key.fileName() == QLatin1String("private.key")
                             ? QStringLiteral("certificate_pub.crt")
                             : key.completeBaseName() + QStringLiteral(".crt");
    return KeyPairPaths{key.absoluteFilePath(), key.dir().filePath(name)};
}

Result<bool> writeKeyPair(const KeyPairPaths &paths, const GeneratedKeyPair &pair, bool replaceExisting)
{
    for (const QString &path : {paths.privateKey, paths.certificate}) {
        if (!QFileInfo::exists(path) && !QFileInfo(path).isSymLink())
            continue;
        if (!replaceExisting)
            return Error(ErrorCode::InvalidInput, Text::tr("%1 already exists.").arg(native(path)))
                .withId(QStringLiteral("key-pair-exists"))
                .withRemedy(
                    Text::tr("Choose another folder or file name, or replace it (a key already in use stops "
                             "working once its certificate is removed from Developer Console)."));
        // Removed rather than truncated, so the new file is created with 0600 whatever the old one had.
        if (!QFile::remove(path))
            return Error(ErrorCode::Storage, Text::tr("Could not replace %1.").arg(native(path)))
                .withId(QStringLiteral("key-pair-not-replaced"));
    }
    const QString folder = QFileInfo(paths.privateKey).absolutePath();
    if (!QDir().mkpath(folder))
        return Error(ErrorCode::Storage, Text::tr("Could not create the folder %1.").arg(native(folder)))
            .withId(QStringLiteral("key-pair-folder"));
    QString problem;
    if (!writeNewFile(paths.privateKey, pair.privateKeyPem.revealUtf8(),
                      QFileDevice::ReadOwner | QFileDevice::WriteOwner, &problem))
        return Error(ErrorCode::Storage,
                     Text::tr("Could not write %1: %2").arg(native(paths.privateKey), problem))
            .withId(QStringLiteral("key-pair-write-failed"));
    if (!writeNewFile(paths.certificate, pair.certificatePem,
                      QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup |
                          QFileDevice::ReadOther,
                      &problem)) {
        QFile::remove(paths.privateKey);
        return Error(ErrorCode::Storage,
                     Text::tr("Could not write %1: %2. The private key was removed again, so nothing "
                              "was saved.")
                         .arg(native(paths.certificate), problem))
            .withId(QStringLiteral("key-pair-write-failed"));
    }
    return true;
}

} // namespace bp
