// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWizard>

class QNetworkAccessManager;

namespace bp {
class SetupState;
}

namespace bp::ui {

class ConnectPage;

// The setup wizard. It does not own the SetupState or the QNetworkAccessManager: the caller (runGui, or a
// test) owns both and they must outlive the wizard.
class SetupWizard : public QWizard
{
    Q_OBJECT
public:
    enum PageId
    {
        WelcomePageId,
        ConnectPageId,
        RoutePageId,
        CredentialsPageId,
        ValidatePageId,
        ReviewPageId,
        ApplyPageId,
        TestPageId,
        DiagnosePageId,
    };
    Q_ENUM(PageId)

    SetupWizard(SetupState *state, QNetworkAccessManager *nam, QWidget *parent = nullptr);
    ~SetupWizard() override;

    int nextId() const override;

    SetupState *setupState() const { return m_state; }
    QNetworkAccessManager *networkManager() const { return m_nam; }

    // Where certificates the user trusted are pinned. Defaults to TrustStore::defaultPath(); tests point it
    // at a temporary directory so they never touch the user's configuration.
    QString trustStorePath() const;
    void setTrustStorePath(const QString &path);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    SetupState *m_state;
    QNetworkAccessManager *m_nam;
    QString m_trustStorePath;
    ConnectPage *m_connectPage = nullptr;
};

} // namespace bp::ui
