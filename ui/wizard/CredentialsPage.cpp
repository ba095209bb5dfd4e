// SPDX-License-Identifier: Apache-2.0
#include "wizard/CredentialsPage.h"

#include "apply/CreatePrerequisites.h"
#include "credentials/CredentialImporter.h"
#include "demo/DemoEnvironment.h"
#include "ims/ImsValidator.h"
#include "net/CertificateInfo.h"
#include "services/CredentialInput.h"
#include "setup/SetupState.h"
#include "time/Clock.h"
#include "wizard/ClipboardGuard.h"
#include "wizard/KeyPairDialog.h"
#include "wizard/SetupWizard.h"

#include "wizard/Theme.h"
#include <QCheckBox>
#include <QComboBox>
#include <QDate>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFrame>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>
#include <QWizard>

#include <algorithm>

namespace bp::ui {

namespace {

constexpr int kKeyCheckDelayMs = 300;

// The fields with an error label ("<field>Error"), in form order: FieldError::field names plus the IMS
// address.
const QStringList kFieldOrder = {
    QStringLiteral("kind"),       QStringLiteral("clientId"),   QStringLiteral("clientSecrets"),
    QStringLiteral("scopes"),     QStringLiteral("orgId"),      QStringLiteral("technicalAccountId"),
    QStringLiteral("metascopes"), QStringLiteral("privateKey"), QStringLiteral("imsUrl")};

QLabel *makeHintLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    QFont small = label->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    label->setFont(small);
    QPalette pal = label->palette();
    // Dimmer than normal text, but still readable on a light and on a dark window.
    const QColor placeholder = pal.color(QPalette::PlaceholderText);
    pal.setColor(QPalette::WindowText,
                 Theme::isDark(pal) ? placeholder.lighter(130) : placeholder.darker(130));
    label->setPalette(pal);
    return label;
}

QFrame *makePanel(const QString &objectName, Theme::Tone tone, QWidget *parent)
{
    auto *panel = new QFrame(parent);
    panel->setObjectName(objectName);
    Theme::setPanelTone(panel, tone);
    panel->hide();
    return panel;
}

QVBoxLayout *column(std::initializer_list<QWidget *> widgets)
{
    auto *layout = new QVBoxLayout;
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    for (QWidget *w : widgets)
        layout->addWidget(w);
    return layout;
}

QString fieldDisplayName(const QString &field)
{
    if (field == QLatin1String("clientId"))
        return CredentialsPage::tr("client ID");
    if (field == QLatin1String("clientSecrets"))
        return CredentialsPage::tr("client secret");
    if (field == QLatin1String("scopes"))
        return CredentialsPage::tr("scopes");
    if (field == QLatin1String("orgId"))
        return CredentialsPage::tr("organization ID");
    if (field == QLatin1String("technicalAccountId"))
        return CredentialsPage::tr("technical account ID");
    if (field == QLatin1String("metascopes"))
        return CredentialsPage::tr("metascopes");
    if (field == QLatin1String("privateKey"))
        return CredentialsPage::tr("private key");
    if (field == QLatin1String("imsUrl"))
        return CredentialsPage::tr("IMS address");
    return CredentialsPage::tr("credential kind");
}

} // namespace

CredentialsPage::CredentialsPage(SetupState *state, QWidget *parent) : BasePage(state, parent)
{
    setObjectName(QStringLiteral("credentialsPage"));
    setAcceptDrops(true);
}

CredentialsPage::~CredentialsPage() = default;

void CredentialsPage::buildUi()
{
    auto *content = new QWidget;
    content->setObjectName(QStringLiteral("credentialsContent"));

    // Import: the demo shortcut, a file, or pasted JSON.
    auto *importBox = new QGroupBox(content);
    importBox->setObjectName(QStringLiteral("importBox"));
    m_importBox = importBox;

    m_demoBox = new QFrame(importBox);
    m_demoBox->setObjectName(QStringLiteral("demoBox"));
    Theme::setPanelTone(m_demoBox, Theme::Tone::Warning);
    m_demoLabel = new QLabel(m_demoBox);
    m_demoLabel->setWordWrap(true);
    m_demoButton = new QPushButton(m_demoBox);
    m_demoButton->setObjectName(QStringLiteral("demoCredentialsButton"));
    m_demoJwtButton = new QPushButton(m_demoBox);
    m_demoJwtButton->setObjectName(QStringLiteral("demoJwtCredentialsButton"));
    auto *demoLayout = new QVBoxLayout(m_demoBox);
    demoLayout->setContentsMargins(8, 6, 8, 6);
    demoLayout->addWidget(m_demoLabel);
    auto *demoButtons = new QHBoxLayout;
    demoButtons->addWidget(m_demoButton);
    demoButtons->addWidget(m_demoJwtButton);
    demoButtons->addStretch(1);
    demoLayout->addLayout(demoButtons);
    m_demoBox->hide();

    m_importFileButton = new QPushButton(importBox);
    m_importFileButton->setObjectName(QStringLiteral("importFileButton"));
    m_dropHint = makeHintLabel(importBox);
    m_dropHint->setObjectName(QStringLiteral("dropHint"));
    m_pasteLabel = new QLabel(importBox);
    m_pasteLabel->setObjectName(QStringLiteral("pasteLabel"));
    m_pasteLabel->setWordWrap(true); // long in every language; unwrapped it widens the whole page
    m_pasteEdit = new QPlainTextEdit(importBox);
    m_pasteEdit->setObjectName(QStringLiteral("pasteEdit"));
    m_pasteEdit->setTabChangesFocus(true);
    m_pasteEdit->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_pasteEdit->setInputMethodHints(Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
    const int lineHeight = m_pasteEdit->fontMetrics().lineSpacing();
    m_pasteEdit->setFixedHeight(lineHeight * 3 + 12);
    m_pasteLabel->setBuddy(m_pasteEdit);
    m_importPasteButton = new QPushButton(importBox);
    m_importPasteButton->setObjectName(QStringLiteral("importPasteButton"));
    m_importPasteButton->setEnabled(false);

    auto *importLayout = new QGridLayout(importBox);
    importLayout->addWidget(m_demoBox, 0, 0, 1, 2);
    importLayout->addWidget(m_importFileButton, 1, 0);
    importLayout->addWidget(m_dropHint, 1, 1);
    importLayout->addWidget(m_pasteLabel, 2, 0, 1, 2);
    importLayout->addWidget(m_pasteEdit, 3, 0, 1, 2);
    auto *pasteButtons = new QHBoxLayout;
    pasteButtons->addWidget(m_importPasteButton);
    pasteButtons->addStretch(1);
    importLayout->addLayout(pasteButtons, 4, 0, 1, 2);
    importLayout->setColumnStretch(1, 1);

    m_importPanel = makePanel(QStringLiteral("importPanel"), Theme::Tone::Warning, content);
    m_importKindLabel = new QLabel(m_importPanel);
    m_importKindLabel->setObjectName(QStringLiteral("importKindLabel"));
    m_importKindLabel->setWordWrap(true);
    m_importKindLabel->setTextFormat(Qt::PlainText);
    m_importWarningsLabel = new QLabel(m_importPanel);
    m_importWarningsLabel->setObjectName(QStringLiteral("importWarningsLabel"));
    m_importWarningsLabel->setWordWrap(true);
    m_importWarningsLabel->setTextFormat(Qt::PlainText);
    m_importWarningsLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *importPanelLayout = new QVBoxLayout(m_importPanel);
    importPanelLayout->setContentsMargins(8, 6, 8, 6);
    importPanelLayout->addWidget(m_importKindLabel);
    importPanelLayout->addWidget(m_importWarningsLabel);

    m_importErrorPanel = makePanel(QStringLiteral("importErrorPanel"), Theme::Tone::Error, content);
    m_importErrorLabel = new QLabel(m_importErrorPanel);
    m_importErrorLabel->setObjectName(QStringLiteral("importErrorLabel"));
    m_importErrorLabel->setWordWrap(true);
    m_importErrorLabel->setTextFormat(Qt::PlainText);
    m_importErrorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *importErrorLayout = new QVBoxLayout(m_importErrorPanel);
    importErrorLayout->setContentsMargins(8, 6, 8, 6);
    importErrorLayout->addWidget(m_importErrorLabel);

    // The fields, in the order Developer Console shows them.
    auto *fieldsBox = new QGroupBox(content);
    fieldsBox->setObjectName(QStringLiteral("fieldsBox"));
    m_fieldsBox = fieldsBox;

    m_kindLabel = new QLabel(fieldsBox);
    m_kindCombo = new QComboBox(fieldsBox);
    m_kindCombo->setObjectName(QStringLiteral("kindCombo"));
    m_kindCombo->addItem(QString(), static_cast<int>(CredentialKind::OAuthServerToServer));
    m_kindCombo->addItem(QString(), static_cast<int>(CredentialKind::ServiceAccountJwt));
    m_kindLabel->setBuddy(m_kindCombo);
    m_jwtRetiredNote = makeHintLabel(fieldsBox);
    m_jwtRetiredNote->setObjectName(QStringLiteral("jwtRetiredNote"));

    m_clientIdLabel = new QLabel(fieldsBox);
    m_clientIdEdit = new QLineEdit(fieldsBox);
    m_clientIdEdit->setObjectName(QStringLiteral("clientIdEdit"));
    m_clientIdEdit->setInputMethodHints(Qt::ImhNoAutoUppercase | Qt::ImhNoPredictiveText);
    m_clientIdLabel->setBuddy(m_clientIdEdit);

    const auto secretEdit = [fieldsBox](const QString &name) {
        auto *edit = new QLineEdit(fieldsBox);
        edit->setObjectName(name);
        edit->setEchoMode(QLineEdit::Password);
        edit->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
        // A masked QLineEdit already refuses copy/cut; dragging the text out is the other way it could leave.
        edit->setDragEnabled(false);
        return edit;
    };
    m_secretLabel = new QLabel(fieldsBox);
    m_secretEdit = secretEdit(QStringLiteral("clientSecretEdit"));
    m_secretLabel->setBuddy(m_secretEdit);
    const auto revealButton = [fieldsBox](const QString &name) {
        auto *button = new QToolButton(fieldsBox);
        button->setObjectName(name);
        button->setCheckable(true);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        return button;
    };
    m_revealSecretsButton = revealButton(QStringLiteral("revealSecretsButton"));
    m_secret2Label = new QLabel(fieldsBox);
    m_secret2Edit = secretEdit(QStringLiteral("clientSecret2Edit"));
    m_secret2Label->setBuddy(m_secret2Edit);
    m_revealSecret2Button = revealButton(QStringLiteral("revealSecret2Button"));

    m_scopesLabel = new QLabel(fieldsBox);
    m_scopesEdit = new QLineEdit(fieldsBox);
    m_scopesEdit->setObjectName(QStringLiteral("scopesEdit"));
    m_scopesEdit->setInputMethodHints(Qt::ImhNoAutoUppercase | Qt::ImhNoPredictiveText);
    m_scopesLabel->setBuddy(m_scopesEdit);
    m_scopesHint = makeHintLabel(fieldsBox);
    m_scopesHint->setObjectName(QStringLiteral("scopesHint"));

    m_orgIdLabel = new QLabel(fieldsBox);
    m_orgIdEdit = new QLineEdit(fieldsBox);
    m_orgIdEdit->setObjectName(QStringLiteral("orgIdEdit"));
    m_orgIdEdit->setPlaceholderText(QStringLiteral("0123456789ABCDEF01234567@AdobeOrg"));
    m_orgIdEdit->setInputMethodHints(Qt::ImhNoAutoUppercase | Qt::ImhNoPredictiveText);
    m_orgIdLabel->setBuddy(m_orgIdEdit);

    m_techAccountLabel = new QLabel(fieldsBox);
    m_techAccountEdit = new QLineEdit(fieldsBox);
    m_techAccountEdit->setObjectName(QStringLiteral("technicalAccountIdEdit"));
    m_techAccountEdit->setPlaceholderText(QStringLiteral("…@techacct.adobe.com"));
    m_techAccountLabel->setBuddy(m_techAccountEdit);

    m_metascopesLabel = new QLabel(fieldsBox);
    m_metascopesEdit = new QLineEdit(fieldsBox);
    m_metascopesEdit->setObjectName(QStringLiteral("metascopesEdit"));
    m_metascopesEdit->setPlaceholderText(QStringLiteral("ent_brand_portal_sdk"));
    m_metascopesLabel->setBuddy(m_metascopesEdit);

    m_keyLabel = new QLabel(fieldsBox);
    m_keyBox = new QWidget(fieldsBox);
    m_keyBox->setObjectName(QStringLiteral("privateKeyBox"));
    m_keyPathEdit = new QLineEdit(m_keyBox);
    m_keyPathEdit->setObjectName(QStringLiteral("privateKeyPathEdit"));
    m_keyLabel->setBuddy(m_keyPathEdit);
    m_keyBrowseButton = new QPushButton(m_keyBox);
    m_keyBrowseButton->setObjectName(QStringLiteral("privateKeyBrowseButton"));
    m_generateButton = new QPushButton(m_keyBox);
    m_generateButton->setObjectName(QStringLiteral("generateKeyPairButton"));
    m_keyHeldByAemCheck = new QCheckBox(m_keyBox);
    m_keyHeldByAemCheck->setObjectName(QStringLiteral("keyHeldByAemCheck"));
    auto *keyRow = new QHBoxLayout;
    keyRow->setContentsMargins(0, 0, 0, 0);
    keyRow->addWidget(m_keyPathEdit, 1);
    keyRow->addWidget(m_keyBrowseButton);
    keyRow->addWidget(m_generateButton);
    auto *keyLayout = new QVBoxLayout(m_keyBox);
    keyLayout->setContentsMargins(0, 0, 0, 0);
    keyLayout->setSpacing(2);
    keyLayout->addLayout(keyRow);
    keyLayout->addWidget(m_keyHeldByAemCheck);

    m_passphraseLabel = new QLabel(fieldsBox);
    m_passphraseEdit = secretEdit(QStringLiteral("passphraseEdit"));
    m_passphraseLabel->setBuddy(m_passphraseEdit);
    m_certificateLabel = new QLabel(fieldsBox);
    m_certificateLabel->setObjectName(QStringLiteral("certificateLabel"));
    m_certificateLabel->setWordWrap(true);
    m_certificateLabel->setTextFormat(Qt::PlainText);
    m_certificateLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_certificateLabel->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_certificateLabel->hide();

    for (const QString &name : kFieldOrder)
        m_errorLabels.insert(name, BasePage::makeErrorLabel(name + QStringLiteral("Error"), fieldsBox));
    // A layout, not a wrapper widget: QFormLayout gives a wrapped label inside a widget too much height.
    m_keyExtraLayout = column({m_errorLabels.value(QStringLiteral("privateKey")), m_certificateLabel});

    auto *secretRow = new QHBoxLayout;
    secretRow->setContentsMargins(0, 0, 0, 0);
    secretRow->addWidget(m_secretEdit, 1);
    secretRow->addWidget(m_revealSecretsButton);
    auto *secretColumn = column({});
    secretColumn->addLayout(secretRow);
    secretColumn->addWidget(m_errorLabels.value(QStringLiteral("clientSecrets")));
    auto *secret2Row = new QHBoxLayout;
    secret2Row->setContentsMargins(0, 0, 0, 0);
    secret2Row->addWidget(m_secret2Edit, 1);
    secret2Row->addWidget(m_revealSecret2Button);

    // Word-wrapped labels report their height for a very narrow width, which makes QFormLayout reserve empty
    // space below the fields; a realistic minimum width keeps that estimate close to the real height.
    for (QLabel *label : fieldsBox->findChildren<QLabel *>()) {
        if (label->wordWrap())
            label->setMinimumWidth(360);
    }
    m_form = new QFormLayout(fieldsBox);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->addRow(m_kindLabel,
                   column({m_kindCombo, m_jwtRetiredNote, m_errorLabels.value(QStringLiteral("kind"))}));
    m_form->addRow(m_clientIdLabel,
                   column({m_clientIdEdit, m_errorLabels.value(QStringLiteral("clientId"))}));
    m_form->addRow(m_secretLabel, secretColumn);
    m_form->addRow(m_secret2Label, secret2Row);
    m_form->addRow(m_scopesLabel,
                   column({m_scopesEdit, m_scopesHint, m_errorLabels.value(QStringLiteral("scopes"))}));
    m_form->addRow(m_orgIdLabel, column({m_orgIdEdit, m_errorLabels.value(QStringLiteral("orgId"))}));
    m_form->addRow(m_techAccountLabel,
                   column({m_techAccountEdit, m_errorLabels.value(QStringLiteral("technicalAccountId"))}));
    m_form->addRow(m_metascopesLabel,
                   column({m_metascopesEdit, m_errorLabels.value(QStringLiteral("metascopes"))}));
    m_form->addRow(m_keyLabel, m_keyBox);
    m_form->addRow(m_passphraseLabel, m_passphraseEdit);
    m_form->addRow(QString(), m_keyExtraLayout);

    // Advanced: the IMS address, for Adobe's other regions and for the simulator.
    m_advancedButton = new QToolButton(content);
    m_advancedButton->setObjectName(QStringLiteral("advancedButton"));
    m_advancedButton->setCheckable(true);
    m_advancedButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_advancedButton->setArrowType(Qt::RightArrow);
    m_advancedButton->setAutoRaise(true);
    m_advancedBox = new QWidget(content);
    m_advancedBox->setObjectName(QStringLiteral("advancedBox"));
    m_imsUrlLabel = new QLabel(m_advancedBox);
    m_imsUrlEdit = new QLineEdit(m_advancedBox);
    m_imsUrlEdit->setObjectName(QStringLiteral("imsUrlEdit"));
    m_imsUrlEdit->setInputMethodHints(Qt::ImhUrlCharactersOnly | Qt::ImhNoAutoUppercase);
    m_imsUrlLabel->setBuddy(m_imsUrlEdit);
    auto *advancedForm = new QFormLayout(m_advancedBox);
    advancedForm->setContentsMargins(0, 0, 0, 0);
    advancedForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    advancedForm->addRow(m_imsUrlLabel,
                         column({m_imsUrlEdit, m_errorLabels.value(QStringLiteral("imsUrl"))}));
    m_advancedBox->hide();

    m_statusLabel = makeHintLabel(content);
    m_statusLabel->setObjectName(QStringLiteral("credentialsStatusLabel"));
    m_statusLabel->setTextFormat(Qt::PlainText);

    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 6, 0); // room for the scroll bar
    contentLayout->addWidget(importBox);
    contentLayout->addWidget(m_importErrorPanel);
    contentLayout->addWidget(m_importPanel);
    contentLayout->addWidget(fieldsBox);
    contentLayout->addWidget(m_advancedButton, 0, Qt::AlignLeft);
    contentLayout->addWidget(m_advancedBox);
    contentLayout->addStretch(1);

    // The JWT fields make the page taller than the wizard; scroll rather than grow the window.
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("credentialsScroll"));
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFocusPolicy(Qt::NoFocus); // the fields take focus, not the scroll area
    scroll->setWidget(content);
    scroll->viewport()->setAutoFillBackground(false);
    content->setAutoFillBackground(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_statusLabel);

    setTabOrder(m_demoButton, m_demoJwtButton);
    setTabOrder(m_demoJwtButton, m_importFileButton);
    setTabOrder(m_importFileButton, m_pasteEdit);
    setTabOrder(m_pasteEdit, m_importPasteButton);
    setTabOrder(m_importPasteButton, m_kindCombo);
    setTabOrder(m_kindCombo, m_clientIdEdit);
    setTabOrder(m_clientIdEdit, m_secretEdit);
    setTabOrder(m_secretEdit, m_revealSecretsButton);
    setTabOrder(m_revealSecretsButton, m_secret2Edit);
    setTabOrder(m_secret2Edit, m_revealSecret2Button);
    setTabOrder(m_revealSecret2Button, m_scopesEdit);
    setTabOrder(m_scopesEdit, m_orgIdEdit);
    setTabOrder(m_orgIdEdit, m_techAccountEdit);
    setTabOrder(m_techAccountEdit, m_metascopesEdit);
    setTabOrder(m_metascopesEdit, m_keyPathEdit);
    setTabOrder(m_keyPathEdit, m_keyBrowseButton);
    setTabOrder(m_keyBrowseButton, m_generateButton);
    setTabOrder(m_generateButton, m_keyHeldByAemCheck);
    setTabOrder(m_keyHeldByAemCheck, m_passphraseEdit);
    setTabOrder(m_passphraseEdit, m_advancedButton);
    setTabOrder(m_advancedButton, m_imsUrlEdit);

    // Dropping a file onto a text field imports it like a drop anywhere else on the page, instead of
    // inserting its path.
    m_pasteEdit->viewport()->installEventFilter(this);
    m_pasteEdit->installEventFilter(this); // Ctrl+Enter imports the pasted text
    for (QLineEdit *edit : findChildren<QLineEdit *>())
        edit->installEventFilter(this);

    m_keyCheckTimer = new QTimer(this);
    m_keyCheckTimer->setSingleShot(true);
    m_keyCheckTimer->setInterval(kKeyCheckDelayMs);
    connect(m_keyCheckTimer, &QTimer::timeout, this, [this] {
        checkPrivateKey();
        revalidate();
    });

    // Signals.
    connect(m_demoButton, &QPushButton::clicked, this, &CredentialsPage::useDemoCredentials);
    connect(m_demoJwtButton, &QPushButton::clicked, this, &CredentialsPage::useDemoJwtCredentials);
    connect(m_importFileButton, &QPushButton::clicked, this, &CredentialsPage::browseForFile);
    connect(m_importPasteButton, &QPushButton::clicked, this, &CredentialsPage::importPastedJson);
    connect(m_pasteEdit, &QPlainTextEdit::textChanged, this,
            [this] { m_importPasteButton->setEnabled(!m_pasteEdit->document()->isEmpty()); });
    connect(m_kindCombo, &QComboBox::activated, this, [this] {
        markTouched(QStringLiteral("kind"));
        updateKindFields();
        checkPrivateKey();
        revalidate();
    });
    // Each secret has its own Show: revealing one does not uncover the other.
    const auto reveal = [this](QToolButton *button, QLineEdit *edit) {
        connect(button, &QToolButton::toggled, this, [this, edit](bool shown) {
            edit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
            updateRevealButtons();
        });
    };
    reveal(m_revealSecretsButton, m_secretEdit);
    reveal(m_revealSecret2Button, m_secret2Edit);
    const auto live = [this](QLineEdit *edit, const char *field) {
        connect(edit, &QLineEdit::textEdited, this, [this, field] {
            markTouched(QLatin1String(field));
            revalidate();
        });
    };
    live(m_clientIdEdit, "clientId");
    live(m_secretEdit, "clientSecrets");
    live(m_secret2Edit, "clientSecrets");
    live(m_scopesEdit, "scopes");
    live(m_orgIdEdit, "orgId");
    live(m_techAccountEdit, "technicalAccountId");
    live(m_metascopesEdit, "metascopes");
    live(m_imsUrlEdit, "imsUrl");
    for (QLineEdit *edit : {m_keyPathEdit, m_passphraseEdit}) {
        connect(edit, &QLineEdit::textEdited, this, [this] {
            markTouched(QStringLiteral("privateKey"));
            m_keyCheckTimer->start();
        });
    }
    connect(m_keyPathEdit, &QLineEdit::editingFinished, this, [this] {
        if (m_keyCheckTimer->isActive()) {
            m_keyCheckTimer->stop();
            setPrivateKeyPath(m_keyPathEdit->text().trimmed());
        }
    });
    connect(m_keyBrowseButton, &QPushButton::clicked, this, &CredentialsPage::browseForPrivateKey);
    connect(m_generateButton, &QPushButton::clicked, this, &CredentialsPage::openKeyPairDialog);
    connect(m_keyHeldByAemCheck, &QCheckBox::toggled, this, [this](bool held) {
        m_keyPathEdit->setEnabled(!held);
        m_keyBrowseButton->setEnabled(!held);
        m_generateButton->setEnabled(!held);
        markTouched(QStringLiteral("privateKey"));
        checkPrivateKey();
        revalidate();
    });
    connect(m_advancedButton, &QToolButton::toggled, this, [this](bool open) {
        m_advancedBox->setVisible(open);
        m_advancedButton->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
    });

    updateKindFields();
    updateRevealButtons();
}

void CredentialsPage::initializePage()
{
    ensureBuilt();
    const bool demo = state()->isDemo();
    m_demoBox->setVisible(demo);
    // The create path takes OAuth Server-to-Server only (JWT is refused by its prerequisites): offer nothing
    // else. The other routes keep JWT, to check or migrate an existing setup.
    const bool oauthOnly = oauthOnlyRoute();
    if (auto *model = qobject_cast<QStandardItemModel *>(m_kindCombo->model())) {
        if (QStandardItem *jwtItem =
                model->item(m_kindCombo->findData(int(CredentialKind::ServiceAccountJwt))))
            jwtItem->setEnabled(!oauthOnly);
    }
    m_demoJwtButton->setVisible(!oauthOnly);
    if (!m_filledFromState) {
        m_filledFromState = true;
        // Coming back to a state filled elsewhere (e.g. after Back from a later page of a new wizard run).
        if (state()->credential.kind != CredentialKind::Unknown) {
            m_imported = state()->credential;
            m_imported.clientSecrets.clear();
            fillFields(state()->credential);
            if (!state()->privateKeyPemPath.isEmpty())
                setPrivateKeyPath(state()->privateKeyPemPath);
            else
                m_keyPem = state()->privateKeyPem;
            if (!state()->privateKeyPassphrase.isEmpty())
                m_passphraseEdit->setText(QString::fromUtf8(state()->privateKeyPassphrase.revealUtf8()));
        }
        retranslate(); // the key field's placeholder says where the key is
        if (auto *w = qobject_cast<SetupWizard *>(wizard())) {
            for (QLineEdit *secret : {m_secretEdit, m_secret2Edit, m_passphraseEdit})
                w->clipboardGuard()->registerField(secret);
        }
        QUrl ims = state()->imsUrl;
        if (!ims.isValid() && state()->isDemo())
            ims = state()->demo->imsUrl();
        if (!ims.isValid())
            ims = ImsValidator::defaultImsUrl();
        m_imsUrlEdit->setText(ims.toString());
    }
    checkPrivateKey();
    revalidate();
    // QWizard focuses the page's first focusable child after initializePage(); choose after it.
    QTimer::singleShot(0, this, [this, demo] {
        if (wizard() && wizard()->currentPage() == this)
            (demo ? m_demoButton : m_importFileButton)->setFocus();
    });
}

bool CredentialsPage::isComplete() const
{
    return isBuilt() && m_errors.isEmpty() && !m_keyCheckTimer->isActive();
}

bool CredentialsPage::oauthOnlyRoute() const
{
    return state()->mode == SetupState::Mode::Setup && state()->decision.route == Route::CreateConfiguration;
}

CredentialKind CredentialsPage::selectedKind() const
{
    return static_cast<CredentialKind>(m_kindCombo->currentData().toInt());
}

bool CredentialsPage::validatePage()
{
    // The key file may have changed since it was last read, and a debounced check may be pending.
    m_keyCheckTimer->stop();
    checkPrivateKey();
    m_showAllErrors = true;
    revalidate();
    if (!m_errors.isEmpty()) {
        if (QWidget *field = fieldWidget(m_errors.constFirst().field))
            field->setFocus();
        return false;
    }

    const Credential credential = credentialFromFields();
    const bool needsKey =
        credential.kind == CredentialKind::ServiceAccountJwt && !credential.privateKeyHeldByAem;
    state()->credential = credential;
    state()->privateKeyPemPath = needsKey ? m_keyPathEdit->text().trimmed() : QString();
    state()->privateKeyPem = needsKey && state()->privateKeyPemPath.isEmpty() ? m_keyPem : SecretString();
    state()->privateKeyPassphrase =
        needsKey && m_keyEncrypted ? SecretString(m_passphraseEdit->text()) : SecretString();
    const QString imsText = m_imsUrlEdit->text().trimmed();
    state()->imsUrl =
        imsText.isEmpty() ? ImsValidator::defaultImsUrl() : ImsValidator::parseImsUrl(imsText).value();
    // Whatever was validated before was a different (or possibly different) credential.
    state()->credentialValidated = false;
    state()->validationOverridden = false;
    return true;
}

bool CredentialsPage::importFile(const QString &path)
{
    ensureBuilt();
    const Result<CredentialInput::ImportedFile> read =
        CredentialInput::importFile(path, state()->clock->today());
    if (!read) {
        showImportError(read.error().fullText());
        return false;
    }
    const QString name = QFileInfo(path).fileName();
    switch (read.value().content) {
    case InputContent::PrivateKeyPem:
        m_importErrorPanel->hide();
        if (selectedKind() != CredentialKind::ServiceAccountJwt) {
            // Only a JWT credential has a private key; say so rather than switching silently.
            setKind(CredentialKind::ServiceAccountJwt);
            m_importKindLabel->setText(
                tr("%1 is a private key, which only a Service Account (JWT) credential "
                   "uses: the credential kind is now JWT.")
                    .arg(name));
            m_importWarningsLabel->setText(
                tr("⚠ %1").arg(CredentialImporter::jwtRetirementWarning(state()->clock->today())));
            m_importWarningsLabel->show();
            m_importPanel->show();
        }
        m_keyHeldByAemCheck->setChecked(false);
        markTouched(QStringLiteral("privateKey"));
        setPrivateKeyPath(path);
        return true;
    case InputContent::CertificatePem:
    case InputContent::CertificateDer:
        m_importErrorPanel->hide();
        loadCertificate(path);
        return m_certificateProblem.isEmpty();
    case InputContent::OtherPem:
        showImportError(
            tr("%1 is neither a Developer Console credential nor a private key or certificate.").arg(name));
        return false;
    case InputContent::Json:
    case InputContent::Unknown:
        break;
    }
    applyImported(*read.value().credential, name);
    return true;
}

bool CredentialsPage::importJson(const QByteArray &json)
{
    ensureBuilt();
    return importJsonFrom(json, QString());
}

bool CredentialsPage::importJsonFrom(const QByteArray &json, const QString &origin)
{
    const Result<Credential> parsed = CredentialImporter::fromJson(json, state()->clock->today());
    if (!parsed) {
        showImportError(parsed.error().fullText());
        return false;
    }
    applyImported(parsed.value(), origin);
    return true;
}

void CredentialsPage::applyImported(const Credential &credential, const QString &origin)
{
    m_imported = credential;
    m_imported.clientSecrets.clear(); // the fields hold them; no second copy
    fillFields(credential);
    m_showAllErrors = true;
    showImportResult(credential, origin);
    checkPrivateKey();
    revalidate();
}

bool CredentialsPage::importPastedJson()
{
    ensureBuilt();
    QString text = m_pasteEdit->toPlainText();
    if (text.trimmed().isEmpty()) {
        showImportError(tr("Paste the JSON of the credential first."));
        m_pasteEdit->setFocus();
        return false;
    }
    QByteArray utf8 = text.toUtf8();
    const bool imported = importJsonFrom(utf8, tr("Pasted JSON"));
    utf8.fill('\0');
    // The pasted text holds the client secrets in clear; the masked fields have them now.
    if (imported) {
        m_pasteEdit->clear();
        focusAfterImport();
    }
    return imported;
}

bool CredentialsPage::writeDemoFiles()
{
    DemoEnvironment *demo = state()->demo;
    if (!demo)
        return false;
    if (!m_demoDir) {
        m_demoDir = std::make_unique<QTemporaryDir>();
        if (!m_demoDir->isValid()) {
            showImportError(tr("Could not create a temporary folder for the demo credentials: %1")
                                .arg(m_demoDir->errorString()));
            m_demoDir.reset();
            return false;
        }
    }
    const Result<QStringList> written = demo->writeCredentialFiles(m_demoDir->path());
    if (!written) {
        showImportError(written.error().fullText());
        return false;
    }
    m_imsUrlEdit->setText(demo->imsUrl().toString());
    return true;
}

bool CredentialsPage::useDemoCredentials()
{
    ensureBuilt();
    if (!writeDemoFiles())
        return false;
    if (!importFile(m_demoDir->filePath(QStringLiteral("oauth-s2s-project.json"))))
        return false;
    focusAfterImport();
    return true;
}

bool CredentialsPage::useDemoJwtCredentials()
{
    ensureBuilt();
    if (!writeDemoFiles())
        return false;
    if (!importFile(m_demoDir->filePath(QStringLiteral("jwt-project.json"))))
        return false;
    if (!importFile(m_demoDir->filePath(QStringLiteral("private.key"))))
        return false;
    focusAfterImport();
    return true;
}

void CredentialsPage::focusAfterImport()
{
    // Enter should do the next useful thing: Next when all is well, otherwise fix the first problem.
    if (m_errors.isEmpty()) {
        if (wizard() && wizard()->button(QWizard::NextButton)->isEnabled())
            wizard()->button(QWizard::NextButton)->setFocus();
    } else if (QWidget *field = fieldWidget(m_errors.constFirst().field)) {
        field->setFocus();
    }
}

void CredentialsPage::openKeyPairDialog()
{
    auto *dialog = new KeyPairDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &KeyPairDialog::keyPairSaved, this,
            [this](const QString &keyPath, const QString &certPath) {
                setKind(CredentialKind::ServiceAccountJwt);
                m_keyHeldByAemCheck->setChecked(false);
                markTouched(QStringLiteral("privateKey"));
                setPrivateKeyPath(keyPath);
                loadCertificate(certPath);
            });
    dialog->open();
}

QString CredentialsPage::fileDialogStartFolder() const
{
    // A folder that no longer exists would open its parent with the folder's name typed in as the file name.
    for (const QString &folder :
         {m_lastFolder, QStandardPaths::writableLocation(QStandardPaths::DownloadLocation)}) {
        if (!folder.isEmpty() && QFileInfo(folder).isDir())
            return folder;
    }
    return QDir::homePath();
}

void CredentialsPage::rememberFolderOf(const QString &file)
{
    m_lastFolder = QFileInfo(file).absolutePath();
}

void CredentialsPage::browseForFile()
{
    const QString file = QFileDialog::getOpenFileName(
        this, tr("Import a Developer Console credential"), fileDialogStartFolder(),
        tr("Developer Console credentials (*.json);;Private keys and "
           "certificates (*.key *.pem *.crt *.cer);;All "
           "files (*)"));
    if (file.isEmpty())
        return;
    rememberFolderOf(file);
    if (importFile(file))
        focusAfterImport();
}

void CredentialsPage::browseForPrivateKey()
{
    // The chosen key's own folder, else where the credential files came from.
    const QString current = m_keyPathEdit->text().trimmed();
    const QString start =
        !current.isEmpty() && QFileInfo::exists(current) ? current : fileDialogStartFolder();
    const QString file = QFileDialog::getOpenFileName(this, tr("Choose the private key"), start,
                                                      tr("Private keys (*.key *.pem);;All files (*)"));
    if (!file.isEmpty()) {
        rememberFolderOf(file);
        markTouched(QStringLiteral("privateKey"));
        setPrivateKeyPath(file);
    }
}

bool CredentialsPage::acceptsDrag(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls())
        return false;
    const QList<QUrl> urls = mime->urls();
    return std::any_of(urls.begin(), urls.end(), [](const QUrl &url) { return url.isLocalFile(); });
}

bool CredentialsPage::handleDrop(const QMimeData *mime)
{
    QStringList files;
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile())
            files << url.toLocalFile();
    }
    // A credential download first, a key or certificate after it: importing the JSON sets the kind the key
    // belongs to and must not undo the key.
    std::stable_sort(files.begin(), files.end(), [](const QString &a, const QString &b) {
        const bool aJson = a.endsWith(QLatin1String(".json"), Qt::CaseInsensitive);
        const bool bJson = b.endsWith(QLatin1String(".json"), Qt::CaseInsensitive);
        return aJson && !bJson;
    });
    bool any = false;
    for (const QString &file : files)
        any |= importFile(file);
    if (any)
        focusAfterImport();
    return any;
}

void CredentialsPage::dragEnterEvent(QDragEnterEvent *event)
{
    if (acceptsDrag(event->mimeData()))
        event->acceptProposedAction();
}

void CredentialsPage::dragMoveEvent(QDragMoveEvent *event)
{
    if (acceptsDrag(event->mimeData()))
        event->acceptProposedAction();
}

void CredentialsPage::dropEvent(QDropEvent *event)
{
    if (!acceptsDrag(event->mimeData()))
        return;
    event->acceptProposedAction();
    handleDrop(event->mimeData());
}

bool CredentialsPage::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::DragEnter:
    case QEvent::DragMove: {
        auto *drag = static_cast<QDragMoveEvent *>(event);
        if (acceptsDrag(drag->mimeData())) {
            drag->acceptProposedAction();
            return true;
        }
        break;
    }
    case QEvent::Drop: {
        auto *drop = static_cast<QDropEvent *>(event);
        if (acceptsDrag(drop->mimeData())) {
            drop->acceptProposedAction();
            handleDrop(drop->mimeData());
            return true;
        }
        break;
    }
    case QEvent::KeyPress:
        if (watched == m_pasteEdit) {
            auto *key = static_cast<QKeyEvent *>(event);
            if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
                key->modifiers().testFlag(Qt::ControlModifier)) {
                importPastedJson();
                return true;
            }
        }
        break;
    default:
        break;
    }
    return BasePage::eventFilter(watched, event);
}

Credential CredentialsPage::credentialFromFields() const
{
    Credential c;
    c.kind = selectedKind();
    if (m_imported.kind == c.kind) {
        c.source = m_imported.source;
        c.technicalAccountEmail = m_imported.technicalAccountEmail;
        c.warnings = m_imported.warnings;
    }
    c.clientId = m_clientIdEdit->text().trimmed();
    const bool jwt = c.kind == CredentialKind::ServiceAccountJwt;
    for (QLineEdit *edit : {m_secretEdit, m_secret2Edit}) {
        if (jwt && edit == m_secret2Edit)
            break; // a JWT credential has exactly one secret
        const QString secret = edit->text().trimmed();
        if (!secret.isEmpty())
            c.clientSecrets << SecretString(secret);
    }
    c.orgId = m_orgIdEdit->text().trimmed();
    if (jwt) {
        c.technicalAccountId = m_techAccountEdit->text().trimmed();
        c.metascopes = CredentialImporter::splitList(m_metascopesEdit->text());
        c.privateKeyHeldByAem = m_keyHeldByAemCheck->isChecked();
    } else {
        c.scopes = CredentialImporter::splitList(m_scopesEdit->text());
        if (m_imported.kind == c.kind)
            c.technicalAccountId = m_imported.technicalAccountId;
    }
    return c;
}

void CredentialsPage::fillFields(const Credential &credential)
{
    setKind(credential.kind == CredentialKind::Unknown ? CredentialKind::OAuthServerToServer
                                                       : credential.kind);
    m_clientIdEdit->setText(credential.clientId);
    m_secretEdit->setText(QString::fromUtf8(credential.clientSecrets.value(0).revealUtf8()));
    m_secret2Edit->setText(QString::fromUtf8(credential.clientSecrets.value(1).revealUtf8()));
    m_scopesEdit->setText(credential.scopes.join(QLatin1Char(',')));
    m_orgIdEdit->setText(credential.orgId);
    m_techAccountEdit->setText(credential.technicalAccountId);
    m_metascopesEdit->setText(credential.metascopes.join(QLatin1Char(',')));
    m_keyHeldByAemCheck->setChecked(credential.privateKeyHeldByAem);
}

void CredentialsPage::setKind(CredentialKind kind)
{
    const int index = m_kindCombo->findData(static_cast<int>(kind));
    if (index >= 0 && index != m_kindCombo->currentIndex())
        m_kindCombo->setCurrentIndex(index);
    updateKindFields();
    checkPrivateKey();
}

void CredentialsPage::updateKindFields()
{
    const bool jwt = selectedKind() == CredentialKind::ServiceAccountJwt;
    updateSubTitle();
    m_jwtRetiredNote->setVisible(jwt);
    m_form->setRowVisible(m_secret2Label, !jwt);
    m_form->setRowVisible(m_scopesLabel, !jwt);
    m_form->setRowVisible(m_techAccountLabel, jwt);
    m_form->setRowVisible(m_metascopesLabel, jwt);
    m_form->setRowVisible(m_keyLabel, jwt);
    m_form->setRowVisible(m_passphraseLabel, jwt && m_keyEncrypted && !m_keyHeldByAemCheck->isChecked());
    m_form->setRowVisible(m_keyExtraLayout, jwt);
}

void CredentialsPage::markTouched(const QString &field)
{
    m_touched.insert(field);
}

void CredentialsPage::revalidate()
{
    if (!isBuilt())
        return;
    const Credential credential = credentialFromFields();
    QList<FieldError> errors;
    if (credential.kind != CredentialKind::OAuthServerToServer && oauthOnlyRoute()) {
        // What the plan would refuse it with, said here already (the core's words and remedy).
        CreateFacts facts;
        facts.credentialKind = credential.kind;
        facts.runModesReadable = true;
        for (const Prerequisite &p : createPrerequisites(state()->instance, facts, state()->clock->today())) {
            if (p.id == QLatin1String("jwt-credential") || p.id == QLatin1String("credential-unknown"))
                errors << FieldError{QStringLiteral("kind"), p.message + QLatin1Char(' ') + p.remedy};
        }
    }
    errors << CredentialImporter::check(credential);
    if (credential.kind == CredentialKind::ServiceAccountJwt && !credential.privateKeyHeldByAem &&
        !m_keyProblem.isEmpty())
        errors << FieldError{QStringLiteral("privateKey"), m_keyProblem};
    const QString imsText = m_imsUrlEdit->text().trimmed();
    if (!imsText.isEmpty()) {
        const Result<QUrl> ims = ImsValidator::parseImsUrl(imsText);
        if (!ims)
            errors << FieldError{QStringLiteral("imsUrl"), ims.error().fullText()};
    }
    m_errors = errors;

    QStringList hiddenProblems;
    for (const QString &name : kFieldOrder) {
        QLabel *label = m_errorLabels.value(name);
        QStringList messages;
        for (const FieldError &e : errors) {
            if (e.field == name)
                messages << tr("⚠ %1").arg(e.message);
        }
        const bool show = !messages.isEmpty() && (m_showAllErrors || m_touched.contains(name));
        label->setText(messages.join(QLatin1Char('\n')));
        label->setVisible(show);
        if (QWidget *field = fieldWidget(name))
            // The field's problem while there is one, otherwise what the field is for.
            field->setAccessibleDescription(show ? messages.join(QLatin1Char('\n'))
                                                 : field->property("bpDescription").toString());
        if (!messages.isEmpty() && !show)
            hiddenProblems << fieldDisplayName(name);
    }
    // An error in a collapsed section must not leave Next disabled for no visible reason.
    if (m_showAllErrors && m_errorLabels.value(QStringLiteral("imsUrl"))->isVisibleTo(m_advancedBox) &&
        !m_advancedButton->isChecked())
        m_advancedButton->setChecked(true);

    if (errors.isEmpty())
        m_statusLabel->clear();
    else if (!hiddenProblems.isEmpty())
        m_statusLabel->setText(
            tr("Import the credential or fill in: %1.").arg(hiddenProblems.join(QStringLiteral(", "))));
    else
        m_statusLabel->setText(tr("Correct the fields marked ⚠ to continue."));
    emit completeChanged();
}

void CredentialsPage::checkPrivateKey()
{
    if (!isBuilt())
        return;
    m_keyCheckTimer->stop(); // this check supersedes a pending one
    m_keyProblem.clear();
    m_keyEncrypted = false;
    m_keyMatch = KeyMatch::Unknown;
    const bool needed =
        selectedKind() == CredentialKind::ServiceAccountJwt && !m_keyHeldByAemCheck->isChecked();
    const QString path = m_keyPathEdit->text().trimmed();
    if (needed && path.isEmpty() && m_keyPem.isEmpty()) {
        m_keyProblem =
            tr("Choose the private key file (for example private.key) whose certificate is uploaded to "
               "the credential in Developer Console, or generate a new key pair. If AEM generated the key "
               "pair, tick the box above instead.");
    } else if (needed) {
        // A file, or the key of a saved connection: the same checks either way.
        KeyMaterialRequest request;
        request.keyPath = path;
        request.keyPem = path.isEmpty() ? m_keyPem : SecretString();
        request.passphrase = SecretString(m_passphraseEdit->text());
        request.certificatePath = path.isEmpty() ? QString() : m_certificatePath;
        const CredentialInput::KeyCheck check = CredentialInput::checkKey(request, state()->clock->nowUtc());
        m_keyEncrypted = check.encrypted;
        m_keyProblem = check.problemId == QLatin1String("key-passphrase-required")
                           ? tr("This private key is encrypted: enter its passphrase.")
                           : check.problem;
        m_keyMatch = check.match == CredentialInput::KeyCheck::Match::Matches   ? KeyMatch::Matches
                     : check.match == CredentialInput::KeyCheck::Match::Differs ? KeyMatch::Differs
                                                                                : KeyMatch::Unknown;
    }
    m_form->setRowVisible(m_passphraseLabel, needed && m_keyEncrypted);
    updateCertificateLabel();
}

void CredentialsPage::setPrivateKeyPath(const QString &path)
{
    m_keyPathEdit->setText(QDir::toNativeSeparators(path));
    // Developer Console's zip and `openssl req` put the certificate next to the key: show its expiry too.
    const bool certificateElsewhere =
        m_certificatePath.isEmpty() || QFileInfo(m_certificatePath).dir() != QFileInfo(path).dir();
    if (!path.isEmpty() && certificateElsewhere) {
        // A certificate from another folder most likely belongs to a previous key.
        m_certificatePath.clear();
        m_certificateFacts.reset();
        m_certificateProblem.clear();
        const QString sibling = CredentialInput::certificateBesideKey(path);
        if (!sibling.isEmpty()) {
            loadCertificate(sibling); // checks the key and revalidates
            return;
        }
    }
    checkPrivateKey();
    revalidate();
}

void CredentialsPage::loadCertificate(const QString &path)
{
    m_certificatePath = path;
    m_certificateFacts.reset();
    m_certificateProblem.clear();
    const Result<CertificateFacts> facts = CredentialInput::readCertificate(path, state()->clock->nowUtc());
    if (facts)
        m_certificateFacts = facts.value();
    else
        m_certificateProblem = facts.error().fullText();
    checkPrivateKey(); // compares the key with the certificate and updates the label
    revalidate();
}

void CredentialsPage::updateCertificateLabel()
{
    const bool jwt = selectedKind() == CredentialKind::ServiceAccountJwt;
    if (!jwt || m_certificatePath.isEmpty()) {
        m_certificateLabel->hide();
        return;
    }
    const QString name = QFileInfo(m_certificatePath).fileName();
    QStringList lines;
    if (!m_certificateProblem.isEmpty()) {
        lines << tr("⚠ Certificate %1: %2").arg(name, m_certificateProblem);
    } else if (m_certificateFacts) {
        const CertificateFacts &facts = *m_certificateFacts;
        // The fingerprint in two halves: one unbreakable 95-character line would widen the page.
        const QString fingerprint = CertificateInfo::displayFingerprint(facts.sha256);
        const int half = fingerprint.size() / 2 + 1;
        lines << tr("Certificate %1 expires on %2.").arg(name, CertificateInfo::displayTime(facts.notAfter));
        lines << tr("SHA-256 %1").arg(fingerprint.left(half)) << fingerprint.mid(half);
        if (facts.expired)
            lines << tr("⚠ This certificate has expired, so IMS rejects JWTs signed with its key. JWT "
                        "certificates can no longer be renewed: move to OAuth Server-to-Server.");
        else if (facts.expiresWithin30Days)
            lines << tr("⚠ This certificate expires within 30 days; the integration stops working then. JWT "
                        "certificates can no longer be renewed: move to OAuth Server-to-Server.");
    }
    if (m_keyMatch == KeyMatch::Matches)
        lines << tr("The private key belongs to this certificate.");
    else if (m_keyMatch == KeyMatch::Differs)
        lines << tr("⚠ The private key does not belong to this certificate: IMS will not accept it unless "
                    "the key's own certificate is uploaded to the credential.");
    m_certificateLabel->setText(lines.join(QLatin1Char('\n')));
    m_certificateLabel->setVisible(!lines.isEmpty());
}

void CredentialsPage::showImportResult(const Credential &credential, const QString &origin)
{
    m_importErrorPanel->hide();
    QString kind = tr("Found a credential of kind %1.").arg(Credential::kindDisplayName(credential.kind));
    if (!origin.isEmpty())
        kind = tr("%1: %2").arg(origin, kind);
    m_importKindLabel->setText(kind);
    // The importer puts the JWT retirement warning first; keep its order.
    QStringList lines;
    for (const QString &warning : credential.warnings)
        lines << tr("⚠ %1").arg(warning);
    m_importWarningsLabel->setText(lines.join(QLatin1Char('\n')));
    m_importWarningsLabel->setVisible(!lines.isEmpty());
    Theme::setPanelTone(m_importPanel, lines.isEmpty() ? Theme::Tone::Info : Theme::Tone::Warning);
    m_importPanel->show();
}

void CredentialsPage::showImportError(const QString &message)
{
    m_importErrorLabel->setText(message);
    m_importErrorPanel->show();
}

void CredentialsPage::updateRevealButtons()
{
    // The text stays "Show" (each with its own mnemonic: "Hide" would need letters this page has used up);
    // the pressed look, the field itself and the accessible name say which state it is in.
    const bool first = m_revealSecretsButton->isChecked();
    m_revealSecretsButton->setText(tr("Sho&w"));
    m_revealSecretsButton->setToolTip(first ? tr("Hide the client secret") : tr("Show the client secret"));
    m_revealSecretsButton->setAccessibleName(m_revealSecretsButton->toolTip());
    const bool second = m_revealSecret2Button->isChecked();
    m_revealSecret2Button->setText(tr("Sh&ow"));
    m_revealSecret2Button->setToolTip(second ? tr("Hide the second client secret")
                                             : tr("Show the second client secret"));
    m_revealSecret2Button->setAccessibleName(m_revealSecret2Button->toolTip());
    // One width for both, so the two secret fields end at the same place whatever each button says.
    for (QToolButton *button : {m_revealSecretsButton, m_revealSecret2Button})
        button->setMinimumWidth(0);
    const int width =
        std::max(m_revealSecretsButton->sizeHint().width(), m_revealSecret2Button->sizeHint().width());
    for (QToolButton *button : {m_revealSecretsButton, m_revealSecret2Button})
        button->setMinimumWidth(width);
}

void CredentialsPage::updateSubTitle()
{
    // What this page asks for depends on the kind chosen: the header says the same as the fields below it.
    if (selectedKind() == CredentialKind::ServiceAccountJwt)
        setSubTitle(
            tr("Import the Service Account (JWT) credential of the Developer Console project with its "
               "private key, or type it in, to check or migrate an existing setup. Nothing is sent "
               "anywhere on this page."));
    else
        setSubTitle(
            tr("Import the OAuth Server-to-Server credential of the Developer Console project that has the "
               "AEM Brand Portal API, or type it in. Nothing is sent anywhere on this page."));
}

QWidget *CredentialsPage::fieldWidget(const QString &field) const
{
    if (field == QLatin1String("clientId"))
        return m_clientIdEdit;
    if (field == QLatin1String("clientSecrets"))
        return m_secretEdit;
    if (field == QLatin1String("scopes"))
        return m_scopesEdit;
    if (field == QLatin1String("orgId"))
        return m_orgIdEdit;
    if (field == QLatin1String("technicalAccountId"))
        return m_techAccountEdit;
    if (field == QLatin1String("metascopes"))
        return m_metascopesEdit;
    if (field == QLatin1String("privateKey"))
        return m_keyEncrypted ? static_cast<QWidget *>(m_passphraseEdit)
                              : static_cast<QWidget *>(m_keyPathEdit);
    if (field == QLatin1String("imsUrl"))
        return m_imsUrlEdit;
    return m_kindCombo;
}

void CredentialsPage::retranslate()
{
    setTitle(tr("Developer Console credentials"));
    updateSubTitle();
    m_importBox->setTitle(tr("Import"));
    m_demoLabel->setText(tr("Demo mode: use the throwaway credentials of the built-in simulator."));
    m_demoButton->setText(tr("&Use the simulator's demo credentials"));
    m_demoJwtButton->setText(tr("Demo JWT &credentials"));
    m_importFileButton->setText(tr("Import &file…"));
    m_dropHint->setText(
        tr("or drop a downloaded .json file, or a private key (PEM), anywhere on this page."));
    m_pasteLabel->setText(tr("…or &paste the JSON (Download JSON on the credential page, or the project's "
                             "Download all):"));
    m_pasteEdit->setPlaceholderText(
        QStringLiteral("{ \"CLIENT_ID\": \"…\", \"CLIENT_SECRETS\": [\"…\"], … }"));
    m_importPasteButton->setText(tr("Import pasted &JSON"));
    m_importPasteButton->setToolTip(tr("Ctrl+Enter in the text box does the same."));
    m_fieldsBox->setTitle(tr("Credential"));
    m_kindLabel->setText(tr("Kin&d:"));
    m_kindCombo->setItemText(0, tr("OAuth Server-to-Server (recommended)"));
    m_kindCombo->setItemText(1, tr("Service Account (JWT) — retired by Adobe"));
    // Short: an imported JWT credential shows the full retirement warning in the import panel above.
    m_jwtRetiredNote->setText(
        tr("Adobe retired JWT credentials (end of life 2025-06-30, converted to OAuth "
           "Server-to-Server by 2026-03-01). Use this only to check or migrate an existing "
           "setup."));
    m_clientIdLabel->setText(tr("Client &ID:"));
    m_clientIdEdit->setPlaceholderText(tr("API key"));
    m_secretLabel->setText(tr("Client &secret:"));
    m_secret2Label->setText(tr("Second secret:"));
    m_secret2Edit->setPlaceholderText(tr("optional: the other secret while you rotate them"));
    m_scopesLabel->setText(tr("Scop&es:"));
    m_scopesEdit->setPlaceholderText(tr("comma-separated"));
    m_scopesHint->setText(
        tr("Copy them verbatim from the credential's Scopes tab in Developer Console: Adobe "
           "publishes no fixed list, and IMS refuses scopes the credential does not have."));
    m_orgIdLabel->setText(tr("Organi&zation ID:"));
    m_techAccountLabel->setText(tr("&Technical account ID:"));
    m_metascopesLabel->setText(tr("&Metascopes:"));
    m_keyLabel->setText(tr("Private &key:"));
    m_keyPathEdit->setPlaceholderText(m_keyPem.isEmpty() ? tr("private.key") : tr("stored in the keychain"));
    m_keyBrowseButton->setText(tr("Se&lect…"));
    m_generateButton->setText(tr("&Generate key pair…"));
    m_keyHeldByAemCheck->setText(tr("The key pair was generated by AEM (the private key is only in AEM)"));
    m_passphraseLabel->setText(tr("Ke&y passphrase:"));
    m_advancedButton->setText(tr("&Advanced"));
    m_imsUrlLabel->setText(tr("Adobe IMS add&ress:"));
    m_imsUrlEdit->setToolTip(tr("Leave the default unless Adobe support named another IMS host."));
    updateRevealButtons();
    updateCertificateLabel();
    revalidate();
    // What each control is for, for screen readers.
    m_kindCombo->setProperty(
        "bpDescription",
        tr("OAuth Server-to-Server for new setups; Service Account (JWT) only to upgrade an old one."));
    m_kindCombo->setAccessibleDescription(m_kindCombo->property("bpDescription").toString());
    m_secretEdit->setProperty(
        "bpDescription",
        tr("The client secret from the credential page in Developer Console (Retrieve client secret)."));
    m_secretEdit->setAccessibleDescription(m_secretEdit->property("bpDescription").toString());
    m_pasteEdit->setAccessibleDescription(
        tr("Paste the JSON Developer Console shows or downloads; Tab leaves the field."));
    m_demoButton->setAccessibleDescription(
        tr("Fills in the built-in simulator's throwaway credential (demo mode only)."));
    m_importFileButton->setAccessibleDescription(
        tr("Reads a credential JSON or a private key file downloaded from Developer Console."));
    m_advancedButton->setAccessibleDescription(
        tr("Shows the Adobe IMS address, for IMS regions or a test IMS."));
}

} // namespace bp::ui
