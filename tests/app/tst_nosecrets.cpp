// The real trefoild, given database passwords (URL, ?password=, key=value, PGPASSWORD) and an admin
// secret, against the test cluster and against databases it cannot reach: neither its output nor
// /metrics may ever contain one of them.
#include "core/config/conninfo.h"
#include "tests/support/pgtestcluster.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTest>
#include <QUrl>

using trefoil::test::PgTestCluster;

namespace {
// Every password and secret below contains this marker (in either case), so "no leak" is one search.
const QByteArray Marker = "s3cr3t";
const QString AdminSecret = QStringLiteral("admin-S3CR3T-x");
const QString UnreachableTail = QStringLiteral("127.0.0.1:1/nosuchdb");
} // namespace

class TestNoSecrets : public QObject {
    Q_OBJECT

    QString m_conninfo; // the test cluster's database for these runs, over its Unix socket
    QString m_socketDir;
    QString m_port;

    static bool leaks(const QByteArray &text) { return text.toLower().contains(Marker); }

    static QString uriEncode(const QString &value) { return QString::fromLatin1(QUrl::toPercentEncoding(value)); }

    // Runs trefoild until it is ready (then reads /metrics and /healthz and stops it) or exits.
    // *output gets everything it printed and what /metrics answered.
    void run(const QString &databaseUrl, const QProcessEnvironment &environment, bool expectReady, QByteArray *output)
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.setProcessEnvironment(environment);
        QByteArray printed;
        connect(&process, &QProcess::readyRead, this, [&] { printed += process.readAll(); });
        QStringList arguments
            = { QStringLiteral("--database-url"), databaseUrl, QStringLiteral("--port"), QStringLiteral("0"),
                  QStringLiteral("--no-demo"), QStringLiteral("--worker-concurrency"), QStringLiteral("0") };
        if (!environment.contains(QStringLiteral("TREFOIL_ADMIN_SECRET")))
            arguments << QStringLiteral("--admin-secret") << AdminSecret;
        process.start(QStringLiteral(TREFOILD_PATH), arguments);
        // A failed check returns early: the process must not outlive it.
        const auto stop = qScopeGuard([&process] {
            if (process.state() != QProcess::NotRunning) {
                process.kill();
                process.waitForFinished();
            }
        });
        QVERIFY2(process.waitForStarted(), qPrintable(process.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(
            printed.contains("trefoild: ready") || process.state() == QProcess::NotRunning, 120000);
        *output = printed;
        if (!expectReady) {
            QTRY_COMPARE_WITH_TIMEOUT(process.state(), QProcess::NotRunning, 30000);
            *output = printed + process.readAll();
            QVERIFY2(process.exitCode() != 0, output->constData());
            return;
        }
        QVERIFY2(printed.contains("trefoild: ready"), printed.constData());
        const auto match = QRegularExpression(QStringLiteral("listening on http://127.0.0.1:(\\d+)"))
                               .match(QString::fromUtf8(printed));
        QVERIFY2(match.hasMatch(), printed.constData());
        QNetworkAccessManager network;
        QByteArray answers;
        for (const char *path : { "/metrics", "/healthz" }) {
            std::unique_ptr<QNetworkReply> reply(network.get(QNetworkRequest(
                QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(match.captured(1), QLatin1String(path))))));
            QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 30000);
            QCOMPARE(reply->error(), QNetworkReply::NoError);
            answers += reply->readAll();
        }
        QVERIFY2(answers.endsWith("OK"), answers.constData()); // /healthz: the database is connected
        process.terminate();
        QTRY_COMPARE_WITH_TIMEOUT(process.state(), QProcess::NotRunning, 30000);
        *output = printed + process.readAll() + answers;
    }

private Q_SLOTS:
    void initTestCase()
    {
        PgTestCluster &cluster = PgTestCluster::shared();
        QVERIFY2(cluster.isValid(), qPrintable(cluster.errorString()));
        m_conninfo = cluster.createDatabase(QStringLiteral("nosecrets"));
        QVERIFY2(!m_conninfo.isEmpty(), qPrintable(cluster.errorString()));
        const trefoil::Conninfo parsed = trefoil::Conninfo::parse(m_conninfo);
        m_socketDir = parsed.value(QStringLiteral("host"));
        m_port = parsed.value(QStringLiteral("port"));
        QVERIFY2(m_socketDir.startsWith(QLatin1Char('/')), qPrintable(m_conninfo)); // trust over a Unix socket
    }

    void noLeak_data()
    {
        QTest::addColumn<QString>("databaseUrl");
        QTest::addColumn<QString>("pgpassword");
        QTest::addColumn<bool>("adminSecretFromEnvironment");
        QTest::addColumn<bool>("expectReady");
        QTest::addColumn<QString>("mentions"); // proves the run got as far as it should

        const QString socketQuery = QStringLiteral("host=%1&port=%2").arg(uriEncode(m_socketDir), m_port);
        // The test cluster trusts its socket: the passwords are accepted and ignored.
        QTest::newRow("key=value, quoted password")
            << m_conninfo + QStringLiteral(" password='pw S3CR3T\\'x'") << QString() << false << true << "/nosecrets";
        QTest::newRow("URL with password")
            << QStringLiteral("postgresql://postgres:pw%40S3CR3T@/nosecrets?") + socketQuery << QString() << true
            << true << "postgres@";
        QTest::newRow("URL ?password=") << QStringLiteral("postgresql:///nosecrets?user=postgres&password=S3CR3T-q&")
                + socketQuery << QString()
                                        << false << true << "/nosecrets";
        QTest::newRow("PGPASSWORD") << m_conninfo << QStringLiteral("S3CR3T-env") << true << true << "/nosecrets";
        QTest::newRow("database missing")
            << trefoil::test::PgTestCluster::withDatabase(m_conninfo, QStringLiteral("nosuchdb"))
                + QStringLiteral(" password=S3CR3T")
            << QStringLiteral("S3CR3T-env") << false << false << "nosuchdb";
        // Nobody listens on port 1.
        QTest::newRow("refused, URL") << QStringLiteral("postgresql://u:S3CR3T@") + UnreachableTail << QString()
                                      << false << false << "Could not prepare the database";
        QTest::newRow("refused, key=value")
            << QStringLiteral("host=127.0.0.1 port=1 dbname=x user=u password='S3CR3T'") << QStringLiteral("S3CR3T-env")
            << true << false << "Could not prepare the database";
        // Strings libpq misreads or refuses, quoting parts of the password in its own errors.
        QTest::newRow("unencoded @") << QStringLiteral("postgresql://u:pw@S3CR3T@") + UnreachableTail << QString()
                                     << false << false << "%40";
        QTest::newRow("unencoded /") << QStringLiteral("postgresql://u:S3CR3T/x@") + UnreachableTail << QString()
                                     << false << false << "%2F";
        QTest::newRow("bad escape") << QStringLiteral("postgresql://u:S3CR3T%zz@") + UnreachableTail << QString()
                                    << false << false << "escape";
        QTest::newRow("unterminated IPv6")
            << QStringLiteral("postgresql://u:S3CR3T@[::1/db") << QString() << false << false << "IPv6";
        QTest::newRow("space in password")
            << QStringLiteral("host=127.0.0.1 port=1 password=pw S3CR3T") << QString() << false << false << "quote";
        QTest::newRow("space in password, then =") << QStringLiteral("host=127.0.0.1 port=1 password=pw S3CR3T=x")
                                                   << QString() << false << false << "unknown option";
    }

    void noLeak()
    {
        QFETCH(QString, databaseUrl);
        QFETCH(QString, pgpassword);
        QFETCH(bool, adminSecretFromEnvironment);
        QFETCH(bool, expectReady);
        QFETCH(QString, mentions);
        QVERIFY(leaks(databaseUrl.toUtf8()) || !pgpassword.isEmpty());
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("PGPASSWORD"));
        if (!pgpassword.isEmpty())
            environment.insert(QStringLiteral("PGPASSWORD"), pgpassword);
        if (adminSecretFromEnvironment)
            environment.insert(QStringLiteral("TREFOIL_ADMIN_SECRET"), AdminSecret);
        QByteArray output;
        run(databaseUrl, environment, expectReady, &output);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(!leaks(output), output.constData());
        QVERIFY2(output.contains(mentions.toUtf8()), output.constData());
    }
};

QTEST_GUILESS_MAIN(TestNoSecrets)
#include "tst_nosecrets.moc"
