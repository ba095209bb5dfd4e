// SPDX-License-Identifier: Apache-2.0
#include "crypto/PrivateKey.h"

#include "crypto/OpenSslHandles.h"

#include <openssl/asn1.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509v3.h>

#include <QList>

#include <cstring>
#include <ctime>
#include <limits>
#include <utility>

namespace bp {

using namespace crypto;

namespace {

constexpr int kMinimumRsaBits = 2048;
constexpr int kGeneratedRsaBits = 2048;
constexpr int kMaxValidityDays = 3650;
constexpr int kSerialBits = 159;         // RFC 5280: positive, at most 20 octets
constexpr int kMaxCommonNameLength = 64; // RFC 5280 ub-common-name

// The labels of all "-----BEGIN <label>-----" lines. Scanned on the bytes so no QString copy of the key is
// made; labels themselves are not secret.
QList<QByteArray> pemLabels(const QByteArray &pem)
{
    static const QByteArray begin = QByteArrayLiteral("-----BEGIN ");
    static const QByteArray dashes = QByteArrayLiteral("-----");
    QList<QByteArray> labels;
    qsizetype from = 0;
    while ((from = pem.indexOf(begin, from)) >= 0) {
        from += begin.size();
        const qsizetype end = pem.indexOf(dashes, from);
        const qsizetype newline = pem.indexOf('\n', from);
        if (end < 0 || (newline >= 0 && newline < end))
            continue;
        QByteArray label = pem.mid(from, end - from).trimmed();
        // Anything but an upper-case word list is not a label we can name in a message.
        bool plain = !label.isEmpty() && label.size() <= 40;
        for (const char c : std::as_const(label))
            plain = plain && ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ');
        labels << (plain ? label : QByteArrayLiteral("?"));
        from = end + dashes.size();
    }
    return labels;
}

bool isPrivateKeyLabel(const QByteArray &label)
{
    return label.endsWith("PRIVATE KEY") && label != "OPENSSH PRIVATE KEY";
}

bool isCertificateLabel(const QByteArray &label)
{
    return label == "CERTIFICATE" || label == "TRUSTED CERTIFICATE" || label == "X509 CERTIFICATE";
}

struct PassphraseRequest
{
    const SecretString *passphrase = nullptr;
    bool asked = false;
};

// Hands OpenSSL the passphrase we were given. Without a callback OpenSSL would prompt on the terminal, which
// must never happen in a wizard or a script; with none given the decode simply fails.
int supplyPassphrase(char *buf, int size, int /*rwflag*/, void *userData)
{
    auto *request = static_cast<PassphraseRequest *>(userData);
    request->asked = true;
    const QByteArray &secret = request->passphrase->revealUtf8();
    if (secret.isEmpty() || secret.size() > size)
        return -1;
    std::memcpy(buf, secret.constData(), static_cast<size_t>(secret.size()));
    return static_cast<int>(secret.size());
}

// For PEM reads that must never ask for a passphrase (certificates are not encrypted).
int refusePassphrase(char *, int, int, void *)
{
    return -1;
}

Error keyError(const QString &message, const QString &detail = QString(), const char *id = "key-invalid")
{
    return Error{ErrorCode::InvalidInput, message, detail}.withId(QString::fromLatin1(id));
}

QString keyTypeName(const EVP_PKEY *key)
{
    const char *name = EVP_PKEY_get0_type_name(key);
    const QString type = name ? QString::fromLatin1(name) : QStringLiteral("unknown");
    if (type == QLatin1String("ED25519"))
        return QStringLiteral("Ed25519");
    if (type == QLatin1String("ED448"))
        return QStringLiteral("Ed448");
    return type;
}

QByteArray readAll(BIO *bio)
{
    const size_t pending = BIO_ctrl_pending(bio);
    if (pending == 0 || pending > static_cast<size_t>(std::numeric_limits<int>::max()))
        return QByteArray();
    QByteArray bytes(static_cast<qsizetype>(pending), Qt::Uninitialized);
    const int read = BIO_read(bio, bytes.data(), static_cast<int>(pending));
    bytes.resize(read > 0 ? read : 0);
    return bytes;
}

SecretString pkcs8Pem(EVP_PKEY *key)
{
    // secmem: the PEM lives in OpenSSL's secure heap when one is set up, and is cleansed when freed.
    BioPtr bio(BIO_new(BIO_s_secmem()));
    if (!bio || PEM_write_bio_PKCS8PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        takeOpenSslError();
        return SecretString();
    }
    // A temporary shares its buffer with the SecretString, so no unwiped copy is left behind.
    return SecretString::fromUtf8(readAll(bio.get()));
}

QString lowerHex(const unsigned char *bytes, unsigned int length)
{
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(bytes), static_cast<qsizetype>(length)).toHex());
}

QString sha256Fingerprint(X509 *cert)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (X509_digest(cert, EVP_sha256(), md, &length) != 1) {
        takeOpenSslError();
        return QString();
    }
    return lowerHex(md, length);
}

QDateTime toDateTime(const ASN1_TIME *time)
{
    struct tm parts
    {
    };
    if (!time || ASN1_TIME_to_tm(time, &parts) != 1) {
        ERR_clear_error();
        return QDateTime();
    }
    return QDateTime(QDate(parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday),
                     QTime(parts.tm_hour, parts.tm_min, parts.tm_sec), Qt::UTC);
}

// A certificate in PEM (any line endings) or DER, as Developer Console accepts both.
Result<X509Ptr> readCertificate(const QByteArray &data)
{
    if (data.trimmed().isEmpty())
        return keyError(PrivateKey::tr("No certificate was given. Use certificate_pub.crt, the file uploaded "
                                       "to Developer Console."));
    if (data.size() > std::numeric_limits<int>::max())
        return keyError(PrivateKey::tr("The certificate file is far too large to be a certificate."));
    ERR_clear_error();
    X509Ptr cert;
    if (data.contains("-----BEGIN ")) {
        QByteArray text = normalisedPem(data);
        const QList<QByteArray> labels = pemLabels(text);
        bool hasCertificate = false;
        bool hasKey = false;
        for (const QByteArray &label : labels) {
            hasCertificate = hasCertificate || isCertificateLabel(label);
            hasKey = hasKey || isPrivateKeyLabel(label);
        }
        if (!hasCertificate) {
            wipe(text);
            if (hasKey)
                return keyError(
                    PrivateKey::tr("This is a private key, not a certificate. Use "
                                   "certificate_pub.crt, the file uploaded to Developer Console."));
            return keyError(
                PrivateKey::tr("This is not a certificate (it has no BEGIN CERTIFICATE line). Use "
                               "certificate_pub.crt, the file uploaded to Developer Console."));
        }
        {
            BioPtr bio = memoryBio(text);
            // _AUX also accepts "BEGIN TRUSTED CERTIFICATE"; other blocks in the file are skipped.
            cert.reset(bio ? PEM_read_bio_X509_AUX(bio.get(), nullptr, &refusePassphrase, nullptr) : nullptr);
        }
        wipe(text); // a combined file may hold a key as well
    } else {
        const auto *der = reinterpret_cast<const unsigned char *>(data.constData());
        cert.reset(d2i_X509(nullptr, &der, static_cast<long>(data.size())));
    }
    if (!cert)
        return keyError(PrivateKey::tr("The certificate could not be read: it is damaged or not an X.509 "
                                       "certificate (PEM or DER)."),
                        takeOpenSslError());
    return Result<X509Ptr>(std::move(cert));
}

} // namespace

struct PrivateKey::Impl
{
    EvpPkeyPtr key;
};

PrivateKey::PrivateKey() = default;
PrivateKey::PrivateKey(PrivateKey &&) noexcept = default;
PrivateKey &PrivateKey::operator=(PrivateKey &&) noexcept = default;
PrivateKey::~PrivateKey() = default;

Result<PrivateKey> PrivateKey::fromPem(const QByteArray &pem, const SecretString &passphrase)
{
    if (pem.trimmed().isEmpty())
        return keyError(
            tr("No private key was given. Paste the contents of private.key or choose the file."));
    if (pem.size() > std::numeric_limits<int>::max())
        return keyError(tr("The private key file is far too large to be a key."));

    QByteArray text = normalisedPem(pem);
    const QList<QByteArray> labels = pemLabels(text);
    if (labels.isEmpty()) {
        wipe(text);
        return keyError(tr("This does not look like a PEM private key. Paste the whole file including the "
                           "BEGIN/END lines (-----BEGIN PRIVATE KEY----- … -----END PRIVATE KEY-----)."));
    }
    bool hasKey = false;
    for (const QByteArray &label : labels)
        hasKey = hasKey || isPrivateKeyLabel(label);
    if (!hasKey) {
        wipe(text);
        for (const QByteArray &label : labels) {
            if (label == "OPENSSH PRIVATE KEY")
                return keyError(tr("This is an OpenSSH key, which cannot be used here. Convert it with "
                                   "\"ssh-keygen -p -m PEM -f FILE\" or generate a new RSA 2048 key pair."));
        }
        for (const QByteArray &label : labels) {
            if (isCertificateLabel(label))
                return keyError(tr("This is a certificate (BEGIN CERTIFICATE), not the private key. Use the "
                                   "private key file (private.key) made together with it."),
                                QString(), "not-a-private-key");
        }
        for (const QByteArray &label : labels) {
            if (label == "PUBLIC KEY" || label == "RSA PUBLIC KEY")
                return keyError(
                    tr("This is a public key, not the private key. Use the private key file "
                       "(private.key). Developer Console never keeps the private key; if it is lost, "
                       "generate a new key pair."));
        }
        return keyError(tr("This is not a private key (it starts with BEGIN %1). Paste the private key file, "
                           "which starts with BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY.")
                            .arg(QString::fromLatin1(labels.first())));
    }
    const bool encrypted = labels.contains(QByteArrayLiteral("ENCRYPTED PRIVATE KEY")) ||
                           text.contains("Proc-Type: 4,ENCRYPTED");

    ERR_clear_error();
    PassphraseRequest request{&passphrase, false};
    EvpPkeyPtr key;
    {
        BioPtr bio = memoryBio(text);
        key.reset(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, &supplyPassphrase, &request) : nullptr);
    }
    wipe(text);
    if (!key) {
        const QString detail = takeOpenSslError();
        if ((request.asked || encrypted) && passphrase.isEmpty())
            return keyError(tr("The private key is protected by a passphrase. Enter the passphrase."), detail,
                            "key-passphrase-required");
        if (request.asked)
            return keyError(tr("The passphrase does not unlock this private key. Check it and try again."),
                            detail, "key-passphrase-wrong");
        return keyError(tr("The private key could not be read: the PEM text is damaged or incomplete. Paste "
                           "the whole file again, including the BEGIN/END lines."),
                        detail);
    }
    if (!EVP_PKEY_is_a(key.get(), "RSA")) {
        const QString type = keyTypeName(key.get());
        ERR_clear_error();
        return keyError(tr("This is an %1 key, but Adobe needs an RSA key (2048 bits or more). Generate a "
                           "new RSA 2048 key pair and upload its certificate to Developer Console.")
                            .arg(type));
    }
    const int bits = EVP_PKEY_get_bits(key.get());
    if (bits < kMinimumRsaBits)
        return keyError(tr("This RSA key has only %1 bits; Adobe needs at least %2. Generate a new RSA 2048 "
                           "key pair and upload its certificate to Developer Console.")
                            .arg(bits)
                            .arg(kMinimumRsaBits));

    PrivateKey result;
    result.d = std::make_unique<Impl>();
    result.d->key = std::move(key);
    return Result<PrivateKey>(std::move(result));
}

bool PrivateKey::isNull() const
{
    return !d || !d->key;
}

int PrivateKey::bits() const
{
    return isNull() ? 0 : EVP_PKEY_get_bits(d->key.get());
}

Result<bool> PrivateKey::matchesCertificate(const QByteArray &certificate) const
{
    if (isNull())
        return Error{ErrorCode::Internal, tr("No private key is loaded."), QStringLiteral("null PrivateKey")};
    auto cert = readCertificate(certificate);
    if (!cert)
        return cert.error();
    const EVP_PKEY *publicKey = X509_get0_pubkey(cert.value().get());
    if (!publicKey)
        return keyError(tr("The certificate's public key could not be read."), takeOpenSslError());
    // 1 equal, 0 different, negative for a different key type: only 1 is a match.
    const bool same = EVP_PKEY_eq(d->key.get(), publicKey) == 1;
    ERR_clear_error();
    return same;
}

Result<QByteArray> PrivateKey::signSha256(const QByteArray &data) const
{
    if (isNull())
        return Error{ErrorCode::Internal, tr("No private key is loaded."), QStringLiteral("null PrivateKey")};
    ERR_clear_error();
    EvpMdCtxPtr ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX *pkeyCtx = nullptr; // owned by ctx
    const auto *input = reinterpret_cast<const unsigned char *>(data.constData());
    const auto inputSize = static_cast<size_t>(data.size());
    size_t length = 0;
    if (!ctx ||
        EVP_DigestSignInit_ex(ctx.get(), &pkeyCtx, "SHA256", nullptr, nullptr, d->key.get(), nullptr) != 1 ||
        EVP_PKEY_CTX_set_rsa_padding(pkeyCtx, RSA_PKCS1_PADDING) <= 0 ||
        EVP_DigestSign(ctx.get(), nullptr, &length, input, inputSize) != 1)
        return Error{ErrorCode::Internal, tr("Signing with the private key failed."), takeOpenSslError()};
    QByteArray signature(static_cast<qsizetype>(length), Qt::Uninitialized);
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &length, input,
                       inputSize) != 1)
        return Error{ErrorCode::Internal, tr("Signing with the private key failed."), takeOpenSslError()};
    signature.resize(static_cast<qsizetype>(length));
    return signature;
}

SecretString PrivateKey::toPkcs8Pem() const
{
    return isNull() ? SecretString() : pkcs8Pem(d->key.get());
}

Result<GeneratedKeyPair> KeyPairGenerator::generate(int days, const QString &commonName)
{
    if (days < 1 || days > kMaxValidityDays)
        return keyError(
            tr("The certificate must be valid for 1 to %1 days (Developer Console's own key pairs "
               "last 365 days).")
                .arg(kMaxValidityDays));
    const QByteArray cn = commonName.trimmed().toUtf8();
    if (cn.isEmpty() || commonName.trimmed().size() > kMaxCommonNameLength)
        return keyError(
            tr("The certificate name (CN) must be 1 to %1 characters.").arg(kMaxCommonNameLength));

    const auto failed = [](const char *step) {
        return Error{ErrorCode::Internal, tr("Could not generate the key pair."),
                     QStringLiteral("%1: %2").arg(QLatin1String(step), takeOpenSslError())};
    };
    ERR_clear_error();
    EvpPkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(kGeneratedRsaBits)));
    if (!key)
        return failed("keygen");

    X509Ptr cert(X509_new());
    BignumPtr serial(BN_new());
    if (!cert || !serial || X509_set_version(cert.get(), X509_VERSION_3) != 1)
        return failed("x509");
    do {
        if (BN_rand(serial.get(), kSerialBits, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1)
            return failed("serial");
    } while (BN_is_zero(serial.get()));
    if (!BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())))
        return failed("serial");

    const QDateTime notBefore = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
    const auto now = static_cast<time_t>(notBefore.toSecsSinceEpoch());
    if (!ASN1_TIME_set(X509_getm_notBefore(cert.get()), now) ||
        !ASN1_TIME_adj(X509_getm_notAfter(cert.get()), now, days, 0))
        return failed("validity");

    X509_NAME *name = X509_get_subject_name(cert.get());
    if (X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char *>(cn.constData()),
                                   static_cast<int>(cn.size()), -1, 0) != 1 ||
        X509_set_issuer_name(cert.get(), name) != 1 || X509_set_pubkey(cert.get(), key.get()) != 1)
        return failed("name");

    // A signing certificate, not a CA: Adobe only uses its public key to check JWT signatures.
    X509V3_CTX v3{};
    X509V3_set_ctx(&v3, cert.get(), cert.get(), nullptr, nullptr, 0);
    const struct
    {
        int nid;
        const char *value;
    } extensions[] = {{NID_basic_constraints, "critical,CA:FALSE"},
                      {NID_key_usage, "critical,digitalSignature"},
                      {NID_subject_key_identifier, "hash"}};
    for (const auto &e : extensions) {
        X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &v3, e.nid, e.value);
        const bool added = ext && X509_add_ext(cert.get(), ext, -1) == 1;
        X509_EXTENSION_free(ext);
        if (!added)
            return failed("extensions");
    }
    if (X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0)
        return failed("sign");

    BioPtr certBio(BIO_new(BIO_s_mem()));
    if (!certBio || PEM_write_bio_X509(certBio.get(), cert.get()) != 1)
        return failed("pem");

    GeneratedKeyPair pair;
    pair.privateKeyPem = pkcs8Pem(key.get());
    pair.certificatePem = readAll(certBio.get());
    pair.notBefore = notBefore;
    pair.notAfter = toDateTime(X509_get0_notAfter(cert.get()));
    pair.sha256 = sha256Fingerprint(cert.get());
    if (pair.privateKeyPem.isEmpty() || pair.certificatePem.isEmpty() || pair.sha256.isEmpty())
        return failed("output");
    return pair;
}

Result<CertificateFacts> CertificateFacts::fromPemOrDer(const QByteArray &data, const QDateTime &now)
{
    auto cert = readCertificate(data);
    if (!cert)
        return cert.error();
    X509 *x509 = cert.value().get();

    CertificateFacts facts;
    BioPtr subject(BIO_new(BIO_s_mem()));
    // RFC 2253 form ("CN=bpsetup,O=…") but with UTF-8 kept readable instead of escaped.
    if (subject && X509_NAME_print_ex(subject.get(), X509_get_subject_name(x509), 0,
                                      XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) >= 0)
        facts.subject = QString::fromUtf8(readAll(subject.get()));
    facts.notAfter = toDateTime(X509_get0_notAfter(x509));
    facts.sha256 = sha256Fingerprint(x509);
    ERR_clear_error();
    if (!facts.notAfter.isValid())
        return keyError(PrivateKey::tr("The certificate's expiry date could not be read."));
    // An expired certificate is reported as expired only, not also as "expiring soon".
    facts.expired = facts.notAfter <= now;
    facts.expiresWithin30Days = !facts.expired && facts.notAfter <= now.addDays(30);
    return facts;
}

} // namespace bp
