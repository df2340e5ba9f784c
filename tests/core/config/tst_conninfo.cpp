// Conninfo: libpq's syntax read as libpq reads it, described and scrubbed without any password.
#include "core/config/conninfo.h"

#include <QRandomGenerator>
#include <QTest>

using trefoil::Conninfo;

class TestConninfo : public QObject {
    Q_OBJECT

    // Every password in the data below contains this marker, so "no leak" is one search.
    static inline const QString Marker = QStringLiteral("S3CR3T");

    static bool leaks(const QString &text) { return text.contains(Marker, Qt::CaseInsensitive); }

private Q_SLOTS:
    void describes_data()
    {
        QTest::addColumn<QString>("conninfo");
        QTest::addColumn<QString>("description");
        QTest::addColumn<QString>("password");
        QTest::newRow("url") << "postgresql://alice:S3CR3T@db.example.com:5433/app"
                             << "alice@db.example.com:5433/app"
                             << "S3CR3T";
        QTest::newRow("postgres scheme") << "postgres://alice:S3CR3T@db/app"
                                         << "alice@db/app"
                                         << "S3CR3T";
        QTest::newRow("url encoded password") << "postgresql://alice:p%40ss%2FS3CR3T%3a@db/app"
                                              << "alice@db/app"
                                              << "p@ss/S3CR3T:";
        QTest::newRow("url colon in password") << "postgresql://alice:a:S3CR3T@db/app"
                                               << "alice@db/app"
                                               << "a:S3CR3T";
        QTest::newRow("url query password") << "postgresql://alice@db/app?password=S3CR3T&sslmode=disable"
                                            << "alice@db/app"
                                            << "S3CR3T";
        QTest::newRow("url query encoded password") << "postgresql://db/app?sslmode=prefer&password=x%26S3CR3T"
                                                    << "db/app"
                                                    << "x&S3CR3T";
        QTest::newRow("url query overrides") << "postgresql://alice:S3CR3T@db/app?user=bob&port=6000"
                                             << "bob@db:6000/app"
                                             << "S3CR3T";
        QTest::newRow("url no credentials") << "postgresql://db:5432/app"
                                            << "db:5432/app"
                                            << "";
        QTest::newRow("url user only") << "postgresql://alice@db"
                                       << "alice@db"
                                       << "";
        QTest::newRow("url empty password") << "postgresql://alice:@db/app"
                                            << "alice@db/app"
                                            << "";
        QTest::newRow("url bare") << "postgresql://"
                                  << "the libpq defaults"
                                  << "";
        QTest::newRow("url socket host") << "postgresql://%2Fvar%2Frun%2Fpostgresql/app"
                                         << "/var/run/postgresql/app"
                                         << "";
        QTest::newRow("url ipv6") << "postgresql://alice:S3CR3T@[::1]:5432/app"
                                  << "alice@::1:5432/app"
                                  << "S3CR3T";
        QTest::newRow("url several hosts") << "postgresql://alice:S3CR3T@h1:5432,h2:5433/app"
                                           << "alice@h1:5432,h2:5433/app"
                                           << "S3CR3T";
        QTest::newRow("url sslpassword") << "postgresql://db/app?sslpassword=S3CR3T"
                                         << "db/app"
                                         << "S3CR3T";
        QTest::newRow("keyword value") << "host=db port=5432 dbname=app user=alice password=S3CR3T"
                                       << "alice@db:5432/app"
                                       << "S3CR3T";
        QTest::newRow("spaces around =") << "host = db  password =  S3CR3T dbname= app"
                                         << "db/app"
                                         << "S3CR3T";
        QTest::newRow("quoted") << "host=db password='p w\\'S3CR3T\\\\' user=alice"
                                << "alice@db"
                                << "p w'S3CR3T\\";
        QTest::newRow("quoted then keyword") << "password='S3CR3T'host=db"
                                             << "db"
                                             << "S3CR3T";
        QTest::newRow("unquoted escape") << "password=a\\ S3CR3T host=db"
                                         << "db"
                                         << "a S3CR3T";
        QTest::newRow("empty quoted password") << "host=db password='' dbname=app"
                                               << "db/app"
                                               << "";
        QTest::newRow("password then keyword-looking value") << "password= host=db dbname=app"
                                                             << "/app"
                                                             << "host=db";
        QTest::newRow("last one wins") << "host=a host=b password=S3CR3T password=xS3CR3Ty"
                                       << "b"
                                       << "xS3CR3Ty";
        QTest::newRow("hostaddr") << "hostaddr=10.0.0.1 password=S3CR3T"
                                  << "10.0.0.1"
                                  << "S3CR3T";
        QTest::newRow("socket directory") << "host=/tmp/x port=5432 dbname=trefoil user=postgres"
                                          << "postgres@/tmp/x:5432/trefoil"
                                          << "";
        QTest::newRow("sslpassword") << "host=db sslpassword=S3CR3T"
                                     << "db"
                                     << "S3CR3T";
        QTest::newRow("empty") << ""
                               << "the libpq defaults"
                               << "";
    }

    void describes()
    {
        QFETCH(QString, conninfo);
        QFETCH(QString, description);
        QFETCH(QString, password);
        const Conninfo parsed = Conninfo::parse(conninfo);
        QVERIFY2(parsed.isValid(), qPrintable(parsed.problem()));
        QCOMPARE(parsed.description(), description);
        QCOMPARE(trefoil::redactConninfo(conninfo), description);
        if (!password.isEmpty()) {
            QVERIFY(parsed.value(QStringLiteral("password")) == password
                || parsed.value(QStringLiteral("sslpassword")) == password);
            QVERIFY(parsed.secrets().contains(password));
        }
        // Whatever quotes the string, or the password as given or as libpq read it, is scrubbed.
        const QString message
            = QStringLiteral("could not connect with \"%1\" (password \"%2\")").arg(conninfo, password);
        const QString scrubbed = trefoil::scrubSecrets(message, parsed.secrets());
        QVERIFY2(!leaks(scrubbed), qPrintable(scrubbed));
        if (!password.isEmpty())
            QVERIFY(!scrubbed.contains(password));
    }

    // Strings libpq refuses or misreads. libpq's own errors quote parts of them (the messages below
    // are libpq 15's, verbatim): our reading must flag each, so callers show our problem instead,
    // and neither the problem nor the description may contain the password.
    void malformed_data()
    {
        QTest::addColumn<QString>("conninfo");
        QTest::addColumn<QString>("libpqMessage");
        QTest::newRow("unencoded @ in password") << "postgresql://u:pa@S3CR3T@h/db"
                                                 << "could not translate host name \"S3CR3T@h\" to address";
        QTest::newRow("unencoded / in password") << "postgresql://u:S3CR3T/x@h/db"
                                                 << "invalid integer value \"S3CR3T\" for connection option \"port\"";
        QTest::newRow("unencoded / and @ after password")
            << "postgresql://u:pw/S3CR3T@h/db"
            << "invalid integer value \"pw\" for connection option \"port\"";
        QTest::newRow("ipv6 unterminated") << "postgresql://u:S3CR3T@[h/db"
                                           << "end of string reached when looking for matching \"]\" in IPv6 host "
                                              "address in URI: \"postgresql://u:S3CR3T@[h/db\"";
        QTest::newRow("ipv6 empty") << "postgresql://u:S3CR3T@[]/db"
                                    << "IPv6 host address may not be empty in URI: \"postgresql://u:S3CR3T@[]/db\"";
        QTest::newRow("ipv6 trailing") << "postgresql://u:S3CR3T@[::1]x/db"
                                       << "unexpected character \"x\" at position 27 in URI (expected \":\" or \"/\"): "
                                          "\"postgresql://u:S3CR3T@[::1]x/db\"";
        QTest::newRow("bad escape in password") << "postgresql://u:S3CR3T%zz@h/db"
                                                << "invalid percent-encoded token: \"S3CR3T%zz\"";
        QTest::newRow("%00 in password") << "postgresql://u:S3CR3T%00@h/db"
                                         << "forbidden value %00 in percent-encoded value: \"S3CR3T%00\"";
        QTest::newRow("truncated escape") << "postgresql://u:S3CR3T%2@h/db"
                                          << "invalid percent-encoded token: \"S3CR3T%2\"";
        QTest::newRow("bad escape in query password") << "postgresql://h/db?password=S3CR3T%zz"
                                                      << "invalid percent-encoded token: \"S3CR3T%zz\"";
        QTest::newRow("query password without =") << "postgresql://h/db?passwordS3CR3T"
                                                  << "missing key/value separator \"=\" in URI query parameter: "
                                                     "\"passwordS3CR3T\"";
        QTest::newRow("query password with two =") << "postgresql://h/db?password=a=S3CR3T"
                                                   << "extra key/value separator \"=\" in URI query parameter: "
                                                      "\"password=a=S3CR3T\"";
        QTest::newRow("query password then unknown") << "postgresql://h/db?password=S3CR3T&S3CR3T2=1"
                                                     << "invalid URI query parameter: \"S3CR3T2\"";
        QTest::newRow("port not a number") << "postgresql://u:S3CR3T@h:x/db"
                                           << "invalid integer value \"x\" for connection option \"port\"";
        QTest::newRow("space in password") << "host=h password=my S3CR3T"
                                           << "missing \"=\" after \"S3CR3T\" in connection info string";
        QTest::newRow("space in password, then =") << "host=h password=my S3CR3T=x"
                                                   << "invalid connection option \"S3CR3T\"";
        QTest::newRow("unterminated quote") << "host=h password='S3CR3T"
                                            << "unterminated quoted string in connection info string";
        QTest::newRow("unterminated after escape") << "host=h password='S3CR3T\\"
                                                   << "unterminated quoted string in connection info string";
        QTest::newRow("a bare word") << "S3CR3T"
                                     << "missing \"=\" after \"S3CR3T\" in connection info string";
        QTest::newRow("unknown keyword") << "pasword=S3CR3T"
                                         << "invalid connection option \"pasword\"";
        QTest::newRow("empty keyword") << "=S3CR3T"
                                       << "invalid connection option \"\"";
    }

    void malformed()
    {
        QFETCH(QString, conninfo);
        const Conninfo parsed = Conninfo::parse(conninfo);
        QVERIFY(!parsed.isValid());
        QVERIFY2(!leaks(parsed.problem()), qPrintable(parsed.problem()));
        QVERIFY2(!leaks(parsed.description()), qPrintable(parsed.description()));
        QVERIFY(parsed.description().contains(parsed.problem()));
    }

    // Where libpq quotes the password in full, scrubbing alone already hides it.
    void scrubsLibpqMessages_data()
    {
        QTest::addColumn<QString>("conninfo");
        QTest::addColumn<QString>("libpqMessage");
        QTest::newRow("whole URI") << "postgresql://u:S3CR3T@[h/db"
                                   << "end of string reached when looking for matching \"]\" in IPv6 host address in "
                                      "URI: \"postgresql://u:S3CR3T@[h/db\"";
        QTest::newRow("password token") << "postgresql://u:S3CR3T%zz@h/db"
                                        << "invalid percent-encoded token: \"S3CR3T%zz\"";
        QTest::newRow("query token") << "postgresql://h/db?password=S3CR3T%zz"
                                     << "invalid percent-encoded token: \"S3CR3T%zz\"";
        QTest::newRow("query parameter") << "postgresql://h/db?password=a=S3CR3T"
                                         << "extra key/value separator \"=\" in URI query parameter: "
                                            "\"password=a=S3CR3T\"";
        QTest::newRow("rest of a password") << "host=h password=my S3CR3T"
                                            << "missing \"=\" after \"S3CR3T\" in connection info string";
        QTest::newRow("rest of a password as keyword") << "host=h password=my S3CR3T=x"
                                                       << "invalid connection option \"S3CR3T\"";
    }

    void scrubsLibpqMessages()
    {
        QFETCH(QString, conninfo);
        QFETCH(QString, libpqMessage);
        const QString scrubbed = trefoil::scrubSecrets(libpqMessage, Conninfo::parse(conninfo).secrets());
        QVERIFY2(!leaks(scrubbed), qPrintable(scrubbed));
    }

    void scrubbing()
    {
        QCOMPARE(trefoil::scrubSecrets(QStringLiteral("a pw b pwx"), { QStringLiteral("pw"), QStringLiteral("pwx") }),
            QStringLiteral("a *** b ***"));
        QCOMPARE(trefoil::scrubSecrets(QStringLiteral("nothing"), { QString() }), QStringLiteral("nothing"));
        QCOMPARE(trefoil::scrubSecrets(QStringLiteral("x"), {}), QStringLiteral("x"));
    }

    // Random garbage around a planted password: never a crash, and the password is either read as
    // the password (and scrubbed) or the string is refused; never shown either way.
    void neverEchoesPasswords()
    {
        QRandomGenerator random(20240610);
        const QString alphabet = QStringLiteral("ab= \\@:/?&%,[]2F0#");
        auto noise = [&] {
            QString text;
            const int length = random.bounded(8);
            for (int i = 0; i < length; ++i)
                text.append(alphabet.at(random.bounded(alphabet.size())));
            return text;
        };
        const QList<QPair<QString, QString>> shapes = {
            { QStringLiteral("postgresql://u:"), QStringLiteral("@h/db") },
            { QStringLiteral("postgres://u:"), QStringLiteral("@[::1]:5432,h:1/db?sslmode=disable") },
            { QStringLiteral("password="), QString() },
            { QStringLiteral("host=h password='"), QStringLiteral("' dbname=d") },
            { QStringLiteral("postgres://h/d?password="), QString() },
            { QStringLiteral("postgres://h/d?sslmode=require&password="), QStringLiteral("&user=x") },
        };
        for (int round = 0; round < 20000; ++round) {
            const auto &shape = shapes.at(random.bounded(int(shapes.size())));
            const QString conninfo = shape.first + noise() + Marker + noise() + shape.second;
            const Conninfo parsed = Conninfo::parse(conninfo);
            QVERIFY2(!leaks(parsed.description()), qPrintable(conninfo + QStringLiteral(" → ") + parsed.description()));
            QVERIFY2(!leaks(parsed.problem()), qPrintable(conninfo));
            if (parsed.isValid())
                QVERIFY2(parsed.value(QStringLiteral("password")).contains(Marker), qPrintable(conninfo));
            QVERIFY2(!leaks(trefoil::scrubSecrets(
                         QStringLiteral("libpq: \"%1\" \"%2\"").arg(conninfo, parsed.value(QStringLiteral("password"))),
                         parsed.secrets())),
                qPrintable(conninfo));
        }
    }
};

QTEST_GUILESS_MAIN(TestConninfo)
#include "tst_conninfo.moc"
