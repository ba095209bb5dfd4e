// SPDX-License-Identifier: Apache-2.0
#include "sim/SimForm.h"

#include <QUrl>

namespace bp::sim {

namespace {

template <typename Add> void forEachUrlEncoded(const QByteArray &data, Add add)
{
    const QList<QByteArray> pairs = data.split('&');
    for (const QByteArray &pair : pairs) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        QByteArray name = eq < 0 ? pair : pair.left(eq);
        QByteArray value = eq < 0 ? QByteArray() : pair.mid(eq + 1);
        name.replace('+', ' ');
        value.replace('+', ' ');
        add(QUrl::fromPercentEncoding(name), QUrl::fromPercentEncoding(value));
    }
}

void addUrlEncoded(SimFormFields *fields, const QByteArray &data)
{
    const QList<QByteArray> pairs = data.split('&');
    for (const QByteArray &pair : pairs) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        QByteArray name = eq < 0 ? pair : pair.left(eq);
        QByteArray value = eq < 0 ? QByteArray() : pair.mid(eq + 1);
        // '+' is a space in form encoding; a literal plus arrives as %2B and survives the decoding below.
        name.replace('+', ' ');
        value.replace('+', ' ');
        fields->insert(QUrl::fromPercentEncoding(name), QUrl::fromPercentEncoding(value));
    }
}

// The value of one parameter (boundary=..., name=...) in a header value, quoted or not.
QByteArray headerParameter(const QByteArray &headerValue, const QByteArray &parameter)
{
    const QList<QByteArray> parts = headerValue.split(';');
    for (const QByteArray &part : parts) {
        const QByteArray p = part.trimmed();
        const qsizetype eq = p.indexOf('=');
        if (eq < 0 || p.left(eq).trimmed().toLower() != parameter)
            continue;
        QByteArray value = p.mid(eq + 1).trimmed();
        if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"'))
            value = value.mid(1, value.size() - 2);
        return value;
    }
    return {};
}

// RFC 7578; enough for the text fields IMS clients send and simple file uploads (no nested multiparts, no
// transfer encodings).
template <typename Add> void forEachPart(const QByteArray &body, const QByteArray &boundary, Add add)
{
    if (boundary.isEmpty())
        return;
    const QByteArray delimiter = QByteArray("--" + boundary);
    const QByteArray crlfDelimiter = QByteArray("\r\n" + delimiter);
    qsizetype pos = body.indexOf(delimiter);
    while (pos >= 0) {
        pos += delimiter.size();
        if (body.mid(pos, 2) == "--")
            return; // closing delimiter
        const qsizetype headStart = body.indexOf("\r\n", pos);
        if (headStart < 0)
            return;
        const qsizetype headEnd = body.indexOf("\r\n\r\n", headStart);
        if (headEnd < 0)
            return;
        const qsizetype next = body.indexOf(crlfDelimiter, headEnd + 4);
        if (next < 0)
            return;
        const QList<QByteArray> headers = body.mid(headStart + 2, headEnd - headStart - 2).split('\n');
        SimFormPart part;
        bool named = false;
        for (const QByteArray &line : headers) {
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray header = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (header == "content-disposition") {
                const QByteArray name = headerParameter(value, QByteArrayLiteral("name"));
                named = !name.isEmpty();
                part.name = QString::fromUtf8(name);
                part.fileName = QString::fromUtf8(headerParameter(value, QByteArrayLiteral("filename")));
            } else if (header == "content-type") {
                part.contentType = value;
            }
        }
        if (named) {
            part.data = body.mid(headEnd + 4, next - headEnd - 4);
            add(part);
        }
        pos = next + 2;
        pos = body.indexOf(delimiter, pos);
    }
}

void addMultipart(SimFormFields *fields, const QByteArray &body, const QByteArray &boundary)
{
    forEachPart(body, boundary, [fields](const SimFormPart &part) {
        fields->insert(part.name, QString::fromUtf8(part.data));
    });
}

} // namespace

SimFormFields simFormFields(const SimHttpRequest &request)
{
    SimFormFields fields;
    addUrlEncoded(&fields, request.rawQuery());
    const QByteArray contentType = request.header(QByteArrayLiteral("Content-Type"));
    const QByteArray mediaType = contentType.split(';').first().trimmed().toLower();
    if (mediaType == "application/x-www-form-urlencoded")
        addUrlEncoded(&fields, request.body);
    else if (mediaType == "multipart/form-data")
        addMultipart(&fields, request.body, headerParameter(contentType, QByteArrayLiteral("boundary")));
    return fields;
}

SimFormList simFormList(const SimHttpRequest &request)
{
    SimFormList list;
    const auto add = [&list](const QString &name, const QString &value) { list.append({name, value}); };
    forEachUrlEncoded(request.rawQuery(), add);
    const QByteArray mediaType =
        request.header(QByteArrayLiteral("Content-Type")).split(';').first().trimmed().toLower();
    if (mediaType == "application/x-www-form-urlencoded")
        forEachUrlEncoded(request.body, add);
    return list;
}

QList<SimFormPart> simFormParts(const SimHttpRequest &request)
{
    QList<SimFormPart> parts;
    const auto add = [&parts](const QString &name, const QString &value) {
        parts.append({name, QString(), QByteArray(), value.toUtf8()});
    };
    forEachUrlEncoded(request.rawQuery(), add);
    const QByteArray contentType = request.header(QByteArrayLiteral("Content-Type"));
    const QByteArray mediaType = contentType.split(';').first().trimmed().toLower();
    if (mediaType == "application/x-www-form-urlencoded")
        forEachUrlEncoded(request.body, add);
    else if (mediaType == "multipart/form-data")
        forEachPart(request.body, headerParameter(contentType, QByteArrayLiteral("boundary")),
                    [&parts](const SimFormPart &part) { parts.append(part); });
    return parts;
}

} // namespace bp::sim
