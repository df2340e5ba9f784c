#pragma once

#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace trefoil {

// A libpq connection string (postgresql:// URI or key=value) read by libpq's own rules, so it can
// be shown and its errors reported without the password in it.
class Conninfo {
    Q_DECLARE_TR_FUNCTIONS(trefoil::Conninfo)

public:
    static Conninfo parse(const QString &text);

    // Empty when libpq will read the string as we do; otherwise why not, never quoting the string.
    QString problem() const { return m_problem; }
    bool isValid() const { return m_problem.isEmpty(); }
    bool isUri() const { return m_uri; }
    // The last value given for keyword (URI parts are reported as their keywords), or empty.
    QString value(const QString &keyword) const;
    // Where it connects, without any secret: "user@host:port/dbname", parts left out when not given.
    QString description() const;
    // Every spelling of every secret in the string (decoded and as written), longest first, for
    // scrubbing texts that might quote them.
    QStringList secrets() const { return m_secrets; }

private:
    void add(const QString &keyword, const QString &value, const QString &raw);
    void parseKeywordValue(const QString &text);
    void parseUri(const QString &text, qsizetype start);
    void parseUriParameters(const QString &text);
    void fail(const QString &problem);

    bool m_uri = false;
    QString m_problem;
    QList<QPair<QString, QString>> m_values;
    QStringList m_secrets;
};

// What a conninfo may be shown as: Conninfo::parse(conninfo).description().
QString redactConninfo(const QString &conninfo);

// text with every occurrence of each non-empty secret replaced by "***".
QString scrubSecrets(QString text, const QStringList &secrets);

} // namespace trefoil
