#pragma once

#include "backend/pg/result.h"

#include <QObject>
#include <QPointer>
#include <QVariantList>

#include <functional>
#include <memory>

namespace trefoil::pg {

using ResultCallback = std::function<void(const Result &)>;

// One PostgreSQL connection driven by the Qt event loop: never blocks the calling thread.
// Statements are queued and run in order, in libpq pipeline mode with one Sync per statement
// (the semantics of one by one), sent without waiting for earlier answers, saving a round trip
// each (setPipelining(false): one at a time). Each statement gets exactly one callback (with an error if the
// connection is lost). Values are always bound parameters (QVariant: null, bool, integers, double,
// QString, QByteArray as bytea, QDateTime, QDate, QUuid, QJsonObject/QJsonArray/QJsonDocument,
// QStringList as text[]). The callback is skipped if its context object is gone.
class Connection final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Connection)

public:
    enum class State { Idle, Connecting, Ready, Broken };
    Q_ENUM(State)

    explicit Connection(QString conninfo, QObject *parent = nullptr);
    ~Connection() override;

    // Starts connecting; emits opened() or openFailed(). Statements queued before that wait.
    void open();
    // Closes at once; queued statements fail with ConnectionLost.
    void close();

    State state() const { return m_state; }
    bool isReady() const { return m_state == State::Ready; }
    // Statements queued or in flight.
    int pendingCount() const;
    // Statements sent to the server and not yet answered (several at once when pipelining).
    int inFlightCount() const;
    // Whether queued statements are sent without waiting for earlier answers (the default), or
    // one at a time.
    void setPipelining(bool enabled);
    // The backend's process id, 0 when not connected.
    int backendPid() const;
    // Times the stall check found answers that no read notification had announced (should stay 0).
    quint64 stallRescues() const;

    // One statement with bound parameters ($1, $2, …).
    void exec(const QString &sql, const QVariantList &params, QObject *context, ResultCallback callback);
    void exec(const QString &sql, QObject *context, ResultCallback callback)
    {
        exec(sql, {}, context, std::move(callback));
    }
    // Several statements in one string, no parameters (migrations, scripts). The callback gets the last result.
    void execScript(const QString &sql, QObject *context, ResultCallback callback);

    // Asks the server to cancel the statement in flight (its callback then gets QueryCanceled).
    void cancelCurrent();

Q_SIGNALS:
    void opened();
    void openFailed(const trefoil::pg::Error &error);
    void lost(const trefoil::pg::Error &error);
    void notification(const QString &channel, const QString &payload, int senderPid);
    // Nothing queued or in flight any more.
    void drained();
    // The stall check delivered answers that had waited unannounced; `waiting` statements were in flight.
    void stallRescued(int waiting);

private:
    struct Private;
    std::unique_ptr<Private> d;
    State m_state = State::Idle;

    void setState(State state);
    void onReadable();
    bool emitNotifications();
    void checkForStall();
    void rescueStalled();
    void onWritable();
    void continueConnecting();
    void startNext();
    void flushOutput();
    void collectResults();
    void fail(const Error &error);
    void failAllPending(const Error &error);
};

} // namespace trefoil::pg
