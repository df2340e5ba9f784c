#pragma once

#include <QWidget>

class QTableView;

namespace trefoil::ui {

struct GraphqlResult;
class GraphqlWsClient;
class KeyedRowModel;
class Subscription;

// The Audit log tab: every operator action — who, when, what, on which filter, how many events it
// touched — newest first, live from trefoil_audit_log (the table survives restarts).
class AuditLogView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditLogView)

public:
    static constexpr int Limit = 500;

    explicit AuditLogView(GraphqlWsClient *client, QWidget *parent = nullptr);

    KeyedRowModel *entries() const { return m_entries; }
    QTableView *table() const { return m_table; }

Q_SIGNALS:
    void errorOccurred(const QString &message);

private:
    void onResult(const GraphqlResult &result);

    KeyedRowModel *m_entries;
    QTableView *m_table;
    Subscription *m_subscription = nullptr;
};

} // namespace trefoil::ui
