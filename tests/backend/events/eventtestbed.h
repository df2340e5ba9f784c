#pragma once

#include "backend/events/eventoperations.h"
#include "backend/events/eventworker.h"
#include "backend/events/handlerregistry.h"
#include "backend/events/triggerstore.h"
#include "backend/pg/listener.h"
#include "backend/pg/migrator.h"
#include "backend/pg/pool.h"
#include "tests/backend/pg/pgwait.h"
#include "tests/support/pgtestcluster.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

namespace trefoil::test {

// A database with the engine's tables and a `things` table, plus the event machinery on it.
struct EventTestbed {
    QString conninfo;
    std::unique_ptr<pg::Pool> pool;
    std::unique_ptr<pg::Listener> listener;
    std::unique_ptr<events::TriggerStore> store;
    std::unique_ptr<events::EventOperations> operations;
    events::HandlerRegistry handlers;
    std::vector<std::unique_ptr<events::EventWorker>> workers;
    QList<events::AttemptRecord> attempts;
    QObject context;

    bool setUp(const QString &database, const QString &existingConninfo = {})
    {
        conninfo = existingConninfo.isEmpty() ? PgTestCluster::shared().createDatabase(database) : existingConninfo;
        if (conninfo.isEmpty())
            return false;
        pool = std::make_unique<pg::Pool>(conninfo, 6);
        listener = std::make_unique<pg::Listener>(conninfo);
        store = std::make_unique<events::TriggerStore>(pool.get());
        operations = std::make_unique<events::EventOperations>(pool.get());
        if (!existingConninfo.isEmpty())
            return true;
        pg::Migrator migrator(pool.get(), { QStringLiteral("engine") });
        QSignalSpy finished(&migrator, &pg::Migrator::finished);
        migrator.run();
        if (!finished.wait(60000))
            return false;
        return sql(QStringLiteral("CREATE TABLE things (id serial PRIMARY KEY, v text, w int DEFAULT 0);"
                                  "CREATE TABLE effects (event_id uuid NOT NULL, worker text)"))
            .ok();
    }

    pg::Result sql(const QString &statement, const QVariantList &params = {})
    {
        if (params.isEmpty() && statement.contains(QLatin1Char(';'))) {
            std::optional<pg::Result> outcome;
            pg::Connection connection(conninfo);
            connection.open();
            connection.execScript(statement, &context, [&outcome](const pg::Result &result) { outcome = result; });
            (void)QTest::qWaitFor([&outcome] { return outcome.has_value(); }, 60000);
            return outcome.value_or(pg::Result());
        }
        return execAndWait(*pool, statement, params);
    }
    qint64 scalar(const QString &statement, const QVariantList &params = {})
    {
        return sql(statement, params).toInt(0, 0);
    }

    QString createTrigger(const QByteArray &argsJson)
    {
        QString error;
        const auto trigger
            = events::TriggerDefinition::fromHasuraArgs(QJsonDocument::fromJson(argsJson).object(), &error);
        if (!trigger)
            return error;
        std::optional<QString> outcome;
        store->create(
            *trigger, true, &context, [&outcome](const QString &message, const QString &) { outcome = message; });
        (void)QTest::qWaitFor([&outcome] { return outcome.has_value(); }, 60000);
        return outcome.value_or(QStringLiteral("timed out"));
    }

    events::EventWorker *startWorker(const QString &id, events::WorkerOptions options = {})
    {
        options.workerId = id;
        auto worker = std::make_unique<events::EventWorker>(pool.get(), listener.get(), &handlers, options);
        QObject::connect(worker.get(), &events::EventWorker::attemptsFinished, &context,
            [this](const QList<events::AttemptRecord> &records) { attempts += records; });
        worker->start();
        workers.push_back(std::move(worker));
        return workers.back().get();
    }

    // Waits until no event is pending (delivered, dead or cancelled), re-checking as the database changes.
    bool waitUntilSettled(int timeoutMs = 120000)
    {
        return QTest::qWaitFor(
            [this] {
                return scalar(QStringLiteral("SELECT count(*) FROM trefoil.events WHERE status = 'pending'")) == 0;
            },
            timeoutMs);
    }
};

} // namespace trefoil::test
