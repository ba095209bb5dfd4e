// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "credentials/Credential.h"
#include "errors/Result.h"

#include <QByteArray>
#include <QDate>
#include <QList>

namespace bp {

// Reads every JSON shape Developer Console hands out (adobe-ims.md §4): the project/workspace "Download
// all" file (integration_type oauth_server_to_server, oauth_server_to_server_migrate or service, org id at
// project.org.ims_org_id), the flat upper-case credential file, and the JWT payload from the "Generate
// JWT" tab. Pasted text is accepted with surrounding whitespace. Pure functions: no I/O.
class CredentialImporter
{
    Q_DECLARE_TR_FUNCTIONS(CredentialImporter)

public:
    // Fails with Parse (malformed or truncated JSON), InvalidInput (JSON of another Adobe credential kind, or
    // nothing recognisable), naming what was found.
    static Result<Credential> fromJson(const QByteArray &json, const QDate &today);

    // Field-level checks before anything is sent to IMS. Empty when the credential can be validated.
    static QList<FieldError> check(const Credential &credential);

    // Removes surrounding whitespace/newlines from every field (pasted values), adding a warning per field.
    static void trimPastedWhitespace(Credential &credential);

    // A comma-separated list as typed (scopes, metascopes): trimmed items, empty ones dropped.
    static QStringList splitList(const QString &text);

    // The JWT retirement warning with Adobe's dates, worded for the given day.
    static QString jwtRetirementWarning(const QDate &today);
};

} // namespace bp
