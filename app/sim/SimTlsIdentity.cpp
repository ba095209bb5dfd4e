// SPDX-License-Identifier: Apache-2.0
#include "sim/SimTlsIdentity.h"
#include "crypto/OpenSslHandles.h"

#include <QCoreApplication>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace bp::sim {

namespace {

// Shared owning handles (app/core/crypto/OpenSslHandles.h), under the names this file uses.
using PKeyPtr = crypto::EvpPkeyPtr;
using X509Ptr = crypto::X509Ptr;
using BioPtr = crypto::BioPtr;
using BnPtr = crypto::BignumPtr;
using ExtPtr = crypto::X509ExtensionPtr;

Error tlsError(const char *step)
{
    Error e;
    e.code = ErrorCode::Internal;
    e.userMessage = QCoreApplication::translate(
        "Simulator", "The simulator could not create its temporary TLS certificate. "
                     "Run it without TLS or check the OpenSSL installation.");
    // OpenSSL's error queue for the log; the user only needs to know the simulator could not start.
    e.detail = crypto::drainOpenSslErrors(step);
    return e;
}

bool addExtension(X509 *cert, X509V3_CTX *ctx, int nid, const char *value)
{
    ExtPtr ext(X509V3_EXT_conf_nid(nullptr, ctx, nid, value));
    return ext && X509_add_ext(cert, ext.get(), -1) == 1;
}

QByteArray bioContents(BIO *bio)
{
    char *data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    return QByteArray(data, static_cast<qsizetype>(len));
}

} // namespace

Result<SimTlsIdentity> SimTlsIdentity::generate()
{
    PKeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    if (!key)
        return tlsError("EVP_PKEY_Q_keygen");

    X509Ptr cert(X509_new());
    if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1)
        return tlsError("X509_new");

    // A random positive 127-bit serial: unique per run, so clients never mix up two simulator certificates.
    BnPtr serial(BN_new());
    if (!serial || BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1 ||
        !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())))
        return tlsError("serial");

    // Valid from an hour ago to tolerate small clock differences, for 30 days.
    if (!X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) ||
        !X509_gmtime_adj(X509_getm_notAfter(cert.get()), 30L * 24 * 3600))
        return tlsError("validity");

    X509_NAME *name = X509_get_subject_name(cert.get());
    const auto *cn = reinterpret_cast<const unsigned char *>("bpsetup simulator");
    if (X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, cn, -1, -1, 0) != 1 ||
        X509_set_issuer_name(cert.get(), name) != 1 || X509_set_pubkey(cert.get(), key.get()) != 1)
        return tlsError("name");

    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
    // CA:TRUE lets users and tests pass this very certificate as the trusted CA file.
    if (!addExtension(cert.get(), &ctx, NID_basic_constraints, "critical,CA:TRUE") ||
        !addExtension(cert.get(), &ctx, NID_key_usage, "critical,digitalSignature,keyCertSign") ||
        !addExtension(cert.get(), &ctx, NID_ext_key_usage, "serverAuth") ||
        !addExtension(cert.get(), &ctx, NID_subject_key_identifier, "hash") ||
        !addExtension(cert.get(), &ctx, NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1"))
        return tlsError("extensions");

    if (X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0)
        return tlsError("X509_sign");

    BioPtr certBio(BIO_new(BIO_s_mem()));
    // Secure-heap BIO for the key: OpenSSL wipes it on free.
    BioPtr keyBio(BIO_new(BIO_s_secmem()));
    if (!certBio || !keyBio || PEM_write_bio_X509(certBio.get(), cert.get()) != 1 ||
        PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return tlsError("PEM");

    SimTlsIdentity identity;
    identity.m_certificate = QSslCertificate(bioContents(certBio.get()), QSsl::Pem);
    QByteArray keyPem = bioContents(keyBio.get());
    identity.m_privateKey = QSslKey(keyPem, QSsl::Ec, QSsl::Pem, QSsl::PrivateKey);
    // Overwrite our copy of the PEM; the key lives on only inside QSslKey.
    keyPem.fill('\0');
    if (identity.m_certificate.isNull() || identity.m_privateKey.isNull())
        return tlsError("QSslCertificate/QSslKey");
    return identity;
}

} // namespace bp::sim
