#include "ui/connections/recentconnections.h"

#include <QSettings>

namespace trefoil::ui {

namespace {
constexpr auto ArrayKey = "connections/recent";
constexpr auto UrlKey = "url";
constexpr auto SecretKey = "adminSecret";
} // namespace

QList<RecentConnections::Entry> RecentConnections::load()
{
    QSettings settings;
    QList<Entry> entries;
    const int size = settings.beginReadArray(QLatin1String(ArrayKey));
    for (int index = 0; index < size && entries.size() < MaxEntries; ++index) {
        settings.setArrayIndex(index);
        Entry entry;
        entry.url = settings.value(QLatin1String(UrlKey)).toUrl();
        entry.rememberSecret = settings.contains(QLatin1String(SecretKey));
        entry.adminSecret = settings.value(QLatin1String(SecretKey)).toString();
        if (entry.url.isValid())
            entries.append(entry);
    }
    settings.endArray();
    return entries;
}

void RecentConnections::remember(Entry entry)
{
    if (!entry.rememberSecret)
        entry.adminSecret.clear();
    QList<Entry> entries = load();
    entries.removeIf([&entry](const Entry &other) { return other.url == entry.url; });
    entries.prepend(entry);
    while (entries.size() > MaxEntries)
        entries.removeLast();

    QSettings settings;
    settings.remove(QLatin1String(ArrayKey));
    settings.beginWriteArray(QLatin1String(ArrayKey), int(entries.size()));
    for (int index = 0; index < entries.size(); ++index) {
        settings.setArrayIndex(index);
        settings.setValue(QLatin1String(UrlKey), entries.at(index).url);
        if (entries.at(index).rememberSecret)
            settings.setValue(QLatin1String(SecretKey), entries.at(index).adminSecret);
    }
    settings.endArray();
}

} // namespace trefoil::ui
