// SPDX-License-Identifier: Apache-2.0
#include "crypto/OpenSslHandles.h"

#include <openssl/crypto.h>
#include <openssl/err.h>

#include <limits>

namespace bp::crypto {

BioPtr memoryBio(const QByteArray &data)
{
    if (data.size() > std::numeric_limits<int>::max())
        return BioPtr();
    return BioPtr(BIO_new_mem_buf(data.constData(), static_cast<int>(data.size())));
}

QString drainOpenSslErrors(const char *step)
{
    QByteArray detail = step;
    unsigned long code = 0;
    while ((code = ERR_get_error()) != 0) {
        char buf[256];
        ERR_error_string_n(code, buf, sizeof buf);
        detail += QByteArrayLiteral(": ") + buf;
    }
    return QString::fromLatin1(detail);
}

QString takeOpenSslError()
{
    const unsigned long code = ERR_peek_error();
    QString text;
    if (code != 0) {
        const char *lib = ERR_lib_error_string(code);
        const char *reason = ERR_reason_error_string(code);
        text = QStringLiteral("%1: %2").arg(QString::fromUtf8(lib ? lib : "OpenSSL"),
                                            reason ? QString::fromUtf8(reason)
                                                   : QStringLiteral("error %1").arg(ERR_GET_REASON(code)));
    }
    ERR_clear_error();
    return text;
}

QByteArray normalisedPem(const QByteArray &pem)
{
    QByteArray out;
    out.reserve(pem.size());
    for (qsizetype i = 0; i < pem.size(); ++i) {
        const char c = pem.at(i);
        if (c == '\r') {
            out.append('\n');
            if (i + 1 < pem.size() && pem.at(i + 1) == '\n')
                ++i;
        } else {
            out.append(c);
        }
    }
    return out;
}

void wipe(QByteArray &bytes)
{
    // Only a buffer we own alone may be overwritten; a shared one belongs to the caller as well.
    if (!bytes.isEmpty() && bytes.isDetached())
        OPENSSL_cleanse(bytes.data(), static_cast<size_t>(bytes.size()));
    bytes.clear();
}

} // namespace bp::crypto
