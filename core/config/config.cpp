#include "core/config/config.h"

#include "core/config/conninfo.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QSettings>
#include <QUrl>

namespace trefoil {

namespace {

// One configurable setting: its option name is also its config-file key and, upper-cased with
// dashes as underscores and a TREFOIL_ prefix, its environment variable.
struct Setting {
    QString name;
    QString valueName;
    QString description;
};

QString environmentName(const QString &option)
{
    return QLatin1String("TREFOIL_") + option.toUpper().replace(QLatin1Char('-'), QLatin1Char('_'));
}

} // namespace

ConfigLoader::Loaded ConfigLoader::load(const QString &applicationDescription, const QStringList &arguments,
    const QProcessEnvironment &environment, Program program)
{
    QList<Setting> settings = {
        { QStringLiteral("database-url"), QStringLiteral("url"),
            tr("PostgreSQL connection URL or conninfo. Without it, an embedded cluster in the data directory is "
               "used.") },
        { QStringLiteral("data-dir"), QStringLiteral("dir"),
            tr("Directory for the embedded database and local state.") },
        { QStringLiteral("host"), QStringLiteral("address"),
            tr("Address the HTTP/WebSocket API listens on (default 127.0.0.1).") },
        { QStringLiteral("port"), QStringLiteral("port"),
            tr("Port the HTTP/WebSocket API listens on (default 8080, 0 picks a free port).") },
        { QStringLiteral("admin-secret"), QStringLiteral("secret"),
            tr("Secret required in the x-hasura-admin-secret header.") },
        { QStringLiteral("log-level"), QStringLiteral("level"),
            tr("One of debug, info, warning, error (default info).") },
        { QStringLiteral("triggers-file"), QStringLiteral("file"),
            tr("JSON file of event triggers ({\"event_triggers\": [create_event_trigger args…]}) created or replaced "
               "at start.") },
        { QStringLiteral("worker-concurrency"), QStringLiteral("n"),
            tr("Event delivery transactions at once (default 4; 0 runs no event worker in this process).") },
    };

    if (program == Program::Desktop) {
        settings.append({ QStringLiteral("connect"), QStringLiteral("url"),
            tr("Open the dashboard on the trefoild at this address (e.g. http://server:8080) instead of starting a "
               "backend; --admin-secret is the secret it asks for.") });
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(applicationDescription);
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    for (const Setting &setting : settings) {
        parser.addOption(QCommandLineOption(setting.name,
            setting.description + QLatin1Char(' ') + tr("Environment: %1.").arg(environmentName(setting.name)),
            setting.valueName));
    }
    const QCommandLineOption configOption(QStringLiteral("config"),
        tr("Config file (INI: key = value, keys as the long options). Environment: %1.")
            .arg(environmentName(QStringLiteral("config"))),
        QStringLiteral("file"));
    const QCommandLineOption noDemoOption(
        QStringLiteral("no-demo"), tr("Do not install the food-ordering demo schema and data."));
    parser.addOption(configOption);
    parser.addOption(noDemoOption);

    Loaded loaded;
    if (!parser.parse(arguments)) {
        loaded.outcome = Outcome::Error;
        loaded.message = parser.errorText();
        return loaded;
    }
    if (parser.isSet(helpOption)) {
        loaded.outcome = Outcome::HelpShown;
        loaded.message = parser.helpText();
        return loaded;
    }
    if (parser.isSet(versionOption)) {
        loaded.outcome = Outcome::VersionShown;
        loaded.message
            = QCoreApplication::applicationName() + QLatin1Char(' ') + QCoreApplication::applicationVersion();
        return loaded;
    }
    if (!parser.positionalArguments().isEmpty()) {
        loaded.outcome = Outcome::Error;
        // A database URL given without its option must not be echoed with its password.
        const QString argument = parser.positionalArguments().constFirst();
        const bool mayHoldPassword = argument.contains(QLatin1String("password"), Qt::CaseInsensitive)
            || argument.startsWith(QLatin1String("postgres://")) || argument.startsWith(QLatin1String("postgresql://"));
        loaded.message = tr("unexpected argument '%1'").arg(mayHoldPassword ? redactConninfo(argument) : argument);
        return loaded;
    }

    Config &config = loaded.config;
    config.configFile = parser.isSet(configOption) ? parser.value(configOption)
                                                   : environment.value(environmentName(QStringLiteral("config")));
    std::optional<QSettings> file;
    if (!config.configFile.isEmpty()) {
        if (!QFileInfo(config.configFile).isReadable()) {
            loaded.outcome = Outcome::Error;
            loaded.message = tr("--config: cannot read '%1'").arg(config.configFile);
            return loaded;
        }
        file.emplace(config.configFile, QSettings::IniFormat);
        if (file->status() != QSettings::NoError) {
            loaded.outcome = Outcome::Error;
            loaded.message = tr("--config: '%1' is not a valid INI file").arg(config.configFile);
            return loaded;
        }
    }

    // Highest precedence first: command line, environment, file.
    auto lookup = [&](const QString &name) -> std::optional<QString> {
        if (parser.isSet(name))
            return parser.value(name);
        const QString env = environmentName(name);
        if (environment.contains(env))
            return environment.value(env);
        if (file && file->contains(name))
            return file->value(name).toString();
        return std::nullopt;
    };
    auto fail = [&](const QString &name, const QString &problem) {
        loaded.outcome = Outcome::Error;
        loaded.message = QLatin1String("--") + name + QLatin1String(": ") + problem;
        return loaded;
    };

    if (auto value = lookup(QStringLiteral("database-url")))
        config.databaseUrl = value->trimmed();
    if (auto value = lookup(QStringLiteral("data-dir"))) {
        if (value->trimmed().isEmpty())
            return fail(QStringLiteral("data-dir"), tr("must not be empty"));
        config.dataDir = *value;
    }
    if (auto value = lookup(QStringLiteral("host"))) {
        if (value->trimmed().isEmpty())
            return fail(QStringLiteral("host"), tr("must not be empty"));
        config.host = value->trimmed();
    }
    if (auto value = lookup(QStringLiteral("port"))) {
        bool ok = false;
        const uint port = value->toUInt(&ok);
        if (!ok || port > 65535)
            return fail(QStringLiteral("port"), tr("'%1' is not a port number (0-65535)").arg(*value));
        config.port = quint16(port);
    }
    if (auto value = lookup(QStringLiteral("admin-secret")))
        config.adminSecret = *value;
    if (auto value = lookup(QStringLiteral("log-level"))) {
        static const QStringList levels
            = { QStringLiteral("debug"), QStringLiteral("info"), QStringLiteral("warning"), QStringLiteral("error") };
        if (!levels.contains(value->toLower()))
            return fail(
                QStringLiteral("log-level"), tr("'%1' is not one of %2").arg(*value, levels.join(QLatin1String(", "))));
        config.logLevel = value->toLower();
    }
    if (auto value = lookup(QStringLiteral("triggers-file"))) {
        if (!QFileInfo(*value).isReadable())
            return fail(QStringLiteral("triggers-file"), tr("cannot read '%1'").arg(*value));
        config.triggersFile = *value;
    }
    if (auto value = lookup(QStringLiteral("worker-concurrency"))) {
        bool ok = false;
        const int concurrency = value->toInt(&ok);
        if (!ok || concurrency < 0 || concurrency > 256)
            return fail(QStringLiteral("worker-concurrency"), tr("'%1' is not a number from 0 to 256").arg(*value));
        config.workerConcurrency = concurrency;
        config.runWorker = concurrency > 0;
    }
    if (program == Program::Desktop) {
        if (auto value = lookup(QStringLiteral("connect"))) {
            const QUrl url = QUrl::fromUserInput(value->trimmed());
            const QString scheme = url.scheme().toLower();
            static const QStringList schemes
                = { QStringLiteral("http"), QStringLiteral("https"), QStringLiteral("ws"), QStringLiteral("wss") };
            if (!url.isValid() || url.host().isEmpty() || !schemes.contains(scheme))
                return fail(QStringLiteral("connect"),
                    tr("'%1' is not a server address; expected e.g. http://127.0.0.1:8080")
                        .arg(url.toDisplayString(QUrl::RemoveUserInfo)));
            config.connectUrl = url.toString(QUrl::RemoveUserInfo);
        }
    }
    const QString noDemoEnv = environment.value(environmentName(QStringLiteral("no-demo")));
    config.installDemo = !(parser.isSet(noDemoOption) || noDemoEnv == QLatin1String("1")
        || noDemoEnv.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0
        || (file && file->value(QStringLiteral("no-demo")).toBool()));
    return loaded;
}

} // namespace trefoil
