// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "errors/Result.h"
#include "sim/SimForm.h"
#include "sim/SimHttpRequest.h"
#include "sim/SimHttpResponse.h"
#include "sim/SimImsClient.h"

#include <QUrl>

namespace bp::sim {

// The simulated Adobe IMS: OIDC discovery, the client-credentials token endpoints (/ims/token/v3 and the
// older /ims/token/v2), the Service Account JWT exchange (/ims/exchange/jwt), each with the checks, order and
// error answers of adobe-ims.md 2.4 and 3.3, plus the simulator's own certificate-upload stand-in
// (/sim/console/...).
class SimImsHandler
{
public:
    struct Faults
    {
        int failuresBeforeSuccess = 0; // ims-5xx: token requests answered 503 before normal service resumes
        bool html = false;             // ims-html: a captive portal answers everything
        bool hang = false;             // ims-hang: nothing is ever answered
    };

    void setBaseUrl(const QUrl &url) { m_baseUrl = url; }
    void setFaults(const Faults &faults) { m_faults = faults; }
    // Adobe converted every remaining JWT credential to OAuth Server-to-Server by 2026-03-01 (adobe-ims.md
    // 1): from then on the JWT exchange of a converted credential fails. Off only to exercise the exchange
    // itself (signature, claims, errors), as it behaved before the conversion.
    void setJwtConverted(bool converted) { m_jwtConverted = converted; }
    // IMS's clock runs this many seconds ahead of ours (negative: behind), for clock-skew scenarios.
    void setClockOffsetSeconds(int seconds) { m_clockOffsetSeconds = seconds; }
    void addClient(const SimImsClient &client) { m_clients.append(client); }
    const QList<SimImsClient> &clients() const { return m_clients; }
    const SimImsClient *client(const QString &clientId) const;

    // The certificate upload of Developer Console: binds one more certificate to a JWT client. Registering
    // the same certificate again changes nothing. InvalidInput for an unknown or non-JWT client or a bad
    // certificate.
    Result<SimCertificate> registerCertificate(const QString &clientId, const QByteArray &certificate);

    SimHttpResponse handle(const SimHttpRequest &request);

private:
    enum class TokenEndpoint
    {
        V2,
        V3
    };

    SimHttpResponse discovery() const;
    SimHttpResponse clientCredentials(const SimHttpRequest &request, TokenEndpoint endpoint) const;
    SimHttpResponse exchangeJwt(const SimHttpRequest &request) const;
    SimHttpResponse consoleCertificates(const SimHttpRequest &request, const QString &clientId);
    static SimHttpResponse error(int status, const QString &code, const QString &description);
    static SimHttpResponse captivePortal();
    QByteArray accessToken(const SimImsClient &client, const QStringList &scopes) const;
    QString base() const;
    SimImsClient *mutableClient(const QString &clientId);

    SimHttpResponse route(const SimHttpRequest &request);
    QUrl m_baseUrl;
    QList<SimImsClient> m_clients;
    Faults m_faults;
    bool m_jwtConverted = true;
    int m_tokenRequests = 0;
    int m_clockOffsetSeconds = 0;
};

} // namespace bp::sim
