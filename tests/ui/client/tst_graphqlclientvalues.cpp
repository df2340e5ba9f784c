// The client's pure parts: reconnect delays, endpoint URLs, results, state lines, documents.
#include "ui/client/connectionstate.h"
#include "ui/client/graphqldocuments.h"
#include "ui/client/graphqlendpoint.h"
#include "ui/client/graphqlresult.h"
#include "ui/client/reconnectbackoff.h"

#include <QTest>

using namespace trefoil::ui;

class TestGraphqlClientValues : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void backoffDoublesWithJitterUpToTheCap()
    {
        ReconnectBackoff backoff(100, 1000, 12345);
        const QList<int> steps { 100, 200, 400, 800, 1000, 1000, 1000 };
        QSet<int> distinct;
        for (int round = 0; round < 50; ++round) {
            backoff.reset();
            for (int i = 0; i < steps.size(); ++i) {
                const int delay = backoff.nextDelayMs();
                QVERIFY2(delay >= steps.at(i) / 2 && delay <= steps.at(i),
                    qPrintable(QStringLiteral("attempt %1: %2 ms").arg(i).arg(delay)));
                QCOMPARE(backoff.attempts(), i + 1);
                if (i == 5)
                    distinct.insert(delay);
            }
        }
        QVERIFY2(distinct.size() > 10, "the delays are jittered");
        QCOMPARE(backoff.stepMs(1000), 1000); // no overflow far past the cap
    }

    void backoffIsDeterministicForASeed()
    {
        ReconnectBackoff a(500, 30000, 7);
        ReconnectBackoff b(500, 30000, 7);
        for (int i = 0; i < 10; ++i)
            QCOMPARE(a.nextDelayMs(), b.nextDelayMs());
    }

    void endpointUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("expected"); // empty: invalid
        QTest::newRow("http, no path") << "http://127.0.0.1:8080"
                                       << "ws://127.0.0.1:8080/v1/graphql";
        QTest::newRow("http, slash") << "http://127.0.0.1:8080/"
                                     << "ws://127.0.0.1:8080/v1/graphql";
        QTest::newRow("https") << "https://example.com/v1/graphql"
                               << "wss://example.com/v1/graphql";
        QTest::newRow("ws kept") << "ws://h:1/v1/graphql"
                                 << "ws://h:1/v1/graphql";
        QTest::newRow("wss, other path") << "wss://h/api/graphql"
                                         << "wss://h/api/graphql";
        QTest::newRow("user info dropped") << "http://u:p@h:2"
                                           << "ws://h:2/v1/graphql";
        QTest::newRow("ftp") << "ftp://h/x"
                             << "";
        QTest::newRow("no host") << "http://"
                                 << "";
    }

    void endpointUrls()
    {
        QFETCH(QString, url);
        QFETCH(QString, expected);
        GraphqlEndpoint endpoint { QUrl(url), QStringLiteral("secret") };
        QString problem;
        const QUrl result = endpoint.webSocketUrl(&problem);
        if (expected.isEmpty()) {
            QVERIFY(!result.isValid());
            QVERIFY(!problem.isEmpty());
            QVERIFY(!problem.contains(QLatin1StringView("secret")));
        } else {
            QCOMPARE(result.toString(), expected);
        }
    }

    void resultsFromMessages()
    {
        const GraphqlResult data
            = GraphqlResult::fromPayload({ { QStringLiteral("data"), QJsonObject { { QStringLiteral("a"), 1 } } } });
        QVERIFY(data.isOk());
        QCOMPARE(data.data.value(QStringLiteral("a")).toInt(), 1);
        QVERIFY(data.errorString().isEmpty());

        const QJsonArray errors { QJsonObject { { QStringLiteral("message"), QStringLiteral("no such field") } },
            QJsonObject { { QStringLiteral("message"), QStringLiteral("bad variable") } } };
        const GraphqlResult failed = GraphqlResult::fromErrors(errors);
        QVERIFY(!failed.isOk());
        QVERIFY(!failed.isTransportError());
        QCOMPARE(failed.errorString(), QStringLiteral("no such field\nbad variable"));

        const GraphqlResult partial = GraphqlResult::fromPayload(
            { { QStringLiteral("data"), QJsonObject {} }, { QStringLiteral("errors"), errors } });
        QCOMPARE(partial.errors.size(), 2);

        const GraphqlResult lost = GraphqlResult::transportFailure(QStringLiteral("lost"));
        QVERIFY(lost.isTransportError());
        QCOMPARE(lost.errorString(), QStringLiteral("lost"));
    }

    void stateLines()
    {
        ConnectionState state;
        QCOMPARE(state.describe(), QStringLiteral("Not connected"));
        state.kind = ConnectionState::Kind::Reconnecting;
        state.attempt = 3;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        state.nextAttempt = now.addMSecs(3500);
        state.message = QStringLiteral("refused");
        QCOMPARE(state.describe(now), QStringLiteral("Reconnecting in 4 s (attempt 3): refused"));
        state.kind = ConnectionState::Kind::Failed;
        state.message = QStringLiteral("The server refused the admin secret.");
        QCOMPARE(state.describe(now), state.message);
    }

    void documentsAreCompiledIn()
    {
        const QString orders = GraphqlDocuments::load(GraphqlDocuments::OrdersPage);
        QVERIFY(orders.contains(QLatin1StringView("subscription OrdersPage")));
        const GraphqlRequest place = GraphqlDocuments::request(
            GraphqlDocuments::PlaceOrder, { { QStringLiteral("user_id"), QStringLiteral("u") } });
        QVERIFY(place.query.contains(QLatin1StringView("insert_orders_one")));
        QCOMPARE(place.toPayload().value(QStringLiteral("variables")).toObject().value(QStringLiteral("user_id")),
            QJsonValue(QStringLiteral("u")));
    }
};

QTEST_GUILESS_MAIN(TestGraphqlClientValues)
#include "tst_graphqlclientvalues.moc"
