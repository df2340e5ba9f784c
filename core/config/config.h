#pragma once

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

namespace trefoil {

// Everything a Trefoil process is told at start, after merging (highest first) the command line,
// TREFOIL_* environment variables, an optional config file and the defaults.
struct Config {
    QString databaseUrl; // empty: embedded cluster
    QString dataDir; // empty: QStandardPaths::AppLocalDataLocation
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 8080;
    QString adminSecret;
    QString logLevel = QStringLiteral("info");
    bool installDemo = true;
    QString configFile;
    QString triggersFile; // declarative event triggers, created or replaced at start
    int workerConcurrency = 4; // built-in delivery transactions at once (webhooks: 16× this)
    bool runWorker = true;
    // The desktop app only: open the dashboard on this trefoild (http(s)/ws(s) URL, as File →
    // Connect to… takes it) instead of starting a backend of its own; admin-secret is sent to it.
    QString connectUrl;

    bool usesEmbeddedDatabase() const { return databaseUrl.isEmpty(); }
};

// Reads a Config from arguments, environment and file; a bad value is an error naming the option.
class ConfigLoader {
    Q_DECLARE_TR_FUNCTIONS(trefoil::ConfigLoader)

public:
    enum class Outcome { Ok, HelpShown, VersionShown, Error };
    // The desktop app also takes --connect; trefoild refuses it as an unknown option.
    enum class Program { Daemon, Desktop };
    struct Loaded {
        Outcome outcome = Outcome::Ok;
        Config config;
        QString message; // help text, version, or the one-line error
    };

    // applicationDescription heads --help; arguments include the program name.
    static Loaded load(const QString &applicationDescription, const QStringList &arguments,
        const QProcessEnvironment &environment, Program program = Program::Daemon);
};

} // namespace trefoil
