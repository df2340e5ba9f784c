#pragma once

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QList>

namespace trefoil::ui {

// The old and the new row of an event, column by column (Column, Change, Old, New): the columns
// that changed first, then the others, so that an UPDATE's difference reads at a glance.
class RowDiffModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RowDiffModel)

public:
    enum Column { FieldColumn, ChangeColumn, OldColumn, NewColumn, ColumnCount };
    enum class Change { Same, Changed, Added, Removed };
    enum Role { ChangeRole = Qt::UserRole + 1 }; // the row's Change, as an int

    explicit RowDiffModel(QObject *parent = nullptr);

    // A new pair of rows (either may be empty: an INSERT has no old row, a DELETE no new one).
    void setRows(const QJsonObject &oldRow, const QJsonObject &newRow);
    void clear() { setRows({}, {}); }
    int changedCount() const;
    Change changeAt(int row) const { return m_lines.at(row).change; }
    QString fieldAt(int row) const { return m_lines.at(row).field; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Line {
        QString field;
        Change change = Change::Same;
        QJsonValue oldValue;
        QJsonValue newValue;
    };

    static QString text(const QJsonValue &value);

    QList<Line> m_lines;
};

} // namespace trefoil::ui
