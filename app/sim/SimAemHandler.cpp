// SPDX-License-Identifier: Apache-2.0
#include "sim/SimAemHandler.h"

#include "sim/SimUsers.h"

#include "sim/SimAemPages.h"
#include "sim/SimCrypto.h"
#include "sim/SimDistribution.h"
#include "sim/SimQueryBuilder.h"
#include "sim/SimRepository.h"
#include "sim/SimSlingJson.h"
#include "sim/Simulator.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUrl>

namespace bp::sim {

namespace {

const QString LoginPath = QStringLiteral("/libs/granite/core/content/login.html");
const QString ConsolePrefix = QStringLiteral("/system/console");

QByteArray base64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

bool isJsonDepth(const QString &selector, int *depth)
{
    if (selector == QLatin1String("infinity")) {
        *depth = SimSlingJson::Infinity;
        return true;
    }
    bool ok = false;
    const int value = selector.toInt(&ok);
    if (ok)
        *depth = value < 0 ? SimSlingJson::Infinity : value;
    return ok;
}

} // namespace

SimAemHandler::SimAemHandler(const SimulatorOptions &options, SimRepository &repository)
    : m_options(options), m_repository(repository), m_failSteps(options.failSteps), m_configMgr(repository),
      m_slingPost(repository, m_failSteps), m_agents(repository, m_configMgr, m_cryptoSupport),
      m_packages(options, repository)
{
    m_agents.setOAuthCheck([this] { return oauthUnavailable(); });
}

QString SimAemHandler::oauthUnavailable() const
{
    static const QRegularExpression sp65(QStringLiteral("^6\\.5\\.(\\d+)\\.\\d+$"));
    const QRegularExpressionMatch m = sp65.match(m_options.aemVersion);
    if (!m.hasMatch() || m.captured(1).toInt() >= 21)
        return {};
    if (m.captured(1).toInt() < 11)
        return QStringLiteral("AEM %1 has no OAuth Server-to-Server support").arg(m_options.aemVersion);
    if (!m_packages.hotfixInstalled())
        return QStringLiteral("AEM %1 needs ims-jwt-compatibility-package-6.5 for OAuth Server-to-Server")
            .arg(m_options.aemVersion);
    return {};
}

bool SimAemHandler::isCloud() const
{
    return m_options.aemVersion == QLatin1String("cloud");
}

SimAemHandler::Auth SimAemHandler::checkAuth(const SimHttpRequest &request) const
{
    if (!request.hasHeader(QByteArrayLiteral("Authorization")))
        return Auth::Missing;
    const QByteArray value = request.header(QByteArrayLiteral("Authorization"));
    const qsizetype space = value.indexOf(' ');
    if (space < 0)
        return Auth::Invalid;
    const QByteArray scheme = value.left(space).toLower();
    const QByteArray credentials = value.mid(space + 1).trimmed();
    if (scheme == "basic") {
        const QByteArray decoded = QByteArray::fromBase64(credentials);
        const qsizetype colon = decoded.indexOf(':');
        if (colon < 0)
            return Auth::Invalid;
        const bool match = decoded.left(colon) == m_options.user.toUtf8() &&
                           decoded.mid(colon + 1) == m_options.password.toUtf8();
        return match ? Auth::Valid : Auth::Invalid;
    }
    // Cloud Service authors take IMS bearer tokens. A local development token (copied from the Developer
    // Console) stands in for that here: the simulator accepts the configured password as the token.
    if (scheme == "bearer" && isCloud())
        return credentials == m_options.password.toUtf8() ? Auth::Valid : Auth::Invalid;
    return Auth::Invalid;
}

SimHttpResponse SimAemHandler::challenge(const QString &path) const
{
    const QByteArray realm = path.startsWith(ConsolePrefix) ? QByteArrayLiteral("OSGi Management Console")
                                                            : QByteArrayLiteral("Sling (Development)");
    return SimHttpResponse::html(401, SimAemPages::unauthorized())
        .withHeader(QByteArrayLiteral("WWW-Authenticate"), "Basic realm=\"" + realm + '"');
}

SimHttpResponse SimAemHandler::loginRedirect(const QString &path) const
{
    const QByteArray location =
        LoginPath.toLatin1() + "?resource=" + QUrl::toPercentEncoding(path) + "&$$login$$=%24%24login%24%24";
    return SimHttpResponse::html(302, SimAemPages::redirect(location))
        .withHeader(QByteArrayLiteral("Location"), location);
}

SimHttpResponse SimAemHandler::unauthenticated(const QString &path) const
{
    // Sling's authentication handler answers machine-looking requests with a challenge and sends browsers
    // (everything else) to the login form.
    if (path.startsWith(ConsolePrefix) || path.endsWith(QLatin1String(".json")) ||
        path.endsWith(QLatin1String(".xml")) || path.startsWith(QLatin1String("/crx/packmgr/service")))
        return challenge(path);
    return loginRedirect(path);
}

SimHttpResponse SimAemHandler::faultResponse(const SimHttpRequest &request, bool *handled) const
{
    *handled = true;
    const QList<SimFault> &faults = m_options.faults;
    if (faults.contains(SimFault::Hang)) {
        SimHttpResponse r;
        r.kind = SimHttpResponse::Kind::Hang;
        return r;
    }
    if (faults.contains(SimFault::Oversize)) {
        SimHttpResponse r = SimHttpResponse::html(200, {});
        r.kind = SimHttpResponse::Kind::Oversize;
        return r;
    }
    if (faults.contains(SimFault::NotAem)) {
        // A generic web server: no AEM paths, no authentication challenges.
        if (request.decodedPath() == QLatin1String("/"))
            return SimHttpResponse::html(200, SimAemPages::nginxWelcome());
        return SimHttpResponse::html(404, SimAemPages::nginxNotFound());
    }
    *handled = false;
    return {};
}

SimHttpResponse SimAemHandler::handle(const SimHttpRequest &request, bool *authenticated)
{
    const Auth auth = checkAuth(request);
    *authenticated = auth == Auth::Valid;
    const QString path = request.decodedPath();

    bool handled = false;
    SimHttpResponse fault = faultResponse(request, &handled);
    if (handled)
        return fault;

    // The dispatcher filters before AEM sees anything, so credentials do not matter here.
    for (const QString &prefix : m_options.blockedPrefixes) {
        if (!prefix.isEmpty() && path.startsWith(prefix))
            return SimHttpResponse::html(404, SimAemPages::dispatcherNotFound());
    }

    if (path == LoginPath || path.startsWith(LoginPath + QLatin1Char('/')))
        return SimHttpResponse::html(200, SimAemPages::loginPage());

    // An SSO front end (SAML/IMS login) that never lets programmatic clients through.
    if (m_options.faults.contains(SimFault::SsoRedirect))
        return loginRedirect(path);

    if (auth == Auth::Invalid)
        return challenge(path);
    if (auth == Auth::Missing)
        return unauthenticated(path);
    return route(request);
}

SimHttpResponse SimAemHandler::route(const SimHttpRequest &request)
{
    const QString path = request.decodedPath();
    if (request.isWrite()) {
        // AEM's CSRF filter rejects writes without a token it issued.
        const QByteArray token = request.header(QByteArrayLiteral("CSRF-Token"));
        if (token.isEmpty() || !m_csrfTokens.contains(token))
            return SimHttpResponse::html(
                403, SimAemPages::forbidden(QStringLiteral("Invalid or missing CSRF token.")));
        if (m_options.faults.contains(SimFault::CsrfExpiry))
            m_csrfTokens.remove(token); // the next write with it finds it expired
        // The Felix console (configMgr, Crypto Support) is not exposed on Cloud Service.
        const bool console = path.startsWith(ConsolePrefix);
        if (console && isCloud())
            return SimHttpResponse::html(404, SimAemPages::slingNotFound(path));
        bool failed = false;
        SimHttpResponse failure = m_failSteps.failIfArmed(request, path, &failed);
        if (failed)
            return failure;
        if (request.method == "POST" && SimPackageManager::handlesWrite(path))
            return m_packages.post(path, request);
        // The rest of CRX (CRXDE, the package manager UI) is not simulated.
        if (path.startsWith(QLatin1String("/crx/")))
            return SimHttpResponse::html(405, SimAemPages::methodNotAllowed(request.method, path));
        if (request.method == "POST" && path.startsWith(SimConfigMgr::PathPrefix))
            return m_configMgr.post(path, request);
        if (request.method == "POST" && path == SimCryptoSupport::Path)
            return m_cryptoSupport.post(request);
        if (console)
            return SimHttpResponse::html(404, SimAemPages::slingNotFound(path));
        // Sling Content Distribution (Cloud Service): POST action=TEST to the agent [C]; exposure [I].
        if (request.method == "POST" && isCloud() && SimDistribution::matches(path))
            return SimDistribution::handle(m_repository, request, path,
                                           m_options.faults.contains(SimFault::DistributionTestFails));
        // The agent test page answers POST as well as GET (domain notes 2.4).
        if (request.method == "POST" && SimReplicationAgents::matches(path) &&
            path.endsWith(QLatin1String(".test.html")))
            return m_agents.get(path);
        if (request.method == "POST" && SimUsers::isKeystoreRequest(path))
            return SimUsers::keystorePost(m_repository, request, path);
        if (request.method == "POST") {
            bool userAdmin = false;
            SimHttpResponse deleted = SimUsers::deleteAuthorizable(m_repository, request, path, &userAdmin);
            if (userAdmin)
                return deleted;
            return m_slingPost.post(path, request);
        }
        // DELETE removes the resource (domain notes 3.1 / 4.1: `curl -X DELETE` on an agent). The 204 is the
        // simulator's assumption of Sling's answer.
        if (request.method == "DELETE") {
            if (path == QLatin1String("/") || !m_repository.removeNode(path))
                return SimHttpResponse::html(404, SimAemPages::slingNotFound(path));
            return SimHttpResponse::make(204, QByteArray(), QByteArray());
        }
        return SimHttpResponse::html(405, SimAemPages::methodNotAllowed(request.method, path));
    }
    if (request.method != "GET" && request.method != "HEAD")
        return SimHttpResponse::html(405, SimAemPages::methodNotAllowed(request.method, path));

    if (path == QLatin1String("/libs/granite/csrf/token.json"))
        return csrfToken();
    if (path.startsWith(ConsolePrefix)) {
        // The Felix console is not exposed on Cloud Service.
        if (!isCloud() && path == QLatin1String("/system/console/productinfo"))
            return SimHttpResponse::make(200, QByteArrayLiteral("text/html; charset=utf-8"),
                                         SimAemPages::productInfo(m_options.aemVersion));
        if (!isCloud() && SimConfigMgr::isListRequest(path))
            return m_configMgr.list(path, request);
        if (!isCloud() && (path == QLatin1String("/system/console/configMgr") ||
                           path == QLatin1String("/system/console/crypto")))
            return SimHttpResponse::html(200, SimAemPages::consolePage(path));
        if (!isCloud() && path == QLatin1String("/system/console/status-slingsettings.txt"))
            return SimHttpResponse::make(200, QByteArrayLiteral("text/plain; charset=utf-8"),
                                         SimAemPages::slingSettings(m_options.publish));
        return SimHttpResponse::html(404, SimAemPages::slingNotFound(path));
    }
    if (path == QLatin1String("/mnt/overlay/granite/ui/content/shell/about.html")) {
        const QString version = isCloud() ? SimAemPages::cloudReleaseVersion() : m_options.aemVersion;
        return SimHttpResponse::html(200, SimAemPages::aboutDialog(version));
    }
    if (path == SimPackageManager::ListPath)
        return m_packages.list(request);
    if (path == SimQueryBuilder::Path)
        return SimQueryBuilder::query(m_repository, request);
    if (isCloud() && SimDistribution::matches(path))
        return SimDistribution::handle(m_repository, request, path,
                                       m_options.faults.contains(SimFault::DistributionTestFails));
    if (SimReplicationAgents::matches(path)) {
        bool failed = false;
        SimHttpResponse failure = m_failSteps.failIfArmed(request, path, &failed);
        return failed ? failure : m_agents.get(path);
    }
    if (SimUsers::isKeystoreRequest(path))
        return SimUsers::keystoreGet(m_repository, path);
    return slingGet(path);
}

SimHttpResponse SimAemHandler::csrfToken()
{
    // Shaped like AEM's token (a JWT); only its identity matters to the CSRF check.
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QByteArray header = base64Url(QByteArrayLiteral("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"));
    const QByteArray payload =
        base64Url("{\"exp\":" + QByteArray::number(now + 600) + ",\"iat\":" + QByteArray::number(now) + '}');
    const QByteArray token = header + '.' + payload + '.' + base64Url(SimCrypto::randomBytes(32));
    m_csrfTokens.insert(token);
    return SimHttpResponse::make(200, QByteArrayLiteral("application/json"), "{\"token\":\"" + token + "\"}");
}

SimHttpResponse SimAemHandler::slingGet(const QString &path) const
{
    const SimRepository::Resolution r = m_repository.resolve(path);
    if (!r.node || !r.suffix.isEmpty())
        return SimHttpResponse::html(404, SimAemPages::slingNotFound(path));

    if (r.extension.isEmpty()) {
        // Sling streams nt:file content as-is (e.g. /apps/system/config/<pid>.config).
        const QByteArray data = SimRepository::fileData(r.node);
        if (data.isNull())
            return SimHttpResponse::html(404, SimAemPages::slingNotFound(path));
        const QString mime =
            r.node->child(QStringLiteral("jcr:content"))->property(QStringLiteral("jcr:mimeType")).toString();
        QByteArray contentType =
            mime.isEmpty() ? QByteArrayLiteral("application/octet-stream") : mime.toLatin1();
        if (contentType.startsWith("text/"))
            contentType += ";charset=utf-8";
        return SimHttpResponse::make(200, contentType, data);
    }

    if (r.extension == QLatin1String("json")) {
        int depth = 0;
        bool tidy = false;
        int depthSelectors = 0;
        for (const QString &selector : r.selectors) {
            if (selector == QLatin1String("tidy")) {
                tidy = true;
            } else if (isJsonDepth(selector, &depth)) {
                ++depthSelectors;
            } else {
                return SimHttpResponse::html(404, SimAemPages::slingNotFound(path));
            }
        }
        if (depthSelectors > 1)
            return SimHttpResponse::html(404, SimAemPages::slingNotFound(path));
        return SimHttpResponse::json(200, SimSlingJson::render(r.node, depth, tidy));
    }
    return SimHttpResponse::html(404, SimAemPages::slingNotFound(path));
}

} // namespace bp::sim
