// SPDX-License-Identifier: Apache-2.0
#pragma once

// Owning handles for OpenSSL objects, so every early return frees what it allocated. For the core's own
// OpenSSL users only (crypto, ims, and the simulator's key and certificate code).

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <QByteArray>
#include <QString>

#include <memory>

namespace bp::crypto {

template <auto FreeFn> struct OpenSslDeleter
{
    template <class T> void operator()(T *p) const { FreeFn(p); }
};

using BioPtr = std::unique_ptr<BIO, OpenSslDeleter<&BIO_free_all>>;
using BignumPtr = std::unique_ptr<BIGNUM, OpenSslDeleter<&BN_free>>;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, OpenSslDeleter<&EVP_PKEY_free>>;
using EvpMdCtxPtr = std::unique_ptr<EVP_MD_CTX, OpenSslDeleter<&EVP_MD_CTX_free>>;
using X509Ptr = std::unique_ptr<X509, OpenSslDeleter<&X509_free>>;
using X509ExtensionPtr = std::unique_ptr<X509_EXTENSION, OpenSslDeleter<&X509_EXTENSION_free>>;

// A read-only memory BIO over bytes that must outlive it (no copy, so nothing extra to wipe).
BioPtr memoryBio(const QByteArray &data);

// The oldest queued OpenSSL error as "library: reason" (never key material), then an empty queue, so a
// later, unrelated call does not pick up our leftovers.
QString takeOpenSslError();

// Every queued OpenSSL error after "step", for technical log detail; empties the queue.
QString drainOpenSslErrors(const char *step);

// Converts CRLF and lone CR to LF: keys pasted from Windows editors or mail clients carry CRLF.
QByteArray normalisedPem(const QByteArray &pem);

// Overwrites a buffer that held key text before it is released.
void wipe(QByteArray &bytes);

} // namespace bp::crypto
