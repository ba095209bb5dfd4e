// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "credentials/Credential.h"
#include "crypto/PrivateKey.h"
#include "errors/Result.h"
#include "net/NetworkSettings.h"

#include <QCoreApplication>
#include <QObject>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;

namespace bp {

// What IMS (or the tool, for local problems) said, in words a person can act on.
struct ImsProblem
{
    QString
        code; // IMS's "error" verbatim (invalid_client, ...), or the tool's own (timeout, html-answer, ...)
    QString message;        // translated: what is wrong
    QString remedy;         // translated: what to do in Developer Console (or locally)
    QString imsDescription; // error_description verbatim, when IMS sent one
    QString debugId;        // x-debug-id header, for Adobe support
    int httpStatus = 0;
};

struct ValidationOutcome
{
    bool ok = false;
    CredentialKind method = CredentialKind::Unknown;
    QString clientId;
    QString orgId;
    QString tokenType;
    qint64 expiresInSeconds = 0; // normalised: JWT exchange reports ms, OAuth S2S seconds
    int secretIndexUsed = -1;    // which client secret IMS accepted
    qint64 clockSkewSeconds = 0; // local clock minus IMS Date header (positive: local is ahead)
    bool clockSkewKnown = false;
    // False when what answered was not IMS deciding on the credential: HTML from a proxy or captive portal,
    // or 5xx/429 until the retries ran out. The CLI reports those as "could not reach IMS" (exit 3).
    bool imsDecided = true;
    ImsProblem problem; // when !ok
};

// The IMS side of validation: OAuth S2S client-credentials (/ims/token/v3) or the JWT exchange
// (/ims/exchange/jwt). Cancellable, explicit timeouts, bounded retries with back-off on 5xx/429/network.
class ImsValidator : public QObject
{
    Q_OBJECT
public:
    explicit ImsValidator(QNetworkAccessManager *nam, QObject *parent = nullptr);
    ~ImsValidator() override;

    // Default https://ims-na1.adobelogin.com; plain http only for loopback hosts.
    static Result<QUrl> parseImsUrl(const QString &text);
    static QUrl defaultImsUrl();

    void setNetworkSettings(const NetworkSettings &settings);
    void setMaxAttempts(int attempts); // per request, default 3
    void setRetryBaseDelayMs(int ms);  // default 500, doubled per retry, honours Retry-After

    // key is required for JWT (pass a null PrivateKey for OAuth S2S).
    void start(const Credential &credential, const PrivateKey *key, const QUrl &imsUrl);
    void cancel();
    bool isRunning() const;

    // Error only for local problems before/around the exchange (InvalidInput, Cancelled, Network, Timeout,
    // Tls); an IMS rejection is a successful run with outcome.ok == false.
    const Result<ValidationOutcome> &result() const;

    // Maps an IMS error answer to a plain-language cause and the Developer Console fix (adobe-ims.md §9).
    static ImsProblem explain(int httpStatus, const QString &error, const QString &description,
                              CredentialKind kind, qint64 clockSkewSeconds, bool clockSkewKnown);

signals:
    void progress(const QString &message);
    void finished();

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace bp
