#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace trefoil::ui {

// A trigger as the trigger editor edits it, and its translation to and from the create_event_trigger
// arguments the API takes (and trefoil_trigger_stats gives back as "definition"). What the editor
// does not show (update values, payload columns, max_concurrency, jitter …) is carried over
// unchanged from the definition it was opened with.
struct TriggerDraft {
    Q_DECLARE_TR_FUNCTIONS(trefoil::ui::TriggerDraft)

public:
    enum class HandlerKind { Builtin, Webhook };
    enum class Backoff { Fixed, Exponential };
    struct Header {
        QString name;
        QString value; // the value, or the server's environment variable holding it
        bool fromEnvironment = false; // sent as value_from_env: secrets stay on the server
    };

    QString name;
    QString schema = QStringLiteral("public");
    QString table;
    bool onInsert = true;
    bool onUpdate = false;
    bool onDelete = false;
    bool onManual = true;
    // The columns whose change fires an update; empty: every column.
    QStringList updateColumns;
    HandlerKind handlerKind = HandlerKind::Builtin;
    QString builtin;
    QString webhook;
    QList<Header> headers;
    int numRetries = 3;
    int intervalSeconds = 10;
    int timeoutSeconds = 60;
    Backoff backoff = Backoff::Fixed;
    QJsonObject original; // the definition it was made from; its other keys are kept

    // From a definition (Hasura create_event_trigger arguments); keys it lacks keep the defaults.
    static TriggerDraft fromDefinition(const QJsonObject &definition);
    QJsonObject toDefinition() const;
    // What is wrong, as a person reads it; empty when the draft can be sent.
    QString validate() const;
};

} // namespace trefoil::ui
