// The main window against the real trefoild (a child process on the test cluster's database): it
// shows the start-up view until its client is connected, then the workspace with "Connected" in
// the status bar, the server's PostgreSQL version for About and a live event rate once orders run;
// File → Connect to… with a wrong secret shows the client's message in the dialog and keeps the
// current connection; a working one switches the window and is remembered (its secret only when
// "remember secret" is ticked); the page factory is called again for the new client.
#include "tests/support/pgtestcluster.h"
#include "tests/support/trefoildprocess.h"
#include "ui/client/graphqldocuments.h"
#include "ui/client/graphqlwsclient.h"
#include "ui/connections/recentconnections.h"
#include "ui/mainwindow.h"
#include "ui/widgets/connectdialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QFileInfo>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace trefoil::ui;
using trefoil::test::PgTestCluster;
using trefoil::test::TrefoildProcess;

namespace {
const QString Secret = QStringLiteral("mainwindow-test-secret");
} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

    std::unique_ptr<TrefoildProcess> m_server;

    QUrl serverUrl() const { return m_server->url(); }

    static ConnectDialog *openConnectDialog(MainWindow &window)
    {
        window.showConnectDialog();
        // An earlier dialog may still wait for its deferred delete: take the one showing.
        for (ConnectDialog *dialog : window.findChildren<ConnectDialog *>()) {
            if (dialog->isVisible())
                return dialog;
        }
        return nullptr;
    }

    static void fillIn(ConnectDialog *dialog, const QUrl &url, const QString &secret, bool remember)
    {
        auto *list = dialog->findChild<QListWidget *>(QStringLiteral("recentConnections"));
        list->setCurrentRow(-1);
        dialog->findChild<QLineEdit *>(QStringLiteral("url"))->setText(url.toString());
        dialog->findChild<QLineEdit *>(QStringLiteral("adminSecret"))->setText(secret);
        dialog->findChild<QCheckBox *>(QStringLiteral("rememberSecret"))->setChecked(remember);
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("connectButton")), Qt::LeftButton);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        PgTestCluster &cluster = PgTestCluster::shared();
        QVERIFY2(cluster.isValid(), qPrintable(cluster.errorString()));
        const QString conninfo = cluster.createDatabase(QStringLiteral("mainwindow"));
        QVERIFY2(!conninfo.isEmpty(), qPrintable(cluster.errorString()));
        m_server = std::make_unique<TrefoildProcess>(QStringLiteral(TREFOILD_PATH),
            QStringList { QStringLiteral("--database-url"), conninfo, QStringLiteral("--admin-secret"), Secret });
        const QString failure = m_server->start();
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
    }

    void cleanupTestCase() { m_server.reset(); }

    void connectsAndShowsStatus()
    {
        MainWindow window;
        QList<MainWindow::Page> built;
        window.setPageFactory([&built](MainWindow::Page page, GraphqlWsClient *client) -> QWidget * {
            built.append(page);
            return page == MainWindow::Page::Orders && client ? new QLabel(QStringLiteral("orders content")) : nullptr;
        });
        window.show();
        QVERIFY(!window.connectionStatusText().contains(QStringLiteral("Connected")));
        window.setEmbeddedEndpoint({ serverUrl(), Secret }, QStringLiteral("test database"));
        QTRY_VERIFY_WITH_TIMEOUT(window.connectionStatusText().contains(QStringLiteral("Connected")), 30000);
        QCOMPARE(built.size(), MainWindow::pages().size());
        QCOMPARE(qobject_cast<QLabel *>(window.pageWidget(MainWindow::Page::Orders))->text(),
            QStringLiteral("orders content"));
        QVERIFY(window.findChild<QLabel *>(QStringLiteral("databaseStatus"))
                    ->text()
                    .contains(QStringLiteral("test database")));
        QTRY_VERIFY_WITH_TIMEOUT(!window.serverVersion().isEmpty(), 10000);
        QVERIFY2(window.serverVersion().startsWith(QStringLiteral("15")), qPrintable(window.serverVersion()));

        // An order runs through the workflow: every step is a delivered event, so the rate moves.
        bool placed = false;
        const QJsonObject variables { { QStringLiteral("user_id"), QStringLiteral("window-test") },
            { QStringLiteral("restaurant_id"), 1 }, { QStringLiteral("address"), QStringLiteral("1 Test Street") },
            { QStringLiteral("items"),
                QJsonArray {
                    QJsonObject { { QStringLiteral("menu_item_id"), 1 }, { QStringLiteral("quantity"), 1 } } } } };
        window.client()->execute(GraphqlDocuments::request(GraphqlDocuments::PlaceOrder, variables), this,
            [&placed](const GraphqlResult &result) { placed = result.isOk(); });
        QTRY_VERIFY_WITH_TIMEOUT(placed, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(window.eventRateText().contains(QStringLiteral("events/s"))
                && !window.eventRateText().startsWith(QStringLiteral("–"))
                && !window.eventRateText().startsWith(QStringLiteral("0 ")),
            15000);
    }

    void statusBarSaysReconnectingAndFailed()
    {
        MainWindow window;
        window.show();
        // Nothing listens there: the client retries, and the status bar counts down to the next attempt.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 unused = probe.serverPort();
        probe.close();
        window.connectTo(
            { QUrl(QStringLiteral("http://127.0.0.1:%1").arg(unused)), Secret }, QStringLiteral("nowhere"));
        QTRY_VERIFY_WITH_TIMEOUT(window.connectionStatusText().contains(QStringLiteral("Reconnecting in")), 10000);
        // A refused secret is final: the status bar says so and why.
        window.connectTo({ serverUrl(), QStringLiteral("not-the-secret") }, QStringLiteral("test database"));
        QTRY_VERIFY_WITH_TIMEOUT(window.connectionStatusText().contains(QStringLiteral("Failed")), 15000);
        QVERIFY2(window.findChild<QLabel *>(QStringLiteral("connectionStatus"))
                     ->toolTip()
                     .contains(QStringLiteral("refused the admin secret")),
            qPrintable(window.connectionStatusText()));
    }

    void wrongSecretIsShownInTheDialog()
    {
        MainWindow window;
        window.show();
        window.setEmbeddedEndpoint({ serverUrl(), Secret }, QStringLiteral("test database"));
        QTRY_VERIFY_WITH_TIMEOUT(window.connectionStatusText().contains(QStringLiteral("Connected")), 30000);
        GraphqlWsClient *before = window.client();

        ConnectDialog *dialog = openConnectDialog(window);
        QVERIFY(dialog);
        fillIn(dialog, serverUrl(), QStringLiteral("not-the-secret"), false);
        auto *message = dialog->findChild<QLabel *>(QStringLiteral("message"));
        QTRY_VERIFY_WITH_TIMEOUT(message->text().contains(QStringLiteral("refused the admin secret")), 15000);
        QVERIFY(message->isVisible());
        QVERIFY(dialog->isVisible());
        QVERIFY(!message->text().contains(QStringLiteral("not-the-secret")));
        // The window keeps its connection and has remembered nothing.
        QCOMPARE(window.client(), before);
        QVERIFY(window.connectionStatusText().contains(QStringLiteral("Connected")));
        QVERIFY(RecentConnections::load().isEmpty());
        dialog->reject();
    }

    void switchingIsRememberedWithTheSecretOnlyWhenAsked()
    {
        QSettings().clear();
        MainWindow window;
        int factoryCalls = 0;
        window.setPageFactory([&factoryCalls](MainWindow::Page, GraphqlWsClient *) -> QWidget * {
            ++factoryCalls;
            return nullptr;
        });
        window.show();
        window.setEmbeddedEndpoint({ serverUrl(), Secret }, QStringLiteral("test database"));
        QTRY_VERIFY_WITH_TIMEOUT(window.connectionStatusText().contains(QStringLiteral("Connected")), 30000);
        const int pageCount = int(MainWindow::pages().size());
        QCOMPARE(factoryCalls, pageCount);

        // The same server under another name: not the embedded entry, so it is a recent connection.
        QUrl other = serverUrl();
        other.setHost(QStringLiteral("localhost"));
        ConnectDialog *dialog = openConnectDialog(window);
        QVERIFY(dialog);
        QCOMPARE(dialog->findChild<QListWidget *>(QStringLiteral("recentConnections"))->count(), 1); // embedded
        fillIn(dialog, other, Secret, false);
        QTRY_VERIFY_WITH_TIMEOUT(window.client()->endpoint().url == other, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(window.connectionStatusText().contains(QStringLiteral("Connected")), 15000);
        QCOMPARE(factoryCalls, 2 * pageCount); // the pages were made again for the new client
        auto recent = RecentConnections::load();
        QCOMPARE(recent.size(), 1);
        QCOMPARE(recent.first().url, other);
        QVERIFY(recent.first().adminSecret.isEmpty());
        QVERIFY(!QSettings().allKeys().join(QLatin1Char(' ')).contains(QStringLiteral("adminSecret")));

        // Listed next time, after the embedded database; now with the secret remembered.
        dialog = openConnectDialog(window);
        auto *list = dialog->findChild<QListWidget *>(QStringLiteral("recentConnections"));
        QCOMPARE(list->count(), 2);
        QVERIFY(list->item(1)->text().contains(QStringLiteral("localhost")));
        fillIn(dialog, other, Secret, true);
        QTRY_VERIFY_WITH_TIMEOUT(RecentConnections::load().value(0).rememberSecret, 15000);
        recent = RecentConnections::load();
        QCOMPARE(recent.size(), 1);
        QCOMPARE(recent.first().adminSecret, Secret);
    }

    // `trefoil --connect URL` is the desktop app as a client of a remote trefoild: it connects and
    // renders its pages (the screenshot tour quits once every page is saved), and starts no backend
    // of its own — nothing is created in its data directory.
    void connectOptionOpensTheWindowOnARemoteServer()
    {
        QTemporaryDir dataDir;
        QTemporaryDir shots;
        QVERIFY(dataDir.isValid() && shots.isValid());
        QProcess app;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        environment.insert(QStringLiteral("TREFOIL_SCREENSHOT_DIR"), shots.path());
        environment.insert(QStringLiteral("TREFOIL_SCREENSHOT_ORDERS"), QStringLiteral("0"));
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), dataDir.filePath(QStringLiteral("config")));
        app.setProcessEnvironment(environment);
        app.setProcessChannelMode(QProcess::MergedChannels);
        app.start(QStringLiteral(TREFOIL_PATH),
            { QStringLiteral("--connect"), serverUrl().toString(), QStringLiteral("--admin-secret"), Secret,
                QStringLiteral("--data-dir"), dataDir.filePath(QStringLiteral("data")) });
        QVERIFY2(app.waitForFinished(120000), "trefoil --connect did not finish its screenshot tour");
        const QByteArray output = app.readAll();
        QVERIFY2(app.exitStatus() == QProcess::NormalExit && app.exitCode() == 0, output.constData());
        QVERIFY2(QFileInfo::exists(shots.filePath(QStringLiteral("orders.png"))), output.constData());
        QVERIFY2(!QFileInfo::exists(dataDir.filePath(QStringLiteral("data"))), output.constData());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
