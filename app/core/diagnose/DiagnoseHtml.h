// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "diagnose/DiagnoseTask.h"
#include "diagnose/FleetTask.h"
#include "errors/Result.h"
#include "secrets/SecretString.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

namespace bp {

// What a report may never contain, taken out of every text before it is written (redaction by
// construction: the HTML and the JSON report are made only from a report that went through scrub()).
// Known secrets (the AEM password or token of the run) go wherever they appear; so do values that look like
// secrets whatever their source: Authorization and Cookie header values, bearer tokens, JWTs, PEM private
// keys, AEM-protected {hex} values, Adobe client secrets (p8e-...), password= / secret= / token= pairs.
// With maskHosts, host names and tenant names become stable placeholders (aem-host-1, tenant-1), the same
// for the same name within one report, so a masked report still reproduces.
class ReportScrubber
{
public:
    void addSecret(const SecretString &secret);
    void setMaskHosts(bool mask) { m_maskHosts = mask; }
    // The hosts and tenants to mask, besides any *.brand-portal.adobe.com host found in the text.
    void addHost(const QString &host);
    void addTenant(const QString &tenant);

    QString scrub(const QString &text);
    DiagnoseReport scrub(const DiagnoseReport &report);

private:
    QString placeholder(QHash<QString, QString> &map, const QString &prefix, const QString &name);
    QList<SecretString> m_secrets;
    bool m_maskHosts = false;
    QStringList m_hosts;
    QStringList m_tenants;
    QHash<QString, QString> m_hostNames;
    QHash<QString, QString> m_tenantNames;
};

// The report as plain text (bpsetup diagnose's output, the wizard's Copy summary): the instance, then each
// check with its evidence and, when it did not pass, what to do, then the counts. Pass a scrubbed report.
class DiagnoseText
{
    Q_DECLARE_TR_FUNCTIONS(DiagnoseText)
public:
    static QString statusLabel(VerifyCheck::Status status); // "PASS", "FAIL", "WARN", "SKIP" (translated)
    static QString summary(const DiagnoseReport &report);
};

// One self-contained HTML page (no external resources; inline CSS and SVG; prints well): the summary with
// the connection chain, each link coloured and labelled by its checks' results, then every check with
// evidence and remedy, then the environment facts. Pass a scrubbed report.
class DiagnoseHtml
{
    Q_DECLARE_TR_FUNCTIONS(DiagnoseHtml)
public:
    struct Link
    {
        QString name;       // translated
        QStringList checks; // ids
        VerifyCheck::Status status = VerifyCheck::Skip;
    };
    // The chain AEM author → IMS configuration → Adobe IMS → Brand Portal tenant → agents and queues, with
    // the worst status of each link's checks (fail, warn, pass; skip when none ran).
    static QList<Link> chain(const DiagnoseReport &report);
    // The colour a status is drawn in (always beside its symbol and word, never alone).
    static QString statusColour(VerifyCheck::Status status);
    static QString render(const DiagnoseReport &report, const QDateTime &generatedUtc);
    // The fleet overview: one table of every instance (status, version, state, failing checks) linking to
    // each instance's own report section on the same page. Pass scrubbed reports.
    static QString renderFleet(const QList<FleetResult> &results, const QDateTime &generatedUtc);
    // Writes a report file whole or not at all (Storage error naming the file otherwise).
    static Result<bool> save(const QString &path, const QByteArray &content);
};

} // namespace bp
