// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace bp {

// Who is on the other end, for messages that say what to check ("is AEM running on 4502" makes no sense for
// Adobe IMS) and for the certificate a server presented (trusting "your AEM instance" or "Adobe IMS").
enum class PeerKind
{
    Aem,
    Ims,
    Other
};

} // namespace bp
