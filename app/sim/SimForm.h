// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "sim/SimHttpRequest.h"

#include <QHash>
#include <QList>
#include <QPair>
#include <QString>

namespace bp::sim {

// Form fields of an IMS request: the query string, then the body (whose fields win), the body being
// application/x-www-form-urlencoded (the documented encoding) or multipart/form-data (what Adobe's Node
// clients send, adobe-ims.md 2.1). Other body types contribute nothing. A repeated field keeps its last
// value.
using SimFormFields = QHash<QString, QString>;

SimFormFields simFormFields(const SimHttpRequest &request);

// Every field of an application/x-www-form-urlencoded body (after those of the query string) in the order
// sent, repeated fields kept: what AEM's write servlets (Felix configMgr, Sling POST) read.
using SimFormList = QList<QPair<QString, QString>>;
SimFormList simFormList(const SimHttpRequest &request);

// One field of a form with everything a multipart part carries (Sling's POST servlet takes file uploads).
struct SimFormPart
{
    QString name;
    QString fileName; // empty for plain fields
    QByteArray contentType;
    QByteArray data;
};

// Like simFormList, but multipart/form-data bodies too (parts in order, file parts with their bytes).
QList<SimFormPart> simFormParts(const SimHttpRequest &request);

} // namespace bp::sim
