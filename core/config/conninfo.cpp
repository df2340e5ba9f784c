#include "core/config/conninfo.h"

#include <QSet>

#include <algorithm>

namespace trefoil {

namespace {

// libpq's connection keywords (PostgreSQL 15 to 17). libpq rejects any other keyword with a
// message that quotes it, and a misplaced space in a password makes the rest of it a "keyword".
bool isKnownKeyword(const QString &keyword)
{
    static const QSet<QString> known = {
        QStringLiteral("service"),
        QStringLiteral("user"),
        QStringLiteral("password"),
        QStringLiteral("passfile"),
        QStringLiteral("channel_binding"),
        QStringLiteral("connect_timeout"),
        QStringLiteral("dbname"),
        QStringLiteral("host"),
        QStringLiteral("hostaddr"),
        QStringLiteral("port"),
        QStringLiteral("client_encoding"),
        QStringLiteral("options"),
        QStringLiteral("application_name"),
        QStringLiteral("fallback_application_name"),
        QStringLiteral("keepalives"),
        QStringLiteral("keepalives_idle"),
        QStringLiteral("keepalives_interval"),
        QStringLiteral("keepalives_count"),
        QStringLiteral("tcp_user_timeout"),
        QStringLiteral("sslmode"),
        QStringLiteral("sslnegotiation"),
        QStringLiteral("sslcompression"),
        QStringLiteral("sslcert"),
        QStringLiteral("sslkey"),
        QStringLiteral("sslcertmode"),
        QStringLiteral("sslpassword"),
        QStringLiteral("sslrootcert"),
        QStringLiteral("sslcrl"),
        QStringLiteral("sslcrldir"),
        QStringLiteral("sslsni"),
        QStringLiteral("requirepeer"),
        QStringLiteral("require_auth"),
        QStringLiteral("ssl_min_protocol_version"),
        QStringLiteral("ssl_max_protocol_version"),
        QStringLiteral("gssencmode"),
        QStringLiteral("krbsrvname"),
        QStringLiteral("gsslib"),
        QStringLiteral("gssdelegation"),
        QStringLiteral("replication"),
        QStringLiteral("target_session_attrs"),
        QStringLiteral("load_balance_hosts"),
    };
    return known.contains(keyword);
}

bool isSecretKeyword(const QString &keyword)
{
    return keyword == QLatin1String("password") || keyword == QLatin1String("sslpassword");
}

// libpq's isspace() on the bytes of the string; the C locale's set.
bool isSpace(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\n') || c == QLatin1Char('\r')
        || c == QLatin1Char('\f') || c == QLatin1Char('\v');
}

int hexValue(QChar c)
{
    if (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
        return c.unicode() - '0';
    if (c >= QLatin1Char('a') && c <= QLatin1Char('f'))
        return c.unicode() - 'a' + 10;
    if (c >= QLatin1Char('A') && c <= QLatin1Char('F'))
        return c.unicode() - 'A' + 10;
    return -1;
}

// libpq's conninfo_uri_decode(): %XX escapes, %00 refused.
bool uriDecode(const QString &raw, QString *decoded)
{
    QByteArray bytes;
    const QByteArray utf8 = raw.toUtf8();
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        if (utf8.at(i) != '%') {
            bytes.append(utf8.at(i));
            continue;
        }
        if (i + 2 >= utf8.size())
            return false;
        const int high = hexValue(QLatin1Char(utf8.at(i + 1)));
        const int low = hexValue(QLatin1Char(utf8.at(i + 2)));
        if (high < 0 || low < 0 || (high == 0 && low == 0))
            return false;
        bytes.append(char(high * 16 + low));
        i += 2;
    }
    *decoded = QString::fromUtf8(bytes);
    return true;
}

} // namespace

Conninfo Conninfo::parse(const QString &text)
{
    Conninfo conninfo;
    for (const QLatin1String prefix : { QLatin1String("postgresql://"), QLatin1String("postgres://") }) {
        if (text.startsWith(prefix)) {
            conninfo.m_uri = true;
            conninfo.parseUri(text, prefix.size());
            break;
        }
    }
    if (!conninfo.m_uri)
        conninfo.parseKeywordValue(text);
    // libpq quotes a whole URI in some of its errors.
    if (!conninfo.m_secrets.isEmpty() || !conninfo.isValid())
        conninfo.m_secrets.append(text);
    std::sort(conninfo.m_secrets.begin(), conninfo.m_secrets.end(),
        [](const QString &a, const QString &b) { return a.size() > b.size(); });
    conninfo.m_secrets.removeDuplicates();
    return conninfo;
}

QString Conninfo::value(const QString &keyword) const
{
    for (auto it = m_values.crbegin(); it != m_values.crend(); ++it) {
        if (it->first == keyword)
            return it->second;
    }
    return {};
}

QString Conninfo::description() const
{
    if (!isValid())
        return tr("an unreadable connection string (%1)").arg(m_problem);
    const QString host
        = value(QStringLiteral("host")).isEmpty() ? value(QStringLiteral("hostaddr")) : value(QStringLiteral("host"));
    const QString port = value(QStringLiteral("port"));
    QString where;
    const QStringList hosts = host.split(QLatin1Char(','));
    const QStringList ports = port.split(QLatin1Char(','));
    if (!port.isEmpty() && hosts.size() == ports.size() && hosts.size() > 1) {
        QStringList pairs;
        for (qsizetype i = 0; i < hosts.size(); ++i)
            pairs.append(ports.at(i).isEmpty() ? hosts.at(i) : hosts.at(i) + QLatin1Char(':') + ports.at(i));
        where = pairs.join(QLatin1Char(','));
    } else {
        where = port.isEmpty() ? host : host + QLatin1Char(':') + port;
    }
    const QString user = value(QStringLiteral("user"));
    const QString dbname = value(QStringLiteral("dbname"));
    QString description = user.isEmpty() ? where : user + QLatin1Char('@') + where;
    if (!dbname.isEmpty())
        description += QLatin1Char('/') + dbname;
    return description.isEmpty() ? tr("the libpq defaults") : description;
}

void Conninfo::add(const QString &keyword, const QString &value, const QString &raw)
{
    if (isSecretKeyword(keyword)) {
        m_secrets.append(value);
        m_secrets.append(raw);
    }
    m_values.append({ keyword, value });
}

void Conninfo::fail(const QString &problem)
{
    if (m_problem.isEmpty())
        m_problem = problem;
}

// libpq's conninfo_parse(): keyword = value pairs separated by spaces; a value is either quoted
// with single quotes or runs to the next space, and a backslash takes the next character as is.
void Conninfo::parseKeywordValue(const QString &text)
{
    const qsizetype size = text.size();
    qsizetype i = 0;
    while (i < size) {
        if (isSpace(text.at(i))) {
            ++i;
            continue;
        }
        const qsizetype keywordStart = i;
        while (i < size && text.at(i) != QLatin1Char('=') && !isSpace(text.at(i)))
            ++i;
        const QString keyword = text.mid(keywordStart, i - keywordStart);
        while (i < size && isSpace(text.at(i)))
            ++i;
        if (i >= size || text.at(i) != QLatin1Char('=')) {
            m_secrets.append(keyword); // libpq quotes it, and it may be the rest of a password
            return fail(tr("a word without \"=\"; quote values that contain spaces with '…'"));
        }
        ++i;
        while (i < size && isSpace(text.at(i)))
            ++i;
        const qsizetype valueStart = i;
        QString value;
        if (i < size && text.at(i) == QLatin1Char('\'')) {
            ++i;
            bool closed = false;
            while (i < size) {
                const QChar c = text.at(i++);
                if (c == QLatin1Char('\\')) {
                    if (i < size)
                        value.append(text.at(i++));
                } else if (c == QLatin1Char('\'')) {
                    closed = true;
                    break;
                } else {
                    value.append(c);
                }
            }
            if (!closed) {
                // What was read may still be (part of) a password: scrub it all the same.
                if (isSecretKeyword(keyword))
                    add(keyword, value, text.mid(valueStart));
                return fail(tr("a quoted value without its closing quote"));
            }
        } else {
            while (i < size && !isSpace(text.at(i))) {
                const QChar c = text.at(i++);
                if (c == QLatin1Char('\\')) {
                    if (i < size)
                        value.append(text.at(i++));
                } else {
                    value.append(c);
                }
            }
        }
        const QString raw = text.mid(valueStart, i - valueStart);
        if (!isKnownKeyword(keyword)) {
            m_secrets.append(keyword);
            m_secrets.append(raw);
            return fail(tr("an unknown option; quote values that contain spaces with '…'"));
        }
        add(keyword, value, raw);
    }
}

// libpq's conninfo_uri_parse_options(): postgresql://[user[:password]@][host][:port][,…][/dbname][?k=v&…]
void Conninfo::parseUri(const QString &text, qsizetype start)
{
    const qsizetype size = text.size();
    qsizetype i = start;
    while (i < size && text.at(i) != QLatin1Char('@') && text.at(i) != QLatin1Char('/'))
        ++i;
    if (i < size && text.at(i) == QLatin1Char('@')) {
        const qsizetype at = i;
        qsizetype colon = start;
        while (colon < at && text.at(colon) != QLatin1Char(':'))
            ++colon;
        if (colon < at) {
            const QString raw = text.mid(colon + 1, at - colon - 1);
            QString password;
            m_secrets.append(raw); // even when it does not decode
            if (!uriDecode(raw, &password))
                fail(tr("a bad %-escape in the password"));
            else if (!password.isEmpty())
                add(QStringLiteral("password"), password, raw);
        }
        QString user;
        if (!uriDecode(text.mid(start, colon - start), &user))
            fail(tr("a bad %-escape in the user name"));
        else if (!user.isEmpty())
            add(QStringLiteral("user"), user, text.mid(start, colon - start));
        i = at + 1;
    } else {
        i = start;
    }
    // An '@' left over means an unencoded '@' or '/' in the user or password: libpq would read a
    // part of the password as the host, port or database, and quote it in its errors.
    if (text.indexOf(QLatin1Char('@'), i) >= 0) {
        // Everything up to the last '@' may be credentials.
        const qsizetype lastAt = text.lastIndexOf(QLatin1Char('@'));
        m_secrets.append(text.mid(start, lastAt - start));
        const qsizetype colon = text.indexOf(QLatin1Char(':'), start);
        if (colon >= 0 && colon < lastAt)
            m_secrets.append(text.mid(colon + 1, lastAt - colon - 1));
        return fail(tr("an unencoded '@' or '/' in the user name or password; write them as %40 and %2F"));
    }

    QStringList hosts;
    QStringList ports;
    QChar terminator;
    for (;;) {
        QString host;
        if (i < size && text.at(i) == QLatin1Char('[')) {
            const qsizetype close = text.indexOf(QLatin1Char(']'), i + 1);
            if (close < 0)
                return fail(tr("an IPv6 address without its closing ']'"));
            if (close == i + 1)
                return fail(tr("an empty IPv6 address"));
            host = text.mid(i + 1, close - i - 1);
            i = close + 1;
            if (i < size && !QStringView(u":/?,").contains(text.at(i)))
                return fail(tr("an unexpected character after an IPv6 address"));
        } else {
            const qsizetype hostStart = i;
            while (i < size && !QStringView(u":/?,").contains(text.at(i)))
                ++i;
            host = text.mid(hostStart, i - hostStart);
        }
        QString decodedHost;
        if (!uriDecode(host, &decodedHost))
            return fail(tr("a bad %-escape in the host"));
        hosts.append(decodedHost);
        terminator = i < size ? text.at(i) : QChar();
        QString port;
        if (terminator == QLatin1Char(':')) {
            const qsizetype portStart = ++i;
            while (i < size && !QStringView(u"/?,").contains(text.at(i)))
                ++i;
            port = text.mid(portStart, i - portStart);
            terminator = i < size ? text.at(i) : QChar();
        }
        const bool numeric = std::all_of(port.cbegin(), port.cend(), [](QChar c) { return c.isDigit(); });
        if (!numeric)
            return fail(tr("a port that is not a number"));
        ports.append(port);
        if (terminator != QLatin1Char(','))
            break;
        ++i;
    }
    const QString host = hosts.join(QLatin1Char(','));
    const QString port = ports.join(QLatin1Char(','));
    if (!host.isEmpty() && host != QString(hosts.size() - 1, QLatin1Char(',')))
        add(QStringLiteral("host"), host, host);
    if (!port.isEmpty() && port != QString(ports.size() - 1, QLatin1Char(',')))
        add(QStringLiteral("port"), port, port);
    if (!terminator.isNull() && terminator != QLatin1Char('?')) {
        const qsizetype dbStart = ++i;
        while (i < size && text.at(i) != QLatin1Char('?'))
            ++i;
        QString dbname;
        if (!uriDecode(text.mid(dbStart, i - dbStart), &dbname))
            return fail(tr("a bad %-escape in the database name"));
        if (!dbname.isEmpty())
            add(QStringLiteral("dbname"), dbname, text.mid(dbStart, i - dbStart));
        terminator = i < size ? text.at(i) : QChar();
    }
    if (!terminator.isNull())
        parseUriParameters(text.mid(i + 1));
}

// libpq's conninfo_uri_parse_params(): key=value pairs separated by '&', both %-decoded.
void Conninfo::parseUriParameters(const QString &text)
{
    // Read every parameter's secrets before judging any, so a bad parameter cannot hide a password.
    QString problem;
    for (const QString &parameter : text.split(QLatin1Char('&'))) {
        const qsizetype equals = parameter.indexOf(QLatin1Char('='));
        if (equals < 0 || parameter.indexOf(QLatin1Char('='), equals + 1) >= 0) {
            if (problem.isEmpty())
                problem = tr("a query parameter that is not key=value");
            m_secrets.append(parameter);
            continue;
        }
        QString keyword;
        QString value;
        const QString raw = parameter.mid(equals + 1);
        const bool decoded = uriDecode(parameter.left(equals), &keyword) && uriDecode(raw, &value);
        if (!decoded) {
            if (problem.isEmpty())
                problem = tr("a bad %-escape in a query parameter");
            m_secrets.append(raw);
            continue;
        }
        if (keyword == QLatin1String("ssl") && value == QLatin1String("true")) {
            add(QStringLiteral("sslmode"), QStringLiteral("require"), raw);
        } else if (isKnownKeyword(keyword)) {
            add(keyword, value, raw);
        } else {
            if (problem.isEmpty())
                problem = tr("an unknown query parameter");
            m_secrets.append(raw);
        }
    }
    if (!problem.isEmpty())
        fail(problem);
}

QString redactConninfo(const QString &conninfo)
{
    return Conninfo::parse(conninfo).description();
}

QString scrubSecrets(QString text, const QStringList &secrets)
{
    QStringList ordered = secrets;
    std::sort(ordered.begin(), ordered.end(), [](const QString &a, const QString &b) { return a.size() > b.size(); });
    for (const QString &secret : std::as_const(ordered)) {
        if (!secret.isEmpty())
            text.replace(secret, QStringLiteral("***"));
    }
    return text;
}

} // namespace trefoil
