// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "errors/Result.h"
#include "net/NetworkSettings.h"

#include <QHash>
#include <QPair>
#include <QString>
#include <QUrl>

namespace bp {

class Clock;

// The one flow for certificates the user trusts explicitly (CLI --trust-fingerprint, the wizard's trust
// dialog): a fingerprint is first used for this session only; it is saved to the trust store only after a
// connection succeeded with exactly that certificate (so a mistyped fingerprint is never remembered), never
// for plain http://, and never into a trust file that could not be read.
class TrustedCertificates
{
public:
    explicit TrustedCertificates(QString trustStorePath);
    TrustedCertificates(QString trustStorePath, Clock &clock);

    // The pins saved earlier, plus a profile's own pin for its host. A damaged or unreadable trust file is
    // reported through problem() and adds nothing.
    void addSavedPins(NetworkSettings &settings, const QUrl &url = QUrl(),
                      const QString &profilePin = QString());
    const Error &problem() const { return m_problem; }

    // InvalidInput for a fingerprint that is not SHA-256, or for a plain http:// address (nothing to pin).
    static Result<QString> checkNewPin(const QUrl &url, const QString &fingerprint);
    // A fingerprint the user gave for one host, as the CLI's --trust-fingerprint takes it: "SHA256" for the
    // command's own server (url), or "HOST[:PORT]=SHA256" for any host it talks to (Adobe IMS, or whatever
    // answers in its place; the port defaults to 443). Returns the host:port key and the pin. InvalidInput
    // for a bad fingerprint or host, or a bare fingerprint when url is plain http:// (or not given).
    static Result<QPair<QString, QString>> parsePinSpec(const QString &spec, const QUrl &url);
    // How to give a certificate to --trust-fingerprint: "HOST:PORT=ab:cd:…" (always right, for every host).
    static QString pinSpec(const QString &hostPort, const QString &sha256);

    // After a connection to url succeeded: saves the pin when the certificate it was accepted for is exactly
    // the one the user gave. Returns true when it was saved, false when there was nothing to save (the
    // system trusts the certificate anyway, or another certificate answered), an Error when saving failed.
    Result<bool> rememberIfUsed(const QUrl &url, const QString &fingerprint,
                                const QHash<QString, QString> &pinsUsed);
    // The same for a host:port key (https only: pins are only ever used for TLS).
    Result<bool> rememberIfUsed(const QString &hostPort, const QString &fingerprint,
                                const QHash<QString, QString> &pinsUsed);

    const QString &path() const { return m_path; }

private:
    QString m_path;
    Clock *m_clock;
    Error m_problem;
};

} // namespace bp
