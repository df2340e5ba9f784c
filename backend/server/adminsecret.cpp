#include "backend/server/adminsecret.h"

#include <QCryptographicHash>

namespace trefoil::server {

namespace {
constexpr QByteArrayView SecretHeader = "x-hasura-admin-secret";
constexpr QByteArrayView LegacySecretHeader = "x-hasura-access-key";

QByteArray digestOf(QByteArrayView data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256);
}
} // namespace

AdminSecret::AdminSecret(const QString &secret)
{
    if (!secret.isEmpty())
        m_digest = digestOf(secret.toUtf8());
}

bool AdminSecret::accepts(QByteArrayView presented) const
{
    if (!isRequired())
        return true;
    // Comparing fixed-size digests byte by byte without an early exit hides both where the
    // strings differ and how long the secret is.
    const QByteArray given = digestOf(presented);
    unsigned char difference = 0;
    for (qsizetype i = 0; i < given.size(); ++i)
        difference |= static_cast<unsigned char>(given.at(i) ^ m_digest.at(i));
    return difference == 0;
}

QByteArray AdminSecret::presentedBy(const HttpRequest &request)
{
    return request.hasHeader(SecretHeader) ? request.header(SecretHeader) : request.header(LegacySecretHeader);
}

QByteArray AdminSecret::presentedBy(const QJsonObject &headers)
{
    QByteArray legacy;
    for (auto it = headers.begin(); it != headers.end(); ++it) {
        const QByteArray name = it.key().toLatin1().toLower();
        if (!it.value().isString())
            continue;
        if (name == SecretHeader)
            return it.value().toString().toUtf8();
        if (name == LegacySecretHeader)
            legacy = it.value().toString().toUtf8();
    }
    return legacy;
}

} // namespace trefoil::server
