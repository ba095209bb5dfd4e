// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "credentials/Credential.h"
#include "crypto/PrivateKey.h"
#include "wizard/BasePage.h"

#include <QHash>
#include <QSet>

#include <optional>

#include <memory>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QFrame;
class QGroupBox;
class QLabel;
class QLineEdit;
class QMimeData;
class QPlainTextEdit;
class QPushButton;
class QTemporaryDir;
class QTimer;
class QVBoxLayout;
class QToolButton;
class QWidget;

namespace bp::ui {

// Collects the Developer Console credential: imported from a download (file, drop or paste) or typed field by
// field. Each field is checked live with CredentialImporter::check() and PrivateKey::fromPem(); Next stays
// disabled until nothing is wrong. validatePage() writes SetupState::credential and friends; nothing is sent
// to IMS here (that is the Validate page).
class CredentialsPage : public BasePage
{
    Q_OBJECT
public:
    explicit CredentialsPage(SetupState *state, QWidget *parent = nullptr);
    ~CredentialsPage() override;

    void initializePage() override;
    bool validatePage() override;
    bool isComplete() const override;

    // The kind chosen in the selector (OAuth S2S or JWT).
    CredentialKind selectedKind() const;
    // Where the file dialogs for credential downloads and keys open: the folder a file was last chosen from
    // on this page, else the Downloads folder (where Developer Console downloads land), else the home folder.
    QString fileDialogStartFolder() const;

public slots:
    // Reads a Developer Console JSON download, a PEM private key or a certificate, by content rather than by
    // file name. False (with the reason shown on the page) when nothing usable was in it.
    bool importFile(const QString &path);
    // Imports any JSON shape CredentialImporter knows and fills the fields.
    bool importJson(const QByteArray &json);
    bool importPastedJson();
    // Demo mode: writes the simulator's throwaway credential files into a temporary directory owned by this
    // page and imports the OAuth Server-to-Server project download (or the JWT one with its private key).
    bool useDemoCredentials();
    bool useDemoJwtCredentials();
    void openKeyPairDialog();

protected:
    void buildUi() override;
    void retranslate() override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // The route takes OAuth Server-to-Server credentials only (the create path).
    bool oauthOnlyRoute() const;
    static bool acceptsDrag(const QMimeData *mime);
    bool handleDrop(const QMimeData *mime);
    bool importJsonFrom(const QByteArray &json, const QString &origin);
    void applyImported(const Credential &credential, const QString &origin);
    Credential credentialFromFields() const;
    void fillFields(const Credential &credential);
    void setKind(CredentialKind kind);
    void updateKindFields();
    void markTouched(const QString &field);
    void revalidate();
    void checkPrivateKey();
    void setPrivateKeyPath(const QString &path);
    void loadCertificate(const QString &path);
    void updateCertificateLabel();
    void showImportResult(const Credential &credential, const QString &origin);
    void showImportError(const QString &message);
    void focusAfterImport();
    void updateRevealButtons();
    void updateSubTitle();
    void rememberFolderOf(const QString &file);
    void browseForFile();
    void browseForPrivateKey();
    bool writeDemoFiles();
    QWidget *fieldWidget(const QString &field) const;

    // Import.
    QGroupBox *m_importBox;
    QFrame *m_demoBox;
    QLabel *m_demoLabel;
    QPushButton *m_demoButton;
    QPushButton *m_demoJwtButton;
    QLabel *m_importIntro;
    QPushButton *m_importFileButton;
    QLabel *m_dropHint;
    QLabel *m_pasteLabel;
    QPlainTextEdit *m_pasteEdit;
    QPushButton *m_importPasteButton;
    QFrame *m_importPanel;
    QLabel *m_importKindLabel;
    QLabel *m_importWarningsLabel;
    QFrame *m_importErrorPanel;
    QLabel *m_importErrorLabel;

    // Fields.
    QGroupBox *m_fieldsBox;
    QFormLayout *m_form;
    QLabel *m_kindLabel;
    QComboBox *m_kindCombo;
    QLabel *m_jwtRetiredNote;
    QLabel *m_clientIdLabel;
    QLineEdit *m_clientIdEdit;
    QLabel *m_secretLabel;
    QLineEdit *m_secretEdit;
    QToolButton *m_revealSecretsButton; // the first secret's Show
    QLabel *m_secret2Label;
    QLineEdit *m_secret2Edit;
    QToolButton *m_revealSecret2Button;
    QLabel *m_scopesLabel;
    QLineEdit *m_scopesEdit;
    QLabel *m_scopesHint;
    QLabel *m_orgIdLabel;
    QLineEdit *m_orgIdEdit;
    QLabel *m_techAccountLabel;
    QLineEdit *m_techAccountEdit;
    QLabel *m_metascopesLabel;
    QLineEdit *m_metascopesEdit;
    QLabel *m_keyLabel;
    QWidget *m_keyBox;
    QLineEdit *m_keyPathEdit;
    QPushButton *m_keyBrowseButton;
    QPushButton *m_generateButton;
    QCheckBox *m_keyHeldByAemCheck;
    QLabel *m_passphraseLabel;
    QLineEdit *m_passphraseEdit;
    QLabel *m_certificateLabel;
    QVBoxLayout *m_keyExtraLayout;          // the key's error and certificate facts, below the passphrase
    QHash<QString, QLabel *> m_errorLabels; // field name -> "<field>Error" label

    // Advanced.
    QToolButton *m_advancedButton;
    QWidget *m_advancedBox;
    QLabel *m_imsUrlLabel;
    QLineEdit *m_imsUrlEdit;

    // State.
    Credential m_imported; // what the last import found: kind, source, technical account email, warnings
    QSet<QString> m_touched;
    bool m_showAllErrors = false; // after an import or a Next: every problem, not only edited fields
    QList<FieldError> m_errors;
    QString m_keyProblem; // from reading the key file; empty when the key loaded (or is not needed)
    bool m_keyEncrypted = false;
    QString m_certificatePath;
    std::optional<CertificateFacts> m_certificateFacts;
    QString m_certificateProblem;
    enum class KeyMatch
    {
        Unknown,
        Matches,
        Differs
    } m_keyMatch = KeyMatch::Unknown;
    QLabel *m_statusLabel;   // names what is still missing while Next is disabled
    QTimer *m_keyCheckTimer; // debounces key checks while a path or passphrase is typed
    bool m_filledFromState = false;
    QString m_lastFolder; // the folder a file was last chosen from in this page's dialogs
    // The private key from the keychain (a saved connection), used while no key file is chosen.
    SecretString m_keyPem;
    std::unique_ptr<QTemporaryDir> m_demoDir; // the simulator's credential files; removed with the page
};

} // namespace bp::ui
