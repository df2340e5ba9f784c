#include "ui/client/subscription.h"

#include "ui/client/graphqlwsclient.h"

namespace trefoil::ui {

Subscription::Subscription(GraphqlWsClient *client, GraphqlRequest request, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_request(std::move(request))
{
}

Subscription::~Subscription()
{
    stop();
}

void Subscription::start()
{
    if (m_active || !m_client)
        return;
    m_active = true;
    m_client->startSubscription(this);
}

void Subscription::stop()
{
    if (!m_active)
        return;
    m_active = false;
    if (m_client)
        m_client->stopSubscription(this);
}

} // namespace trefoil::ui
