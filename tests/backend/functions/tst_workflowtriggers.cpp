// The workflow's trigger migration is exactly what WorkflowTriggers (and so TriggerStore) generates.
//   tst_workflowtriggers --print-migration   writes the migration's expected text to stdout.
#include "backend/functions/orderfunction.h"
#include "backend/functions/workflowtriggers.h"
#include "backend/pg/migrator.h"

#include <QCoreApplication>
#include <QFile>
#include <QTest>

#include <cstdio>
#include <cstring>

using namespace trefoil;

class TestWorkflowTriggers : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void migrationIsGenerated()
    {
        QFile file(QStringLiteral(TREFOIL_SOURCE_DIR "/resources/migrations/demo/0004_workflow_triggers.sql"));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        const QString expected = functions::WorkflowTriggers::migrationSql();
        QCOMPARE(QString::fromUtf8(file.readAll()), expected);
        QVERIFY(pg::Migrator::available(QStringLiteral("demo")).contains(QStringLiteral("0004_workflow_triggers.sql")));
    }

    void oneBuiltinTriggerPerFunction()
    {
        const QList<events::TriggerDefinition> triggers = functions::WorkflowTriggers::definitions();
        QCOMPARE(triggers.size(), functions::OrderFunction::all().size());
        for (const events::TriggerDefinition &trigger : triggers) {
            QVERIFY(functions::OrderFunction::find(trigger.handler));
            QCOMPARE(trigger.handlerKind, events::TriggerDefinition::HandlerKind::Builtin);
            QCOMPARE(trigger.table, QStringLiteral("orders"));
            QVERIFY(trigger.retry.numRetries >= 5);
            QCOMPARE(trigger.retry.backoff, events::RetryPolicy::Backoff::Exponential);
            if (trigger.name == QLatin1String("validate-order")) {
                QVERIFY(trigger.onInsert && !trigger.onUpdate);
            } else {
                QVERIFY(trigger.onUpdate && !trigger.onInsert);
                QCOMPARE(trigger.updateColumns, QStringList { QStringLiteral("status") });
            }
        }
    }
};

int main(int argc, char *argv[])
{
    if (argc == 2 && std::strcmp(argv[1], "--print-migration") == 0) {
        std::fputs(functions::WorkflowTriggers::migrationSql().toUtf8().constData(), stdout);
        return 0;
    }
    QCoreApplication app(argc, argv);
    TestWorkflowTriggers test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_workflowtriggers.moc"
