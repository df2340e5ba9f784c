#pragma once

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace trefoil::ui {

// The outcome of a query or mutation, or one result of a subscription, as a value: the data, the
// GraphQL errors the server reported, or a transport error when no answer came (the connection was
// lost, closed, or never made).
struct GraphqlResult {
    Q_DECLARE_TR_FUNCTIONS(trefoil::ui::GraphqlResult)

public:
    QJsonObject data;
    QJsonArray errors; // GraphQL errors as sent, each an object with a "message"
    QString transportError; // translated; empty when the server answered

    bool isOk() const { return transportError.isEmpty() && errors.isEmpty(); }
    bool isTransportError() const { return !transportError.isEmpty(); }
    // The transport error, or the GraphQL errors' messages one per line; empty when ok.
    QString errorString() const;

    // From a `next` payload {data?, errors?, extensions?}.
    static GraphqlResult fromPayload(const QJsonObject &payload);
    // From an `error` message's GraphQL errors.
    static GraphqlResult fromErrors(const QJsonArray &errors);
    static GraphqlResult transportFailure(const QString &message);
};

} // namespace trefoil::ui

Q_DECLARE_METATYPE(trefoil::ui::GraphqlResult)
