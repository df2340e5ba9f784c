#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace trefoil::ui {

// A table of JSON row objects identified by a key field, fed with whole results (a live query's
// successive answers). Each new result becomes the smallest set of changes a view can follow:
// rows removed (one signal per contiguous range), moved (when the order changed), inserted, and
// dataChanged for the rows whose object changed — per contiguous run, or one range when most rows
// changed, as qBittorrent's transfer list does. Never a reset per result, so selection, scroll
// position and persistent indexes survive every update.
class KeyedRowModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyedRowModel)

public:
    struct Column {
        QString field; // a field of the row object; a dotted path reads nested objects ("restaurant.name")
        QString header; // shown as given: the caller translates it (tr())
    };

    enum Role {
        RowObjectRole = Qt::UserRole + 1, // the whole row, a QJsonObject
        KeyRole, // the row's key as a string
        ValueRole, // the column's value as a QJsonValue (not converted for display)
    };

    // More rows out of place than this and a reorder is one layout change rather than row moves:
    // each move is announced on its own, and a new sort order would move nearly every row.
    static constexpr int MaxMovesPerUpdate = 64;

    KeyedRowModel(QString keyField, QList<Column> columns, QObject *parent = nullptr);

    // Replaces the rows with `rows` (objects; a row without the key, or whose key an earlier row of
    // the same result has, is left out) through incremental changes.
    void setRows(const QJsonArray &rows);

    QString keyField() const { return m_keyField; }
    const QList<Column> &columns() const { return m_columns; }
    QString keyAt(int row) const { return m_rows.at(row).key; }
    QJsonObject rowObject(int row) const { return m_rows.at(row).object; }
    // The row of `key`, or -1.
    int rowOfKey(const QString &key) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // `field` of `object`, following a dotted path; undefined when absent.
    static QJsonValue valueAt(const QJsonObject &object, const QString &field);

private:
    struct Row {
        QString key;
        QJsonObject object;
    };

    void removeRowsNotIn(const QHash<QString, int> &keep);
    void reorderTo(const QList<Row> &target, const QHash<QString, int> &oldKeys);
    void moveRowsTo(const QList<QString> &order);
    void relayoutTo(const QList<QString> &order);
    void insertRowsFrom(const QList<Row> &target, const QHash<QString, int> &oldKeys);
    void updateChangedRows(const QList<Row> &target);
    void rebuildIndex();

    QString m_keyField;
    QList<Column> m_columns;
    QList<Row> m_rows;
    QHash<QString, int> m_index; // key → row, valid between updates
    bool m_updating = false; // setRows() is changing the rows: m_index is stale
};

} // namespace trefoil::ui
