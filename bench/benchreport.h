#pragma once

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace trefoil::bench {

// Percentiles of a sample of latencies, in milliseconds.
inline double percentile(QList<double> samples, double p)
{
    if (samples.isEmpty())
        return 0;
    std::sort(samples.begin(), samples.end());
    const qsizetype index = std::min(samples.size() - 1, qsizetype(p / 100.0 * double(samples.size())));
    return samples.at(index);
}

// Resident set size of this process in MiB, from /proc.
inline double residentMegabytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return 0;
}

// A clock every process of the machine shares (CLOCK_MONOTONIC on Linux), in nanoseconds: the
// subscriptions benchmark compares its updater's and its client process's readings.
inline qint64 steadyNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

inline void say(const QString &line)
{
    std::fprintf(stderr, "%s\n", qPrintable(line));
}

// The last line of every benchmark: one JSON object with its figures.
inline void printFigures(const QJsonObject &figures)
{
    std::printf("%s\n", QJsonDocument(figures).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

} // namespace trefoil::bench
