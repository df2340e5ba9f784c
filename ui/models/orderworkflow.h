#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace trefoil::ui {

// Where one order stands in the workflow (placed → validated → paid → approved → assigned), read
// from an Orders row: the last step done, the step in progress, a step that failed (a terminal
// status, or a workflow event whose last attempt failed) and how often it was tried. Pure, so the
// delegate that paints it and the tests read the same answer.
struct OrderWorkflow {
    static constexpr int StepCount = 5;
    enum class StepState { Done, Current, Failed, Pending };

    int reached = 0; // the last step done: 0 placed … 4 assigned
    int failedStep = -1; // the step shown red, or -1
    int tries = 0; // attempts of the failing step so far (0 when unknown)
    bool dead = false; // the failing step's event gave up (no retries left)
    bool finished = false; // assigned, or ended in a terminal failure
    QString error; // why the step failed, as the server said

    StepState stateOf(int step) const;

    // From an order object (status and the steps' timestamps; a "failing" object as added by
    // withFailures()).
    static OrderWorkflow fromRow(const QJsonObject &order);
    // The step a workflow trigger performs (validate-order → 1 …), or -1.
    static int stepOfTrigger(const QString &triggerName);
    // Untranslated step names ("paid"), for the caller to translate.
    static const char *stepName(int step);
    // Untranslated names of the work a step does ("payment"), for the caller to translate.
    static const char *stepWorkName(int step);
    // `orders` with a "failing" object ({trigger_name, status, tries, last_error}) added to each
    // order that one of `failingEvents` (rows with order_id) is about; the latest step wins.
    static QJsonArray withFailures(const QJsonArray &orders, const QJsonArray &failingEvents);
};

} // namespace trefoil::ui
