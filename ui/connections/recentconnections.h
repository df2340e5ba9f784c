#pragma once

#include <QList>
#include <QString>
#include <QUrl>

namespace trefoil::ui {

// The servers the user connected to, newest first, kept in QSettings. A secret is stored only
// when the user asked for it (QSettings is a plain file): otherwise the entry has the URL alone.
class RecentConnections final {
public:
    struct Entry {
        QUrl url;
        QString adminSecret; // empty unless rememberSecret
        bool rememberSecret = false;

        friend bool operator==(const Entry &, const Entry &) = default;
    };

    static constexpr int MaxEntries = 8;

    RecentConnections() = delete;

    static QList<Entry> load();
    // Puts `entry` first (replacing an entry with the same URL) and saves the list.
    static void remember(Entry entry);
};

} // namespace trefoil::ui
