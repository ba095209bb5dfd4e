// SPDX-License-Identifier: Apache-2.0
#include "wizard/RoutePage.h"

#include "wizard/DetailText.h"

#include "apply/CreateSession.h"
#include "demo/DemoEnvironment.h"
#include "setup/SetupState.h"

#include "wizard/Theme.h"
#include <QButtonGroup>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFrame>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPair>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QStandardPaths>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QWizard>

#include <algorithm>

namespace bp::ui {

namespace {

// Light backgrounds with an explicit dark text colour, so the emphasis stays readable with dark themes too.
const QColor kDetectedRowBackground(0xfff4cc);
const QColor kRecommendedBackground(0xb7e1c1);
const QColor kBlockedBackground(0xf8d7da);
const QColor kEmphasisText(0x1a1a1a);

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

// One item per line. Plain lines rather than <ul>: QLabel indents lists far too much for a two-column table.
QString htmlList(const QStringList &items, const QString &marker = QStringLiteral("• "))
{
    QStringList lines;
    for (const QString &item : items)
        lines << esc(marker + item);
    return lines.join(QStringLiteral("<br>"));
}

RouteRow rowFor(const SetupState &state)
{
    if (state.decision.row != RouteRow::None)
        return state.decision.row;
    return RouteSelector::rowFor(state.instance.deployment());
}

bool canContinueSetup(const SetupState &state)
{
    return state.decision.route != Route::Unsupported && state.decision.route != Route::Unknown;
}

} // namespace

RoutePage::RoutePage(SetupState *state, QWidget *parent) : BasePage(state, parent)
{
    setObjectName(QStringLiteral("routePage"));
}

namespace {

QString withBreaksAfter(const QString &text, QStringView breakAfter)
{
    static const QChar kZeroWidthSpace(0x200B);
    QString out;
    out.reserve(text.size() + 8);
    for (const QChar c : text) {
        out += c;
        if (breakAfter.contains(c))
            out += kZeroWidthSpace;
    }
    return out;
}

} // namespace

QString RoutePage::breakableVersion(const QString &version)
{
    return withBreaksAfter(version, u".-_");
}

void RoutePage::buildUi()
{

    m_tableCaption = new QLabel(this);
    m_tableCaption->setObjectName(QStringLiteral("tableCaption"));
    m_tableCaption->setWordWrap(true);

    m_table = new QTableWidget(3, 3, this);
    m_table->setObjectName(QStringLiteral("routeTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setFocusPolicy(Qt::NoFocus);
    m_table->setWordWrap(true);
    m_table->setTextElideMode(Qt::ElideNone);
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    // Room around the cell text; padding in a style sheet is included in the items' size hints.
    m_table->setStyleSheet(QStringLiteral("QTableWidget#routeTable::item { padding: 4px 6px; }"));
    for (int row = 0; row < 3; ++row) {
        for (int column = 0; column < 3; ++column) {
            auto *item = new QTableWidgetItem;
            item->setFlags(Qt::ItemIsEnabled);
            item->setTextAlignment(Qt::AlignLeft | Qt::AlignVCenter);
            m_table->setItem(row, column, item);
        }
    }
    // Queued: while the header resizes its stretched sections one by one, the other columns still have their
    // old widths, and rows fitted then stay far too tall (seen at the 760x600 minimum size).
    connect(m_table->horizontalHeader(), &QHeaderView::sectionResized, this, &RoutePage::fitTableHeight,
            Qt::QueuedConnection);

    m_actionsBox = new QGroupBox(this);
    m_actionsBox->setObjectName(QStringLiteral("actionsBox"));
    m_actions = new QButtonGroup(this);
    m_actions->setExclusive(true);
    auto *actionsLayout = new QVBoxLayout(m_actionsBox);
    actionsLayout->setContentsMargins(8, 4, 8, 4);
    actionsLayout->setSpacing(2);
    // One radio button per action; shown or hidden by fillActions().
    for (SetupAction a : {SetupAction::Create, SetupAction::Upgrade, SetupAction::Keep,
                          SetupAction::RotateSecret, SetupAction::CloudChecklist}) {
        auto *button = new QRadioButton(m_actionsBox);
        button->setObjectName(QStringLiteral("action-") + setupActionId(a));
        m_actions->addButton(button, static_cast<int>(a));
        actionsLayout->addWidget(button);
    }
    m_actionReason = new QLabel(m_actionsBox);
    m_actionReason->setObjectName(QStringLiteral("actionReason"));
    m_actionReason->setWordWrap(true);
    m_actionReason->setTextInteractionFlags(Qt::TextSelectableByMouse);
    actionsLayout->addWidget(m_actionReason);
    connect(m_actions, &QButtonGroup::idClicked, this, &RoutePage::chooseAction);

    const auto detailLabel = [](const QString &name) {
        auto *label = new QLabel;
        label->setObjectName(name);
        label->setWordWrap(true);
        label->setTextFormat(Qt::RichText);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        label->setAlignment(Qt::AlignTop | Qt::AlignLeft);
        return label;
    };
    m_problemsLabel = detailLabel(QStringLiteral("problemsLabel"));
    // Paths and PIDs have no spaces: these wrap anywhere instead of widening the page.
    m_detectedLabel = new DetailText;
    m_detectedLabel->setObjectName(QStringLiteral("detectedLabel"));
    m_evidenceLabel = new DetailText;
    m_evidenceLabel->setObjectName(QStringLiteral("versionSourcesLabel"));

    m_reasonLabel = new QLabel;
    m_reasonLabel->setObjectName(QStringLiteral("reasonLabel"));
    m_reasonLabel->setWordWrap(true);
    m_reasonLabel->setTextFormat(Qt::RichText);
    m_reasonLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_reasonLabel->setAlignment(Qt::AlignTop | Qt::AlignLeft);

    m_chooseVersionButton = new QPushButton;
    m_chooseVersionButton->setObjectName(QStringLiteral("chooseVersionButton"));
    m_chooseVersionButton->setAutoDefault(false);
    m_chooseVersionButton->hide();
    connect(m_chooseVersionButton, &QPushButton::clicked, this, [this] {
        if (wizard())
            wizard()->back();
    });

    m_blockedPanel = new QFrame(this);
    m_blockedPanel->setObjectName(QStringLiteral("blockedPanel"));
    m_blockedLabel = new QLabel(m_blockedPanel);
    m_blockedLabel->setObjectName(QStringLiteral("blockedLabel"));
    m_blockedLabel->setWordWrap(true);
    m_blockedLabel->setTextFormat(Qt::RichText);
    m_blockedLabel->setOpenExternalLinks(true);
    m_blockedLabel->setTextInteractionFlags(Qt::TextBrowserInteraction);
    auto *blockedLayout = new QVBoxLayout(m_blockedPanel);
    blockedLayout->setContentsMargins(8, 6, 8, 6);
    blockedLayout->addWidget(m_blockedLabel);
    m_blockedPanel->hide();

    m_hotfixRow = new QWidget(this);
    m_hotfixButton = new QPushButton(m_hotfixRow);
    m_hotfixButton->setObjectName(QStringLiteral("hotfixButton"));
    m_hotfixButton->setAutoDefault(false);
    m_hotfixPathLabel = new QLabel(m_hotfixRow);
    m_hotfixPathLabel->setObjectName(QStringLiteral("hotfixPathLabel"));
    m_hotfixPathLabel->setTextFormat(Qt::PlainText);
    m_hotfixPathLabel->setWordWrap(true);
    m_hotfixPathLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_hotfixError = makeErrorLabel(QStringLiteral("hotfixError"), m_hotfixRow);
    auto *hotfixLine = new QHBoxLayout;
    hotfixLine->setContentsMargins(0, 0, 0, 0);
    hotfixLine->addWidget(m_hotfixButton);
    hotfixLine->addWidget(m_hotfixPathLabel, 1);
    auto *hotfixLayout = new QVBoxLayout(m_hotfixRow);
    hotfixLayout->setContentsMargins(0, 0, 0, 0);
    hotfixLayout->setSpacing(2);
    hotfixLayout->addLayout(hotfixLine);
    hotfixLayout->addWidget(m_hotfixError);
    m_hotfixRow->hide();
    connect(m_hotfixButton, &QPushButton::clicked, this, &RoutePage::chooseHotfixPackage);

    m_tenantRow = new QWidget(this);
    m_tenantLabel = new QLabel(m_tenantRow);
    m_tenantEdit = new QLineEdit(m_tenantRow);
    m_tenantEdit->setObjectName(QStringLiteral("tenantEdit"));
    m_tenantEdit->setPlaceholderText(QStringLiteral("https://<tenant>.brand-portal.adobe.com"));
    m_tenantLabel->setBuddy(m_tenantEdit);
    m_tenantError = makeErrorLabel(QStringLiteral("tenantError"), m_tenantRow);
    auto *tenantColumn = new QVBoxLayout;
    tenantColumn->setContentsMargins(0, 0, 0, 0);
    tenantColumn->setSpacing(2);
    tenantColumn->addWidget(m_tenantEdit);
    tenantColumn->addWidget(m_tenantError);
    auto *tenantLayout = new QFormLayout(m_tenantRow);
    tenantLayout->setContentsMargins(0, 0, 0, 0);
    tenantLayout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    tenantLayout->addRow(m_tenantLabel, tenantColumn);
    m_tenantRow->hide();
    connect(m_tenantEdit, &QLineEdit::textEdited, this, [this] {
        m_tenantError->hide();
        m_tenantEdit->setAccessibleDescription(QString());
    });

    auto *separator = new QFrame;
    separator->setFrameShape(QFrame::HLine);
    separator->setFrameShadow(QFrame::Sunken);

    // Everything in one scroll area: at the wizard's minimum size (760x600) the table, the actions and a
    // prerequisite panel together are taller than the page, and squeezing them would cut text off.
    auto *content = new QWidget;
    content->setObjectName(QStringLiteral("routeContent"));
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 6, 0); // room for the scroll bar
    contentLayout->addWidget(m_tableCaption);
    contentLayout->addWidget(m_table);
    contentLayout->addWidget(m_actionsBox);
    contentLayout->addWidget(m_blockedPanel);
    contentLayout->addWidget(m_hotfixRow);
    contentLayout->addWidget(m_tenantRow);
    contentLayout->addWidget(m_reasonLabel);
    contentLayout->addWidget(m_chooseVersionButton, 0, Qt::AlignLeft);
    // What is wrong comes before how the version was read.
    contentLayout->addWidget(m_problemsLabel);
    contentLayout->addWidget(separator);
    contentLayout->addWidget(m_detectedLabel);
    contentLayout->addWidget(m_evidenceLabel);
    contentLayout->addStretch(1);

    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("routeScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFocusPolicy(Qt::NoFocus); // the radio buttons and fields take focus, not the scroll area
    scroll->setWidget(content);
    scroll->viewport()->setAutoFillBackground(false);
    content->setAutoFillBackground(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll, 1);
}

void RoutePage::initializePage()
{
    ensureBuilt();
    m_hotfixPath = state()->hotfixPackagePath;
    fillActions();
    fillTable();
    fillDetails();
    fillCreatePanel();
    emit completeChanged();
}

void RoutePage::fillActions()
{
    const QList<OfferedAction> offered = SetupActions::offered(state()->instance, state()->decision);
    const bool diagnose = state()->mode == SetupState::Mode::Diagnose;
    if (!diagnose && std::none_of(offered.begin(), offered.end(),
                                  [this](const OfferedAction &o) { return o.action == state()->action; }))
        state()->action = SetupActions::defaultAction(state()->instance, state()->decision);
    QString reason;
    for (QAbstractButton *button : m_actions->buttons()) {
        const auto action = static_cast<SetupAction>(m_actions->id(button));
        const auto it = std::find_if(offered.begin(), offered.end(),
                                     [action](const OfferedAction &o) { return o.action == action; });
        button->setVisible(it != offered.end());
        if (it == offered.end())
            continue;
        QString text = setupActionDisplayName(action);
        if (it->recommended)
            text += QLatin1Char(' ') + tr("(recommended)");
        button->setText(text);
        button->setAccessibleDescription(it->reason);
        button->setToolTip(it->reason);
        const bool chosen = action == state()->action;
        button->setChecked(chosen);
        if (chosen)
            reason = it->reason;
    }
    m_actionReason->setText(reason);
    m_actionsBox->setVisible(!diagnose && !offered.isEmpty());
}

void RoutePage::chooseAction(int actionId)
{
    state()->action = static_cast<SetupAction>(actionId);
    fillActions();
    fillTable();
    fillCreatePanel();
    emit completeChanged();
}

bool RoutePage::isComplete() const
{
    // Diagnosing works for any instance; setting up needs a supported, known route that nothing blocks.
    return state()->mode == SetupState::Mode::Diagnose ||
           (canContinueSetup(*state()) && state()->action != SetupAction::None && !createBlocked());
}

bool RoutePage::isCreateRoute() const
{
    return state()->appliesConfiguration();
}

bool RoutePage::createBlocked() const
{
    if (!isCreateRoute())
        return false;
    const QList<Prerequisite> prerequisites = state()->instancePrerequisites();
    return std::any_of(prerequisites.begin(), prerequisites.end(),
                       [](const Prerequisite &p) { return p.blocking; });
}

bool RoutePage::validatePage()
{
    if (!isComplete())
        return false;
    if (!isCreateRoute())
        return true;
    // The core's check of the plain inputs (the tenant, and the hotfix package where the core checks it),
    // before anything is read from AEM.
    CreateInputs inputs = state()->createInputs();
    inputs.tenant = m_tenantEdit->text().trimmed();
    const Result<TenantUrl> checked = CreateSession::checkInputs(inputs);
    if (!checked) {
        const bool tenant = checked.error().id.startsWith(QLatin1String("tenant"));
        QLabel *label = tenant ? m_tenantError : m_hotfixError;
        label->setText(tr("⚠ %1").arg(checked.error().fullText()));
        label->show();
        QWidget *field = tenant ? static_cast<QWidget *>(m_tenantEdit) : m_hotfixButton;
        field->setAccessibleDescription(label->text());
        field->setFocus();
        return false;
    }
    state()->tenant = inputs.tenant;
    state()->hotfixPackagePath = m_hotfixPath;
    return true;
}

void RoutePage::chooseHotfixPackage()
{
    QString start = m_hotfixPath.isEmpty()
                        ? QStandardPaths::writableLocation(QStandardPaths::DownloadLocation)
                        : QFileInfo(m_hotfixPath).absolutePath();
    // A missing folder would open its parent with the folder's name typed in as the file name.
    if (!QFileInfo(start).isDir())
        start = QDir::homePath();
    const QString file =
        QFileDialog::getOpenFileName(this, tr("Choose the OAuth compatibility hotfix package"), start,
                                     tr("Content packages (*.zip);;All files (*)"));
    if (!file.isEmpty())
        setHotfixPackagePath(file);
}

void RoutePage::setHotfixPackagePath(const QString &path)
{
    ensureBuilt();
    m_hotfixPath = path;
    m_hotfixError->hide();
    m_hotfixButton->setAccessibleDescription(QString());
    // The prerequisites read it from SetupState.
    state()->hotfixPackagePath = path;
    fillTable();
    fillCreatePanel();
    emit completeChanged();
}

void RoutePage::fillCreatePanel()
{
    const bool create = isCreateRoute();
    QList<Prerequisite> blocking;
    QList<Prerequisite> notes;
    if (create) {
        for (const Prerequisite &p : state()->instancePrerequisites())
            (p.blocking ? blocking : notes).append(p);
    }
    QString html;
    if (!blocking.isEmpty()) {
        html = QStringLiteral("<b>✖ %1</b>").arg(esc(tr("What must happen first:")));
        for (const Prerequisite &p : std::as_const(blocking)) {
            html +=
                QStringLiteral("<br>%1<br>%2").arg(esc(p.message), esc(tr("What to do: %1").arg(p.remedy)));
            if (!p.link.isEmpty())
                html += QStringLiteral("<br><a href=\"%1\">%2</a>")
                            .arg(esc(p.link), esc(tr("Download page at Adobe Software Distribution")));
        }
    } else {
        for (const Prerequisite &p : std::as_const(notes))
            html += (html.isEmpty() ? QString() : QStringLiteral("<br>")) +
                    QStringLiteral("ℹ %1").arg(esc(p.message));
    }
    Theme::setPanelTone(m_blockedPanel, blocking.isEmpty() ? Theme::Tone::Info : Theme::Tone::Error);
    m_blockedLabel->setText(html);
    m_blockedPanel->setVisible(!html.isEmpty());

    const bool hotfix = create && state()->instance.oauthSupport == OAuthSupport::HotfixRequired &&
                        state()->instance.version >= AdobePolicy::minimumOAuthHotfixVersion();
    m_hotfixRow->setVisible(hotfix);
    m_hotfixPathLabel->setText(m_hotfixPath.isEmpty()
                                   ? tr("or choose the %1 you downloaded: apply then installs it first.")
                                         .arg(AdobePolicy::oauthHotfixPackageFile())
                                   : QDir::toNativeSeparators(m_hotfixPath));

    m_tenantRow->setVisible(create && blocking.isEmpty());
    if (create && m_tenantEdit->text().isEmpty()) {
        QString tenant = state()->tenant;
        if (tenant.isEmpty())
            tenant = state()->instance.tenant;
        if (tenant.isEmpty() && state()->isDemo())
            tenant = state()->demo->tenant();
        m_tenantEdit->setText(tenant);
    }
}

void RoutePage::fillTable()
{
    const QStringList rowNames = {
        tr("AEM Assets as a Cloud Service"),
        tr("AEM 6.5 (6.5.4.0 and above), on-premise or managed service"),
        tr("AEM 6.5 LTS (6.6.x), on-premise or managed service"),
    };
    const QString cells[3][2] = {
        {tr("Activate Brand Portal (Cloud Manager)"), tr("—")},
        {tr("Create configuration (Developer Console, IMS token)"), tr("Upgrade configuration")},
        {tr("Create configuration (OAuth Server-to-Server only)"), tr("Upgrade configuration")},
    };
    m_table->setHorizontalHeaderLabels(
        {tr("Deployment"), tr("New configuration"), tr("Upgrade configuration")});

    const int detectedRow = static_cast<int>(rowFor(*state()));
    const int recommendedRow = static_cast<int>(state()->decision.row);
    const int recommendedColumn = static_cast<int>(state()->decision.column);
    const bool blocked = createBlocked();
    const bool hasRecommendation =
        canContinueSetup(*state()) && recommendedRow >= 0 && recommendedColumn >= 0;

    const QString version =
        state()->instance.version.isValid() ? state()->instance.version.toString() : QString();
    QFont normal = m_table->font();
    QFont bold = normal;
    bold.setBold(true);

    for (int row = 0; row < 3; ++row) {
        const bool detected = row == detectedRow;
        for (int column = 0; column < 3; ++column) {
            QTableWidgetItem *item = m_table->item(row, column);
            const bool recommended =
                hasRecommendation && row == recommendedRow && column == recommendedColumn + FirstRouteColumn;
            QString text = column == 0 ? rowNames.at(row) : cells[row][column - FirstRouteColumn];
            QString role;
            if (recommended && blocked) {
                text += QLatin1Char('\n') + tr("✖ blocked: see below");
                role = QStringLiteral("blocked");
            } else if (recommended) {
                text += QLatin1Char('\n') + tr("◀ recommended");
                role = QStringLiteral("recommended");
            } else if (detected) {
                role = QStringLiteral("detected");
            }
            // The tooltip (and accessible text) has the version as it is; the cell one that can wrap.
            QString toolTip;
            if (detected && column == 0) {
                toolTip =
                    text + QLatin1Char('\n') +
                    (version.isEmpty() ? tr("(your instance)") : tr("(your instance: %1)").arg(version));
                text += QLatin1Char('\n') + (version.isEmpty()
                                                 ? tr("(your instance)")
                                                 : tr("(your instance: %1)").arg(breakableVersion(version)));
            }
            item->setText(text);
            item->setToolTip(toolTip);
            item->setData(HighlightRole, role);
            item->setFont(recommended || (detected && column == 0) ? bold : normal);
            if (recommended && blocked) {
                item->setBackground(kBlockedBackground);
                item->setForeground(kEmphasisText);
            } else if (recommended) {
                item->setBackground(kRecommendedBackground);
                item->setForeground(kEmphasisText);
            } else if (detected) {
                item->setBackground(kDetectedRowBackground);
                item->setForeground(kEmphasisText);
            } else {
                item->setData(Qt::BackgroundRole, QVariant());
                item->setData(Qt::ForegroundRole, QVariant());
            }
            QString accessible = toolTip.isEmpty() ? text : toolTip;
            accessible.replace(QLatin1Char('\n'), QLatin1Char(' '));
            item->setData(Qt::AccessibleTextRole, accessible);
        }
    }
    fitTableHeight();
}

void RoutePage::fitTableHeight()
{
    m_table->resizeRowsToContents();
    int height = m_table->horizontalHeader()->height() + 2 * m_table->frameWidth();
    for (int row = 0; row < m_table->rowCount(); ++row)
        height += m_table->rowHeight(row);
    m_table->setFixedHeight(height);
}

void RoutePage::fillDetails()
{
    const AemInstance &instance = state()->instance;
    const RouteDecision &decision = state()->decision;

    // What was detected, and (last) how the version was read: two tables, one caption column width.
    using Rows = QList<QPair<QString, QString>>; // caption, value HTML
    Rows detected;
    detected.append({tr("Deployment:"), esc(deploymentDisplayName(instance.deployment()))});

    QString version;
    if (instance.version.isValid()) {
        version = esc(instance.version.isCloud() && instance.version.toString().isEmpty()
                          ? tr("Cloud Service")
                          : instance.version.toString());
        if (instance.versionChosenManually)
            version += QLatin1Char(' ') + esc(tr("(chosen manually)"));
    } else {
        version = QStringLiteral("<b>") + esc(tr("could not be read")) + QStringLiteral("</b>");
    }
    detected.append({tr("Version:"), version});

    const QString hotfix = QStringLiteral("ims-jwt-compatibility-package-6.5-1.0.zip");
    QString oauth;
    switch (instance.oauthSupport) {
    case OAuthSupport::Native:
        oauth = tr("supported natively");
        break;
    case OAuthSupport::HotfixInstalled:
        oauth = tr("supported (hotfix %1 installed)").arg(hotfix);
        break;
    case OAuthSupport::HotfixRequired:
        oauth = tr("needs the hotfix %1").arg(hotfix);
        break;
    case OAuthSupport::NotAvailable:
        oauth = tr("not available on this version");
        break;
    case OAuthSupport::Unknown:
        oauth = tr("unknown");
        break;
    }
    detected.append({tr("OAuth Server-to-Server:"), esc(oauth)});

    QString config = esc(configStateDisplayName(instance.state));
    if (!instance.tenant.isEmpty())
        config += esc(tr(", tenant %1").arg(instance.tenant));
    detected.append({tr("Brand Portal configuration:"), config});

    const QStringList paths = instance.configPaths();
    detected.append(
        {tr("Configuration found at:"), paths.isEmpty() ? esc(tr("nothing found")) : htmlList(paths)});

    Rows sources;
    QStringList evidence;
    for (const VersionEvidence &e : instance.versionEvidence) {
        const QString where = e.path.isEmpty() ? e.sourceId : tr("%1 (%2)").arg(e.sourceId, e.path);
        evidence << (e.readable ? tr("✓ %1: %2").arg(where, e.version)
                                : tr("✗ %1: %2").arg(where, versionEvidenceProblem(e)));
    }
    sources.append(
        {tr("Version sources:"), evidence.isEmpty() ? esc(tr("none")) : htmlList(evidence, QString())});
    QStringList conflicts;
    for (const VersionConflict &c : instance.versionConflicts)
        conflicts << versionConflictText(c);
    if (!conflicts.isEmpty())
        sources.append({tr("Sources that disagree:"), htmlList(conflicts)});

    int captionWidth = 0;
    for (const Rows *rows : {&detected, &sources}) {
        for (const auto &r : *rows)
            captionWidth = std::max(captionWidth, m_detectedLabel->fontMetrics().horizontalAdvance(r.first));
    }
    // The cell's width includes its 12 px padding (and a pixel for rounding either side).
    captionWidth += 14;
    const auto table = [captionWidth](const Rows &rows) -> QString {
        QString out = QStringLiteral("<table cellspacing=\"2\" cellpadding=\"1\">");
        for (const auto &r : rows)
            out += QStringLiteral("<tr><td valign=\"top\" width=\"%1\" style=\"padding-right:12px;\">")
                       .arg(captionWidth) +
                   esc(r.first) + QStringLiteral("</td><td>") + r.second + QStringLiteral("</td></tr>");
        return out + QStringLiteral("</table>");
    };
    m_detectedLabel->setText(QStringLiteral("<p><b>") +
                             esc(tr("What was detected on %1").arg(instance.baseUrl.toString())) +
                             QStringLiteral("</b></p>") + table(detected));
    m_evidenceLabel->setText(table(sources));

    // The problems found, above what was detected: they are what the user has to act on.
    m_problemsLabel->setText(instance.findings.isEmpty()
                                 ? QString()
                                 : QStringLiteral("<p><b>") + esc(tr("Problems found:")) +
                                       QStringLiteral("</b><br>") + htmlList(instance.problemTexts()) +
                                       QStringLiteral("</p>"));
    m_problemsLabel->setVisible(!instance.findings.isEmpty());

    // The decision.
    QString reason = QStringLiteral("<p><b>") + esc(tr("Route: %1").arg(routeDisplayName(decision.route))) +
                     QStringLiteral("</b></p>");
    if (!decision.reason.isEmpty())
        reason += QStringLiteral("<p>") + esc(decision.reason) + QStringLiteral("</p>");
    // The create path shows the core's prerequisites (with their remedies) above instead.
    if (!decision.prerequisites.isEmpty() && !isCreateRoute())
        reason += QStringLiteral("<p>") + esc(tr("Before you continue:")) + QStringLiteral("</p>") +
                  htmlList(decision.prerequisites);

    const bool diagnose = state()->mode == SetupState::Mode::Diagnose;
    switch (decision.route) {
    case Route::Unsupported:
        reason += QStringLiteral("<p><b>") +
                  esc(tr("Brand Portal cannot be set up on this instance until AEM is upgraded.")) +
                  QStringLiteral("</b>");
        if (!decision.upgradeTarget.isEmpty())
            reason += QStringLiteral("<br>") + esc(tr("Upgrade to: %1").arg(decision.upgradeTarget));
        reason += QStringLiteral("</p>");
        break;
    case Route::Unknown:
        reason += QStringLiteral("<p><b>") +
                  esc(tr("The route cannot be chosen because the AEM version is not known.")) +
                  QStringLiteral("</b> ") +
                  esc(tr("Go back and choose the version manually, for example after checking it in the AEM "
                         "\"About Adobe Experience Manager\" dialog.")) +
                  QStringLiteral("</p>");
        if (!decision.upgradeTarget.isEmpty())
            reason += QStringLiteral("<p>") + esc(tr("Supported versions: %1.").arg(decision.upgradeTarget)) +
                      QStringLiteral("</p>");
        break;
    case Route::ActivateBrandPortal:
    case Route::CreateConfiguration:
    case Route::UpgradeConfiguration:
        break;
    }
    if (!canContinueSetup(*state()))
        reason +=
            QStringLiteral("<p>") +
            esc(diagnose ? tr("You can still continue to diagnose the existing setup.")
                         : tr("To look at the existing setup anyway, go back to the first page and choose "
                              "\"Diagnose an existing setup\".")) +
            QStringLiteral("</p>");
    m_reasonLabel->setText(reason);
    m_chooseVersionButton->setVisible(decision.route == Route::Unknown);
}

void RoutePage::retranslate()
{
    setTitle(tr("Setup route"));
    setSubTitle(tr("Which way of connecting Brand Portal applies to this AEM instance."));
    m_tableCaption->setText(tr("Brand Portal setup routes. Your instance's row is highlighted and the route "
                               "that applies is marked \"recommended\"."));
    m_actionsBox->setTitle(tr("What to do"));
    m_chooseVersionButton->setText(tr("&Choose the version manually…"));
    m_hotfixButton->setText(tr("&Hotfix package…"));
    m_hotfixButton->setToolTip(
        tr("The %1 you downloaded from Adobe's Software Distribution: apply installs it "
           "first, through Package Manager.")
            .arg(AdobePolicy::oauthHotfixPackageFile()));
    m_tenantLabel->setText(tr("Brand Portal &tenant:"));
    m_tenantEdit->setToolTip(tr("The tenant name, or its address https://<tenant>.brand-portal.adobe.com."));
    if (wizard())
        initializePage();
    else
        m_table->setHorizontalHeaderLabels(
            {tr("Deployment"), tr("New configuration"), tr("Upgrade configuration")});
}

} // namespace bp::ui
