// Config precedence (command line > environment > file > defaults) and one-line errors.
#include "core/config/config.h"

#include <QTemporaryFile>
#include <QTest>

using trefoil::ConfigLoader;

class TestConfig : public QObject {
    Q_OBJECT

    static ConfigLoader::Loaded load(QStringList args, const QProcessEnvironment &env = {})
    {
        args.prepend(QStringLiteral("trefoild"));
        return ConfigLoader::load(QStringLiteral("test"), args, env);
    }

    static ConfigLoader::Loaded loadDesktop(QStringList args)
    {
        args.prepend(QStringLiteral("trefoil"));
        return ConfigLoader::load(QStringLiteral("test"), args, {}, ConfigLoader::Program::Desktop);
    }

private Q_SLOTS:
    void connectIsForTheDesktopOnly()
    {
        const auto desktop = loadDesktop({ QStringLiteral("--connect"), QStringLiteral("http://server:8080") });
        QCOMPARE(desktop.outcome, ConfigLoader::Outcome::Ok);
        QCOMPARE(desktop.config.connectUrl, QStringLiteral("http://server:8080"));
        QVERIFY(loadDesktop({}).config.connectUrl.isEmpty());

        const auto daemon = load({ QStringLiteral("--connect"), QStringLiteral("http://server:8080") });
        QCOMPARE(daemon.outcome, ConfigLoader::Outcome::Error);
        QVERIFY2(daemon.message.contains(QLatin1String("connect")), qPrintable(daemon.message));
    }

    void connectNeedsAServerAddress()
    {
        const auto loaded = loadDesktop({ QStringLiteral("--connect"), QStringLiteral("ftp://server/") });
        QCOMPARE(loaded.outcome, ConfigLoader::Outcome::Error);
        QVERIFY2(loaded.message.startsWith(QLatin1String("--connect: ")), qPrintable(loaded.message));
        // User info never comes back in the message (a password could be in it).
        const auto withUser = loadDesktop({ QStringLiteral("--connect"), QStringLiteral("ftp://me:hunter2@server/") });
        QVERIFY2(!withUser.message.contains(QLatin1String("hunter2")), qPrintable(withUser.message));
    }

    void defaults()
    {
        const auto loaded = load({});
        QCOMPARE(loaded.outcome, ConfigLoader::Outcome::Ok);
        QCOMPARE(loaded.config.host, QStringLiteral("127.0.0.1"));
        QCOMPARE(loaded.config.port, quint16(8080));
        QVERIFY(loaded.config.usesEmbeddedDatabase());
        QVERIFY(loaded.config.installDemo);
        QCOMPARE(loaded.config.logLevel, QStringLiteral("info"));
    }

    void precedence()
    {
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write("port = 7000\nhost = 10.0.0.1\nadmin-secret = from-file\nlog-level = debug\n");
        file.close();
        QProcessEnvironment env;
        env.insert(QStringLiteral("TREFOIL_PORT"), QStringLiteral("7100"));
        env.insert(QStringLiteral("TREFOIL_ADMIN_SECRET"), QStringLiteral("from-env"));
        env.insert(QStringLiteral("TREFOIL_CONFIG"), file.fileName());
        const auto loaded = load({ QStringLiteral("--port"), QStringLiteral("7200") }, env);
        QCOMPARE(loaded.outcome, ConfigLoader::Outcome::Ok);
        QCOMPARE(loaded.config.port, quint16(7200)); // command line
        QCOMPARE(loaded.config.adminSecret, QStringLiteral("from-env")); // environment
        QCOMPARE(loaded.config.host, QStringLiteral("10.0.0.1")); // file
        QCOMPARE(loaded.config.logLevel, QStringLiteral("debug")); // file
    }

    void noDemo()
    {
        QVERIFY(!load({ QStringLiteral("--no-demo") }).config.installDemo);
        QProcessEnvironment env;
        env.insert(QStringLiteral("TREFOIL_NO_DEMO"), QStringLiteral("1"));
        QVERIFY(!load({}, env).config.installDemo);
    }

    void databaseUrl()
    {
        const auto loaded = load({ QStringLiteral("--database-url"), QStringLiteral("postgres://u@db:5432/app") });
        QCOMPARE(loaded.config.databaseUrl, QStringLiteral("postgres://u@db:5432/app"));
        QVERIFY(!loaded.config.usesEmbeddedDatabase());
    }

    void badValues_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("port not a number")
            << QStringList { QStringLiteral("--port"), QStringLiteral("http") } << QStringLiteral("--port");
        QTest::newRow("port too big") << QStringList { QStringLiteral("--port"), QStringLiteral("70000") }
                                      << QStringLiteral("--port");
        QTest::newRow("log level") << QStringList { QStringLiteral("--log-level"), QStringLiteral("loud") }
                                   << QStringLiteral("--log-level");
        QTest::newRow("unknown option") << QStringList { QStringLiteral("--frobnicate") }
                                        << QStringLiteral("frobnicate");
        QTest::newRow("missing value") << QStringList { QStringLiteral("--port") } << QStringLiteral("port");
        QTest::newRow("missing config") << QStringList { QStringLiteral("--config"),
            QStringLiteral("/nonexistent.ini") }
                                        << QStringLiteral("--config");
        QTest::newRow("empty host") << QStringList { QStringLiteral("--host"), QStringLiteral(" ") }
                                    << QStringLiteral("--host");
        QTest::newRow("positional") << QStringList { QStringLiteral("extra") } << QStringLiteral("extra");
    }

    void badValues()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, mentions);
        const auto loaded = load(args);
        QCOMPARE(loaded.outcome, ConfigLoader::Outcome::Error);
        QVERIFY2(loaded.message.contains(mentions), qPrintable(loaded.message));
        QVERIFY(!loaded.message.contains(QLatin1Char('\n')));
    }

    // A database URL or conninfo given without --database-url is named, but never with its password.
    void positionalDatabaseUrl_data()
    {
        QTest::addColumn<QString>("argument");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("url") << QStringLiteral("postgresql://u:pw-S3CR3T@db/app") << QStringLiteral("u@db/app");
        QTest::newRow("conninfo") << QStringLiteral("host=db password=pw-S3CR3T") << QStringLiteral("db");
        QTest::newRow("malformed") << QStringLiteral("postgres://u:pw@S3CR3T@db/app") << QStringLiteral("%40");
    }

    void positionalDatabaseUrl()
    {
        QFETCH(QString, argument);
        QFETCH(QString, mentions);
        const auto loaded = load({ argument });
        QCOMPARE(loaded.outcome, ConfigLoader::Outcome::Error);
        QVERIFY2(loaded.message.contains(mentions), qPrintable(loaded.message));
        QVERIFY2(!loaded.message.contains(QLatin1String("S3CR3T")), qPrintable(loaded.message));
    }

    void help()
    {
        const auto loaded = load({ QStringLiteral("--help") });
        QCOMPARE(loaded.outcome, ConfigLoader::Outcome::HelpShown);
        for (const char *option : { "--database-url", "--data-dir", "--host", "--port", "--admin-secret", "--log-level",
                 "--no-demo", "--config" })
            QVERIFY2(loaded.message.contains(QLatin1String(option)), option);
    }
};

QTEST_GUILESS_MAIN(TestConfig)
#include "tst_config.moc"
