#pragma once

#include <QDateTime>
#include <QIdentityProxyModel>

namespace trefoil::ui {

// Shows one column of timestamps (ISO 8601, as GraphQL sends timestamptz) as an age ("42 s",
// "3 min 5 s") relative to a clock the owner advances with setNow(); each tick is one dataChanged
// for that column only, so a ticking age never resets the view or disturbs its selection.
class AgeColumnProxyModel final : public QIdentityProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AgeColumnProxyModel)

public:
    // Ages in milliseconds, for sorting and tests.
    static constexpr int AgeMsRole = Qt::UserRole + 100;

    explicit AgeColumnProxyModel(int column, QObject *parent = nullptr);

    int ageColumn() const { return m_column; }
    QDateTime now() const { return m_now; }
    // Ages are computed against `now`; announces the age column as changed.
    void setNow(const QDateTime &now);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    // "12 s", "3 min 05 s", "2 h 04 min"; never negative (a clock slightly behind the server's).
    static QString formatAge(qint64 ms);

private:
    int m_column;
    QDateTime m_now;
};

} // namespace trefoil::ui
