// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "credentials/Credential.h"
#include "crypto/PrivateKey.h"
#include "errors/Result.h"
#include "net/NetworkSettings.h"
#include "tasks/Task.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <memory>

namespace bp {

class Clock;
class ClockTimer;
class HttpClient;
class HttpJob;

// What a validation run learnt, whatever its end.
struct ValidationOutcome
{
    bool ok = false; // IMS issued a token (never kept)
    CredentialKind method = CredentialKind::Unknown;
    QString clientId;
    QString orgId;
    QString tokenType;
    qint64 expiresInSeconds = 0; // normalised: JWT exchange reports ms, OAuth S2S seconds
    int secretIndexUsed = -1;    // which client secret IMS accepted
    qint64 clockSkewSeconds = 0; // local clock minus IMS Date header (positive: local is ahead)
    bool clockSkewKnown = false;
    QString imsDescription; // error_description verbatim, when IMS sent one
    QString debugId;        // x-debug-id header, for Adobe support
};

// The IMS side of validation, as a Task: OAuth S2S client-credentials (/ims/token/v3) or the JWT exchange
// (/ims/exchange/jwt), with explicit timeouts and bounded retries with back-off on 5xx, 429 and network
// errors (timed by the injected clock). Succeeds when IMS issued a token. Fails with:
// - Rejected: IMS decided against the credential (id = IMS's error code verbatim, e.g. "invalid_client");
// - NotIms: something else answered (HTML from a proxy or captive portal, JSON without a token);
// - Http: IMS kept failing (5xx/429) after the retries;
// - InvalidInput, Network, Timeout, Tls, Cancelled: local or transport problems.
// Every failure has a remedy. outcome() is filled in either way (clock skew, debug id).
class ImsValidator : public Task
{
    Q_OBJECT
public:
    explicit ImsValidator(QObject *parent = nullptr);
    explicit ImsValidator(Clock &clock, QObject *parent = nullptr);
    ~ImsValidator() override;

    // Default https://ims-na1.adobelogin.com; plain http only for loopback hosts.
    static Result<QUrl> parseImsUrl(const QString &text);
    static QUrl defaultImsUrl();

    // Before start(). key is needed for JWT only (null for OAuth S2S); the JWT is signed in start() and the
    // key is not kept.
    void setCredential(const Credential &credential, const PrivateKey *key, const QUrl &imsUrl);
    void setNetworkSettings(const NetworkSettings &settings);
    void setMaxAttempts(int attempts); // per request, default 3
    void setRetryBaseDelayMs(int ms);  // default 500, doubled per retry, honours Retry-After (max 30 s)

    const ValidationOutcome &outcome() const { return m_outcome; }
    // host:port -> pinned fingerprint, for the answers IMS (or what stands in its place) gave only because
    // the user trusted exactly that certificate: what TrustedCertificates::rememberIfUsed() saves after
    // success. A failure for an untrusted certificate carries it in error().certificate.
    QHash<QString, QString> pinsUsed() const;

    // Maps an IMS error answer to a plain-language cause and the Developer Console fix (adobe-ims.md §9):
    // a Rejected error (Http for 5xx/429) whose id is IMS's error code.
    static Error explain(int httpStatus, const QString &error, const QString &description,
                         CredentialKind kind, qint64 clockSkewSeconds, bool clockSkewKnown);

protected:
    void run() override;
    bool abort() override;

private:
    QUrl endpoint() const;
    void send();
    bool retryLater(const QString &why, int retryAfterSeconds);
    void onJobFinished();
    void noteClock(const QByteArray &dateHeader);
    void wipe();

    Clock *m_clock;
    NetworkSettings m_settings;
    int m_maxAttempts = 3;
    int m_retryBaseDelayMs = 500;
    Credential m_credential;
    const PrivateKey *m_key = nullptr;
    QUrl m_imsUrl;
    QByteArray m_signedJwt; // a bearer credential for a few minutes: wiped when done
    std::unique_ptr<HttpClient> m_client;
    QPointer<HttpJob> m_job;
    std::unique_ptr<ClockTimer> m_retryTimer;
    int m_secretIndex = 0;
    int m_attempt = 0;
    ValidationOutcome m_outcome;
};

} // namespace bp
