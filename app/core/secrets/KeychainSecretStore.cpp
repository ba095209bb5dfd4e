// SPDX-License-Identifier: Apache-2.0
#include "secrets/KeychainSecretStore.h"

#include "secrets/KeyringProbe.h"
#include "secrets/SecretChunker.h"
#include "secrets/SecretMessages.h"
#include "secrets/TimedSecretJob.h"

#include <qt6keychain/keychain.h>

#include <functional>
#include <memory>

namespace bp {

namespace {

// The one place where QtKeychain's errors become SecretStatus. EntryNotFound is only "not found" for the
// caller after a probe has ruled out a locked keyring (0.13 reports both the same way).
SecretStatus statusFromKeychain(QKeychain::Error error)
{
    switch (error) {
    case QKeychain::NoError:
        return SecretStatus::Ok;
    case QKeychain::EntryNotFound:
        return SecretStatus::NotFound;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return SecretStatus::AccessDenied;
    case QKeychain::NoBackendAvailable:
        return SecretStatus::NoService;
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        break;
    }
    return SecretStatus::Failed;
}

QString messageFromKeychain(QKeychain::Error error, const QString &errorString, int timeoutMs)
{
    const SecretStatus status = statusFromKeychain(error);
    if (status == SecretStatus::Failed)
        return SecretMessages::fromBackendDetail(errorString);
    return SecretMessages::forStatus(status, timeoutMs);
}

// What one QtKeychain call answered. data is the value for a read; it is wiped after the handler returns.
struct RawAnswer
{
    QKeychain::Error error = QKeychain::NoError;
    QString errorString;
    QByteArray data;
};
using RawDone = std::function<void(RawAnswer &)>;

class KeychainJob : public TimedSecretJob
{
public:
    enum class Op
    {
        Probe,
        Read,
        Write,
        Remove
    };

    KeychainJob(const KeychainSecretStore::Options &options, Clock &clock, Op op, QString profile,
                SecretKind kind, SecretString value)
        : TimedSecretJob(options.timeoutMs, clock, nullptr), m_options(options), m_op(op),
          m_profile(std::move(profile)), m_kind(kind), m_value(std::move(value)),
          m_key(secretEntryKey(m_profile, kind))
    {
    }

protected:
    void begin() override
    {
        if (m_op != Op::Probe) {
            const QString problem = checkProfileName(m_profile);
            if (!problem.isEmpty()) {
                finishLater(SecretStatus::Failed, problem);
                return;
            }
        }
        switch (m_op) {
        case Op::Probe:
            probeThen([this](SecretStatus status, const QString &message) { finish(status, message); });
            return;
        case Op::Read:
            startRead();
            return;
        case Op::Write:
            if (m_value.isEmpty()) {
                finishLater(SecretStatus::Failed, SecretMessages::emptyValue());
                return;
            }
            startWrite();
            return;
        case Op::Remove:
            startRemove();
            return;
        }
    }

private:
    // --- probe -------------------------------------------------------------------------------------------

    void probeThen(std::function<void(SecretStatus, const QString &)> then)
    {
        KeyringProbe::run(this, timeoutMs(), [this, then](const KeyringProbe::Answer &answer) {
            if (isDone())
                return;
            if (answer.decided) {
                qCInfo(lcSecrets) << "probe:" << secretStatusId(answer.status) << answer.detail;
                then(answer.status, answer.message);
                return;
            }
            // A read of an entry that never exists: reaching the keychain is all that is asked.
            rawRead(QStringLiteral(".probe"), [this, then](RawAnswer &raw) {
                qCInfo(lcSecrets) << "probe read:" << int(raw.error) << raw.errorString;
                if (raw.error == QKeychain::NoError || raw.error == QKeychain::EntryNotFound)
                    then(SecretStatus::Ok, QString());
                else
                    then(statusFromKeychain(raw.error),
                         messageFromKeychain(raw.error, raw.errorString, timeoutMs()));
            });
        });
    }

    // Reports a failed read/write/remove. The probe runs again first because QtKeychain's answer can hide
    // the cause (0.13 + libsecret: a locked keyring gives EntryNotFound or AccessDenied); what the probe
    // finds wins.
    void failAfterProbe(QKeychain::Error error, const QString &errorString)
    {
        qCInfo(lcSecrets) << "keychain error on" << m_key << int(error) << errorString;
        probeThen([this, error, errorString](SecretStatus probed, const QString &probeMessage) {
            if (probed != SecretStatus::Ok) {
                finish(probed, probeMessage);
                return;
            }
            if (error == QKeychain::EntryNotFound)
                finish(SecretStatus::NotFound, SecretMessages::notFound(m_profile, m_kind));
            else
                finish(statusFromKeychain(error), messageFromKeychain(error, errorString, timeoutMs()));
        });
    }

    // --- read ---------------------------------------------------------------------------------------------

    void startRead()
    {
        readValue([this](RawAnswer &raw) {
            if (raw.error != QKeychain::NoError) {
                failAfterProbe(raw.error, raw.errorString);
                return;
            }
            finish(SecretStatus::Ok, QString(), SecretString::fromUtf8(raw.data));
        });
    }

    // Reads m_key, joining chunks when chunking is on. A missing chunk or a corrupt head is OtherError.
    void readValue(RawDone done)
    {
        rawRead(m_key, [this, done](RawAnswer &head) {
            if (head.error != QKeychain::NoError || !m_options.chunkLargeValues) {
                done(head);
                return;
            }
            const int count = SecretChunker::chunkCount(head.data);
            if (count == 0) {
                done(head);
                return;
            }
            if (count < 0) {
                RawAnswer corrupt{QKeychain::OtherError, SecretMessages::corruptEntry(), QByteArray()};
                done(corrupt);
                return;
            }
            auto parts = std::make_shared<QList<QByteArray>>();
            readChunk(1, count, parts, done);
        });
    }

    void readChunk(int index, int count, std::shared_ptr<QList<QByteArray>> parts, RawDone done)
    {
        rawRead(SecretChunker::chunkKey(m_key, index), [this, index, count, parts, done](RawAnswer &raw) {
            if (raw.error != QKeychain::NoError) {
                for (QByteArray &part : *parts)
                    wipeBytes(part);
                RawAnswer failed{raw.error == QKeychain::EntryNotFound ? QKeychain::OtherError : raw.error,
                                 raw.error == QKeychain::EntryNotFound ? SecretMessages::corruptEntry()
                                                                       : raw.errorString,
                                 QByteArray()};
                done(failed);
                return;
            }
            parts->append(raw.data);
            wipeBytes(raw.data);
            if (index < count) {
                readChunk(index + 1, count, parts, done);
                return;
            }
            RawAnswer joined{QKeychain::NoError, QString(), SecretChunker::join(*parts)};
            for (QByteArray &part : *parts)
                wipeBytes(part);
            done(joined);
            wipeBytes(joined.data);
        });
    }

    // --- write --------------------------------------------------------------------------------------------

    void startWrite()
    {
        // Never write into a keyring that is not usable as it is: a locked one would make QtKeychain
        // report "not found" for what is stored, and the caller could replace it blindly.
        probeThen([this](SecretStatus probed, const QString &message) {
            if (probed != SecretStatus::Ok) {
                finish(probed, message);
                return;
            }
            if (!m_options.chunkLargeValues) {
                rawWrite(m_key, m_value.revealUtf8(), [this](RawAnswer &raw) { afterWrite(raw); });
                return;
            }
            writeChunked();
        });
    }

    void writeChunked()
    {
        // The old chunk count first, so chunks the new value no longer uses can be deleted afterwards.
        rawRead(m_key, [this](RawAnswer &old) {
            const int oldCount = old.error == QKeychain::NoError ? SecretChunker::chunkCount(old.data) : 0;
            auto split = std::make_shared<SecretChunker::Split>(SecretChunker().split(m_value.revealUtf8()));
            writeChunk(1, split, qMax(0, oldCount));
        });
    }

    // Chunks first, head last: a reader never sees a count whose chunks are not all written yet.
    void writeChunk(int index, std::shared_ptr<SecretChunker::Split> split, int oldCount)
    {
        if (index > split->chunks.size()) {
            rawWrite(m_key, split->head, [this, split, oldCount](RawAnswer &raw) {
                const int newCount = int(split->chunks.size());
                split->wipe();
                if (raw.error != QKeychain::NoError) {
                    afterWrite(raw);
                    return;
                }
                removeChunks(newCount + 1, oldCount, [this](QKeychain::Error, const QString &) {
                    RawAnswer ok;
                    afterWrite(ok);
                });
            });
            return;
        }
        rawWrite(SecretChunker::chunkKey(m_key, index), split->chunks.at(index - 1),
                 [this, index, split, oldCount](RawAnswer &raw) {
                     if (raw.error != QKeychain::NoError) {
                         split->wipe();
                         afterWrite(raw);
                         return;
                     }
                     writeChunk(index + 1, split, oldCount);
                 });
    }

    void afterWrite(RawAnswer &raw)
    {
        if (raw.error != QKeychain::NoError) {
            failAfterProbe(raw.error, raw.errorString);
            return;
        }
        // Read back: some keychains accept a write and store something else (truncation, encoding).
        readValue([this](RawAnswer &back) {
            if (back.error == QKeychain::EntryNotFound) {
                // Written "successfully" yet absent: a dismissed keyring prompt (libsecret reports none).
                probeThen([this](SecretStatus probed, const QString &probeMessage) {
                    finish(probed == SecretStatus::Ok ? SecretStatus::Cancelled : probed,
                           probed == SecretStatus::Ok ? SecretMessages::promptDismissed() : probeMessage);
                });
                return;
            }
            if (back.error != QKeychain::NoError) {
                failAfterProbe(back.error, back.errorString);
                return;
            }
            if (back.data != m_value.revealUtf8()) {
                qCWarning(lcSecrets) << "read-back mismatch for" << m_key;
                finish(SecretStatus::Failed, SecretMessages::readBackMismatch());
                return;
            }
            m_value.clear();
            finish(SecretStatus::Ok, QString());
        });
    }

    // --- remove -------------------------------------------------------------------------------------------

    void startRemove()
    {
        probeThen([this](SecretStatus probed, const QString &message) {
            if (probed != SecretStatus::Ok) {
                finish(probed, message);
                return;
            }
            if (!m_options.chunkLargeValues) {
                rawRemove(m_key, [this](RawAnswer &raw) { afterRemove(raw.error, raw.errorString); });
                return;
            }
            rawRead(m_key, [this](RawAnswer &head) {
                const int count = head.error == QKeychain::NoError ? SecretChunker::chunkCount(head.data) : 0;
                removeChunks(1, count, [this](QKeychain::Error error, const QString &errorString) {
                    if (error != QKeychain::NoError && error != QKeychain::EntryNotFound) {
                        afterRemove(error, errorString);
                        return;
                    }
                    rawRemove(m_key, [this](RawAnswer &raw) { afterRemove(raw.error, raw.errorString); });
                });
            });
        });
    }

    void afterRemove(QKeychain::Error error, const QString &errorString)
    {
        if (error == QKeychain::NoError || error == QKeychain::EntryNotFound) {
            finish(SecretStatus::Ok, QString());
            return;
        }
        failAfterProbe(error, errorString);
    }

    // Deletes "<key>#from".."<key>#to"; a missing chunk is fine. Reports the first real error.
    void removeChunks(int from, int to, std::function<void(QKeychain::Error, const QString &)> done)
    {
        if (from > to) {
            done(QKeychain::NoError, QString());
            return;
        }
        rawRemove(SecretChunker::chunkKey(m_key, from), [this, from, to, done](RawAnswer &raw) {
            if (raw.error != QKeychain::NoError && raw.error != QKeychain::EntryNotFound) {
                done(raw.error, raw.errorString);
                return;
            }
            removeChunks(from + 1, to, done);
        });
    }

    // --- QtKeychain ---------------------------------------------------------------------------------------

    // QtKeychain jobs get no parent and delete themselves when they finish: with libsecret they cannot be
    // cancelled, and a job deleted before its callback would be used after free. If this job is gone (or
    // timed out) by then, the answer goes nowhere.
    void runKeychainJob(QKeychain::Job *job, const QString &key, RawDone done)
    {
        job->setAutoDelete(true);
        job->setKey(key);
        // Never job->setInsecureFallback(true): secrets go to the keychain or nowhere.
        connect(job, &QKeychain::Job::finished, this, [this, done](QKeychain::Job *finishedJob) {
            if (isDone())
                return; // a late answer after a timeout
            RawAnswer raw;
            raw.error = finishedJob->error();
            raw.errorString = finishedJob->errorString();
            if (auto *readJob = qobject_cast<QKeychain::ReadPasswordJob *>(finishedJob))
                raw.data = readJob->binaryData();
            done(raw);
            wipeBytes(raw.data);
        });
        job->start();
    }

    void rawRead(const QString &key, RawDone done)
    {
        runKeychainJob(new QKeychain::ReadPasswordJob(m_options.service), key, std::move(done));
    }

    void rawWrite(const QString &key, const QByteArray &data, RawDone done)
    {
        auto *job = new QKeychain::WritePasswordJob(m_options.service);
        // Binary, not text: no QString copy of the secret is made on the way in.
        job->setBinaryData(data);
        runKeychainJob(job, key, std::move(done));
    }

    void rawRemove(const QString &key, RawDone done)
    {
        runKeychainJob(new QKeychain::DeletePasswordJob(m_options.service), key, std::move(done));
    }

    const KeychainSecretStore::Options m_options;
    const Op m_op;
    const QString m_profile;
    const SecretKind m_kind;
    SecretString m_value;
    const QString m_key;
};

} // namespace

KeychainSecretStore::KeychainSecretStore(QObject *parent) : KeychainSecretStore(Options(), parent) {}

KeychainSecretStore::KeychainSecretStore(const Options &options, QObject *parent)
    : SecretStore(parent), m_options(options)
{
}

SecretJob *KeychainSecretStore::probe()
{
    return new KeychainJob(m_options, clock(), KeychainJob::Op::Probe, QString(), SecretKind::ClientSecret,
                           SecretString());
}

SecretJob *KeychainSecretStore::read(const QString &profile, SecretKind kind)
{
    return new KeychainJob(m_options, clock(), KeychainJob::Op::Read, profile, kind, SecretString());
}

SecretJob *KeychainSecretStore::write(const QString &profile, SecretKind kind, const SecretString &value)
{
    return new KeychainJob(m_options, clock(), KeychainJob::Op::Write, profile, kind, value);
}

SecretJob *KeychainSecretStore::remove(const QString &profile, SecretKind kind)
{
    return new KeychainJob(m_options, clock(), KeychainJob::Op::Remove, profile, kind, SecretString());
}

QString KeychainSecretStore::backendName() const
{
    return KeyringProbe::backendName();
}

} // namespace bp
