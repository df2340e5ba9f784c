#pragma once

#include <QIdentityProxyModel>

namespace trefoil::ui {

class KeyedRowModel;

// The Events page's tables (events, failure groups, audit log) as people read them, over a
// KeyedRowModel of the API's JSON rows: states in words, times in local time, ids in short form,
// errors on one line, counts with the locale's digit grouping; the whole value as tooltip.
class EventFormatModel final : public QIdentityProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventFormatModel)

public:
    explicit EventFormatModel(KeyedRowModel *rows, QObject *parent = nullptr);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    // `iso` (an ISO 8601 timestamp from the server) in local time, "2026-12-04 17:47:20"; empty for none.
    static QString formatTime(const QString &iso);
    // An audit action in words ("Redeliver events" for redeliver).
    static QString actionText(const QString &action);
    // An audit filter or details object on one line: "statuses: dead · table: orders".
    static QString keyValues(const QJsonObject &object);
    // The last 8 hex digits of a uuid: event ids are time-ordered, so their first digits repeat.
    static QString shortId(const QString &id);
    // The first line of `text`, cut at `length` characters with an ellipsis.
    static QString oneLine(const QString &text, int length = 160);

private:
    KeyedRowModel *m_rows;
};

} // namespace trefoil::ui
