// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "sim/SimHttpRequest.h"
#include "sim/SimHttpResponse.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace bp::sim {

class SimNode;
class SimRepository;

// Users and their keystores (domain notes 3.1, 4.1, 4.3): POST <userPath> deleteAuthorizable= (Granite user
// admin, documented), GET <userPath>.ks.json and POST <userPath>.ks.html removeAlias=<alias> [C].
//
// Simulator's assumptions: the keystore is the child keystore/store.p12 (an nt:file of opaque bytes: no real
// PKCS#12 is built), and the aliases it holds are listed in the keystore node's sim:aliases property; the
// .ks.json shape ({"exists", "aliases": [{"alias", "entryType", "notAfter"}]}) is ours, since the notes only
// know that the endpoint returns "keystore info and aliases".
class SimUsers
{
public:
    // The 6.5 service user that holds the Brand Portal key in JWT and legacy setups (notes 4.3: name seen in
    // demo tooling; its home path is unknown, this one is ours).
    static const QString ServiceUserPath;
    static const QString ServiceUserId;

    // Adds (or replaces) the user's keystore holding aliases.
    static void setKeystore(SimNode *user, const QStringList &aliases);
    // The end of validity of the certificates in the user's keystore (.ks.json notAfter).
    static void setCertificatesNotAfter(SimNode *user, const QDateTime &notAfter);

    static bool isKeystoreRequest(const QString &path); // <user>.ks.json / <user>.ks.html
    static SimHttpResponse keystoreGet(const SimRepository &repo, const QString &path);
    static SimHttpResponse keystorePost(SimRepository &repo, const SimHttpRequest &request,
                                        const QString &path);
    // The request is a deleteAuthorizable POST (handled is false otherwise).
    static SimHttpResponse deleteAuthorizable(SimRepository &repo, const SimHttpRequest &request,
                                              const QString &path, bool *handled);
};

} // namespace bp::sim
