#include "backend/graphql/livequeryhub.h"

#include "backend/graphql/changefeed.h"
#include "backend/graphql/graphqlengine.h"
#include "backend/pg/pool.h"
#include "backend/pg/result.h"
#include "core/graphql/parser.h"
#include "core/metrics/registry.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <utility>

namespace trefoil::graphql {

// Subscribers of one cohort whose values are the same share a group: one element of the array
// parameter, one result.
struct LiveQueryHub::Group {
    QByteArray values; // the element's "p": the compact JSON array of the statement's values
    QByteArray hash; // md5 of the last result (empty before the first)
    QByteArray payload; // the last result as a response object
    std::vector<Token> subscribers;
};

// One shape: the same SQL for the same role.
struct LiveQueryHub::Cohort {
    quint64 id = 0;
    QString key;
    QString sql; // multiplexed
    QStringList tables;
    bool readsView = false;
    std::map<quint64, Group> groups; // by group id
    QHash<QByteArray, quint64> groupByValues;
    int inFlight = 0; // statements of the current refresh
    bool dirty = false; // a table it reads changed since its last refresh started
    bool initialPending = false; // groups without a first result
    bool kickQueued = false;
    QElapsedTimer sinceRefresh;
    qint64 lastRefreshMs = 0; // of the last full refresh: from its start to its last answer
    bool timingRefresh = false; // a full refresh is in flight
    QTimer timer;
};

const QString LiveQueryHub::ParamSource = QStringLiteral("(\"_s\".\"e\"->'p')");

namespace {

QByteArray compact(const QJsonValue &value)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

QByteArray errorsJson(const std::vector<GraphqlError> &errors)
{
    QJsonArray array;
    for (const GraphqlError &e : errors)
        array.append(e.toJson());
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

bool transient(const pg::Error &error)
{
    return error.kind == pg::ErrorKind::ConnectionFailed || error.kind == pg::ErrorKind::ConnectionLost
        || error.kind == pg::ErrorKind::AdminShutdown || error.kind == pg::ErrorKind::QueryCanceled
        || error.kind == pg::ErrorKind::SerializationFailure || error.kind == pg::ErrorKind::DeadlockDetected;
}

} // namespace

QString LiveQueryHub::multiplexedSql(const QString &shapeSql)
{
    // Each array element is {"h": the subscriber group's last hash or null, "p": its values}; a
    // result equal to the last one comes back as NULL, so unchanged results cost no transfer.
    // OFFSET 0 keeps the planner from pulling the subqueries up: pulled up, every reference to
    // "data" (the hash, the comparison, the output) would build the result again (EXPLAIN showed
    // the shape's subplan three times per element).
    return QLatin1String("SELECT \"_s\".\"n\", \"_h\".\"h\", CASE WHEN \"_h\".\"h\" IS NOT DISTINCT FROM "
                         "\"_s\".\"e\"->>'h' THEN NULL ELSE \"_r\".\"data\" END AS \"data\""
                         " FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS \"_s\"(\"e\", \"n\")"
                         " LEFT JOIN LATERAL (")
        + shapeSql
        + QLatin1String(" OFFSET 0) AS \"_r\" ON true"
                        " CROSS JOIN LATERAL (SELECT md5(\"_r\".\"data\"::text) AS \"h\" OFFSET 0) AS \"_h\"");
}

LiveQueryHub::LiveQueryHub(GraphqlEngine *engine, pg::Pool *pool, ChangeFeed *feed, metrics::Registry *metrics,
    LiveQueryOptions options, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_pool(pool)
    , m_feed(feed)
    , m_options(options)
{
    if (metrics) {
        m_cohortGauge = &metrics->gauge("trefoil_live_cohorts", "Live query cohorts (shapes with subscribers)");
        m_subscriberGauge = &metrics->gauge("trefoil_live_subscribers", "Live query subscribers");
        m_statementCounter = &metrics->counter(
            "trefoil_live_refresh_statements_total", "Multiplexed statements run to refresh live queries");
        m_refreshCounter = &metrics->counter(
            "trefoil_live_refreshes_total", "Refreshes of a live query cohort (each one statement per batch)");
        m_pushCounter = &metrics->counter("trefoil_live_pushes_total", "Live query results sent to subscribers");
    }
    connect(m_feed, &ChangeFeed::changed, this, &LiveQueryHub::tablesChanged);
    connect(m_feed, &ChangeFeed::missed, this, &LiveQueryHub::refreshAll);
    connect(m_feed, &ChangeFeed::watchFailed, this, [](const QString &message) {
        qWarning("live queries: could not install the change triggers (changes are seen only by the periodic "
                 "refresh): %s",
            qPrintable(message));
    });
    connect(m_engine, &GraphqlEngine::schemaReady, this, [this] {
        const std::shared_ptr<const Schema> schema = m_engine->schema(QStringLiteral("admin"));
        if (!schema)
            return;
        QStringList tables;
        for (const TableInfo &table : schema->tables()) {
            if (!table.isView)
                tables.append(table.schema + QLatin1Char('.') + table.name);
        }
        m_feed->watch(tables);
    });
    m_safetyTimer.setInterval(m_options.safetyRefreshMs);
    connect(&m_safetyTimer, &QTimer::timeout, this, &LiveQueryHub::refreshAll);
    m_safetyTimer.start();
}

LiveQueryHub::~LiveQueryHub() = default;

bool LiveQueryHub::isStream(const QJsonObject &request) const
{
    const ParseResult parsed = parse(request.value(QLatin1String("query")).toString());
    if (!parsed.ok())
        return false;
    const QString name = request.value(QLatin1String("operationName")).toString();
    for (const OperationDefinition &op : parsed.document.operations) {
        if ((name.isEmpty() || op.name == name) && !op.selectionSet.empty())
            return op.selectionSet.front().name.endsWith(QLatin1String("_stream"));
    }
    return false;
}

Subscriptions::Token LiveQueryHub::start(const QJsonObject &request, const QString &role, SubscriptionSink sink)
{
    const Token token = m_nextToken++;
    if (m_streams && isStream(request)) {
        m_streamTokens.insert(token, m_streams->start(request, role, std::move(sink)));
        countsChanged();
        return token;
    }
    const CompiledOperation op = m_engine->compile(request.value(QLatin1String("query")).toString(),
        request.value(QLatin1String("operationName")).toString(), request.value(QLatin1String("variables")).toObject(),
        role, ParamSource);
    if (!op.ok()) {
        if (sink.error)
            sink.error(errorsJson(op.errors));
        return token;
    }
    for (const CompiledRootField &root : op.rootFields) {
        if (root.kind == CompiledRootField::Kind::Custom || op.isMutation) {
            GraphqlError e;
            e.message = QStringLiteral("only table fields can be subscribed to");
            if (sink.error)
                sink.error(errorsJson({ e }));
            return token;
        }
    }
    if (op.sql.isEmpty()) {
        // Only __typename: a result that never changes.
        QByteArray data = "{";
        for (const CompiledRootField &root : op.rootFields) {
            if (data.size() > 1)
                data += ',';
            data += compact(root.key) + ':' + root.json;
        }
        if (sink.next)
            sink.next("{\"data\":" + data + "}}");
        return token;
    }
    // The cohort key: role, room for session variables, and the shape's SQL. The SQL text is a
    // function of the document, the operation and exactly those facts of the variables that
    // change its structure (an _is_null, an absent optional argument, an object-valued variable,
    // order_by's enums…): scalar values are read from the cohort row, so subscribers that differ
    // only in them share the statement; those that differ in structure get cohorts of their own.
    const QString sessionKey; // session variables, once roles carry them
    const QString key = role + QLatin1Char('\n') + sessionKey + QLatin1Char('\n') + op.sql;
    auto it = m_cohorts.find(key);
    if (it == m_cohorts.end()) {
        auto cohort = std::make_unique<Cohort>();
        cohort->id = m_nextId++;
        cohort->key = key;
        cohort->sql = multiplexedSql(op.sql);
        cohort->tables = op.readTables;
        cohort->readsView = op.readsView;
        cohort->timer.setSingleShot(true);
        Cohort *raw = cohort.get();
        connect(&cohort->timer, &QTimer::timeout, this, [this, raw] { kick(*raw); });
        it = m_cohorts.emplace(key, std::move(cohort)).first;
    }
    Cohort &cohort = *it->second;
    QJsonArray values;
    for (const QVariant &v : op.params) {
        if (v.isNull())
            values.append(QJsonValue::Null);
        else if (v.typeId() == QMetaType::QStringList)
            values.append(QJsonArray::fromStringList(v.toStringList()));
        else
            values.append(v.toString());
    }
    const QByteArray valuesJson = QJsonDocument(values).toJson(QJsonDocument::Compact);
    quint64 groupId = cohort.groupByValues.value(valuesJson);
    if (groupId == 0) {
        groupId = m_nextId++;
        cohort.groupByValues.insert(valuesJson, groupId);
        cohort.groups[groupId].values = valuesJson;
        cohort.initialPending = true;
    }
    Group &group = cohort.groups[groupId];
    group.subscribers.push_back(token);
    m_subscribers.insert(token, Subscriber { std::move(sink), &cohort, groupId, {} });
    countsChanged();
    if (!group.hash.isEmpty()) {
        // The group's current result, once start() has returned.
        QMetaObject::invokeMethod(
            this,
            [this, token] {
                auto s = m_subscribers.find(token);
                if (s == m_subscribers.end())
                    return;
                auto g = s->cohort->groups.find(s->group);
                if (g != s->cohort->groups.end() && !g->second.hash.isEmpty())
                    push(*s, g->second);
            },
            Qt::QueuedConnection);
    } else {
        queueKick(cohort);
    }
    return token;
}

void LiveQueryHub::stop(Token token)
{
    if (const auto stream = m_streamTokens.constFind(token); stream != m_streamTokens.cend()) {
        if (m_streams)
            m_streams->stop(*stream);
        m_streamTokens.erase(stream);
        countsChanged();
        return;
    }
    remove(token);
}

void LiveQueryHub::remove(Token token)
{
    const auto s = m_subscribers.find(token);
    if (s == m_subscribers.end())
        return;
    Cohort *cohort = s->cohort;
    const quint64 groupId = s->group;
    m_subscribers.erase(s);
    auto g = cohort->groups.find(groupId);
    if (g != cohort->groups.end()) {
        std::vector<Token> &tokens = g->second.subscribers;
        tokens.erase(std::remove(tokens.begin(), tokens.end(), token), tokens.end());
        if (tokens.empty()) {
            cohort->groupByValues.remove(g->second.values);
            cohort->groups.erase(g);
        }
    }
    if (cohort->groups.empty())
        m_cohorts.erase(cohort->key); // answers in flight find it gone (or another id)
    countsChanged();
}

void LiveQueryHub::countsChanged()
{
    // Streams wake on the same change signals as live queries.
    m_feed->setActive(!m_cohorts.empty() || !m_streamTokens.isEmpty());
    if (m_cohortGauge) {
        m_cohortGauge->set(double(m_cohorts.size()));
        m_subscriberGauge->set(double(m_subscribers.size()));
    }
}

void LiveQueryHub::tablesChanged(const QStringList &tables)
{
    for (auto &[key, cohort] : m_cohorts) {
        bool reads = cohort->readsView;
        for (qsizetype i = 0; !reads && i < tables.size(); ++i)
            reads = cohort->tables.contains(tables.at(i));
        if (!reads)
            continue;
        cohort->dirty = true;
        queueKick(*cohort);
    }
}

void LiveQueryHub::refreshAll()
{
    for (auto &[key, cohort] : m_cohorts) {
        cohort->dirty = true;
        queueKick(*cohort);
    }
}

void LiveQueryHub::queueKick(Cohort &cohort)
{
    // Starts and changes that arrive in one pass of the event loop share one refresh.
    if (cohort.kickQueued)
        return;
    cohort.kickQueued = true;
    const quint64 id = cohort.id;
    const QString key = cohort.key;
    QMetaObject::invokeMethod(
        this,
        [this, id, key] {
            const auto it = m_cohorts.find(key);
            if (it == m_cohorts.end() || it->second->id != id)
                return;
            it->second->kickQueued = false;
            kick(*it->second);
        },
        Qt::QueuedConnection);
}

void LiveQueryHub::kick(Cohort &cohort)
{
    // One refresh in flight per cohort, so results arrive in the order of their snapshots.
    if (cohort.inFlight > 0)
        return;
    const qint64 interval
        = std::max<qint64>(m_options.minRefreshIntervalMs, qint64(m_options.refreshCostFactor) * cohort.lastRefreshMs);
    const qint64 wait = cohort.sinceRefresh.isValid() ? interval - cohort.sinceRefresh.elapsed() : 0;
    if (cohort.dirty && wait <= 0) {
        cohort.timer.stop();
        refresh(cohort, true);
    } else if (cohort.initialPending) {
        refresh(cohort, false); // new subscribers get their first result at once
        if (cohort.inFlight == 0 && cohort.dirty)
            kick(cohort); // nothing was new after all
    } else if (cohort.dirty && !cohort.timer.isActive()) {
        cohort.timer.start(int(wait));
    }
}

void LiveQueryHub::refresh(Cohort &cohort, bool all)
{
    std::vector<quint64> ids;
    for (const auto &[id, group] : cohort.groups) {
        if (all || group.hash.isEmpty())
            ids.push_back(id);
    }
    if (all) {
        cohort.dirty = false;
        cohort.sinceRefresh.start();
        cohort.timingRefresh = !ids.empty();
    }
    cohort.initialPending = false;
    if (!ids.empty()) {
        ++m_refreshes;
        if (m_refreshCounter)
            m_refreshCounter->inc();
    }
    const size_t batch = size_t(std::max(1, m_options.batchSize));
    for (size_t from = 0; from < ids.size(); from += batch) {
        const auto first = ids.begin() + qsizetype(from);
        runBatch(cohort, std::vector<quint64>(first, first + qsizetype(std::min(batch, ids.size() - from))));
    }
}

void LiveQueryHub::runBatch(Cohort &cohort, const std::vector<quint64> &groups)
{
    QByteArray array = "[";
    for (const quint64 id : groups) {
        const Group &group = cohort.groups.at(id);
        if (array.size() > 1)
            array += ',';
        array += "{\"h\":" + (group.hash.isEmpty() ? QByteArray("null") : '"' + group.hash + '"')
            + ",\"p\":" + group.values + '}';
    }
    array += ']';
    ++cohort.inFlight;
    ++m_statements;
    if (m_statementCounter)
        m_statementCounter->inc();
    const quint64 cohortId = cohort.id;
    const QString key = cohort.key;
    m_pool->exec(cohort.sql, { QString::fromUtf8(array) }, this,
        [this, cohortId, key, groups](const pg::Result &result) { answered(cohortId, key, groups, result); });
}

void LiveQueryHub::answered(
    quint64 cohortId, const QString &key, const std::vector<quint64> &groups, const pg::Result &result)
{
    const auto it = m_cohorts.find(key);
    if (it == m_cohorts.end() || it->second->id != cohortId)
        return;
    Cohort &cohort = *it->second;
    if (--cohort.inFlight == 0 && std::exchange(cohort.timingRefresh, false))
        cohort.lastRefreshMs = cohort.sinceRefresh.elapsed();
    if (!result.ok()) {
        if (transient(result.error())) {
            cohort.dirty = true;
            cohort.timer.start(m_options.retryMs);
            return;
        }
        if (groups.size() > 1) {
            // Some subscriber's values make the statement fail (a malformed uuid, a negative
            // limit): run the groups one by one, so only those subscribers get the error.
            for (const quint64 id : groups) {
                if (cohort.groups.count(id) > 0)
                    runBatch(cohort, { id });
            }
        } else {
            // The statement fails for these subscribers' values: their operations are over.
            std::vector<Token> tokens;
            for (const quint64 id : groups) {
                const auto g = cohort.groups.find(id);
                if (g != cohort.groups.end())
                    tokens.insert(tokens.end(), g->second.subscribers.begin(), g->second.subscribers.end());
            }
            fail(tokens, errorsJson({ GraphqlEngine::databaseError(result.error(), {}) }));
        }
    } else {
        std::vector<Token> changed;
        for (int row = 0; row < result.rowCount(); ++row) {
            const qint64 n = result.toInt(row, 0);
            if (n < 1 || size_t(n) > groups.size() || result.isNull(row, 2))
                continue;
            const auto g = cohort.groups.find(groups.at(size_t(n - 1)));
            if (g == cohort.groups.end())
                continue;
            g->second.hash = result.raw(row, 1);
            g->second.payload = "{\"data\":" + result.raw(row, 2) + '}';
            changed.insert(changed.end(), g->second.subscribers.begin(), g->second.subscribers.end());
        }
        // Sinks may stop operations (any, even of this cohort) while results go out.
        for (const Token token : changed) {
            const auto s = m_subscribers.find(token);
            if (s == m_subscribers.end())
                continue;
            const auto g = s->cohort->groups.find(s->group);
            if (g != s->cohort->groups.end())
                push(*s, g->second);
        }
    }
    // The cohort may be gone now; look again before going on.
    const auto again = m_cohorts.find(key);
    if (again != m_cohorts.end() && again->second->id == cohortId && again->second->inFlight == 0)
        kick(*again->second);
}

void LiveQueryHub::push(Subscriber &subscriber, const Group &group)
{
    if (subscriber.sentHash == group.hash)
        return; // never the same result twice
    subscriber.sentHash = group.hash;
    ++m_pushes;
    if (m_pushCounter)
        m_pushCounter->inc();
    // Copies: the sink may stop this very operation, which can free the group and the subscriber.
    const QByteArray payload = group.payload;
    const auto next = subscriber.sink.next;
    if (next)
        next(payload);
}

void LiveQueryHub::fail(const std::vector<Token> &tokens, const QByteArray &errors)
{
    for (const Token token : tokens) {
        const auto s = m_subscribers.find(token);
        if (s == m_subscribers.end())
            continue;
        const SubscriptionSink sink = s->sink;
        remove(token);
        if (sink.error)
            sink.error(errors);
    }
}

} // namespace trefoil::graphql
