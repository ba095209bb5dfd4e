// SPDX-License-Identifier: Apache-2.0
#include "sim/SimCrypto.h"
#include "crypto/OpenSslHandles.h"

#include <QCoreApplication>
#include <QRandomGenerator>

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <ctime>
#include <memory>

namespace bp::sim::SimCrypto {

namespace {

// Shared owning handles (app/core/crypto/OpenSslHandles.h), under the names this file uses.
using PKeyPtr = crypto::EvpPkeyPtr;
using X509Ptr = crypto::X509Ptr;
using BioPtr = crypto::BioPtr;
using BnPtr = crypto::BignumPtr;
using ExtPtr = crypto::X509ExtensionPtr;
using MdCtxPtr = crypto::EvpMdCtxPtr;

Error keygenError(const char *step)
{
    Error e;
    e.code = ErrorCode::Internal;
    e.userMessage = QCoreApplication::translate(
        "Simulator",
        "The simulator could not create its temporary JWT key pair. Check the OpenSSL installation.");
    e.detail = crypto::drainOpenSslErrors(step);
    return e;
}

Error badCertificate(const QString &why, const QString &detail)
{
    Error e;
    e.code = ErrorCode::InvalidInput;
    e.userMessage = why;
    e.detail = detail;
    return e;
}

QByteArray bioContents(BIO *bio)
{
    char *data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    return QByteArray(data, static_cast<qsizetype>(len));
}

QDateTime toDateTime(const ASN1_TIME *time)
{
    std::tm tm{};
    if (!time || ASN1_TIME_to_tm(time, &tm) != 1)
        return {};
    return QDateTime(QDate(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday),
                     QTime(tm.tm_hour, tm.tm_min, tm.tm_sec), Qt::UTC);
}

QString digestHex(X509 *cert, const EVP_MD *md)
{
    unsigned char buf[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (X509_digest(cert, md, buf, &len) != 1)
        return {};
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(buf), static_cast<qsizetype>(len)).toHex());
}

X509Ptr readCertificate(const QByteArray &data)
{
    BioPtr bio(BIO_new_mem_buf(data.constData(), static_cast<int>(data.size())));
    if (!bio)
        return {};
    X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (!cert) {
        // Not PEM: try DER (.cer files are often DER).
        const auto *p = reinterpret_cast<const unsigned char *>(data.constData());
        const unsigned char *start = p;
        cert.reset(d2i_X509(nullptr, &p, static_cast<long>(data.size())));
        // DER must be the whole upload; trailing bytes mean it was something else.
        if (cert && p - start != data.size())
            cert.reset();
    }
    // Failed attempts leave entries on OpenSSL's per-thread queue; never let them leak into later errors.
    ERR_clear_error();
    return cert;
}

bool addExtension(X509 *cert, X509V3_CTX *ctx, int nid, const char *value)
{
    ExtPtr ext(X509V3_EXT_conf_nid(nullptr, ctx, nid, value));
    return ext && X509_add_ext(cert, ext.get(), -1) == 1;
}

SimCertificate describe(X509 *cert, QByteArray pem)
{
    SimCertificate c;
    c.pem = std::move(pem);
    c.sha1 = digestHex(cert, EVP_sha1());
    c.sha256 = digestHex(cert, EVP_sha256());
    c.notBefore = toDateTime(X509_get0_notBefore(cert));
    c.notAfter = toDateTime(X509_get0_notAfter(cert));
    return c;
}

} // namespace

Result<SimRsaIdentity> generateRsaIdentity(const QString &commonName, int validDays)
{
    PKeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(2048)));
    if (!key)
        return keygenError("EVP_PKEY_Q_keygen");

    X509Ptr cert(X509_new());
    if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1)
        return keygenError("X509_new");
    // Random positive serial: two runs never produce certificates a client could confuse.
    BnPtr serial(BN_new());
    if (!serial || BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1 ||
        !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())))
        return keygenError("serial");
    // Backdated an hour so a client with a slightly slow clock does not see a "not yet valid" certificate.
    if (!X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) ||
        !X509_gmtime_adj(X509_getm_notAfter(cert.get()), static_cast<long>(validDays) * 24 * 3600))
        return keygenError("validity");

    const QByteArray cn = commonName.toUtf8();
    X509_NAME *name = X509_get_subject_name(cert.get());
    if (X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char *>(cn.constData()), -1, -1, 0) != 1 ||
        X509_set_issuer_name(cert.get(), name) != 1 || X509_set_pubkey(cert.get(), key.get()) != 1)
        return keygenError("name");
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
    if (!addExtension(cert.get(), &ctx, NID_basic_constraints, "critical,CA:FALSE") ||
        !addExtension(cert.get(), &ctx, NID_key_usage, "critical,digitalSignature") ||
        !addExtension(cert.get(), &ctx, NID_subject_key_identifier, "hash"))
        return keygenError("extensions");
    if (X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0)
        return keygenError("X509_sign");

    BioPtr certBio(BIO_new(BIO_s_mem()));
    // Secure-heap BIO for the key: OpenSSL wipes it on free.
    BioPtr keyBio(BIO_new(BIO_s_secmem()));
    if (!certBio || !keyBio || PEM_write_bio_X509(certBio.get(), cert.get()) != 1 ||
        PEM_write_bio_PKCS8PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return keygenError("PEM");

    SimRsaIdentity identity;
    identity.privateKeyPem = bioContents(keyBio.get());
    identity.certificate = describe(cert.get(), bioContents(certBio.get()));
    return identity;
}

Result<SimCertificate> parseCertificate(const QByteArray &data)
{
    X509Ptr cert = readCertificate(data);
    if (!cert)
        return badCertificate(
            QCoreApplication::translate("Simulator",
                                        "This is not an X.509 certificate. Upload the public certificate "
                                        "(certificate_pub.crt, PEM or DER), not the private key."),
            QStringLiteral("certificate does not parse (%1 bytes)").arg(data.size()));
    const EVP_PKEY *key = X509_get0_pubkey(cert.get());
    if (!key || EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA)
        return badCertificate(QCoreApplication::translate(
                                  "Simulator", "The certificate's key is not an RSA key. Service Account "
                                               "(JWT) credentials need an RSA certificate (RS256)."),
                              QStringLiteral("certificate key is not RSA"));
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509(bio.get(), cert.get()) != 1) {
        Error e;
        e.code = ErrorCode::Internal;
        e.userMessage = QCoreApplication::translate("Simulator", "The certificate could not be stored.");
        e.detail = crypto::drainOpenSslErrors("PEM_write_bio_X509");
        return e;
    }
    return describe(cert.get(), bioContents(bio.get()));
}

bool verifyRs256(const QByteArray &certificatePem, const QByteArray &signingInput,
                 const QByteArray &signature)
{
    const X509Ptr cert = readCertificate(certificatePem);
    if (!cert)
        return false;
    EVP_PKEY *key = X509_get0_pubkey(cert.get());
    if (!key || EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA)
        return false;
    MdCtxPtr ctx(EVP_MD_CTX_new());
    // RSA keys default to PKCS#1 v1.5 padding, which is what RS256 means (RFC 7518 section 3.3).
    const bool ok =
        ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) == 1 &&
        EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(signature.constData()),
                         static_cast<size_t>(signature.size()),
                         reinterpret_cast<const unsigned char *>(signingInput.constData()),
                         static_cast<size_t>(signingInput.size())) == 1;
    // A mismatch is an expected outcome here (several certificates are tried), not an error to report later.
    ERR_clear_error();
    return ok;
}

QByteArray randomBytes(int count)
{
    QByteArray out(count, Qt::Uninitialized);
    QRandomGenerator *rng = QRandomGenerator::system();
    for (char &c : out)
        c = static_cast<char>(rng->bounded(256));
    return out;
}

} // namespace bp::sim::SimCrypto
