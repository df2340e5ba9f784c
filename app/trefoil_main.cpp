// trefoil: the desktop application, backend and dashboard in one process.
#include "backend/backend.h"
#include "core/config/config.h"
#include "core/lifecycle/terminationsignals.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QLoggingCategory>
#include <QTimer>
#include <QUuid>

#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("trefoil"));
    QApplication::setOrganizationName(QStringLiteral("trefoil"));
    QApplication::setApplicationVersion(QStringLiteral(TREFOIL_VERSION));

    const auto loaded = trefoil::ConfigLoader::load(
        QApplication::translate(
            "main", "Trefoil: realtime GraphQL, reliable eventing and the order workflow on your desktop."),
        QApplication::arguments(), QProcessEnvironment::systemEnvironment());
    if (loaded.outcome != trefoil::ConfigLoader::Outcome::Ok) {
        const bool error = loaded.outcome == trefoil::ConfigLoader::Outcome::Error;
        std::fprintf(error ? stderr : stdout, "%s%s\n", error ? "trefoil: " : "", qPrintable(loaded.message));
        return error ? 2 : 0;
    }

    // The desktop serves its API on this machine only, guarded by a secret made for this run and
    // handed to its own dashboard, unless the user chose one.
    trefoil::Config config = loaded.config;
    if (config.adminSecret.isEmpty())
        config.adminSecret = QString::fromLatin1(QUuid::createUuid().toByteArray(QUuid::Id128));
    trefoil::Backend backend(config);
    trefoil::ui::MainWindow window;
    window.setDatabaseLocation(backend.databaseDescription());
    QObject::connect(&backend, &trefoil::Backend::progress, &window, &trefoil::ui::MainWindow::showProgress);
    QObject::connect(&backend, &trefoil::Backend::failed, &window, &trefoil::ui::MainWindow::showFailure);
    QObject::connect(&backend, &trefoil::Backend::databaseConnectionChanged, &window,
        &trefoil::ui::MainWindow::setDatabaseConnected);

    trefoil::TerminationSignals termination;
    QObject::connect(&termination, &trefoil::TerminationSignals::terminationRequested, &app, &QCoreApplication::quit);
    QObject::connect(&app, &QCoreApplication::aboutToQuit, &backend, &trefoil::Backend::shutdown);

    // For developers and CI: save what the window shows once the database is connected, then quit.
    const QString screenshot = qEnvironmentVariable("TREFOIL_SCREENSHOT");
    if (!screenshot.isEmpty()) {
        QObject::connect(
            &backend, &trefoil::Backend::databaseConnectionChanged, &window, [&window, screenshot](bool connected) {
                if (!connected)
                    return;
                QTimer::singleShot(300, &window, [&window, screenshot] {
                    window.grab().save(screenshot);
                    QCoreApplication::quit();
                });
            });
    }

    window.show();
    backend.start();
    return app.exec();
}
