#include "ui/client/graphqldocuments.h"

#include <QFile>

namespace trefoil::ui {

QString GraphqlDocuments::load(QLatin1StringView name)
{
    QFile file(QStringLiteral(":/trefoil/graphql/") + name + QStringLiteral(".graphql"));
    const bool opened = file.open(QIODevice::ReadOnly);
    Q_ASSERT_X(opened, "GraphqlDocuments::load", "a GraphQL document is missing from the resources");
    return opened ? QString::fromUtf8(file.readAll()) : QString();
}

GraphqlRequest GraphqlDocuments::request(QLatin1StringView name, const QJsonObject &variables)
{
    return { load(name), variables, {} };
}

} // namespace trefoil::ui
