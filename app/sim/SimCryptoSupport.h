// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "sim/SimHttpRequest.h"
#include "sim/SimHttpResponse.h"

#include <QByteArray>
#include <QHash>
#include <QString>

namespace bp::sim {

// AEM's Crypto Support console (POST /system/console/crypto/.json, domain notes 4.6): protects a plain value
// into the "{hex}" form configurations store. The simulator's scheme: AES-256-CBC (OpenSSL EVP) under a key
// drawn at random when the simulator is created and never shown; the hex is a random 16-byte IV followed by
// the ciphertext. Real AEM uses its own key and layout; only the "{hex}" shape and round trip matter here.
class SimCryptoSupport
{
public:
    static const QString Path; // "/system/console/crypto/.json"

    SimCryptoSupport();

    SimHttpResponse post(const SimHttpRequest &request) const;

    // "{hex}" of datum under this simulator's key.
    QString protect(const QString &datum) const;
    // The plain value of a "{hex}" produced by protect(); ok is false for anything else (other keys, plain
    // text, damaged data).
    QString unprotect(const QString &value, bool *ok) const;
    // A value this instance protected before the simulator started (the pre-built configuration's secret,
    // which must stay the same text in every run's snapshot): unprotect() answers plain for it.
    void adopt(const QString &protectedValue, const QString &plain);

private:
    QByteArray m_key; // 32 bytes
    QHash<QString, QString> m_adopted;
};

} // namespace bp::sim
