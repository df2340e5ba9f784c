// The Triggers, Functions and Settings pages against the real trefoild (a child process with its
// event worker on the test cluster's database): a webhook trigger made in the trigger editor is
// listed with its definition, edited, paused and resumed, disabled and enabled, fired manually on a
// row, and deleted after the confirmation (not after Cancel); a fault set on the Functions page is
// the function's fault on the server, and Clear fault recovers; the retention settings round-trip
// through the server; theme and language are kept in (a test-only) QSettings and the theme applies
// at once. The three pages and the editor are saved as PNGs (triggers.png, functions.png,
// settings.png, triggereditor.png) in TREFOIL_SCREENSHOT_DIR, else the temporary directory.
#include "tests/support/dashboardserver.h"
#include "ui/client/graphqldocuments.h"
#include "ui/client/graphqlwsclient.h"
#include "ui/models/functionstatsmodel.h"
#include "ui/models/keyedrowmodel.h"
#include "ui/models/triggerstatsmodel.h"
#include "ui/pages/functions/functionspage.h"
#include "ui/pages/settings/settingspage.h"
#include "ui/pages/settings/uipreferences.h"
#include "ui/pages/triggers/firetriggerdialog.h"
#include "ui/pages/triggers/triggereditordialog.h"
#include "ui/pages/triggers/triggerspage.h"
#include "ui/widgets/messagebar.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

#include <memory>
#include <optional>

using namespace trefoil::ui;
using trefoil::test::DashboardServer;

namespace {

const QString HookName = QStringLiteral("test-hook");

void saveScreenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("TREFOIL_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QVERIFY2(widget->grab().save(QDir(dir).filePath(name)), qPrintable(name));
}

} // namespace

class TestAdminPages : public QObject {
    Q_OBJECT

    DashboardServer m_server { QStringLiteral(TREFOILD_PATH), QStringLiteral("adminpages") };
    GraphqlWsClient *m_client = nullptr;

    GraphqlResult run(const GraphqlRequest &request) const { return m_server.run(request); }

    QJsonObject serverFault(const QString &name)
    {
        const GraphqlResult stats = run(
            GraphqlDocuments::request(QLatin1StringView("function_stats"), { { QStringLiteral("seconds"), 60 } }));
        for (const QJsonValue &row : stats.data.value(QStringLiteral("trefoil_function_stats")).toArray()) {
            if (row.toObject().value(QStringLiteral("name")).toString() == name)
                return row.toObject().value(QStringLiteral("fault")).toObject();
        }
        return {};
    }

    QString sql(const QString &statement)
    {
        QString error;
        const QString out = m_server.psql(statement, &error);
        [&] { QVERIFY2(error.isEmpty(), qPrintable(error)); }();
        return out;
    }

    void placeOrder() { QVERIFY(!m_server.placeOrder(1, 1, QStringLiteral("admin-test")).isEmpty()); }

    static QJsonObject definitionOf(const TriggersPage &page, const QString &name)
    {
        return page.model()->trigger(name).value(QStringLiteral("definition")).toObject();
    }

    template<typename Dialog> static Dialog *openDialog(QWidget *parent)
    {
        Dialog *dialog = nullptr;
        [&] { QTRY_VERIFY((dialog = parent->findChild<Dialog *>()) != nullptr && dialog->isVisible()); }();
        return dialog;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Theme and language land in a test-only QSettings scope.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("trefoil-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_adminpages"));
        QSettings().clear();

        const QString failure = m_server.start();
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        m_client = m_server.client();
    }

    void cleanupTestCase() { QSettings().clear(); }

    // The page factory is probed without a client (trefoil-bench dashboard): empty frames.
    void pagesWithoutClientAreEmptyFrames()
    {
        TriggersPage triggers(nullptr);
        triggers.show();
        triggers.openNewTrigger();
        triggers.confirmDelete();
        QCOMPARE(triggers.model()->rowCount(), 0);
        FunctionsPage functions(nullptr);
        functions.show();
        functions.applyFault();
        QCOMPARE(functions.model()->rowCount(), 0);
        SettingsPage settings(nullptr);
        settings.show();
        settings.applyRetention();
        QVERIFY(!settings.retentionLoaded());
    }

    void webhookTriggerThroughTheEditor()
    {
        TriggersPage page(m_client);
        page.resize(1280, 640);
        page.show();
        // The demo's workflow triggers are listed.
        QTRY_VERIFY_WITH_TIMEOUT(page.model()->rowOfName(QStringLiteral("payment")) >= 0, 30000);

        QTest::mouseClick(page.findChild<QPushButton *>(QStringLiteral("newTriggerButton")), Qt::LeftButton);
        QPointer<TriggerEditorDialog> dialog = openDialog<TriggerEditorDialog>(&page);
        QVERIFY(!dialog->isEditing());
        QTRY_VERIFY_WITH_TIMEOUT(dialog->tableBox()->findText(QStringLiteral("orders")) >= 0, 30000);
        QVERIFY(dialog->tableBox()->findText(QStringLiteral("trefoil_events")) < 0); // engine tables are not offered
        QTRY_VERIFY_WITH_TIMEOUT(dialog->builtinBox()->findText(QStringLiteral("payment")) >= 0, 30000);
        dialog->nameEdit()->setText(HookName);
        dialog->tableBox()->setCurrentIndex(dialog->tableBox()->findText(QStringLiteral("orders")));
        dialog->updateBox()->setChecked(true);
        QTRY_VERIFY_WITH_TIMEOUT(
            !dialog->columnList()->findItems(QStringLiteral("status"), Qt::MatchExactly).isEmpty(), 30000);
        QVERIFY(dialog->columnList()->findItems(QStringLiteral("restaurant"), Qt::MatchExactly).isEmpty());
        dialog->columnList()->findItems(QStringLiteral("status"), Qt::MatchExactly).first()->setCheckState(Qt::Checked);
        dialog->webhookButton()->setChecked(true);
        // A bad URL is refused in the dialog, before anything is sent.
        dialog->webhookEdit()->setText(QStringLiteral("not a url"));
        QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
        QVERIFY(dialog->messageBar()->text().contains(QStringLiteral("webhook")));
        QVERIFY(dialog->isVisible());
        dialog->webhookEdit()->setText(QStringLiteral("http://127.0.0.1:9/hook"));
        dialog->addHeader(QStringLiteral("X-Test"), QStringLiteral("yes"));
        dialog->retriesBox()->setValue(2);
        dialog->messageBar()->clearMessage();
        saveScreenshot(dialog, QStringLiteral("triggereditor.png"));
        QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dialog.isNull(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(page.model()->rowOfName(HookName) >= 0, 30000);
        QVERIFY(page.messageBar()->text().contains(HookName));

        const QJsonObject listed = page.model()->trigger(HookName);
        QCOMPARE(listed.value(QStringLiteral("handler_kind")).toString(), QStringLiteral("webhook"));
        QCOMPARE(listed.value(QStringLiteral("handler")).toString(), QStringLiteral("http://127.0.0.1:9/hook"));
        QCOMPARE(listed.value(QStringLiteral("table")).toString(), QStringLiteral("public.orders"));
        const QJsonObject definition = definitionOf(page, HookName);
        QCOMPARE(definition.value(QStringLiteral("update")).toObject().value(QStringLiteral("columns")).toArray(),
            QJsonArray { QStringLiteral("status") });
        QCOMPARE(definition.value(QStringLiteral("headers")).toArray().size(), 1);
        QCOMPARE(
            definition.value(QStringLiteral("retry_conf")).toObject().value(QStringLiteral("num_retries")).toInt(), 2);
        QVERIFY(definition.value(QStringLiteral("enable_manual")).toBool());

        // Edit: the editor shows the trigger; saving replaces it.
        page.selectTrigger(HookName);
        QCOMPARE(page.selectedTrigger(), HookName);
        QTest::mouseClick(page.findChild<QPushButton *>(QStringLiteral("editTriggerButton")), Qt::LeftButton);
        dialog = openDialog<TriggerEditorDialog>(&page);
        QVERIFY(dialog->isEditing());
        QVERIFY(dialog->nameEdit()->isReadOnly());
        QVERIFY(dialog->webhookButton()->isChecked());
        QCOMPARE(dialog->webhookEdit()->text(), QStringLiteral("http://127.0.0.1:9/hook"));
        QCOMPARE(dialog->headerTable()->rowCount(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(dialog->tableBox()->currentText(), QStringLiteral("orders"), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->columnList()->count() > 1, 30000);
        QCOMPARE(dialog->draft().updateColumns, QStringList { QStringLiteral("status") });
        dialog->retriesBox()->setValue(4);
        QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dialog.isNull(), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(definitionOf(page, HookName)
                                      .value(QStringLiteral("retry_conf"))
                                      .toObject()
                                      .value(QStringLiteral("num_retries"))
                                      .toInt(),
            4, 30000);

        // Pause and resume; disable and enable.
        page.selectTrigger(HookName);
        QTest::mouseClick(page.pauseButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(page.model()->trigger(HookName).value(QStringLiteral("paused")).toBool(), 30000);
        QCOMPARE(
            page.model()->index(page.model()->rowOfName(HookName), TriggerStatsModel::StateColumn).data().toString(),
            QStringLiteral("Paused"));
        QTRY_COMPARE(page.pauseButton()->text(), QStringLiteral("&Resume"));
        QTRY_VERIFY(page.pauseButton()->isEnabled());
        QTest::mouseClick(page.pauseButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!page.model()->trigger(HookName).value(QStringLiteral("paused")).toBool(), 30000);
        QTRY_VERIFY(page.enableButton()->isEnabled());
        QTest::mouseClick(page.enableButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!page.model()->trigger(HookName).value(QStringLiteral("enabled")).toBool(true), 30000);
        QTRY_VERIFY(page.enableButton()->isEnabled());
        QTest::mouseClick(page.enableButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(page.model()->trigger(HookName).value(QStringLiteral("enabled")).toBool(), 30000);

        // Fire manually on the first order.
        placeOrder();
        QTRY_VERIFY(page.findChild<QPushButton *>(QStringLiteral("fireTriggerButton"))->isEnabled());
        QTest::mouseClick(page.findChild<QPushButton *>(QStringLiteral("fireTriggerButton")), Qt::LeftButton);
        QPointer<FireTriggerDialog> fire = openDialog<FireTriggerDialog>(&page);
        QTRY_VERIFY_WITH_TIMEOUT(fire->rows()->rowCount() > 0, 30000);
        QTRY_VERIFY(fire->fireButton()->isEnabled());
        const QString orderId = fire->rows()->rowObject(0).value(QStringLiteral("id")).toString();
        QVERIFY(!orderId.isEmpty());
        QTest::mouseClick(fire->fireButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(fire.isNull(), 30000);
        QVERIFY2(page.messageBar()->text().contains(QStringLiteral("fired")), qPrintable(page.messageBar()->text()));
        QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM trefoil.events WHERE trigger_name = '%1' AND op = 'MANUAL'"
                                    " AND data::text LIKE '%%2%'")
                         .arg(HookName, orderId)),
            QStringLiteral("1"));

        // Delete: Cancel keeps it, the confirmation deletes it.
        page.selectTrigger(HookName);
        QTRY_VERIFY(page.deleteButton()->isEnabled());
        QTest::mouseClick(page.deleteButton(), Qt::LeftButton);
        QPointer<QMessageBox> box = page.findChild<QMessageBox *>(QStringLiteral("deleteTriggerConfirmation"));
        QVERIFY(box);
        box->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(box.isNull());
        QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM trefoil.event_triggers WHERE name = '%1'").arg(HookName)),
            QStringLiteral("1"));
        QTest::mouseClick(page.deleteButton(), Qt::LeftButton);
        box = page.findChild<QMessageBox *>(QStringLiteral("deleteTriggerConfirmation"));
        QVERIFY(box);
        QAbstractButton *remove = nullptr;
        for (QAbstractButton *button : box->buttons()) {
            if (box->buttonRole(button) == QMessageBox::DestructiveRole)
                remove = button;
        }
        QVERIFY(remove);
        remove->click();
        QTRY_COMPARE_WITH_TIMEOUT(page.model()->rowOfName(HookName), -1, 30000);
        QCOMPARE(sql(QStringLiteral("SELECT count(*) FROM trefoil.event_triggers WHERE name = '%1'").arg(HookName)),
            QStringLiteral("0"));
        QVERIFY2(page.messageBar()->text().contains(QStringLiteral("deleted")), qPrintable(page.messageBar()->text()));
    }

    void faultThroughTheFunctionsPage()
    {
        FunctionsPage page(m_client);
        page.resize(1280, 640);
        page.show();
        QTRY_VERIFY_WITH_TIMEOUT(page.model()->rowOfName(QStringLiteral("payment")) >= 0, 30000);
        page.selectFunction(QStringLiteral("payment"));
        QCOMPARE(page.selectedFunction(), QStringLiteral("payment"));
        QTRY_VERIFY(page.failureRateBox()->isEnabled());
        QVERIFY(!page.applyButton()->isEnabled()); // nothing edited yet
        page.failureRateBox()->setValue(40);
        page.latencyBox()->setValue(250);
        page.alwaysFailBox()->setChecked(true);
        QVERIFY(page.applyButton()->isEnabled());
        QTest::mouseClick(page.applyButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(
            serverFault(QStringLiteral("payment")).value(QStringLiteral("latency_ms")).toInt(), 250, 30000);
        const QJsonObject fault = serverFault(QStringLiteral("payment"));
        QCOMPARE(fault.value(QStringLiteral("failure_rate")).toDouble(), 0.4);
        QVERIFY(fault.value(QStringLiteral("always_fail")).toBool());
        QVERIFY(!fault.value(QStringLiteral("timeout")).toBool());
        QCOMPARE(sql(QStringLiteral("SELECT always_fail FROM trefoil.function_faults WHERE name = 'payment'")),
            QStringLiteral("t"));
        // The page shows the fault once its next refresh arrives.
        QTRY_VERIFY_WITH_TIMEOUT(
            page.model()
                ->index(page.model()->rowOfName(QStringLiteral("payment")), FunctionStatsModel::FaultColumn)
                .data()
                .toString()
                .contains(QStringLiteral("always fails")),
            30000);

        // Recovery.
        QTRY_VERIFY(page.clearButton()->isEnabled());
        QTest::mouseClick(page.clearButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            !serverFault(QStringLiteral("payment")).value(QStringLiteral("always_fail")).toBool(true), 30000);
        QCOMPARE(serverFault(QStringLiteral("payment")).value(QStringLiteral("failure_rate")).toDouble(), 0.0);
        QTRY_COMPARE_WITH_TIMEOUT(page.alwaysFailBox()->isChecked(), false, 30000);
        QTRY_COMPARE(page.failureRateBox()->value(), 0);
        QVERIFY(page.messageBar()->text().isEmpty());
    }

    void retentionRoundTrip()
    {
        SettingsPage page(m_client);
        page.resize(1280, 640);
        page.show();
        QTRY_VERIFY_WITH_TIMEOUT(page.retentionLoaded(), 30000);
        // The defaults: delivered events 168 h, dead ones for ever.
        QVERIFY(!page.deliveredForeverBox()->isChecked());
        QCOMPARE(page.deliveredHoursBox()->value(), 168);
        QVERIFY(page.deadForeverBox()->isChecked());
        QVERIFY(!page.deadDaysBox()->isEnabled());

        page.deliveredHoursBox()->setValue(48);
        page.deadForeverBox()->setChecked(false);
        QVERIFY(page.deadDaysBox()->isEnabled());
        page.deadDaysBox()->setValue(7);
        QTest::mouseClick(page.applyRetentionButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(page.messageBar()->text().contains(QStringLiteral("saved")), 30000);
        GraphqlResult stored = run(GraphqlDocuments::request(QLatin1StringView("server_settings")));
        QVERIFY2(stored.isOk(), qPrintable(stored.errorString()));
        QJsonObject settings = stored.data.value(QStringLiteral("trefoil_settings")).toObject();
        QCOMPARE(settings.value(QStringLiteral("delivered_retention_hours")).toInt(), 48);
        QCOMPARE(settings.value(QStringLiteral("dead_retention_days")).toInt(), 7);

        // A new page reads them back; "for ever" is null on the server.
        SettingsPage again(m_client);
        again.show();
        QTRY_VERIFY_WITH_TIMEOUT(again.retentionLoaded(), 30000);
        QCOMPARE(again.deliveredHoursBox()->value(), 48);
        QCOMPARE(again.deadDaysBox()->value(), 7);
        QVERIFY(!again.deadForeverBox()->isChecked());
        again.deadForeverBox()->setChecked(true);
        again.deliveredHoursBox()->setValue(168);
        QTest::mouseClick(again.applyRetentionButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(again.messageBar()->text().contains(QStringLiteral("saved")), 30000);
        stored = run(GraphqlDocuments::request(QLatin1StringView("server_settings")));
        settings = stored.data.value(QStringLiteral("trefoil_settings")).toObject();
        QVERIFY(settings.value(QStringLiteral("dead_retention_days")).isNull());
        QCOMPARE(settings.value(QStringLiteral("delivered_retention_hours")).toInt(), 168);
    }

    void themeAndLanguageAreKept()
    {
        const QColor systemWindow = QApplication::palette().color(QPalette::Window);
        SettingsPage page(m_client);
        page.show();
        QCOMPARE(page.themeBox()->currentData().toInt(), int(UiPreferences::Theme::System));
        page.themeBox()->setCurrentIndex(page.themeBox()->findData(int(UiPreferences::Theme::Dark)));
        QCOMPARE(UiPreferences::theme(), UiPreferences::Theme::Dark);
        QCOMPARE(QSettings().value(QStringLiteral("ui/theme")).toString(), QStringLiteral("dark"));
        QCOMPARE(QApplication::palette().color(QPalette::Window), QColor(0x2d, 0x2d, 0x30)); // applied at once
        page.themeBox()->setCurrentIndex(page.themeBox()->findData(int(UiPreferences::Theme::Light)));
        QCOMPARE(UiPreferences::theme(), UiPreferences::Theme::Light);
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 128);
        page.themeBox()->setCurrentIndex(page.themeBox()->findData(int(UiPreferences::Theme::System)));
        QCOMPARE(UiPreferences::theme(), UiPreferences::Theme::System);
        QVERIFY(!QSettings().contains(QStringLiteral("ui/theme")));
        QCOMPARE(QApplication::palette().color(QPalette::Window), systemWindow);

        QCOMPARE(UiPreferences::language(), UiPreferences::Language::System);
        page.languageBox()->setCurrentIndex(page.languageBox()->findData(int(UiPreferences::Language::German)));
        QCOMPARE(UiPreferences::language(), UiPreferences::Language::German);
        QCOMPARE(QSettings().value(QStringLiteral("ui/language")).toString(), QStringLiteral("de"));
        QVERIFY(page.messageBar()->text().contains(QStringLiteral("starts again")));
        QCOMPARE(UiPreferences::locale(UiPreferences::language()).language(), QLocale::German);
        SettingsPage again(m_client);
        QCOMPARE(again.languageBox()->currentData().toInt(), int(UiPreferences::Language::German));
        again.languageBox()->setCurrentIndex(again.languageBox()->findData(int(UiPreferences::Language::System)));
        QVERIFY(!QSettings().contains(QStringLiteral("ui/language")));
    }

    // The three pages with demo data, for a person to look at (in TREFOIL_SCREENSHOT_DIR, else the
    // temporary directory).
    void screenshots()
    {
        run(GraphqlDocuments::request(QLatin1StringView("set_function_fault"),
            { { QStringLiteral("name"), QStringLiteral("restaurant-approval") },
                { QStringLiteral("failure_rate"), 0.3 }, { QStringLiteral("latency_ms"), 150 },
                { QStringLiteral("timeout"), false }, { QStringLiteral("always_fail"), false } }));
        for (int i = 0; i < 8; ++i)
            placeOrder();
        TriggersPage triggers(m_client);
        triggers.resize(1180, 520);
        triggers.show();
        QTRY_VERIFY_WITH_TIMEOUT(
            triggers.model()->trigger(QStringLiteral("agent-assignment")).value(QStringLiteral("delivered")).toInt()
                >= 6,
            60000);
        triggers.selectTrigger(QStringLiteral("payment"));
        saveScreenshot(&triggers, QStringLiteral("triggers.png"));
        FunctionsPage functions(m_client);
        functions.resize(1180, 520);
        functions.show();
        QTRY_VERIFY_WITH_TIMEOUT(functions.model()->rowOfName(QStringLiteral("restaurant-approval")) >= 0, 30000);
        functions.selectFunction(QStringLiteral("restaurant-approval"));
        QTRY_VERIFY(functions.failureRateBox()->value() == 30);
        saveScreenshot(&functions, QStringLiteral("functions.png"));
        SettingsPage settings(m_client);
        settings.resize(1180, 520);
        settings.show();
        QTRY_VERIFY_WITH_TIMEOUT(settings.retentionLoaded(), 30000);
        saveScreenshot(&settings, QStringLiteral("settings.png"));
        run(GraphqlDocuments::request(QLatin1StringView("set_function_fault"),
            { { QStringLiteral("name"), QStringLiteral("restaurant-approval") },
                { QStringLiteral("failure_rate"), 0.0 }, { QStringLiteral("latency_ms"), 0 },
                { QStringLiteral("timeout"), false }, { QStringLiteral("always_fail"), false } }));
    }
};

QTEST_MAIN(TestAdminPages)
#include "tst_adminpages.moc"
