// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "aem/AemInstance.h"

#include <QJsonArray>
#include <QJsonObject>

namespace bp {

// The instance model's JSON form, shared by `detect --json`, reports and (later) diagnose. Findings carry
// their ids; their text is the current language's.
QJsonObject instanceToJson(const AemInstance &instance);
QJsonArray findingsToJson(const QList<Finding> &findings);

} // namespace bp
