// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "errors/Result.h"

#include <QSslCertificate>
#include <QSslKey>

namespace bp::sim {

// A throw-away EC P-256 key and self-signed certificate for the simulator's HTTPS mode, created in memory
// with OpenSSL 3 each run. The key never touches the disk.
class SimTlsIdentity
{
public:
    static Result<SimTlsIdentity> generate();

    const QSslCertificate &certificate() const { return m_certificate; }
    const QSslKey &privateKey() const { return m_privateKey; }

private:
    QSslCertificate m_certificate;
    QSslKey m_privateKey;
};

} // namespace bp::sim
