#include "tests/support/trefoildprocess.h"

#include <QTcpServer>
#include <QTest>

#include <csignal>

namespace trefoil::test {

TrefoildProcess::TrefoildProcess(QString program, QStringList arguments)
    : m_program(std::move(program))
    , m_arguments(std::move(arguments))
{
}

TrefoildProcess::~TrefoildProcess()
{
    stop();
}

QString TrefoildProcess::start(int timeoutMs)
{
    if (m_port == 0) {
        QTcpServer probe; // a port nobody uses now
        if (!probe.listen(QHostAddress::LocalHost, 0))
            return QStringLiteral("no free loopback port: %1").arg(probe.errorString());
        m_port = probe.serverPort();
    }
    m_output.clear();
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    QProcess *process = m_process.get();
    QObject::connect(process, &QProcess::readyRead, process, [this, process] { m_output += process->readAll(); });
    m_process->start(m_program, m_arguments + QStringList { QStringLiteral("--port"), QString::number(m_port) });
    if (!m_process->waitForStarted())
        return QStringLiteral("trefoild did not start: %1").arg(m_process->errorString());
    const QByteArray listening = QStringLiteral("listening on http://127.0.0.1:%1").arg(m_port).toUtf8();
    const bool ready = QTest::qWaitFor(
        [this] { return m_output.contains("trefoild: ready") || m_process->state() == QProcess::NotRunning; },
        timeoutMs);
    if (!ready || !m_output.contains("trefoild: ready") || !m_output.contains(listening))
        return QStringLiteral("trefoild is not ready and listening on port %1; it printed:\n%2")
            .arg(m_port)
            .arg(QString::fromUtf8(m_output));
    return {};
}

void TrefoildProcess::stop()
{
    if (!isRunning())
        return;
    m_process->terminate();
    if (!m_process->waitForFinished(30000))
        kill();
}

void TrefoildProcess::kill()
{
    if (!isRunning())
        return;
    ::kill(static_cast<pid_t>(m_process->processId()), SIGCONT);
    m_process->kill();
    m_process->waitForFinished(30000);
}

bool TrefoildProcess::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

qint64 TrefoildProcess::processId() const
{
    return m_process ? m_process->processId() : 0;
}

} // namespace trefoil::test
