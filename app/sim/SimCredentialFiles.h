// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "errors/Result.h"
#include "sim/SimCrypto.h"
#include "sim/SimImsClient.h"

#include <QStringList>

namespace bp::sim {

// What goes into the simulated Developer Console downloads.
struct SimCredentialBundle
{
    SimImsClient oauth; // the OAuth Server-to-Server credential
    SimImsClient jwt;   // the Service Account (JWT) credential
    SimRsaIdentity jwtIdentity;
    QString imsBase; // the simulated IMS, no trailing slash: goes into aud and metascope claims
    QString tenant;
};

// Writes the Developer Console downloads for the simulator's credentials into dir (created if needed):
// oauth-s2s-project.json, oauth-s2s-credential.json, jwt-project.json, jwt-credential.json, jwt-payload.json,
// private.key and certificate_pub.crt (adobe-ims.md 4.1, 4.2, 4.4). Returns the paths written. Files holding
// secrets are created owner-only (0600) before any byte is written; existing files are replaced.
Result<QStringList> writeSimCredentialFiles(const QString &dir, const SimCredentialBundle &bundle);

} // namespace bp::sim
