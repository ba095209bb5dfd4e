// SPDX-License-Identifier: Apache-2.0
#include "services/CredentialInput.h"

#include "credentials/CredentialImporter.h"
#include "io/BoundedFile.h"

#include <QDir>
#include <QFileInfo>

namespace bp::CredentialInput {

Result<ImportedFile> importFile(const QString &path, const QDate &today)
{
    auto read = BoundedFile::read(path, InputFileKind::Credential);
    if (!read)
        return read.error();
    QByteArray &bytes = read.value();
    ImportedFile file;
    file.content = sniffInput(bytes, path);
    if (file.content == InputContent::Json || file.content == InputContent::Unknown) {
        auto credential = CredentialImporter::fromJson(bytes, today);
        bytes.fill('\0'); // the download holds the client secrets
        if (!credential)
            return credential.error();
        file.content = InputContent::Json;
        file.credential = credential.value();
        return file;
    }
    bytes.fill('\0');
    return file;
}

KeyCheck checkKey(const KeyMaterialRequest &request, const QDateTime &nowUtc)
{
    KeyCheck check;
    const auto needs = keyNeedsPassphrase(request);
    if (!needs) {
        check.problem = needs.error().userMessage;
        check.problemId = needs.error().stableId();
        return check;
    }
    check.encrypted = needs.value();
    auto loaded = loadKeyMaterial(request, nowUtc);
    if (loaded) {
        if (!request.certificatePath.isEmpty())
            check.match = KeyCheck::Match::Matches;
        return check;
    }
    const Error &e = loaded.error();
    if (e.id == QLatin1String("key-certificate-mismatch")) {
        check.match = KeyCheck::Match::Differs; // the key itself is fine; the label says the rest
        return check;
    }
    if (e.id == QLatin1String("certificate-invalid")) {
        // A certificate that cannot be read is shown beside the key, not as a key problem: check the key
        // alone.
        KeyMaterialRequest keyOnly = request;
        keyOnly.certificatePath.clear();
        return checkKey(keyOnly, nowUtc);
    }
    check.problem = e.userMessage;
    check.problemId = e.stableId();
    return check;
}

Result<CertificateFacts> readCertificate(const QString &path, const QDateTime &nowUtc)
{
    const auto read = BoundedFile::read(path, InputFileKind::Certificate);
    if (!read)
        return read.error();
    return CertificateFacts::fromPemOrDer(read.value(), nowUtc);
}

QString certificateBesideKey(const QString &keyPath)
{
    const QString sibling = QFileInfo(keyPath).dir().filePath(QStringLiteral("certificate_pub.crt"));
    return QFileInfo(sibling).isFile() ? sibling : QString();
}

} // namespace bp::CredentialInput
