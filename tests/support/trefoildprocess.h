#pragma once

#include <QByteArray>
#include <QProcess>
#include <QStringList>
#include <QUrl>

#include <memory>

namespace trefoil::test {

// A real trefoild child process for tests that drive the API as a client would: started on a
// loopback port chosen once (a restart reuses it, so clients reconnect to the same URL), its
// output kept for failure messages, stopped when the object goes.
class TrefoildProcess {
public:
    // `arguments` are everything but --port (e.g. --database-url, --admin-secret).
    TrefoildProcess(QString program, QStringList arguments);
    ~TrefoildProcess();
    TrefoildProcess(const TrefoildProcess &) = delete;
    TrefoildProcess &operator=(const TrefoildProcess &) = delete;

    // Starts the server (again) and waits until it logs that it is ready and listening. Returns an
    // empty string, or why not with what the server printed.
    QString start(int timeoutMs = 120000);
    // SIGTERM, then SIGKILL if it has not exited within 30 s.
    void stop();
    // SIGKILL at once (after SIGCONT, in case a test stopped it).
    void kill();

    bool isRunning() const;
    qint64 processId() const;
    quint16 port() const { return m_port; }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port)); }
    QByteArray output() const { return m_output; }

private:
    QString m_program;
    QStringList m_arguments;
    quint16 m_port = 0;
    std::unique_ptr<QProcess> m_process;
    QByteArray m_output;
};

} // namespace trefoil::test
