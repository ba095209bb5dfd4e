// SPDX-License-Identifier: Apache-2.0
#include "aem/DetectionRecipe.h"

#include "io/BoundedFile.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace bp {

namespace {
Error recipeError(const QString &what)
{
    return Error{ErrorCode::InvalidInput,
                 DetectionRecipe::tr("The detection recipe is not valid: %1").arg(what), QString()};
}
} // namespace

Result<DetectionRecipe> DetectionRecipe::fromJson(const QJsonObject &json)
{
    DetectionRecipe r;
    const auto regex = [&json](const char *key, QRegularExpression *out) -> bool {
        *out = QRegularExpression(json.value(QLatin1String(key)).toString(),
                                  QRegularExpression::CaseInsensitiveOption);
        return out->isValid() && !out->pattern().isEmpty();
    };
    const auto text = [&json](const char *key, QString *out) -> bool {
        *out = json.value(QLatin1String(key)).toString();
        return !out->isEmpty();
    };
    if (!regex("cloudVersionPattern", &r.cloudVersionPattern) ||
        !regex("cloudHostPattern", &r.cloudHostPattern) ||
        !regex("hotfixPackageName", &r.hotfixPackageName) || !regex("bpTransportHost", &r.bpTransportHost) ||
        !regex("legacyUserPattern", &r.legacyUserPattern))
        return recipeError(DetectionRecipe::tr("a pattern is missing or invalid"));
    if (!text("bpCloudConfigRoot", &r.bpCloudConfigRoot) ||
        !text("legacyCloudConfigRoot", &r.legacyCloudConfigRoot) ||
        !text("legacyUserRoot", &r.legacyUserRoot) || !text("osgiConfigRoot", &r.osgiConfigRoot) ||
        !text("agentsRoot", &r.agentsRoot) || !text("imsProviderFactoryPid", &r.imsProviderFactoryPid) ||
        !text("bpMetascope", &r.bpMetascope))
        return recipeError(DetectionRecipe::tr("a repository path or name is missing"));
    r.distributionAgentPath =
        json.value(QLatin1String("distributionAgent")).toObject().value(QLatin1String("path")).toString();
    if (!r.distributionAgentPath.isEmpty() && !r.distributionAgentPath.startsWith(QLatin1Char('/')))
        return recipeError(DetectionRecipe::tr("distributionAgent.path must be an absolute path"));
    const QJsonArray sources = json.value(QLatin1String("versionSources")).toArray();
    for (const QJsonValue &v : sources) {
        const QJsonObject o = v.toObject();
        VersionSource s;
        s.id = o.value(QLatin1String("id")).toString();
        s.path = o.value(QLatin1String("path")).toString();
        s.kind = o.value(QLatin1String("kind")).toString();
        s.confidence = o.value(QLatin1String("confidence")).toString();
        if (s.id.isEmpty() || !s.path.startsWith(QLatin1Char('/')))
            return recipeError(DetectionRecipe::tr("a version source needs an id and an absolute path"));
        if (s.kind == QLatin1String("html-regex")) {
            s.pattern = QRegularExpression(o.value(QLatin1String("pattern")).toString());
            if (!s.pattern.isValid() || s.pattern.captureCount() < 1)
                return recipeError(
                    DetectionRecipe::tr("version source %1 needs a pattern with one capture group")
                        .arg(s.id));
        } else if (s.kind == QLatin1String("packmgr-xml")) {
            s.packageGroup = QRegularExpression(o.value(QLatin1String("packageGroup")).toString());
            s.packageName = o.value(QLatin1String("packageName")).toString();
            if (!s.packageGroup.isValid() || s.packageName.isEmpty())
                return recipeError(
                    DetectionRecipe::tr("version source %1 needs packageGroup and packageName").arg(s.id));
        } else {
            return recipeError(
                DetectionRecipe::tr("version source %1 has an unknown kind \"%2\"").arg(s.id, s.kind));
        }
        r.versionSources << s;
    }
    if (r.versionSources.size() < 2)
        return recipeError(DetectionRecipe::tr("at least two independent version sources are needed"));
    return r;
}

Result<DetectionRecipe> DetectionRecipe::fromFile(const QString &path)
{
    // The built-in recipe is a compiled-in resource; everything else is a user's file, read with its cap.
    QByteArray data;
    if (path.startsWith(QLatin1Char(':'))) {
        QFile resource(path);
        if (!resource.open(QIODevice::ReadOnly))
            return recipeError(DetectionRecipe::tr("%1 is missing from this build").arg(path));
        data = resource.readAll();
    } else {
        auto read = BoundedFile::read(path, InputFileKind::Recipe);
        if (!read)
            return read.error();
        data = read.value();
    }
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(data, &err);
    if (!doc.isObject())
        return recipeError(DetectionRecipe::tr("%1 is not a JSON object (%2)").arg(path, err.errorString()));
    return fromJson(doc.object());
}

DetectionRecipe DetectionRecipe::builtIn()
{
    auto r = fromFile(QStringLiteral(":/recipes/detect.json"));
    // The built-in recipe is compiled in and covered by tests; failing here is a build defect.
    Q_ASSERT_X(r.ok(), "DetectionRecipe::builtIn", "resources/recipes/detect.json is invalid");
    return r.ok() ? r.value() : DetectionRecipe{};
}

} // namespace bp
