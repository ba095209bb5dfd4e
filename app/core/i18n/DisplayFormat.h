// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace bp {

// Values as the wizard and the CLI show them to people (JSON keeps its own machine formats: seconds, ISO
// dates, bare hex). Certificate fingerprints and dates: CertificateInfo::displayFingerprint/displayTime;
// timeouts: formatSeconds (net/HttpClient.h).

// A length of time such as a token lifetime or a clock difference, in the largest units that read well:
// - under a minute: seconds ("1 second", "45 seconds");
// - under an hour: minutes, rounded to the nearest minute ("1 minute", "59 minutes");
// - under 48 hours: hours and minutes, rounded to the nearest minute, minutes left out when 0 ("24 hours"
//   for IMS's 86399 seconds, "1 hour 30 minutes");
// - from 48 hours: days and hours, rounded to the nearest hour, hours left out when 0 ("14 days",
//   "2 days 6 hours").
// Halves round up; rounding may carry into the next unit (3599 seconds is "1 hour"). Negative values are 0.
QString formatDuration(qint64 seconds);

// "HTTP 503 Service Unavailable": the status code and its standard reason phrase (RFC 9110; the server's own
// phrase is not shown, it can say anything). A code without a standard phrase is "HTTP 599".
QString httpStatusText(int status);
// The standard reason phrase of an HTTP status code, empty when it has none.
QString httpReasonPhrase(int status);

} // namespace bp
