// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "errors/Result.h"
#include "profiles/Profile.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace bp {

class Clock;

// The profiles file: versioned JSON under the config folder, read with a cap, written atomically (QSaveFile).
// It is never written over unless it was read and understood, or safely kept aside first:
// - missing: an empty store;
// - damaged (not JSON, or any structural surprise: wrong types, a schemaVersion that is not a small whole
//   number, duplicate names): moved aside under a unique name and reported; the store is then empty and
//   writable. If it cannot be moved aside, the store is not writable at all;
// - unreadable (permissions, not a regular file): not writable;
// - written by a newer bpsetup: readable, never written.
class ProfileStore
{
    Q_DECLARE_TR_FUNCTIONS(ProfileStore)

public:
    static constexpr int kSchemaVersion = 1;

    explicit ProfileStore(QString filePath = defaultPath());
    ProfileStore(QString filePath, Clock &clock);
    static QString defaultPath(); // <AppPaths::configDir()>/profiles.json

    // Errors: Parse "profiles-damaged" (moved aside to movedAsidePath(); the store is empty and usable),
    // Parse "profiles-damaged-kept" (could not be moved aside: not writable), Storage "profiles-unreadable"
    // (not writable), Unsupported "profiles-newer" (profiles readable, saving refused).
    Result<bool> load();
    // Refuses (Storage "profiles-not-writable" / Unsupported "profiles-newer") whenever load() said the file
    // must not be replaced, and when load() was never called on an existing file.
    Result<bool> save();

    const QList<Profile> &profiles() const { return m_profiles; }
    std::optional<Profile> find(const QString &name) const;
    void upsert(Profile profile); // sets created/modified
    bool remove(const QString &name);
    Result<bool> rename(const QString &from, const QString &to);

    bool isReadOnly() const { return m_readOnly; }
    bool isWritable() const { return m_loaded && !m_readOnly && m_writeBlock.code == ErrorCode::None; }
    const QString &path() const { return m_path; }
    const QString &movedAsidePath() const { return m_movedAside; }
    int migratedFromVersion() const { return m_migratedFrom; } // -1 when no migration ran

    // Letters, digits, '.', '_', '-' and spaces; 1-64 characters; not only spaces.
    static Result<bool> validateName(const QString &name);

private:
    Result<bool> keepAside(const QString &why);
    Result<bool> parse(const QByteArray &data);

    QString m_path;
    Clock *m_clock;
    QList<Profile> m_profiles;
    bool m_loaded = false;
    bool m_readOnly = false;
    Error m_writeBlock; // why save() must refuse (set by load())
    QString m_movedAside;
    int m_migratedFrom = -1;
};

} // namespace bp
