// SPDX-License-Identifier: Apache-2.0
#include "aem/AemInstance.h"

#include "i18n/DisplayFormat.h"

#include <QCoreApplication>

namespace bp {

namespace {
// One translation context for the file, spelled the same for lupdate and at run time.
class Text
{
    Q_DECLARE_TR_FUNCTIONS(bp::AemInstance)
};
} // namespace

QStringList AemInstance::configPaths() const
{
    QStringList paths;
    for (const auto &c : cloudConfigs)
        paths << c.path;
    for (const auto &i : imsConfigs)
        paths << i.filePath;
    for (const auto &a : brandPortalAgents)
        paths << a.path;
    if (distributionAgentFound)
        paths << distributionAgentPath;
    paths << legacyUserPaths;
    return paths;
}

QStringList AemInstance::problemTexts() const
{
    QStringList texts;
    for (const Finding &f : findings)
        texts << FindingText::message(f);
    return texts;
}

QString configStateId(ConfigState state)
{
    switch (state) {
    case ConfigState::None:
        return QStringLiteral("none");
    case ConfigState::LegacyGateway:
        return QStringLiteral("legacy-gateway");
    case ConfigState::DevConsoleJwt:
        return QStringLiteral("devconsole-jwt");
    case ConfigState::OAuthS2S:
        return QStringLiteral("oauth-s2s");
    case ConfigState::Broken:
        return QStringLiteral("broken");
    case ConfigState::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString configStateDisplayName(ConfigState state)
{
    switch (state) {
    case ConfigState::None:
        return Text::tr("No Brand Portal configuration");
    case ConfigState::LegacyGateway:
        return Text::tr("Legacy OAuth Gateway configuration");
    case ConfigState::DevConsoleJwt:
        return Text::tr("Developer Console configuration with a JWT (Service Account) credential");
    case ConfigState::OAuthS2S:
        return Text::tr("Developer Console configuration with OAuth Server-to-Server");
    case ConfigState::Broken:
        return Text::tr("Configured, but inconsistent or failing");
    case ConfigState::Unknown:
        break;
    }
    return Text::tr("Could not be read");
}

QString versionEvidenceProblem(const VersionEvidence &e)
{
    if (e.readable)
        return QString();
    const QString &id = e.problemId;
    if (id == QLatin1String("http-status"))
        return e.httpStatus == 404
                   ? Text::tr("not found (%1; a dispatcher may block it)").arg(httpStatusText(404))
                   : httpStatusText(e.httpStatus);
    if (id == QLatin1String("no-version"))
        return Text::tr("the page does not contain a version");
    if (id == QLatin1String("no-service-pack"))
        return Text::tr("no service pack package listed");
    if (id == QLatin1String("not-a-version"))
        return Text::tr("\"%1\" is not a version this tool understands").arg(e.problemDetail);
    if (id == QLatin1String("not-xml"))
        return Text::tr("the package list is not the XML AEM's Package Manager sends");
    if (id == QLatin1String("no-answer"))
        return e.problemDetail;
    return Text::tr("not readable");
}

QString versionConflictText(const VersionConflict &c)
{
    return Text::tr("%1 reports %2, %3 reports %4")
        .arg(c.firstSource, c.firstVersion, c.otherSource, c.otherVersion);
}

} // namespace bp
