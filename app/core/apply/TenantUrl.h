// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "errors/Result.h"

#include <QString>

namespace bp {

struct TenantUrl
{
    QString tenant; // the one label before .brand-portal.adobe.com
    QString url;    // https://<tenant>.brand-portal.adobe.com (no trailing slash)
};

// Checks a Brand Portal tenant given as a URL or a bare tenant name (domain notes §5.1): https, host
// <tenant>.brand-portal.adobe.com with exactly one label, no path, query or port (a single trailing "/" is
// forgiven), not a downloads-* host. InvalidInput with id "tenant-invalid" / "tenant-download-host" and a
// remedy otherwise.
Result<TenantUrl> parseTenantUrl(const QString &text);

} // namespace bp
