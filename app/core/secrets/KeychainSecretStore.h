// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "secrets/SecretStore.h"

namespace bp {

// The real keychain, through QtKeychain (service "bpsetup", key "<profile>/<kind>"). Every job is bounded
// by timeoutMs. QtKeychain runs its jobs one at a time, so after a timeout the next jobs may time out too
// until the keychain answers the hung one.
class KeychainSecretStore : public SecretStore
{
    Q_OBJECT
public:
    struct Options
    {
        int timeoutMs = 10000;
        // Split values above SecretChunker::kDefaultChunkBytes over several entries. Needed on Windows only
        // (QtKeychain < 0.15 caps a Credential Manager secret at 2560 bytes); settable so the chunked path
        // is tested against a real keychain on every platform.
        bool chunkLargeValues = defaultChunking();
        QString service = QStringLiteral("bpsetup");
    };

    explicit KeychainSecretStore(QObject *parent = nullptr);
    explicit KeychainSecretStore(const Options &options, QObject *parent = nullptr);

    SecretJob *probe() override;
    SecretJob *read(const QString &profile, SecretKind kind) override;
    SecretJob *write(const QString &profile, SecretKind kind, const SecretString &value) override;
    SecretJob *remove(const QString &profile, SecretKind kind) override;
    QString backendName() const override;

    const Options &options() const { return m_options; }
    static constexpr bool defaultChunking()
    {
#ifdef Q_OS_WIN
        return true;
#else
        return false;
#endif
    }

private:
    Options m_options;
};

} // namespace bp
