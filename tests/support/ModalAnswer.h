// SPDX-License-Identifier: Apache-2.0
#pragma once

// Widget tests only (needs QtWidgets): answers the next modal dialog of a type from a timer, as a user
// would, while the code under test sits in the dialog's exec().
#include <QApplication>
#include <QTimer>

namespace bp::test {

// Calls answer(dialog) once a modal Dialog is the active modal widget; context owns the polling timer.
template <class Dialog, class Answer> void answerNextModal(QObject *context, Answer answer)
{
    auto *poll = new QTimer(context);
    poll->setInterval(20);
    QObject::connect(poll, &QTimer::timeout, context, [poll, answer] {
        auto *dialog = qobject_cast<Dialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        poll->stop();
        poll->deleteLater();
        answer(dialog);
    });
    poll->start();
}

} // namespace bp::test
