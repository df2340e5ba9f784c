#include "ui/models/eventformatmodel.h"

#include "ui/models/eventstates.h"
#include "ui/models/keyedrowmodel.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace trefoil::ui {

namespace {

bool isTimeField(const QString &field)
{
    return field.endsWith(QLatin1String("_at")) || field.endsWith(QLatin1String("_until"))
        || field.endsWith(QLatin1String("_seen")) || field == QLatin1String("at");
}

bool isCountField(const QString &field)
{
    return field == QLatin1String("count") || field == QLatin1String("touched") || field == QLatin1String("tries");
}

bool isTextField(const QString &field)
{
    return field.endsWith(QLatin1String("error")) || field == QLatin1String("cancel_reason");
}

} // namespace

EventFormatModel::EventFormatModel(KeyedRowModel *rows, QObject *parent)
    : QIdentityProxyModel(parent)
    , m_rows(rows)
{
    setSourceModel(rows);
}

QString EventFormatModel::formatTime(const QString &iso)
{
    if (iso.isEmpty())
        return {};
    const QDateTime time = QDateTime::fromString(iso, Qt::ISODateWithMs);
    return time.isValid() ? time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : iso;
}

QString EventFormatModel::actionText(const QString &action)
{
    if (action == QLatin1String("redeliver"))
        return tr("Redeliver events");
    if (action == QLatin1String("cancel"))
        return tr("Cancel events");
    if (action == QLatin1String("release_leases"))
        return tr("Release leases");
    if (action == QLatin1String("set_trigger_state"))
        return tr("Pause or resume trigger");
    // An action this version does not know: its name made readable.
    QString text = action;
    text.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!text.isEmpty())
        text[0] = text.at(0).toUpper();
    return text;
}

QString EventFormatModel::keyValues(const QJsonObject &object)
{
    QStringList parts;
    for (auto it = object.begin(); it != object.end(); ++it) {
        QString value;
        if (it.value().isArray()) {
            QStringList items;
            for (const QJsonValue item : it.value().toArray())
                items.append(item.isString() ? item.toString() : item.toVariant().toString());
            value = items.join(QStringLiteral(", "));
        } else if (it.value().isObject()) {
            value = QString::fromUtf8(QJsonDocument(it.value().toObject()).toJson(QJsonDocument::Compact));
        } else if (it.value().isString()) {
            value = it.value().toString();
        } else {
            value = it.value().toVariant().toString();
        }
        parts.append(it.key() + QStringLiteral(": ") + value);
    }
    return parts.join(QStringLiteral(" · "));
}

QString EventFormatModel::shortId(const QString &id)
{
    return QChar(0x2026) + id.right(8);
}

QString EventFormatModel::oneLine(const QString &text, int length)
{
    QString line = text.section(QLatin1Char('\n'), 0, 0).simplified();
    if (line.size() > length)
        line = line.left(length - 1) + QChar(0x2026);
    return line;
}

QVariant EventFormatModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != Qt::TextAlignmentRole)
        return QIdentityProxyModel::data(index, role);
    const QString field = m_rows->columns().at(index.column()).field;
    const QJsonValue value = QIdentityProxyModel::data(index, KeyedRowModel::ValueRole).value<QJsonValue>();
    if (role == Qt::TextAlignmentRole) {
        if (isCountField(field))
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    }
    QString full;
    QString shown;
    if (value.isObject() && (field == QLatin1String("filter") || field == QLatin1String("details"))) {
        full = shown = keyValues(value.toObject());
    } else if (value.isObject() || value.isArray()) {
        full = QString::fromUtf8(value.isObject() ? QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)
                                                  : QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
        shown = oneLine(full);
    } else if (value.isDouble()) {
        full = shown = isCountField(field) ? QLocale().toString(value.toInteger()) : value.toVariant().toString();
    } else if (value.isString()) {
        full = value.toString();
        if (field == QLatin1String("state") || field == QLatin1String("status"))
            shown = EventStates::text(full);
        else if (field == QLatin1String("action"))
            shown = actionText(full);
        else if (field == QLatin1String("id") && full.size() == 36)
            shown = shortId(full);
        else if (isTimeField(field))
            shown = formatTime(full);
        else if (isTextField(field))
            shown = oneLine(full);
        else
            shown = full;
    } else if (value.isBool()) {
        full = shown = value.toBool() ? tr("yes") : tr("no");
    }
    if (role == Qt::ToolTipRole)
        return full.isEmpty() || full == shown ? QVariant() : QVariant(full);
    return shown.isNull() ? QVariant() : QVariant(shown);
}

} // namespace trefoil::ui
