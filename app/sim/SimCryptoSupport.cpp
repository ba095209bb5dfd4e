// SPDX-License-Identifier: Apache-2.0
#include "sim/SimCryptoSupport.h"

#include "sim/SimAemPages.h"
#include "sim/SimForm.h"

#include "sim/SimCrypto.h"
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

#include <openssl/evp.h>

#include <memory>

namespace bp::sim {

namespace {

constexpr int KeySize = 32;
constexpr int IvSize = 16;

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

// AES-256-CBC with PKCS#7 padding; a null QByteArray on failure.
QByteArray aes(bool encrypt, const QByteArray &key, const QByteArray &iv, const QByteArray &input)
{
    CipherContext ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    if (!ctx)
        return {};
    const auto *k = reinterpret_cast<const unsigned char *>(key.constData());
    const auto *v = reinterpret_cast<const unsigned char *>(iv.constData());
    if (EVP_CipherInit_ex(ctx.get(), EVP_aes_256_cbc(), nullptr, k, v, encrypt ? 1 : 0) != 1)
        return {};
    QByteArray out(static_cast<qsizetype>(input.size()) + IvSize, Qt::Uninitialized);
    int written = 0;
    if (EVP_CipherUpdate(ctx.get(), reinterpret_cast<unsigned char *>(out.data()), &written,
                         reinterpret_cast<const unsigned char *>(input.constData()),
                         static_cast<int>(input.size())) != 1)
        return {};
    int final = 0;
    if (EVP_CipherFinal_ex(ctx.get(), reinterpret_cast<unsigned char *>(out.data()) + written, &final) != 1)
        return {};
    out.truncate(written + final);
    return out;
}

} // namespace

const QString SimCryptoSupport::Path = QStringLiteral("/system/console/crypto/.json");

SimCryptoSupport::SimCryptoSupport() : m_key(SimCrypto::randomBytes(KeySize)) {}

QString SimCryptoSupport::protect(const QString &datum) const
{
    const QByteArray iv = SimCrypto::randomBytes(IvSize);
    const QByteArray cipher = aes(true, m_key, iv, datum.toUtf8());
    return QLatin1Char('{') + QString::fromLatin1(QByteArray(iv + cipher).toHex()) + QLatin1Char('}');
}

QString SimCryptoSupport::unprotect(const QString &value, bool *ok) const
{
    *ok = false;
    if (const auto it = m_adopted.constFind(value); it != m_adopted.constEnd()) {
        *ok = true;
        return it.value();
    }
    if (!value.startsWith(QLatin1Char('{')) || !value.endsWith(QLatin1Char('}')))
        return {};
    const QString hex = value.mid(1, value.size() - 2);
    for (const QChar c : hex) {
        if (!c.isDigit() && !(c >= QLatin1Char('a') && c <= QLatin1Char('f')))
            return {};
    }
    const QByteArray raw = QByteArray::fromHex(hex.toLatin1());
    if (raw.size() < 2 * IvSize || raw.size() % IvSize != 0)
        return {};
    const QByteArray plain = aes(false, m_key, raw.left(IvSize), raw.mid(IvSize));
    if (plain.isNull())
        return {};
    *ok = true;
    return QString::fromUtf8(plain);
}

void SimCryptoSupport::adopt(const QString &protectedValue, const QString &plain)
{
    m_adopted.insert(protectedValue, plain);
}

SimHttpResponse SimCryptoSupport::post(const SimHttpRequest &request) const
{
    const SimFormFields fields = simFormFields(request);
    const auto datum = fields.constFind(QStringLiteral("datum"));
    if (datum == fields.constEnd())
        return SimHttpResponse::html(400, SimAemPages::forbidden(QStringLiteral("Missing datum.")));
    QJsonObject answer;
    answer.insert(QStringLiteral("protected"), protect(datum.value()));
    return SimHttpResponse::json(200, QJsonDocument(answer).toJson(QJsonDocument::Compact));
}

} // namespace bp::sim
