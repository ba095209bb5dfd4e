// SPDX-License-Identifier: Apache-2.0
#include "i18n/DisplayFormat.h"

#include <QCoreApplication>

namespace bp {

namespace {

// One translation context for the file, spelled the same for lupdate and at run time.
class Text
{
    Q_DECLARE_TR_FUNCTIONS(bp::DisplayFormat)
};

// Both English forms spelled out rather than "%n hour(s)" plurals, which need an English translation loaded
// to read well (tests and embedders have none); see formatSeconds.
QString seconds(qint64 n)
{
    return n == 1 ? Text::tr("1 second") : Text::tr("%1 seconds").arg(n);
}

QString minutes(qint64 n)
{
    return n == 1 ? Text::tr("1 minute") : Text::tr("%1 minutes").arg(n);
}

QString hours(qint64 n)
{
    return n == 1 ? Text::tr("1 hour") : Text::tr("%1 hours").arg(n);
}

QString days(qint64 n)
{
    return n == 1 ? Text::tr("1 day") : Text::tr("%1 days").arg(n);
}

// A larger unit, then a smaller one: "1 hour 30 minutes", "2 days 6 hours".
QString twoUnits(const QString &larger, const QString &smaller)
{
    return Text::tr("%1 %2").arg(larger, smaller);
}

// Rounds a / b to the nearest whole number, halves up (both positive).
qint64 roundedDiv(qint64 a, qint64 b)
{
    return (a + b / 2) / b;
}

} // namespace

QString formatDuration(qint64 totalSeconds)
{
    const qint64 s = qMax<qint64>(0, totalSeconds);
    if (s < 60)
        return seconds(s);
    const qint64 totalMinutes = roundedDiv(s, 60);
    if (totalMinutes < 60)
        return minutes(totalMinutes);
    if (totalMinutes < 48 * 60) {
        const qint64 m = totalMinutes % 60;
        return m == 0 ? hours(totalMinutes / 60) : twoUnits(hours(totalMinutes / 60), minutes(m));
    }
    const qint64 totalHours = roundedDiv(s, 3600);
    const qint64 h = totalHours % 24;
    return h == 0 ? days(totalHours / 24) : twoUnits(days(totalHours / 24), hours(h));
}

QString httpReasonPhrase(int status)
{
    struct Phrase
    {
        int status;
        const char *text;
    };
    // RFC 9110 section 15 (and 6585 for 428, 429, 431, 511; 7725 for 451).
    static constexpr Phrase phrases[] = {
        {100, "Continue"},
        {101, "Switching Protocols"},
        {200, "OK"},
        {201, "Created"},
        {202, "Accepted"},
        {203, "Non-Authoritative Information"},
        {204, "No Content"},
        {205, "Reset Content"},
        {206, "Partial Content"},
        {300, "Multiple Choices"},
        {301, "Moved Permanently"},
        {302, "Found"},
        {303, "See Other"},
        {304, "Not Modified"},
        {305, "Use Proxy"},
        {307, "Temporary Redirect"},
        {308, "Permanent Redirect"},
        {400, "Bad Request"},
        {401, "Unauthorized"},
        {402, "Payment Required"},
        {403, "Forbidden"},
        {404, "Not Found"},
        {405, "Method Not Allowed"},
        {406, "Not Acceptable"},
        {407, "Proxy Authentication Required"},
        {408, "Request Timeout"},
        {409, "Conflict"},
        {410, "Gone"},
        {411, "Length Required"},
        {412, "Precondition Failed"},
        {413, "Content Too Large"},
        {414, "URI Too Long"},
        {415, "Unsupported Media Type"},
        {416, "Range Not Satisfiable"},
        {417, "Expectation Failed"},
        {421, "Misdirected Request"},
        {422, "Unprocessable Content"},
        {423, "Locked"},
        {424, "Failed Dependency"},
        {425, "Too Early"},
        {426, "Upgrade Required"},
        {428, "Precondition Required"},
        {429, "Too Many Requests"},
        {431, "Request Header Fields Too Large"},
        {451, "Unavailable For Legal Reasons"},
        {500, "Internal Server Error"},
        {501, "Not Implemented"},
        {502, "Bad Gateway"},
        {503, "Service Unavailable"},
        {504, "Gateway Timeout"},
        {505, "HTTP Version Not Supported"},
        {507, "Insufficient Storage"},
        {511, "Network Authentication Required"},
    };
    for (const Phrase &p : phrases) {
        if (p.status == status)
            return QString::fromLatin1(p.text);
    }
    return QString();
}

QString httpStatusText(int status)
{
    const QString reason = httpReasonPhrase(status);
    // The protocol's own words: not translated (they are what a server log and a proxy show).
    return reason.isEmpty() ? QStringLiteral("HTTP %1").arg(status)
                            : QStringLiteral("HTTP %1 %2").arg(status).arg(reason);
}

} // namespace bp
