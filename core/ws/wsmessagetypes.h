#pragma once

#include <QLatin1StringView>
#include <QStringView>
#include <QtGlobal>

#include <array>
#include <optional>
#include <utility>

namespace trefoil::ws {

// The wire names ("type") of the message kinds one side of a protocol sends, both ways round.
template<typename Kind, std::size_t N> struct WsMessageTypes {
    std::array<std::pair<Kind, QLatin1StringView>, N> names;

    QLatin1StringView nameOf(Kind kind) const
    {
        for (const auto &[k, name] : names)
            if (k == kind)
                return name;
        Q_UNREACHABLE(); // every kind has a name
        return {};
    }

    std::optional<Kind> kindOf(QStringView type) const
    {
        for (const auto &[kind, name] : names)
            if (type == name)
                return kind;
        return std::nullopt;
    }
};

} // namespace trefoil::ws
