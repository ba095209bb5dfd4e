// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "errors/Result.h"
#include "profiles/Profile.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace bp {

// The profiles file: versioned JSON under AppConfigLocation, written atomically (QSaveFile). A damaged file
// is moved aside (never deleted) and reported; a file from a newer bpsetup is read but never overwritten.
class ProfileStore
{
    Q_DECLARE_TR_FUNCTIONS(ProfileStore)

public:
    static constexpr int kSchemaVersion = 1;

    explicit ProfileStore(QString filePath = defaultPath());
    static QString defaultPath(); // <AppConfigLocation or $BPSETUP_CONFIG_DIR>/profiles.json

    // A missing file is an empty store. Errors: Parse (damaged: moved aside to movedAsidePath(), the store
    // is then empty and usable), Unsupported (written by a newer bpsetup: profiles are readable, saving is
    // refused).
    Result<bool> load();
    Result<bool> save();

    const QList<Profile> &profiles() const { return m_profiles; }
    std::optional<Profile> find(const QString &name) const;
    void upsert(Profile profile); // sets created/modified
    bool remove(const QString &name);
    Result<bool> rename(const QString &from, const QString &to);

    bool isReadOnly() const { return m_readOnly; }
    const QString &path() const { return m_path; }
    const QString &movedAsidePath() const { return m_movedAside; }
    int migratedFromVersion() const { return m_migratedFrom; } // -1 when no migration ran

    // Letters, digits, '.', '_', '-' and spaces; 1-64 characters; not only spaces.
    static Result<bool> validateName(const QString &name);

private:
    QString m_path;
    QList<Profile> m_profiles;
    bool m_readOnly = false;
    QString m_movedAside;
    int m_migratedFrom = -1;
};

} // namespace bp
