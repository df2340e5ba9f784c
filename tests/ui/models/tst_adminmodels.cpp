// The Triggers and Functions pages' models under QAbstractItemModelTester with seeded random
// successive results (rows come, go, change and reorder), their words and numbers as people read
// them; the trigger editor's draft to and from create_event_trigger arguments (keeping what the
// editor does not show) and its validation; the table catalog read from introspection answers and
// the Fire manually rows query.
#include "ui/client/tablecatalog.h"
#include "ui/models/functionstatsmodel.h"
#include "ui/models/triggerdraft.h"
#include "ui/models/triggerstatsmodel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

using namespace trefoil::ui;

namespace {

QJsonObject triggerStats(int n, int delivered, bool paused = false, bool enabled = true)
{
    return { { QStringLiteral("name"), QStringLiteral("trigger-%1").arg(n) },
        { QStringLiteral("table"), QStringLiteral("public.orders") },
        { QStringLiteral("operations"), QJsonArray { QStringLiteral("insert"), QStringLiteral("manual") } },
        { QStringLiteral("handler_kind"), n % 2 ? QStringLiteral("builtin") : QStringLiteral("webhook") },
        { QStringLiteral("handler"), n % 2 ? QStringLiteral("payment") : QStringLiteral("http://127.0.0.1:9/hook") },
        { QStringLiteral("enabled"), enabled }, { QStringLiteral("paused"), paused },
        { QStringLiteral("delivered"), delivered }, { QStringLiteral("failed"), n }, { QStringLiteral("dead"), 1 },
        { QStringLiteral("pending"), 4 }, { QStringLiteral("in_flight"), 2 },
        { QStringLiteral("rate"), delivered / 60.0 }, { QStringLiteral("definition"), QJsonObject() } };
}

QJsonObject functionStats(int n, int calls, const QJsonValue &fault)
{
    return { { QStringLiteral("name"), QStringLiteral("function-%1").arg(n) }, { QStringLiteral("calls"), calls },
        { QStringLiteral("errors"), calls / 4 }, { QStringLiteral("rate"), calls / 60.0 },
        { QStringLiteral("error_rate"), calls ? 0.25 : 0.0 }, { QStringLiteral("avg_ms"), 12.4 },
        { QStringLiteral("p95_ms"), 40 }, { QStringLiteral("fault"), fault } };
}

QJsonObject fault(double rate, int latency, bool timeout, bool alwaysFail)
{
    return { { QStringLiteral("failure_rate"), rate }, { QStringLiteral("latency_ms"), latency },
        { QStringLiteral("timeout"), timeout }, { QStringLiteral("always_fail"), alwaysFail } };
}

QJsonObject parse(const char *json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

class TestAdminModels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void triggerStatsUnderTheTester()
    {
        TriggerStatsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.columnCount(), int(TriggerStatsModel::ColumnCount));
        QRandomGenerator random(1414);
        for (int round = 0; round < 60; ++round) {
            QJsonArray stats;
            for (int n = 0; n < 12; ++n) {
                if (random.bounded(4) != 0)
                    stats.append(triggerStats(n, random.bounded(3) * 60, random.bounded(2), random.bounded(5) != 0));
            }
            if (random.bounded(3) == 0) {
                QJsonArray reversed;
                for (auto it = stats.size(); it > 0; --it)
                    reversed.append(stats.at(it - 1));
                stats = reversed;
            }
            model.setStats(stats);
            QCOMPARE(model.rowCount(), stats.size());
            for (int row = 0; row < stats.size(); ++row)
                QCOMPARE(model.nameAt(row), stats.at(row).toObject().value(QStringLiteral("name")).toString());
        }
    }

    void triggerStatsAsPeopleReadThem()
    {
        TriggerStatsModel model;
        model.setStats({ triggerStats(1, 90, true), triggerStats(2, 0, false, false), triggerStats(3, 6) });
        const auto text = [&model](int row, int column) { return model.index(row, column).data().toString(); };
        QCOMPARE(text(0, TriggerStatsModel::NameColumn), QStringLiteral("trigger-1"));
        QCOMPARE(text(0, TriggerStatsModel::OperationsColumn), QStringLiteral("insert, manual"));
        QCOMPARE(text(0, TriggerStatsModel::HandlerColumn), QStringLiteral("built-in: payment"));
        QCOMPARE(text(1, TriggerStatsModel::HandlerColumn), QStringLiteral("http://127.0.0.1:9/hook"));
        QCOMPARE(text(0, TriggerStatsModel::StateColumn), QStringLiteral("Paused"));
        QCOMPARE(text(1, TriggerStatsModel::StateColumn), QStringLiteral("Disabled"));
        QCOMPARE(text(2, TriggerStatsModel::StateColumn), QStringLiteral("Active"));
        QCOMPARE(text(0, TriggerStatsModel::RateColumn), QStringLiteral("1.5"));
        QCOMPARE(text(0, TriggerStatsModel::BacklogColumn), QStringLiteral("6"));
        QCOMPARE(text(0, TriggerStatsModel::DeadColumn), QStringLiteral("1"));
        // "%n event(s)": without the English translation loaded, the source text.
        QVERIFY(model.index(0, TriggerStatsModel::RateColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .startsWith(QStringLiteral("90 event")));
        QCOMPARE(model.trigger(QStringLiteral("trigger-3")).value(QStringLiteral("delivered")).toInt(), 6);
        QVERIFY(model.trigger(QStringLiteral("nope")).isEmpty());

        // A refresh where only the rate changed is one row's dataChanged, not a reset.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setStats({ triggerStats(1, 90, true), triggerStats(2, 0, false, false), triggerStats(3, 12) });
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), 2);
        QCOMPARE(reset.size(), 0);
    }

    void functionStatsUnderTheTester()
    {
        FunctionStatsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QRandomGenerator random(2525);
        for (int round = 0; round < 60; ++round) {
            QJsonArray stats;
            for (int n = 0; n < 6; ++n) {
                if (random.bounded(5) != 0)
                    stats.append(functionStats(n, random.bounded(4) * 60,
                        random.bounded(3) ? QJsonValue(fault(random.bounded(2) * 0.3, 0, false, false))
                                          : QJsonValue(QJsonValue::Null)));
            }
            model.setStats(stats);
            QCOMPARE(model.rowCount(), stats.size());
        }
    }

    void functionStatsAsPeopleReadThem()
    {
        QCOMPARE(FunctionStatsModel::faultText(QJsonValue::Null), QStringLiteral("not available"));
        QCOMPARE(FunctionStatsModel::faultText(fault(0, 0, false, false)), QStringLiteral("none"));
        QCOMPARE(FunctionStatsModel::faultText(fault(0.3, 250, true, true)),
            QStringLiteral("fails 30 % · +250 ms · times out · always fails"));
        FunctionStatsModel model;
        model.setStats({ functionStats(1, 120, fault(0.5, 0, false, false)) });
        const auto text = [&model](int column) { return model.index(0, column).data().toString(); };
        QCOMPARE(text(FunctionStatsModel::NameColumn), QStringLiteral("function-1"));
        QCOMPARE(text(FunctionStatsModel::RateColumn), QStringLiteral("2.0"));
        QCOMPARE(text(FunctionStatsModel::ErrorRateColumn), QStringLiteral("25.0 %"));
        QCOMPARE(text(FunctionStatsModel::AverageColumn), QStringLiteral("12 ms"));
        QCOMPARE(text(FunctionStatsModel::P95Column), QStringLiteral("40 ms"));
        QCOMPARE(text(FunctionStatsModel::FaultColumn), QStringLiteral("fails 50 %"));
        QCOMPARE(model.index(0, FunctionStatsModel::RateColumn).data(Qt::ToolTipRole).toString(),
            QStringLiteral("120 calls, 30 failed, in the window"));
    }

    void draftRoundTripKeepsWhatTheEditorDoesNotShow()
    {
        const QJsonObject definition = parse(R"({"name": "payment", "table": {"schema": "public", "name": "orders"},
            "update": {"columns": ["status"], "values": {"status": ["validated"]}, "payload": ["id", "status"]},
            "handler": {"builtin": "payment"}, "enable_manual": false, "max_concurrency": 4,
            "retry_conf": {"num_retries": 5, "interval_sec": 1, "backoff": "exponential", "max_interval_sec": 30,
                           "jitter": 0.2, "timeout_sec": 60}})");
        TriggerDraft draft = TriggerDraft::fromDefinition(definition);
        QCOMPARE(draft.name, QStringLiteral("payment"));
        QCOMPARE(draft.table, QStringLiteral("orders"));
        QVERIFY(!draft.onInsert && draft.onUpdate && !draft.onDelete && !draft.onManual);
        QCOMPARE(draft.updateColumns, QStringList { QStringLiteral("status") });
        QCOMPARE(draft.handlerKind, TriggerDraft::HandlerKind::Builtin);
        QCOMPARE(draft.builtin, QStringLiteral("payment"));
        QCOMPARE(draft.numRetries, 5);
        QCOMPARE(draft.backoff, TriggerDraft::Backoff::Exponential);
        QVERIFY(draft.validate().isEmpty());
        QJsonObject expected = definition;
        expected.insert(QStringLiteral("headers"), QJsonArray());
        QCOMPARE(draft.toDefinition(), expected);

        // Switched to a webhook with a header: the built-in handler goes, the rest stays.
        draft.handlerKind = TriggerDraft::HandlerKind::Webhook;
        draft.webhook = QStringLiteral(" https://example.com/hook ");
        draft.headers = { { QStringLiteral("X-Key"), QStringLiteral("k") }, { QString(), QString() } };
        draft.onInsert = true;
        draft.numRetries = 2;
        const QJsonObject changed = draft.toDefinition();
        QVERIFY(!changed.contains(QStringLiteral("handler")));
        QCOMPARE(changed.value(QStringLiteral("webhook")).toString(), QStringLiteral("https://example.com/hook"));
        QCOMPARE(changed.value(QStringLiteral("headers")).toArray().size(), 1);
        QCOMPARE(changed.value(QStringLiteral("insert")).toObject().value(QStringLiteral("columns")).toString(),
            QStringLiteral("*"));
        QCOMPARE(changed.value(QStringLiteral("update")).toObject().value(QStringLiteral("values")),
            definition.value(QStringLiteral("update")).toObject().value(QStringLiteral("values")));
        QCOMPARE(
            changed.value(QStringLiteral("retry_conf")).toObject().value(QStringLiteral("num_retries")).toInt(), 2);
        QCOMPARE(
            changed.value(QStringLiteral("retry_conf")).toObject().value(QStringLiteral("jitter")).toDouble(), 0.2);
        QCOMPARE(changed.value(QStringLiteral("max_concurrency")).toInt(), 4);
        QCOMPARE(TriggerDraft::fromDefinition(changed).toDefinition(), changed);

        // A header from the server's environment stays one (its secret never reaches the editor).
        draft.headers = { { QStringLiteral("Authorization"), QStringLiteral("HOOK_TOKEN"), true } };
        const QJsonObject secret = draft.toDefinition();
        QCOMPARE(secret.value(QStringLiteral("headers")).toArray().first().toObject(),
            (QJsonObject { { QStringLiteral("name"), QStringLiteral("Authorization") },
                { QStringLiteral("value_from_env"), QStringLiteral("HOOK_TOKEN") } }));
        const TriggerDraft reread = TriggerDraft::fromDefinition(secret);
        QVERIFY(reread.headers.first().fromEnvironment);
        QCOMPARE(reread.headers.first().value, QStringLiteral("HOOK_TOKEN"));
        QCOMPARE(reread.toDefinition(), secret);
    }

    void draftValidation()
    {
        TriggerDraft draft;
        draft.name = QStringLiteral("bad name");
        QVERIFY(draft.validate().contains(QStringLiteral("name")));
        draft.name = QStringLiteral("good-name");
        QVERIFY(draft.validate().contains(QStringLiteral("table")));
        draft.table = QStringLiteral("orders");
        QVERIFY(draft.validate().contains(QStringLiteral("built-in")));
        draft.builtin = QStringLiteral("payment");
        QVERIFY(draft.validate().isEmpty());
        draft.onInsert = draft.onUpdate = draft.onDelete = draft.onManual = false;
        QVERIFY(draft.validate().contains(QStringLiteral("operation")));
        draft.onUpdate = true;
        draft.handlerKind = TriggerDraft::HandlerKind::Webhook;
        draft.webhook = QStringLiteral("ftp://example.com");
        QVERIFY(draft.validate().contains(QStringLiteral("webhook")));
        draft.webhook = QStringLiteral("http://example.com/h");
        draft.headers = { { QString(), QStringLiteral("value") } };
        QVERIFY(draft.validate().contains(QStringLiteral("header")));
        draft.headers = { { QStringLiteral("X-Key"), QString(), true } };
        QVERIFY(draft.validate().contains(QStringLiteral("environment")));
        draft.headers = {};
        QVERIFY(draft.validate().isEmpty());
        QCOMPARE(draft.toDefinition().value(QStringLiteral("update")).toObject().value(QStringLiteral("columns")),
            QJsonValue(QStringLiteral("*")));
    }

    void catalogReadsTablesAndColumns()
    {
        const QJsonObject tables = parse(R"({"__schema": {
            "queryType": {"fields": [
                {"name": "orders", "args": []}, {"name": "orders_by_pk", "args": [{"name": "id"}]},
                {"name": "menu_items", "args": []}, {"name": "menu_items_by_pk", "args": [{"name": "id"}]},
                {"name": "order_totals", "args": []},
                {"name": "trefoil_events_by_pk", "args": [{"name": "id"}]}]},
            "mutationType": {"fields": [{"name": "insert_orders_one"}, {"name": "insert_orders"},
                {"name": "insert_menu_items_one"}, {"name": "insert_trefoil_events_one"},
                {"name": "trefoil_set_settings"}, {"name": "insert_audit_one"}]}}})");
        const QList<TableCatalog::Table> list = TableCatalog::tables(tables);
        QCOMPARE(list.size(), 3);
        QCOMPARE(list.at(0).name, QStringLiteral("audit"));
        QVERIFY(list.at(0).primaryKey.isEmpty());
        QCOMPARE(list.at(1).name, QStringLiteral("menu_items"));
        QCOMPARE(list.at(2).name, QStringLiteral("orders"));
        QCOMPARE(list.at(2).schema, QStringLiteral("public"));
        QCOMPARE(list.at(2).primaryKey, QStringList { QStringLiteral("id") });

        const QJsonObject columns = parse(R"({"__type": {"fields": [
            {"name": "id", "type": {"kind": "NON_NULL", "ofType": {"kind": "SCALAR", "ofType": null}}},
            {"name": "note", "type": {"kind": "SCALAR", "ofType": null}},
            {"name": "items", "type": {"kind": "NON_NULL", "ofType": {"kind": "LIST", "ofType": {"kind": "NON_NULL"}}}},
            {"name": "restaurant", "type": {"kind": "OBJECT", "ofType": null}}]}})");
        QCOMPARE(TableCatalog::columns(columns), (QStringList { QStringLiteral("id"), QStringLiteral("note") }));

        const GraphqlRequest rows
            = TableCatalog::firstRows(list.at(2), { QStringLiteral("id"), QStringLiteral("note") }, 5);
        QCOMPARE(rows.query,
            QStringLiteral("query FirstRows($limit: Int!) {\n  rows: orders(limit: $limit, order_by: {id: asc}) {\n"
                           "    id\n    note\n  }\n}\n"));
        QCOMPARE(rows.variables.value(QStringLiteral("limit")).toInt(), 5);
        TableCatalog::Table hostile = list.at(2);
        hostile.graphqlName = QStringLiteral("orders { x } #");
        QVERIFY(TableCatalog::firstRows(hostile, { QStringLiteral("id") }, 5).query.isEmpty());
        QVERIFY(TableCatalog::firstRows(list.at(2), { QStringLiteral("id) {") }, 5).query.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestAdminModels)
#include "tst_adminmodels.moc"
