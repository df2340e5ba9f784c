// trefoild: the Trefoil backend without a window, for servers and for running many replicas.
#include "backend/backend.h"
#include "core/config/config.h"
#include "core/lifecycle/terminationsignals.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("trefoild"));
    QCoreApplication::setOrganizationName(QStringLiteral("trefoil"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TREFOIL_VERSION));

    const auto loaded = trefoil::ConfigLoader::load(
        QCoreApplication::translate("main", "Trefoil backend, headless: GraphQL and eventing over PostgreSQL."),
        QCoreApplication::arguments(), QProcessEnvironment::systemEnvironment());
    if (loaded.outcome != trefoil::ConfigLoader::Outcome::Ok) {
        const bool error = loaded.outcome == trefoil::ConfigLoader::Outcome::Error;
        std::fprintf(error ? stderr : stdout, "%s%s\n", error ? "trefoild: " : "", qPrintable(loaded.message));
        return error ? 2 : 0;
    }

    trefoil::Backend backend(loaded.config);
    QObject::connect(&backend, &trefoil::Backend::progress, &app,
        [](const QString &step) { std::fprintf(stderr, "trefoild: %s\n", qPrintable(step)); });
    QObject::connect(&backend, &trefoil::Backend::ready, &app, [&backend] {
        std::fprintf(stderr, "trefoild: ready, database %s\n", qPrintable(backend.databaseDescription()));
    });
    // Queued: a failure can come from start() itself (a refused connection fails at once), before
    // exec() runs, and exit() before exec() is lost.
    QObject::connect(
        &backend, &trefoil::Backend::failed, &app,
        [](const QString &message) {
            std::fprintf(stderr, "trefoild: %s\n", qPrintable(message));
            QCoreApplication::exit(1);
        },
        Qt::QueuedConnection);

    trefoil::TerminationSignals termination;
    QObject::connect(&termination, &trefoil::TerminationSignals::terminationRequested, &app, &QCoreApplication::quit);
    QObject::connect(&app, &QCoreApplication::aboutToQuit, &backend, &trefoil::Backend::shutdown);

    backend.start();
    return app.exec();
}
