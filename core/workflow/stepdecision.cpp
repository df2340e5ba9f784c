#include "core/workflow/stepdecision.h"

namespace trefoil::workflow {

QString StepDecision::actionName() const
{
    switch (action) {
    case StepAction::Skip:
        return QStringLiteral("skip");
    case StepAction::Wait:
        return QStringLiteral("wait");
    case StepAction::Advance:
        return QStringLiteral("advance");
    case StepAction::Terminate:
        return QStringLiteral("terminate");
    case StepAction::RetryLater:
        return QStringLiteral("retry_later");
    case StepAction::Fail:
        return QStringLiteral("fail");
    }
    return {};
}

} // namespace trefoil::workflow
