<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>AemParsers</name>
    <message>
        <source>The package list is not the XML AEM&apos;s Package Manager sends.</source>
        <translation>パッケージリストが、AEM の Package Manager が送信する XML ではありません。</translation>
    </message>
</context>
<context>
    <name>AemRestorer</name>
    <message>
        <source>This version of bpsetup cannot restore objects of the kind &quot;%1&quot;.</source>
        <translation>このバージョンの bpsetup は、種類「%1」のオブジェクトを復元できません。</translation>
    </message>
    <message>
        <source>Restore %1 by hand from the backup folder, or use the bpsetup version that made the backup.</source>
        <translation>バックアップフォルダーから %1 を手動で復元するか、バックアップを作成したバージョンの bpsetup を使用してください。</translation>
    </message>
    <message>
        <source>Removing the configuration %1</source>
        <translation>設定 %1 を削除しています</translation>
    </message>
    <message>
        <source>The backup of %1 does not say where its file was.</source>
        <translation>%1 のバックアップに、ファイルの場所が記録されていません。</translation>
    </message>
    <message>
        <source>Restoring the configuration %1</source>
        <translation>設定 %1 を復元しています</translation>
    </message>
    <message>
        <source>The configuration %1 is restored without its client secret: it was stored in clear text, and a backup never holds a clear-text secret.</source>
        <translation>設定 %1 はクライアントシークレットなしで復元されます。シークレットが平文で保存されていたためです（バックアップに平文のシークレットが含まれることはありません）。</translation>
    </message>
    <message>
        <source>Enter the client secret again in Tools › Security › Adobe IMS Configurations.</source>
        <translation>Tools › Security › Adobe IMS Configurations でクライアントシークレットを再入力してください。</translation>
    </message>
    <message>
        <source>Restoring the properties of %1</source>
        <translation>%1 のプロパティを復元しています</translation>
    </message>
    <message>
        <source>Removing %1</source>
        <translation>%1 を削除しています</translation>
    </message>
    <message>
        <source>The backup %1 has no content package, so %2 cannot be brought back.</source>
        <translation>バックアップ %1 にはコンテンツパッケージがないため、%2 を元に戻せません。</translation>
    </message>
    <message>
        <source>Restore %1 from a repository backup of the instance.</source>
        <translation>インスタンスのリポジトリバックアップから %1 を復元してください。</translation>
    </message>
    <message>
        <source>Looking for the backup package</source>
        <translation>バックアップパッケージを探しています</translation>
    </message>
    <message>
        <source>No backup folder.</source>
        <translation>バックアップフォルダーがありません。</translation>
    </message>
    <message>
        <source>The backup package is neither on the instance nor in the backup folder: %1</source>
        <translation>バックアップパッケージがインスタンスにもバックアップフォルダーにもありません: %1</translation>
    </message>
    <message>
        <source>Uploading the backup package</source>
        <translation>バックアップパッケージをアップロードしています</translation>
    </message>
    <message>
        <source>Installing the backup package %1</source>
        <translation>バックアップパッケージ %1 をインストールしています</translation>
    </message>
    <message>
        <source>Removing the backup package %1</source>
        <translation>バックアップパッケージ %1 を削除しています</translation>
    </message>
</context>
<context>
    <name>AemSession</name>
    <message>
        <source>AEM or a dispatcher in front of it does not offer %1: allow it, or connect to the author directly.</source>
        <translation>AEM またはその前段の Dispatcher が %1 を提供していません。許可するか、オーサーに直接接続してください。</translation>
    </message>
    <message>
        <source>The AEM user needs write access to %1 (use an administrator).</source>
        <translation>AEM ユーザーには %1 への書き込み権限が必要です（管理者を使用してください）。</translation>
    </message>
    <message>
        <source>Look at AEM&apos;s error.log for this request, then run again.</source>
        <translation>AEM の error.log でこのリクエストを確認してから、もう一度実行してください。</translation>
    </message>
    <message>
        <source>%1: AEM answered %2.</source>
        <translation>%1: AEM が %2 を返しました。</translation>
    </message>
</context>
<context>
    <name>AgentsStep</name>
    <message>
        <source>Reading the replication agents</source>
        <translation>レプリケーションエージェントを読み取っています</translation>
    </message>
    <message>
        <source>Brand Portal replication agents</source>
        <translation>Brand Portal レプリケーションエージェント</translation>
    </message>
    <message>
        <source>AEM creates %1 agents for the tenant when the cloud configuration is saved; bpsetup waits for them and sets Extended › Close Connection on each (the documented timeout fix).</source>
        <translation>クラウド設定を保存すると、AEM はテナント用に %1 個のエージェントを作成します。bpsetup はその作成を待ち、各エージェントに Extended › Close Connection を設定します（ドキュメントに記載されたタイムアウト対策）。</translation>
    </message>
    <message>
        <source>Close Connection</source>
        <translation>Close Connection</translation>
    </message>
    <message>
        <source>AEM has created %1 of the %2 Brand Portal replication agents for %3.</source>
        <translation>AEM は %3 の Brand Portal レプリケーションエージェント %2 個のうち、%1 個を作成しました。</translation>
    </message>
    <message>
        <source>Look at AEM&apos;s error.log for the agent creation, open the Brand Portal cloud configuration, make a small edit and save it again, then run apply again.</source>
        <translation>AEM の error.log でエージェントの作成を確認し、Brand Portal クラウド設定を開いて小さな編集を加えて再度保存してから、apply をもう一度実行してください。</translation>
    </message>
    <message>
        <source>Saving the cloud configuration again</source>
        <translation>クラウド設定を再度保存しています</translation>
    </message>
    <message>
        <source>Setting Close Connection on a replication agent</source>
        <translation>レプリケーションエージェントに Close Connection を設定しています</translation>
    </message>
    <message>
        <source>Only %1 of %2 Brand Portal replication agents are there.</source>
        <translation>Brand Portal レプリケーションエージェントが %2 個中 %1 個しかありません。</translation>
    </message>
    <message>
        <source>Close Connection is not set on the agent %1.</source>
        <translation>エージェント %1 に Close Connection が設定されていません。</translation>
    </message>
</context>
<context>
    <name>ApplyCommand</name>
    <message>
        <source>Tests:</source>
        <translation>テスト:</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation>対処方法: %1</translation>
    </message>
    <message>
        <source>Backup: %1 (%2)</source>
        <translation>バックアップ: %1（%2）</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>このヘルプを表示します。</translation>
    </message>
    <message>
        <source>Print one JSON object on stdout.</source>
        <translation>標準出力に JSON オブジェクトを 1 つ出力します。</translation>
    </message>
    <message>
        <source>Print the plan and run it without any write request.</source>
        <translation>プランを表示し、書き込みリクエストを送信せずに実行します。</translation>
    </message>
    <message>
        <source>Do not ask: apply the plan as shown.</source>
        <translation>確認せずに、表示されたとおりにプランを適用します。</translation>
    </message>
    <message>
        <source>A plan saved with `bpsetup plan --json`: apply refuses it if the instance changed since.</source>
        <translation>`bpsetup plan --json` で保存したプラン。保存後にインスタンスが変更されている場合、apply はこのプランを拒否します。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source> (see bpsetup apply --help)</source>
        <translation> （bpsetup apply --help を参照）</translation>
    </message>
    <message>
        <source>%1 is not a plan saved with `bpsetup plan --json` (or it was a blocked plan).</source>
        <translation>%1 は `bpsetup plan --json` で保存したプランではありません（またはブロックされたプランです）。</translation>
    </message>
    <message>
        <source>apply changes AEM and stdin is not a terminal to ask on: pass --yes to apply without asking, or --dry-run to see what it would do.</source>
        <translation>apply は AEM を変更しますが、標準入力が端末ではないため確認を求めることができません。確認せずに適用するには --yes を、実行内容を確認するには --dry-run を指定してください。</translation>
    </message>
    <message>
        <source>Reading %1 and checking the credential with Adobe IMS…</source>
        <translation>%1 を読み取り、Adobe IMS で資格情報をチェックしています…</translation>
    </message>
    <message numerus="yes">
        <source>Apply %n change(s) to %1?</source>
        <translation>
            <numerusform>%1 に %n 件の変更を適用しますか？</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>何も変更されていません。</translation>
    </message>
    <message>
        <source>Apply was not confirmed.</source>
        <translation>適用は承認されませんでした。</translation>
    </message>
    <message>
        <source>Dry run: nothing was written.</source>
        <translation>ドライラン: 何も書き込まれていません。</translation>
    </message>
    <message>
        <source>Nothing to do: the configuration is in place.</source>
        <translation>実行することはありません。設定はすでに完了しています。</translation>
    </message>
    <message>
        <source>Done: the Brand Portal configuration is in place and tested.</source>
        <translation>完了: Brand Portal 設定が完了し、テスト済みです。</translation>
    </message>
    <message>
        <source>Roll back to the state before apply (backup %1)?</source>
        <translation>apply 前の状態にロールバックしますか（バックアップ %1）？</translation>
    </message>
    <message>
        <source>Rolled back: the objects are as they were before apply.</source>
        <translation>ロールバックしました。オブジェクトは apply 前の状態に戻っています。</translation>
    </message>
    <message>
        <source>Also back up the touched objects as a content package built on the instance (Package Manager) and downloaded into the backup folder; the package stays under /etc/packages.</source>
        <translation>変更対象のオブジェクトを、インスタンス上で（Package Manager により）ビルドしてバックアップフォルダーにダウンロードするコンテンツパッケージとしてもバックアップします。パッケージは /etc/packages に残ります。</translation>
    </message>
    <message>
        <source>Creates the Brand Portal configuration on an AEM 6.5 / 6.5 LTS author, or switches an existing JWT one to OAuth Server-to-Server: shows the plan, saves a backup of every object it touches, applies and verifies each step, then tests every Brand Portal replication agent. Asks before changing anything unless --yes is given.</source>
        <translation>AEM 6.5 / 6.5 LTS のオーサーに Brand Portal 設定を作成するか、既存の JWT 設定を OAuth Server-to-Server に切り替えます。プランを表示し、変更するすべてのオブジェクトのバックアップを保存し、各ステップを適用して確認したあと、すべての Brand Portal レプリケーションエージェントをテストします。--yes を指定しない限り、変更の前に確認を求めます。</translation>
    </message>
</context>
<context>
    <name>ApplyRecipe</name>
    <message>
        <source>The recipe %1 is not a JSON object.</source>
        <translation>レシピ %1 が JSON オブジェクトではありません。</translation>
    </message>
    <message>
        <source>The apply recipe entry &quot;%1&quot; has no value.</source>
        <translation>apply レシピのエントリ「%1」に値がありません。</translation>
    </message>
    <message>
        <source>The apply recipe entry &quot;%1&quot; has the wrong type of value.</source>
        <translation>apply レシピのエントリ「%1」の値の型が正しくありません。</translation>
    </message>
    <message>
        <source>The apply recipe has an unsupported schemaVersion.</source>
        <translation>apply レシピの schemaVersion はサポートされていません。</translation>
    </message>
    <message>
        <source>The apply recipe lacks the entry &quot;%1&quot;.</source>
        <translation>apply レシピにエントリ「%1」がありません。</translation>
    </message>
    <message>
        <source>The apply recipe&apos;s runModesPattern is not a valid pattern.</source>
        <translation>apply レシピの runModesPattern が有効なパターンではありません。</translation>
    </message>
    <message>
        <source>The apply recipe&apos;s hotfix namePattern is not a valid pattern.</source>
        <translation>apply レシピのホットフィックスの namePattern が有効なパターンではありません。</translation>
    </message>
</context>
<context>
    <name>Backup</name>
    <message>
        <source>The backup is damaged: %1</source>
        <translation>バックアップが破損しています: %1</translation>
    </message>
    <message>
        <source>Use another backup (`bpsetup backups list`), or restore the objects by hand from the content package in the backup folder.</source>
        <translation>別のバックアップを使用する（`bpsetup backups list`）か、バックアップフォルダー内のコンテンツパッケージからオブジェクトを手動で復元してください。</translation>
    </message>
    <message>
        <source>The backup could not be written to %1: %2</source>
        <translation>バックアップを %1 に書き込めませんでした: %2</translation>
    </message>
    <message>
        <source>Free disk space or fix the permissions of the folder, then run apply again. Nothing was changed on AEM.</source>
        <translation>ディスクの空き容量を確保するかフォルダーの権限を修正してから、apply をもう一度実行してください。AEM では何も変更されていません。</translation>
    </message>
    <message>
        <source>a record lacks its step, kind or state.</source>
        <translation>レコードにステップ、種類、または状態がありません。</translation>
    </message>
    <message>
        <source>unsupported schemaVersion.</source>
        <translation>サポートされていない schemaVersion です。</translation>
    </message>
    <message>
        <source>its id is not valid.</source>
        <translation>ID が有効ではありません。</translation>
    </message>
    <message>
        <source>it has no records.</source>
        <translation>レコードがありません。</translation>
    </message>
    <message>
        <source>its package file name is not valid.</source>
        <translation>パッケージのファイル名が有効ではありません。</translation>
    </message>
    <message>
        <source>Invalid backup id.</source>
        <translation>バックアップ ID が無効です。</translation>
    </message>
    <message>
        <source>The backup folder %1 could not be created.</source>
        <translation>バックアップフォルダー %1 を作成できませんでした。</translation>
    </message>
    <message>
        <source>Fix the permissions of %1 (or free disk space), then run apply again. Nothing was changed on AEM.</source>
        <translation>%1 の権限を修正して（またはディスクの空き容量を確保して）から、apply をもう一度実行してください。AEM では何も変更されていません。</translation>
    </message>
    <message>
        <source>The disk holding %1 is full.</source>
        <translation>%1 があるディスクがいっぱいです。</translation>
    </message>
    <message>
        <source>Free some disk space, then run apply again. Nothing was changed on AEM.</source>
        <translation>ディスクの空き容量を確保してから、apply をもう一度実行してください。AEM では何も変更されていません。</translation>
    </message>
    <message>
        <source>There is no backup &quot;%1&quot; in %2.</source>
        <translation>%2 にバックアップ「%1」はありません。</translation>
    </message>
    <message>
        <source>List the backups with `bpsetup backups list`.</source>
        <translation>`bpsetup backups list` でバックアップを一覧表示してください。</translation>
    </message>
    <message>
        <source>backup.json is not JSON.</source>
        <translation>backup.json が JSON ではありません。</translation>
    </message>
    <message>
        <source>its id does not match its folder.</source>
        <translation>ID がフォルダー名と一致しません。</translation>
    </message>
    <message>
        <source>The backup has no content package.</source>
        <translation>バックアップにコンテンツパッケージがありません。</translation>
    </message>
</context>
<context>
    <name>BackupsCommand</name>
    <message>
        <source>Lists the backups apply saved before changing an instance.</source>
        <translation>apply がインスタンスを変更する前に保存したバックアップを一覧表示します。</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>このヘルプを表示します。</translation>
    </message>
    <message>
        <source>Print one JSON object on stdout.</source>
        <translation>標準出力に JSON オブジェクトを 1 つ出力します。</translation>
    </message>
    <message>
        <source> (see bpsetup backups --help)</source>
        <translation> （bpsetup backups --help を参照）</translation>
    </message>
    <message>
        <source>Usage: bpsetup backups list [--json]</source>
        <translation>使用法: bpsetup backups list [--json]</translation>
    </message>
    <message>
        <source>No backups in %1.</source>
        <translation>%1 にバックアップはありません。</translation>
    </message>
    <message>
        <source>%1  damaged: %2</source>
        <translation>%1  破損: %2</translation>
    </message>
    <message>
        <source>%1  %2  %3 object(s)%4</source>
        <translation>%1  %2  %3 個のオブジェクト%4</translation>
    </message>
    <message>
        <source>, content package</source>
        <translation>、コンテンツパッケージ</translation>
    </message>
</context>
<context>
    <name>ChangeTypes</name>
    <message>
        <source>create</source>
        <translation>作成</translation>
    </message>
    <message>
        <source>update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>変更なし</translation>
    </message>
</context>
<context>
    <name>CheckStatus</name>
    <message>
        <source>✔ Passed</source>
        <translation>✔ 合格</translation>
    </message>
    <message>
        <source>✖ Failed</source>
        <translation>✖ 失敗</translation>
    </message>
    <message>
        <source>⚠ Warning</source>
        <translation>⚠ 警告</translation>
    </message>
    <message>
        <source>– Skipped</source>
        <translation>– スキップ</translation>
    </message>
</context>
<context>
    <name>CloudConfigStep</name>
    <message>
        <source>Reading %1</source>
        <translation>%1 を読み取っています</translation>
    </message>
    <message>
        <source>(the new IMS configuration)</source>
        <translation>（新しい IMS 設定）</translation>
    </message>
    <message>
        <source>Brand Portal cloud configuration</source>
        <translation>Brand Portal クラウド設定</translation>
    </message>
    <message>
        <source>Saving it makes AEM create the Brand Portal replication agents.</source>
        <translation>保存すると、AEM が Brand Portal レプリケーションエージェントを作成します。</translation>
    </message>
    <message>
        <source>Saving the Brand Portal cloud configuration</source>
        <translation>Brand Portal クラウド設定を保存しています</translation>
    </message>
    <message>
        <source>Reading back %1</source>
        <translation>%1 を読み戻しています</translation>
    </message>
    <message>
        <source>The cloud configuration %1 does not read back as saved (tenantURL, imsConfig): check that the recipe&apos;s property names match this AEM version.</source>
        <translation>クラウド設定 %1 を読み戻した値が、保存した値と一致しません（tenantURL、imsConfig）。レシピのプロパティ名がこの AEM バージョンに合っていることを確認してください。</translation>
    </message>
</context>
<context>
    <name>ConfigFolderRead</name>
    <message>
        <source>Reading %1</source>
        <translation>%1 を読み取っています</translation>
    </message>
</context>
<context>
    <name>ConnectionOptions</name>
    <message>
        <source>AEM author address, e.g. https://author.example.com.</source>
        <translation>AEM オーサーのアドレス（例: https://author.example.com）。</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>AEM user name (an administrator).</source>
        <translation>AEM のユーザー名（管理者）。</translation>
    </message>
    <message>
        <source>U</source>
        <translation>U</translation>
    </message>
    <message>
        <source>Read the password from the first line of stdin (else from BPSETUP_AEM_PASSWORD).</source>
        <translation>パスワードを標準入力の 1 行目から読み取ります（指定しない場合は BPSETUP_AEM_PASSWORD から）。</translation>
    </message>
    <message>
        <source>Read a bearer token (AEM as a Cloud Service) from stdin instead of a password.</source>
        <translation>パスワードの代わりに、ベアラートークン（AEM as a Cloud Service）を標準入力から読み取ります。</translation>
    </message>
    <message>
        <source>Extra CA certificates (PEM) to trust.</source>
        <translation>信頼する追加の CA 証明書（PEM）。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>Proxy URL (http://host:port or socks5://host:port); &quot;none&quot; for no proxy. Default: the system proxy.</source>
        <translation>プロキシ URL（http://host:port または socks5://host:port）。プロキシを使用しない場合は &quot;none&quot;。デフォルト: システムプロキシ。</translation>
    </message>
    <message>
        <source>Seconds to wait for each answer (default 15).</source>
        <translation>各応答を待つ秒数（デフォルト 15）。</translation>
    </message>
    <message>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <source>Use a saved profile: its address and user, and its password or token from the keychain.</source>
        <translation>保存済みのプロファイルを使用します。アドレスとユーザーはプロファイルから、パスワードまたはトークンはキーチェーンから読み取ります。</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>Give --timeout in seconds, e.g. --timeout 30.</source>
        <translation>--timeout は秒数で指定してください（例: --timeout 30）。</translation>
    </message>
    <message>
        <source>--aem URL is required, e.g. --aem http://localhost:4502.</source>
        <translation>--aem URL は必須です（例: --aem http://localhost:4502）。</translation>
    </message>
    <message>
        <source>Profile &quot;%1&quot; has no AEM password or token in the keychain: save one with bpsetup profile save %1 --password-stdin, or pipe it with --password-stdin.</source>
        <translation>プロファイル「%1」の AEM パスワードまたはトークンがキーチェーンにありません。bpsetup profile save %1 --password-stdin で保存するか、--password-stdin でパイプから渡してください。</translation>
    </message>
    <message>
        <source>Token for %1: </source>
        <translation>%1 のトークン: </translation>
    </message>
    <message>
        <source>--token-stdin was given but stdin had no token.</source>
        <translation>--token-stdin が指定されましたが、標準入力にトークンがありませんでした。</translation>
    </message>
    <message>
        <source>--user U is required (or --token-stdin for a Cloud Service token).</source>
        <translation>--user U は必須です（Cloud Service のトークンの場合は --token-stdin）。</translation>
    </message>
    <message>
        <source>Password for %1 at %2: </source>
        <translation>%2 の %1 のパスワード: </translation>
    </message>
    <message>
        <source>--password-stdin was given but stdin had no password.</source>
        <translation>--password-stdin が指定されましたが、標準入力にパスワードがありませんでした。</translation>
    </message>
    <message>
        <source>No password: pipe it with --password-stdin or set BPSETUP_AEM_PASSWORD.</source>
        <translation>パスワードがありません。--password-stdin でパイプから渡すか、BPSETUP_AEM_PASSWORD を設定してください。</translation>
    </message>
    <message>
        <source>Trusting this certificate for %1 from now on (saved in %2).</source>
        <translation>今後、%1 に対してこの証明書を信頼します（%2 に保存しました）。</translation>
    </message>
    <message>
        <source>Trust exactly the certificate with this SHA-256 fingerprint, as a failed run shows it: SHA256 for the server you name, HOST[:PORT]=SHA256 for any other host (Adobe IMS behind a proxy that inspects TLS, for example); repeat it for several hosts. Remembered once a connection worked with it.</source>
        <translation>この SHA-256 フィンガープリントを持つ証明書のみを信頼します。失敗した実行で表示されたとおりに指定します。指定したサーバーの場合は SHA256、その他のホスト（TLS インスペクションを行うプロキシの背後にある Adobe IMS など）の場合は HOST[:PORT]=SHA256 です。複数のホストに対して指定するには、このオプションを繰り返します。この値で接続に成功すると記憶されます。</translation>
    </message>
    <message>
        <source>[HOST:PORT=]SHA256</source>
        <translation>[HOST:PORT=]SHA256</translation>
    </message>
    <message>
        <source>The fingerprint for %1 was not needed (its certificate is trusted anyway, or %1 was not asked); nothing was pinned.</source>
        <translation>%1 のフィンガープリントは不要でした（証明書はもともと信頼されているか、%1 への問い合わせが行われませんでした）。ピン留めは行いませんでした。</translation>
    </message>
</context>
<context>
    <name>ContentPackage</name>
    <message>
        <source>Download %1 from Adobe&apos;s Software Distribution (%2) and give that file.</source>
        <translation>Adobe のソフトウェア配布（%2）から %1 をダウンロードし、そのファイルを指定してください。</translation>
    </message>
    <message>
        <source>The package&apos;s properties.xml is not a properties document.</source>
        <translation>パッケージの properties.xml がプロパティドキュメントではありません。</translation>
    </message>
    <message>
        <source>%1 is not a zip file, so it is not an AEM content package.</source>
        <translation>%1 は zip ファイルではないため、AEM コンテンツパッケージではありません。</translation>
    </message>
    <message>
        <source>%1 unpacks to more than a content package bpsetup accepts: %2</source>
        <translation>%1 を展開すると、bpsetup が受け付けるコンテンツパッケージの上限を超えます: %2</translation>
    </message>
    <message>
        <source>%1 is a damaged or incomplete zip file (%2).</source>
        <translation>%1 は破損しているか不完全な zip ファイルです（%2）。</translation>
    </message>
    <message>
        <source>%1 is a zip file but not an AEM content package (it has no %2).</source>
        <translation>%1 は zip ファイルですが、AEM コンテンツパッケージではありません（%2 がありません）。</translation>
    </message>
    <message>
        <source>%1 is a damaged zip file (%2).</source>
        <translation>%1 は破損した zip ファイルです（%2）。</translation>
    </message>
    <message>
        <source>%1 is not an AEM content package: its %2 does not name the package.</source>
        <translation>%1 は AEM コンテンツパッケージではありません。%2 にパッケージ名がありません。</translation>
    </message>
    <message>
        <source>%1 names its package &quot;%2&quot;, which is not a valid package name.</source>
        <translation>%1 のパッケージ名「%2」は、有効なパッケージ名ではありません。</translation>
    </message>
    <message>
        <source>%1 is the content package %2 (group %3), not the OAuth compatibility hotfix %4 that AEM 6.5.11.0 to 6.5.20.0 need.</source>
        <translation>%1 はコンテンツパッケージ %2（グループ %3）であり、AEM 6.5.11.0 から 6.5.20.0 までに必要な OAuth 互換ホットフィックス %4 ではありません。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
</context>
<context>
    <name>CreateOptions</name>
    <message>
        <source>OAuth Server-to-Server credential JSON from Developer Console.</source>
        <translation>Developer Console からダウンロードした OAuth Server-to-Server 資格情報の JSON。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>NAME|URL</source>
        <translation>NAME|URL</translation>
    </message>
    <message>
        <source>Adobe IMS (default https://ims-na1.adobelogin.com).</source>
        <translation>Adobe IMS（デフォルト: https://ims-na1.adobelogin.com）。</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Use this AEM version if it cannot be read (6.5.x.y, 6.6.x).</source>
        <translation>AEM のバージョンを読み取れない場合に、このバージョンを使用します（6.5.x.y、6.6.x）。</translation>
    </message>
    <message>
        <source>V</source>
        <translation>V</translation>
    </message>
    <message>
        <source>Recipe JSON overriding the built-in detect and apply entries.</source>
        <translation>組み込みの detect および apply エントリを上書きするレシピ JSON。</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot; (see bpsetup %2 --help).</source>
        <translation>予期しない引数「%1」です（bpsetup %2 --help を参照）。</translation>
    </message>
    <message>
        <source>--credentials FILE is required (the OAuth Server-to-Server JSON downloaded from Developer Console).</source>
        <translation>--credentials FILE は必須です（Developer Console からダウンロードした OAuth Server-to-Server の JSON）。</translation>
    </message>
    <message>
        <source>The credential is incomplete: %1: %2</source>
        <translation>資格情報が不完全です: %1: %2</translation>
    </message>
    <message>
        <source>The OAuth compatibility hotfix (ims-jwt-compatibility-package-6.5-1.0.zip) for AEM 6.5.11.0 to 6.5.20.0: installed as the plan&apos;s first step.</source>
        <translation>OAuth 互換ホットフィックス（ims-jwt-compatibility-package-6.5-1.0.zip。AEM 6.5.11.0 から 6.5.20.0 までが対象）。プランの最初のステップとしてインストールされます。</translation>
    </message>
    <message>
        <source>Brand Portal tenant: https://&lt;tenant&gt;.brand-portal.adobe.com or its name (read from the existing configuration when left out).</source>
        <translation>Brand Portal テナント: https://&lt;tenant&gt;.brand-portal.adobe.com またはテナント名（省略すると既存の設定から読み取ります）。</translation>
    </message>
    <message>
        <source>Replace the client secret stored in AEM with the credential&apos;s second secret (validated with IMS first), even when the stored one still works.</source>
        <translation>保存されているシークレットがまだ有効な場合でも、AEM に保存されているクライアントシークレットを資格情報の 2 つ目のシークレットに置き換えます（先に IMS で検証します）。</translation>
    </message>
    <message>
        <source>--rotate-secret needs a credential file with two client secrets: generate the second one in Adobe Developer Console and download the credential again.</source>
        <translation>--rotate-secret には、クライアントシークレットが 2 つある資格情報ファイルが必要です。Adobe Developer Console で 2 つ目を生成し、資格情報をもう一度ダウンロードしてください。</translation>
    </message>
    <message>
        <source>Legacy OAuth Gateway upgrade: wait up to SECONDS for the old agents&apos; queues to drain (default: refuse at once when an item is queued).</source>
        <translation>Legacy OAuth Gateway のアップグレード: 古いエージェントのキューが空になるまで最大 SECONDS 秒待機します（デフォルト: キューに項目がある場合はすぐに拒否）。</translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation>SECONDS</translation>
    </message>
    <message>
        <source>--wait-for-idle takes a number of seconds from 0 to 86400, not &quot;%1&quot;.</source>
        <translation>--wait-for-idle には 0 から 86400 までの秒数を指定してください（「%1」は無効です）。</translation>
    </message>
    <message>
        <source>JWT upgrade: also remove the key alias the JWT configuration used from the service user&apos;s keystore (backed up first; OAuth Server-to-Server needs no key pair).</source>
        <translation>JWT のアップグレード: JWT 設定が使用していたキーエイリアスも、サービスユーザーのキーストアから削除します（先にバックアップします。OAuth Server-to-Server にキーペアは不要です）。</translation>
    </message>
</context>
<context>
    <name>CreatePrerequisites</name>
    <message>
        <source>The AEM version could not be read.</source>
        <translation>AEM のバージョンを読み取れませんでした。</translation>
    </message>
    <message>
        <source>Give it with --aem-version (6.5.x.y or 6.6.x), or allow /system/console/productinfo.</source>
        <translation>--aem-version（6.5.x.y または 6.6.x）で指定するか、/system/console/productinfo へのアクセスを許可してください。</translation>
    </message>
    <message>
        <source>This is AEM as a Cloud Service: Brand Portal is activated in Cloud Manager, not configured on the instance.</source>
        <translation>これは AEM as a Cloud Service です。Brand Portal はインスタンス上で設定するのではなく、Cloud Manager でアクティベートします。</translation>
    </message>
    <message>
        <source>Activate Brand Portal in Cloud Manager (your Adobe representative enables it).</source>
        <translation>Cloud Manager で Brand Portal をアクティベートしてください（Adobe の担当者が有効にします）。</translation>
    </message>
    <message>
        <source>AEM %1 cannot be connected to Brand Portal through Adobe Developer Console (6.5.4.0 or later is needed).</source>
        <translation>AEM %1 は Adobe Developer Console を介して Brand Portal に接続できません（6.5.4.0 以降が必要です）。</translation>
    </message>
    <message>
        <source>Install the latest AEM 6.5 service pack (6.5.21.0 or later), then run bpsetup again.</source>
        <translation>最新の AEM 6.5 サービスパック（6.5.21.0 以降）をインストールしてから、bpsetup をもう一度実行してください。</translation>
    </message>
    <message>
        <source>AEM %1 has no OAuth Server-to-Server support, and new JWT credentials cannot be created since 2024-06-03.</source>
        <translation>AEM %1 は OAuth Server-to-Server をサポートしていません。また、2024-06-03 以降、新しい JWT 資格情報は作成できません。</translation>
    </message>
    <message>
        <source>Install the latest AEM 6.5 service pack (6.5.21.0 or later; 6.5.11.0 with the compatibility hotfix at least), then run bpsetup again.</source>
        <translation>最新の AEM 6.5 サービスパック（6.5.21.0 以降。最低でも 6.5.11.0 と互換ホットフィックス）をインストールしてから、bpsetup をもう一度実行してください。</translation>
    </message>
    <message>
        <source>AEM %1 needs the OAuth compatibility hotfix; the package you gave is installed as the plan&apos;s first step.</source>
        <translation>AEM %1 には OAuth 互換ホットフィックスが必要です。指定したパッケージは、プランの最初のステップとしてインストールされます。</translation>
    </message>
    <message>
        <source>Nothing to do.</source>
        <translation>実行することはありません。</translation>
    </message>
    <message>
        <source>AEM %1 needs the OAuth compatibility hotfix ims-jwt-compatibility-package-6.5-1.0.zip before an OAuth Server-to-Server IMS configuration can be made.</source>
        <translation>OAuth Server-to-Server の IMS 設定を作成するには、AEM %1 に OAuth 互換ホットフィックス ims-jwt-compatibility-package-6.5-1.0.zip が必要です。</translation>
    </message>
    <message>
        <source>This is a publish instance: Brand Portal is configured on the author.</source>
        <translation>これはパブリッシュインスタンスです。Brand Portal はオーサーで設定します。</translation>
    </message>
    <message>
        <source>Connect to the AEM author instance instead.</source>
        <translation>代わりに AEM オーサーインスタンスに接続してください。</translation>
    </message>
    <message>
        <source>The run modes could not be read (/system/console blocked?): make sure this is the author.</source>
        <translation>実行モードを読み取れませんでした（/system/console がブロックされている可能性があります）。接続先がオーサーであることを確認してください。</translation>
    </message>
    <message>
        <source>Nothing to do if it is the author.</source>
        <translation>オーサーであれば、対処は不要です。</translation>
    </message>
    <message>
        <source>IMS has not issued a token for this credential.</source>
        <translation>IMS はこの資格情報に対してトークンを発行しませんでした。</translation>
    </message>
    <message>
        <source>Check the client id and secret in Adobe Developer Console, then run again.</source>
        <translation>Adobe Developer Console でクライアント ID とシークレットを確認してから、もう一度実行してください。</translation>
    </message>
    <message>
        <source>This is a Service Account (JWT) credential. Adobe converted every JWT credential to OAuth Server-to-Server by 2026-03-01; JWT token exchange no longer works.</source>
        <translation>これはサービスアカウント（JWT）資格情報です。Adobe は 2026-03-01 までにすべての JWT 資格情報を OAuth Server-to-Server に変換したため、JWT によるトークン交換は機能しなくなりました。</translation>
    </message>
    <message>
        <source>This is a Service Account (JWT) credential; new configurations use OAuth Server-to-Server (JWT reaches its end on 2026-03-01).</source>
        <translation>これはサービスアカウント（JWT）資格情報です。新しい設定では OAuth Server-to-Server を使用します（JWT は 2026-03-01 に終了します）。</translation>
    </message>
    <message>
        <source>Download the OAuth Server-to-Server credential of the same Developer Console project (the client id is the same) and give that file instead.</source>
        <translation>同じ Developer Console プロジェクトの OAuth Server-to-Server 資格情報（クライアント ID は同じです）をダウンロードし、代わりにそのファイルを指定してください。</translation>
    </message>
    <message>
        <source>The credential&apos;s kind could not be recognised.</source>
        <translation>資格情報の種類を認識できませんでした。</translation>
    </message>
    <message>
        <source>Give the OAuth Server-to-Server credential downloaded from Adobe Developer Console.</source>
        <translation>Adobe Developer Console からダウンロードした OAuth Server-to-Server 資格情報を指定してください。</translation>
    </message>
    <message>
        <source>Download the package from Adobe&apos;s Software Distribution (link below), install it with Package Manager, then run bpsetup again; or install 6.5.21.0 or later.</source>
        <translation>Adobe のソフトウェア配布（下のリンク）からパッケージをダウンロードし、Package Manager でインストールしてから、bpsetup をもう一度実行してください。または、6.5.21.0 以降をインストールしてください。</translation>
    </message>
    <message>
        <source>%1 cannot be reached: a dispatcher or firewall blocks the Felix console, and bpsetup writes the IMS configuration through it (configMgr) and has AEM encrypt the client secret there (crypto).</source>
        <translation>%1 に到達できません。Dispatcher またはファイアウォールが Felix コンソールをブロックしています。bpsetup は Felix コンソールを介して IMS 設定を書き込み（configMgr）、そこで AEM にクライアントシークレットを暗号化させます（crypto）。</translation>
    </message>
    <message>
        <source>Allow /system/console/configMgr and /system/console/crypto for your address (or connect to the author directly, e.g. port 4502), then plan again.</source>
        <translation>お使いのアドレスからの /system/console/configMgr と /system/console/crypto へのアクセスを許可して（またはオーサーにポート 4502 などで直接接続して）から、もう一度 plan を実行してください。</translation>
    </message>
    <message>
        <source>The existing configuration belongs to the tenant %1, not to the tenant given.</source>
        <translation>既存の設定は、指定したテナントではなく、テナント %1 のものです。</translation>
    </message>
    <message>
        <source>Leave the tenant out to keep %1 (it is read from the existing configuration), or remove that configuration first: Adobe allows one author per tenant.</source>
        <translation>%1 を維持するにはテナントを省略するか（既存の設定から読み取られます）、先にその設定を削除してください。Adobe では、1 つのテナントにつき 1 つのオーサーしか使用できません。</translation>
    </message>
    <message>
        <source>No tenant was given and none can be read from an existing configuration.</source>
        <translation>テナントが指定されておらず、既存の設定からも読み取れません。</translation>
    </message>
    <message>
        <source>Give the tenant with --tenant (https://&lt;tenant&gt;.brand-portal.adobe.com or its name).</source>
        <translation>--tenant でテナントを指定してください（https://&lt;tenant&gt;.brand-portal.adobe.com またはテナント名）。</translation>
    </message>
    <message>
        <source>The JWT configuration uses the client id %1, the credential given another one. Adobe&apos;s conversion to OAuth Server-to-Server keeps the client id, so this credential probably belongs to another Developer Console project.</source>
        <translation>JWT 設定はクライアント ID %1 を使用していますが、指定した資格情報のクライアント ID は異なります。Adobe による OAuth Server-to-Server への変換ではクライアント ID が維持されるため、この資格情報は別の Developer Console プロジェクトのものと考えられます。</translation>
    </message>
    <message>
        <source>Download the OAuth Server-to-Server credential of the project whose client id is %1 (its credential page in Developer Console), and give that file.</source>
        <translation>クライアント ID が %1 のプロジェクトの OAuth Server-to-Server 資格情報を（Developer Console のその資格情報ページから）ダウンロードし、そのファイルを指定してください。</translation>
    </message>
</context>
<context>
    <name>CreateSession</name>
    <message>
        <source>Another Brand Portal IMS configuration (client %1); Adobe allows only one.</source>
        <translation>別の Brand Portal IMS 設定（クライアント %1）。Adobe では 1 つしか使用できません。</translation>
    </message>
    <message>
        <source>Part of the Legacy OAuth Gateway setup; Adobe&apos;s upgrade deletes it before the new configuration is created (the gateway it used is gone).</source>
        <translation>Legacy OAuth Gateway セットアップの一部です。Adobe のアップグレード手順では、新しい設定を作成する前にこれを削除します（使用していたゲートウェイは廃止されています）。</translation>
    </message>
    <message>
        <source>The configuration is inconsistent (%1); Adobe&apos;s remedy is to delete it and create it again.</source>
        <translation>設定に不整合があります（%1）。Adobe が示す対処方法は、削除して作成し直すことです。</translation>
    </message>
</context>
<context>
    <name>Credential</name>
    <message>
        <source>OAuth Server-to-Server</source>
        <translation>OAuth Server-to-Server</translation>
    </message>
    <message>
        <source>Service Account (JWT) — retired by Adobe</source>
        <translation>サービスアカウント（JWT）— Adobe により廃止</translation>
    </message>
    <message>
        <source>Unknown credential kind</source>
        <translation>不明な資格情報の種類</translation>
    </message>
</context>
<context>
    <name>CredentialImporter</name>
    <message>
        <source>This is a Service Account (JWT) credential. Adobe retired JWT credentials: none can be created since 2024-06-03, they reached end of life on 2025-06-30, and the remaining ones were converted to OAuth Server-to-Server by 2026-03-01. Use it only to check or migrate an existing setup; new setups use OAuth Server-to-Server (same client ID after migration).</source>
        <translation>これはサービスアカウント（JWT）資格情報です。Adobe は JWT 資格情報を廃止しました。2024-06-03 以降は作成できず、2025-06-30 に提供終了となり、残りの資格情報は 2026-03-01 までに OAuth Server-to-Server に変換されました。既存のセットアップのチェックまたは移行にのみ使用してください。新しいセットアップでは OAuth Server-to-Server を使用します（移行後もクライアント ID は同じです）。</translation>
    </message>
    <message>
        <source>This is a Service Account (JWT) credential. Adobe retired JWT credentials: none can be created since 2024-06-03, they reached end of life on 2025-06-30, and remaining ones are converted to OAuth Server-to-Server at certificate expiry or on 2026-03-01, whichever comes first. Migrate to OAuth Server-to-Server.</source>
        <translation>これはサービスアカウント（JWT）資格情報です。Adobe は JWT 資格情報を廃止しました。2024-06-03 以降は作成できず、2025-06-30 に提供終了となり、残りの資格情報は証明書の有効期限または 2026-03-01 のいずれか早い時点で OAuth Server-to-Server に変換されます。OAuth Server-to-Server に移行してください。</translation>
    </message>
    <message>
        <source>The credential file is not valid JSON (%1 at character %2). If you copied it, copy the whole file again; if it was downloaded, download it again from Developer Console.</source>
        <translation>資格情報ファイルが有効な JSON ではありません（%2 文字目で %1）。コピーした場合はファイル全体をもう一度コピーし、ダウンロードした場合は Developer Console からもう一度ダウンロードしてください。</translation>
    </message>
    <message>
        <source>The credential file must be a JSON object, as Developer Console downloads it.</source>
        <translation>資格情報ファイルは、Developer Console からダウンロードしたとおりの JSON オブジェクトである必要があります。</translation>
    </message>
    <message>
        <source>This project download contains no credentials. Add an OAuth Server-to-Server credential with the AEM Brand Portal API to the project, then download it again.</source>
        <translation>このプロジェクトのダウンロードには資格情報が含まれていません。AEM Brand Portal API を含む OAuth Server-to-Server 資格情報をプロジェクトに追加してから、もう一度ダウンロードしてください。</translation>
    </message>
    <message>
        <source>This project download has only %1 credentials, which cannot log in server-to-server. Add an OAuth Server-to-Server credential with the AEM Brand Portal API, then download it again.</source>
        <translation>このプロジェクトのダウンロードには %1 資格情報しかなく、サーバー間でログインできません。AEM Brand Portal API を含む OAuth Server-to-Server 資格情報を追加してから、もう一度ダウンロードしてください。</translation>
    </message>
    <message>
        <source>The credential is being migrated from JWT; the OAuth Server-to-Server part is used. Finish the migration in Developer Console once AEM uses it.</source>
        <translation>この資格情報は JWT から移行中です。OAuth Server-to-Server の部分を使用します。AEM がこの資格情報を使用するようになったら、Developer Console で移行を完了してください。</translation>
    </message>
    <message>
        <source>The project has %1 server-to-server credentials; &quot;%2&quot; is used.</source>
        <translation>プロジェクトにはサーバー間の資格情報が %1 個あります。「%2」を使用します。</translation>
    </message>
    <message>
        <source>This is a &quot;%1&quot; credential, which cannot log in server-to-server. Use an OAuth Server-to-Server credential with the AEM Brand Portal API.</source>
        <translation>これは「%1」資格情報で、サーバー間でログインできません。AEM Brand Portal API を含む OAuth Server-to-Server 資格情報を使用してください。</translation>
    </message>
    <message>
        <source>This is an AEM as a Cloud Service service credential (from the AEM Developer Console), not a Developer Console credential for Brand Portal. Download the credential of the project that has the AEM Brand Portal API.</source>
        <translation>これは AEM as a Cloud Service のサービス資格情報（AEM Developer Console から取得したもの）で、Brand Portal 用の Developer Console 資格情報ではありません。AEM Brand Portal API を含むプロジェクトの資格情報をダウンロードしてください。</translation>
    </message>
    <message>
        <source>A JWT payload has no client secret: add it from the credential page.</source>
        <translation>JWT ペイロードにはクライアントシークレットが含まれていません。資格情報ページから追加してください。</translation>
    </message>
    <message>
        <source>The certificate %1… on this credential expired on %2; a JWT signed with its key is rejected.</source>
        <translation>この資格情報の証明書 %1… は %2 に有効期限が切れています。その鍵で署名した JWT は拒否されます。</translation>
    </message>
    <message>
        <source>The certificate %1… on this credential expires on %2, within 30 days.</source>
        <translation>この資格情報の証明書 %1… は %2 に有効期限が切れます（30 日以内）。</translation>
    </message>
    <message>
        <source>This is an OAuth Web/user credential (it has redirect URIs). Brand Portal needs an OAuth Server-to-Server credential.</source>
        <translation>これは OAuth Web/ユーザー資格情報です（リダイレクト URI があります）。Brand Portal には OAuth Server-to-Server 資格情報が必要です。</translation>
    </message>
    <message>
        <source>This JSON is not a Developer Console credential (found the keys: %1). Download the credential from the project in Developer Console (Download all, or Download JSON on the credential page).</source>
        <translation>この JSON は Developer Console の資格情報ではありません（見つかったキー: %1）。Developer Console のプロジェクトから資格情報をダウンロードしてください（Download all、または資格情報ページの Download JSON）。</translation>
    </message>
    <message>
        <source>Removed spaces or line breaks around the %1.</source>
        <translation>%1 の前後にあったスペースまたは改行を削除しました。</translation>
    </message>
    <message>
        <source>client ID</source>
        <translation>クライアント ID</translation>
    </message>
    <message>
        <source>organization ID</source>
        <translation>組織 ID</translation>
    </message>
    <message>
        <source>technical account ID</source>
        <translation>テクニカルアカウント ID</translation>
    </message>
    <message>
        <source>technical account email</source>
        <translation>テクニカルアカウントのメールアドレス</translation>
    </message>
    <message>
        <source>Removed spaces around the scopes (IMS expects them comma-separated without spaces).</source>
        <translation>スコープの前後のスペースを削除しました（IMS では、スペースなしのカンマ区切りが想定されています）。</translation>
    </message>
    <message>
        <source>Removed spaces or line breaks around the client secret.</source>
        <translation>クライアントシークレットの前後にあったスペースまたは改行を削除しました。</translation>
    </message>
    <message>
        <source>Choose the credential kind: OAuth Server-to-Server for new setups.</source>
        <translation>資格情報の種類を選択してください。新しいセットアップには OAuth Server-to-Server を選択します。</translation>
    </message>
    <message>
        <source>The client ID (API key) is missing. Copy it from the credential page in Developer Console.</source>
        <translation>クライアント ID（API キー）がありません。Developer Console の資格情報ページからコピーしてください。</translation>
    </message>
    <message>
        <source>The client ID contains spaces; copy it again.</source>
        <translation>クライアント ID にスペースが含まれています。もう一度コピーしてください。</translation>
    </message>
    <message>
        <source>The organization ID is missing. Copy it from Developer Console (it ends in @AdobeOrg).</source>
        <translation>組織 ID がありません。Developer Console からコピーしてください（末尾は @AdobeOrg です）。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IMS organization ID: it must end in @AdobeOrg. The numeric console org id is a different value.</source>
        <translation>「%1」は IMS 組織 ID ではありません。末尾は @AdobeOrg である必要があります。Console の数値の組織 ID は別の値です。</translation>
    </message>
    <message>
        <source>The client secret is missing or empty. Copy it from the credential page in Developer Console (Retrieve client secret).</source>
        <translation>クライアントシークレットがないか、空です。Developer Console の資格情報ページからコピーしてください（Retrieve client secret）。</translation>
    </message>
    <message>
        <source>The client secret contains spaces or line breaks; copy it again.</source>
        <translation>クライアントシークレットにスペースまたは改行が含まれています。もう一度コピーしてください。</translation>
    </message>
    <message>
        <source>An OAuth Server-to-Server credential has at most two client secrets.</source>
        <translation>OAuth Server-to-Server 資格情報のクライアントシークレットは最大 2 つです。</translation>
    </message>
    <message>
        <source>The scopes are missing. Copy them exactly as listed on the credential&apos;s Scopes tab; Adobe publishes no fixed list for Brand Portal.</source>
        <translation>スコープがありません。資格情報の Scopes タブに表示されているとおりに正確にコピーしてください。Adobe は Brand Portal 用の固定のスコープ一覧を公開していません。</translation>
    </message>
    <message>
        <source>Separate the scopes with commas, not spaces, exactly as the Scopes tab lists them.</source>
        <translation>Scopes タブの表示どおりに、スコープはスペースではなくカンマで区切ってください。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a JWT metascope, not an OAuth scope. Use the scopes from the OAuth Server-to-Server credential&apos;s Scopes tab.</source>
        <translation>「%1」は JWT のメタスコープで、OAuth のスコープではありません。OAuth Server-to-Server 資格情報の Scopes タブにあるスコープを使用してください。</translation>
    </message>
    <message>
        <source>The technical account ID is missing (it ends in @techacct.adobe.com).</source>
        <translation>テクニカルアカウント ID がありません（末尾は @techacct.adobe.com です）。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a technical account ID (it ends in @techacct.adobe.com; the technical account email is a different value).</source>
        <translation>「%1」はテクニカルアカウント ID ではありません（末尾は @techacct.adobe.com です。テクニカルアカウントのメールアドレスは別の値です）。</translation>
    </message>
    <message>
        <source>The metascopes are missing. For AEM Brand Portal it is ent_brand_portal_sdk (see the credential&apos;s JWT payload).</source>
        <translation>メタスコープがありません。AEM Brand Portal の場合は ent_brand_portal_sdk です（資格情報の JWT ペイロードを参照）。</translation>
    </message>
</context>
<context>
    <name>DeleteNodeStep</name>
    <message>
        <source>Delete the replication agent %1</source>
        <translation>レプリケーションエージェント %1 を削除</translation>
    </message>
    <message>
        <source>Delete the Brand Portal cloud configuration %1</source>
        <translation>Brand Portal クラウド設定 %1 を削除</translation>
    </message>
    <message>
        <source>Delete the replication user %1</source>
        <translation>レプリケーションユーザー %1 を削除</translation>
    </message>
    <message>
        <source>Reading %1</source>
        <translation>%1 を読み取っています</translation>
    </message>
    <message>
        <source>Already gone.</source>
        <translation>すでに削除されています。</translation>
    </message>
    <message>
        <source>%1 is still there.</source>
        <translation>%1 がまだ残っています。</translation>
    </message>
</context>
<context>
    <name>DeleteOsgiConfigStep</name>
    <message>
        <source>Reading %1</source>
        <translation>%1 を読み取っています</translation>
    </message>
    <message>
        <source>Remove another Brand Portal IMS configuration</source>
        <translation>別の Brand Portal IMS 設定を削除</translation>
    </message>
    <message>
        <source>Removing the IMS configuration</source>
        <translation>IMS 設定を削除しています</translation>
    </message>
    <message>
        <source>%1 is still there.</source>
        <translation>%1 がまだ残っています。</translation>
    </message>
</context>
<context>
    <name>DetectCommand</name>
    <message>
        <source>AEM:</source>
        <translation>AEM:</translation>
    </message>
    <message>
        <source>Deployment:</source>
        <translation>デプロイメント:</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>バージョン:</translation>
    </message>
    <message>
        <source>  (chosen by hand)</source>
        <translation>  （手動で選択）</translation>
    </message>
    <message>
        <source>could not be read</source>
        <translation>読み取れませんでした</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>conflict: %1</source>
        <translation>不一致: %1</translation>
    </message>
    <message>
        <source>OAuth S2S:</source>
        <translation>OAuth S2S:</translation>
    </message>
    <message>
        <source>supported</source>
        <translation>サポート対象</translation>
    </message>
    <message>
        <source>not supported</source>
        <translation>サポート対象外</translation>
    </message>
    <message>
        <source>Configuration:</source>
        <translation>設定:</translation>
    </message>
    <message>
        <source>Tenant:</source>
        <translation>テナント:</translation>
    </message>
    <message>
        <source>Found:</source>
        <translation>検出:</translation>
    </message>
    <message>
        <source>Problems:</source>
        <translation>問題:</translation>
    </message>
    <message>
        <source>Route:</source>
        <translation>セットアップ方法:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>理由:</translation>
    </message>
    <message>
        <source>First:</source>
        <translation>先に行うこと:</translation>
    </message>
    <message>
        <source>Reads the AEM version and the existing Brand Portal configuration, and reports the setup route. Read-only: sends no write requests.</source>
        <translation>AEM のバージョンと既存の Brand Portal 設定を読み取り、セットアップ方法を報告します。読み取り専用で、書き込みリクエストは送信しません。</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>このヘルプを表示します。</translation>
    </message>
    <message>
        <source>Print one JSON object on stdout.</source>
        <translation>標準出力に JSON オブジェクトを 1 つ出力します。</translation>
    </message>
    <message>
        <source>Use this AEM version if it cannot be read (cloud, 6.5.x.y, 6.6.x).</source>
        <translation>AEM のバージョンを読み取れない場合に、このバージョンを使用します（cloud、6.5.x.y、6.6.x）。</translation>
    </message>
    <message>
        <source>V</source>
        <translation>V</translation>
    </message>
    <message>
        <source>Detection recipe JSON replacing the built-in one.</source>
        <translation>組み込みの検出レシピを置き換える検出レシピ JSON。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source> (see bpsetup detect --help)</source>
        <translation> （bpsetup detect --help を参照）</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot; (see bpsetup detect --help).</source>
        <translation>予期しない引数「%1」です（bpsetup detect --help を参照）。</translation>
    </message>
</context>
<context>
    <name>DetectionRecipe</name>
    <message>
        <source>The detection recipe is not valid: %1</source>
        <translation>検出レシピが有効ではありません: %1</translation>
    </message>
    <message>
        <source>a pattern is missing or invalid</source>
        <translation>パターンがないか、無効です</translation>
    </message>
    <message>
        <source>a repository path or name is missing</source>
        <translation>リポジトリのパスまたは名前がありません</translation>
    </message>
    <message>
        <source>a version source needs an id and an absolute path</source>
        <translation>バージョンソースには ID と絶対パスが必要です</translation>
    </message>
    <message>
        <source>version source %1 needs a pattern with one capture group</source>
        <translation>バージョンソース %1 には、キャプチャグループが 1 つのパターンが必要です</translation>
    </message>
    <message>
        <source>version source %1 needs packageGroup and packageName</source>
        <translation>バージョンソース %1 には packageGroup と packageName が必要です</translation>
    </message>
    <message>
        <source>version source %1 has an unknown kind &quot;%2&quot;</source>
        <translation>バージョンソース %1 の種類「%2」は不明です</translation>
    </message>
    <message>
        <source>at least two independent version sources are needed</source>
        <translation>独立したバージョンソースが 2 つ以上必要です</translation>
    </message>
    <message>
        <source>%1 is missing from this build</source>
        <translation>このビルドには %1 がありません</translation>
    </message>
    <message>
        <source>%1 is not a JSON object (%2)</source>
        <translation>%1 が JSON オブジェクトではありません（%2）</translation>
    </message>
    <message>
        <source>distributionAgent.path must be an absolute path</source>
        <translation>distributionAgent.path は絶対パスである必要があります</translation>
    </message>
</context>
<context>
    <name>DiagnoseCatalogue</name>
    <message>
        <source>AEM reachable</source>
        <translation>AEM に到達可能</translation>
    </message>
    <message>
        <source>Author instance</source>
        <translation>オーサーインスタンス</translation>
    </message>
    <message>
        <source>AEM version and service pack</source>
        <translation>AEM のバージョンとサービスパック</translation>
    </message>
    <message>
        <source>OAuth Server-to-Server support</source>
        <translation>OAuth Server-to-Server のサポート</translation>
    </message>
    <message>
        <source>Configuration state</source>
        <translation>設定の状態</translation>
    </message>
    <message>
        <source>IMS configuration</source>
        <translation>IMS 設定</translation>
    </message>
    <message>
        <source>One Brand Portal IMS configuration</source>
        <translation>Brand Portal IMS 設定が 1 つ</translation>
    </message>
    <message>
        <source>Brand Portal cloud configuration</source>
        <translation>Brand Portal クラウド設定</translation>
    </message>
    <message>
        <source>Tenant URL</source>
        <translation>テナント URL</translation>
    </message>
    <message>
        <source>Leftovers of an old setup</source>
        <translation>旧セットアップの残存物</translation>
    </message>
    <message>
        <source>Replication agents enabled</source>
        <translation>レプリケーションエージェントが有効</translation>
    </message>
    <message>
        <source>Close Connection on the agents</source>
        <translation>エージェントの Close Connection</translation>
    </message>
    <message>
        <source>Replication agents (Test Connection)</source>
        <translation>レプリケーションエージェント（Test Connection）</translation>
    </message>
    <message>
        <source>Replication queues</source>
        <translation>レプリケーションキュー</translation>
    </message>
    <message>
        <source>Distribution agent (Cloud Service)</source>
        <translation>配布エージェント（Cloud Service）</translation>
    </message>
    <message>
        <source>Distribution queues (Cloud Service)</source>
        <translation>配布キュー（Cloud Service）</translation>
    </message>
    <message>
        <source>Distribution agent Test Connection</source>
        <translation>配布エージェントの Test Connection</translation>
    </message>
    <message>
        <source>Clock difference to AEM</source>
        <translation>AEM との時刻のずれ</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>プロキシ</translation>
    </message>
    <message>
        <source>Paths the checks need are not blocked</source>
        <translation>チェックに必要なパスがブロックされていない</translation>
    </message>
    <message>
        <source>One author per tenant</source>
        <translation>テナントごとに 1 つのオーサー</translation>
    </message>
    <message>
        <source>Keystore certificates</source>
        <translation>キーストアの証明書</translation>
    </message>
    <message>
        <source>IMS configuration in use (Configuration Admin)</source>
        <translation>使用中の IMS 設定（Configuration Admin）</translation>
    </message>
</context>
<context>
    <name>DiagnoseCommand</name>
    <message>
        <source> (Test Connection: with --run-tests)</source>
        <translation> （Test Connection: --run-tests 指定時）</translation>
    </message>
    <message>
        <source>Read-only health checks of one AEM author&apos;s Brand Portal connection, each with the evidence read and a remedy: version and OAuth support, configuration state, IMS and cloud configurations, tenant URL, leftovers, replication agents and queues (6.5) or the distribution agent (Cloud Service), clock difference and proxy. Nothing is written; with --run-tests the agents&apos; Test Connection requests are sent too. Exit 0 when no check fails, 1 when one does, 3 when AEM cannot be reached.</source>
        <translation>1 つの AEM オーサーの Brand Portal 接続に対する、読み取り専用のヘルスチェックです。各チェックには、読み取った確認内容と対処方法が示されます。対象: バージョンと OAuth のサポート、設定の状態、IMS 設定とクラウド設定、テナント URL、残存物、レプリケーションエージェントとキュー（6.5）または配布エージェント（Cloud Service）、時刻のずれ、プロキシ。何も書き込みません。--run-tests を指定すると、エージェントの Test Connection リクエストも送信します。終了コードは、失敗したチェックがなければ 0、あれば 1、AEM に到達できない場合は 3 です。</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>このヘルプを表示します。</translation>
    </message>
    <message>
        <source>Print one JSON object on stdout: ok, deployment, version, state, tenant, durationMs, toolVersion, checks (id, status, severity, title, evidence, remedy).</source>
        <translation>標準出力に JSON オブジェクトを 1 つ出力します: ok、deployment、version、state、tenant、durationMs、toolVersion、checks（id、status、severity、title、evidence、remedy）。</translation>
    </message>
    <message>
        <source>Run only these checks (comma-separated ids; see --list-checks).</source>
        <translation>指定したチェックのみを実行します（カンマ区切りの ID。--list-checks を参照）。</translation>
    </message>
    <message>
        <source>IDS</source>
        <translation>IDS</translation>
    </message>
    <message>
        <source>List the checks (id, severity, title) and exit.</source>
        <translation>チェックの一覧（ID、重大度、タイトル）を表示して終了します。</translation>
    </message>
    <message>
        <source>Also run the agents&apos; Test Connection (it sends a test package through each agent; the only requests diagnose may send that are not reads).</source>
        <translation>エージェントの Test Connection も実行します（各エージェントを通じてテストパッケージを送信します。diagnose が送信しうる、読み取り以外の唯一のリクエストです）。</translation>
    </message>
    <message>
        <source> (see bpsetup diagnose --help)</source>
        <translation> （bpsetup diagnose --help を参照）</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot; (see bpsetup diagnose --help).</source>
        <translation>予期しない引数「%1」です（bpsetup diagnose --help を参照）。</translation>
    </message>
    <message>
        <source>Unknown check &quot;%1&quot; (bpsetup diagnose --list-checks lists them).</source>
        <translation>不明なチェック「%1」です（bpsetup diagnose --list-checks で一覧を表示できます）。</translation>
    </message>
    <message>
        <source>Also write the report as one self-contained HTML file (opens offline, prints well; no secret can reach it).</source>
        <translation>レポートを単一の自己完結型 HTML ファイルとしても書き出します（オフラインで開くことができ、印刷にも適しています。シークレットが含まれることはありません）。</translation>
    </message>
    <message>
        <source>FILE.html</source>
        <translation>FILE.html</translation>
    </message>
    <message>
        <source>Replace host names and tenant names with stable placeholders (aem-host-1, tenant-1) in the report and the JSON, so a customer can send it.</source>
        <translation>レポートと JSON 内のホスト名とテナント名を、固定のプレースホルダー（aem-host-1、tenant-1）に置き換えます。これにより、顧客がそのまま送付できます。</translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation>レポートを %1 に書き込みました</translation>
    </message>
    <message>
        <source>Password for the instances of %1: </source>
        <translation>%1 のインスタンスのパスワード: </translation>
    </message>
    <message>
        <source>--password-stdin was given but stdin had no password.</source>
        <translation>--password-stdin が指定されましたが、標準入力にパスワードがありませんでした。</translation>
    </message>
    <message>
        <source>The inventory lists URLs: give their password with --password-stdin (one for all) or BPSETUP_AEM_PASSWORD, or list saved profiles instead.</source>
        <translation>インベントリに URL が記載されています。--password-stdin（全インスタンス共通で 1 つ）または BPSETUP_AEM_PASSWORD でパスワードを指定するか、代わりに保存済みのプロファイルを記載してください。</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>インスタンス</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>バージョン</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Failing checks</source>
        <translation>失敗したチェック</translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s):</source>
        <translation>
            <numerusform>%n 個のインスタンス:</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 without failures, %2 with failing checks, %3 not reached.</source>
        <translation>失敗なし %1、チェック失敗あり %2、到達不可 %3。</translation>
    </message>
    <message>
        <source>Diagnose every instance FILE lists (CSV with a header name,url,user,profile, or a JSON array of such objects): passwords from the profiles&apos; keychain entries or one --password-stdin for all.</source>
        <translation>FILE に記載されたすべてのインスタンスを診断します（ヘッダー name,url,user,profile を持つ CSV、またはそのようなオブジェクトの JSON 配列）。パスワードは、プロファイルのキーチェーンエントリから、または全インスタンス共通の 1 つの --password-stdin から読み取ります。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>With --inventory: seconds one instance may take before it is reported as timed out (default 120).</source>
        <translation>--inventory 使用時: 1 つのインスタンスがタイムアウトとして報告されるまでの秒数（デフォルト 120）。</translation>
    </message>
    <message>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <source>--inventory lists the instances: leave out --aem and --profile.</source>
        <translation>インスタンスは --inventory で指定します。--aem と --profile は省略してください。</translation>
    </message>
    <message>
        <source>--%1 takes a number from 1 to %2, not &quot;%3&quot;.</source>
        <translation>--%1 には 1 から %2 までの数値を指定してください（「%3」は無効です）。</translation>
    </message>
    <message>
        <source>--parallel and --instance-timeout go with --inventory.</source>
        <translation>--parallel と --instance-timeout は --inventory と一緒に使用します。</translation>
    </message>
    <message>
        <source>With --inventory: how many instances at a time (default 16).</source>
        <translation>--inventory 使用時: 同時に処理するインスタンス数（デフォルト 16）。</translation>
    </message>
</context>
<context>
    <name>DiagnoseHtml</name>
    <message>
        <source>pass</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>fail</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>スキップ</translation>
    </message>
    <message>
        <source>AEM author</source>
        <translation>AEM オーサー</translation>
    </message>
    <message>
        <source>IMS configuration</source>
        <translation>IMS 設定</translation>
    </message>
    <message>
        <source>Adobe IMS</source>
        <translation>Adobe IMS</translation>
    </message>
    <message>
        <source>Brand Portal tenant</source>
        <translation>Brand Portal テナント</translation>
    </message>
    <message>
        <source>Agents and queues</source>
        <translation>エージェントとキュー</translation>
    </message>
    <message>
        <source>The connection chain and the result of each link</source>
        <translation>接続チェーンと各リンクの結果</translation>
    </message>
    <message>
        <source>Brand Portal diagnosis: %1</source>
        <translation>Brand Portal の診断: %1</translation>
    </message>
    <message>
        <source>Brand Portal connection diagnosis</source>
        <translation>Brand Portal 接続の診断</translation>
    </message>
    <message numerus="yes">
        <source>✖ %n check(s) failed: publishing to Brand Portal is affected.</source>
        <translation>
            <numerusform>✖ %n 件のチェックが失敗しました。Brand Portal への公開に影響があります。</numerusform>
        </translation>
    </message>
    <message>
        <source>✔ No check failed.</source>
        <translation>✔ 失敗したチェックはありません。</translation>
    </message>
    <message>
        <source>%1 passed, %2 warned, %3 failed, %4 skipped.</source>
        <translation>合格 %1、警告 %2、失敗 %3、スキップ %4。</translation>
    </message>
    <message>
        <source>To fix:</source>
        <translation>修正が必要な項目:</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>チェック</translation>
    </message>
    <message>
        <source>What to do:</source>
        <translation>対処方法:</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>環境</translation>
    </message>
    <message>
        <source>AEM</source>
        <translation>AEM</translation>
    </message>
    <message>
        <source>Deployment</source>
        <translation>デプロイメント</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>バージョン</translation>
    </message>
    <message>
        <source>not read</source>
        <translation>読み取れず</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>テナント</translation>
    </message>
    <message>
        <source>none found</source>
        <translation>見つかりません</translation>
    </message>
    <message>
        <source>Diagnosis took</source>
        <translation>診断の所要時間</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>ツール</translation>
    </message>
    <message>
        <source>Generated</source>
        <translation>生成日時</translation>
    </message>
    <message>
        <source>Made by bpsetup diagnose, which only reads from AEM. Passwords, tokens, keys and secrets are removed before this page is written.</source>
        <translation>AEM から読み取るだけの bpsetup diagnose で作成しました。パスワード、トークン、鍵、シークレットは、このページを書き出す前に削除されています。</translation>
    </message>
    <message>
        <source>The report could not be written to %1: %2</source>
        <translation>レポートを %1 に書き込めませんでした: %2</translation>
    </message>
    <message>
        <source>Choose a folder you can write to, with free space.</source>
        <translation>書き込み可能で、空き容量のあるフォルダーを選択してください。</translation>
    </message>
    <message numerus="yes">
        <source>Brand Portal diagnosis of %n instance(s)</source>
        <translation>
            <numerusform>%n 個のインスタンスの Brand Portal 診断</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 without failures, %2 with failing checks, %3 not reached.</source>
        <translation>失敗なし %1、チェック失敗あり %2、到達不可 %3。</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>インスタンス</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Failing checks</source>
        <translation>失敗したチェック</translation>
    </message>
    <message>
        <source>no failure</source>
        <translation>失敗なし</translation>
    </message>
    <message>
        <source>failing</source>
        <translation>失敗あり</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>タイムアウト</translation>
    </message>
    <message>
        <source>not reached</source>
        <translation>到達不可</translation>
    </message>
</context>
<context>
    <name>DiagnoseText</name>
    <message>
        <source>PASS</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>WARN</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>SKIP</source>
        <translation>スキップ</translation>
    </message>
    <message>
        <source>AEM:</source>
        <translation>AEM:</translation>
    </message>
    <message>
        <source>Deployment:</source>
        <translation>デプロイメント:</translation>
    </message>
    <message>
        <source>Configuration:</source>
        <translation>設定:</translation>
    </message>
    <message>
        <source>tenant %1</source>
        <translation>テナント %1</translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation>対処方法: %1</translation>
    </message>
    <message>
        <source>%1 checks: %2 passed, %3 warned, %4 failed, %5 skipped (%6 ms).</source>
        <translation>チェック %1 件: 合格 %2、警告 %3、失敗 %4、スキップ %5（%6 ms）。</translation>
    </message>
</context>
<context>
    <name>HotfixStep</name>
    <message>
        <source>Reading the package list</source>
        <translation>パッケージリストを読み取っています</translation>
    </message>
    <message>
        <source>Allow /crx/packmgr in the dispatcher, or connect to the author directly.</source>
        <translation>Dispatcher で /crx/packmgr を許可するか、オーサーに直接接続してください。</translation>
    </message>
    <message>
        <source>%1: Package Manager refused: %2</source>
        <translation>%1: Package Manager が拒否しました: %2</translation>
    </message>
    <message>
        <source>Look at AEM&apos;s error.log and at Package Manager (/crx/packmgr), then run again.</source>
        <translation>AEM の error.log と Package Manager（/crx/packmgr）を確認してから、もう一度実行してください。</translation>
    </message>
    <message>
        <source>OAuth compatibility hotfix (content package)</source>
        <translation>OAuth 互換ホットフィックス（コンテンツパッケージ）</translation>
    </message>
    <message>
        <source>The hotfix is installed already.</source>
        <translation>ホットフィックスはすでにインストールされています。</translation>
    </message>
    <message>
        <source>The package is uploaded but not installed; it is uploaded again and installed with Package Manager.</source>
        <translation>パッケージはアップロード済みですが、インストールされていません。Package Manager で再度アップロードしてインストールします。</translation>
    </message>
    <message>
        <source>AEM 6.5.11.0 to 6.5.20.0 need it for OAuth Server-to-Server; it is uploaded and installed with Package Manager.</source>
        <translation>AEM 6.5.11.0 から 6.5.20.0 までで OAuth Server-to-Server を使用するには、これが必要です。Package Manager でアップロードしてインストールします。</translation>
    </message>
    <message>
        <source>Uploading %1</source>
        <translation>%1 をアップロードしています</translation>
    </message>
    <message>
        <source>Installing %1</source>
        <translation>%1 をインストールしています</translation>
    </message>
    <message>
        <source>The package list shows %1 uploaded but not installed.</source>
        <translation>パッケージリストでは、%1 はアップロード済みですがインストールされていません。</translation>
    </message>
    <message>
        <source>The package list does not show %1.</source>
        <translation>パッケージリストに %1 がありません。</translation>
    </message>
    <message>
        <source>Uninstalling %1</source>
        <translation>%1 をアンインストールしています</translation>
    </message>
    <message>
        <source>Deleting %1</source>
        <translation>%1 を削除しています</translation>
    </message>
</context>
<context>
    <name>ImsCustomizerStep</name>
    <message>
        <source>IMS configuration (client secret)</source>
        <translation>IMS 設定（クライアントシークレット）</translation>
    </message>
    <message>
        <source>(new) %1</source>
        <translation>（新規）%1</translation>
    </message>
    <message>
        <source>The secret is stored encrypted by AEM (/system/console/crypto).</source>
        <translation>シークレットは AEM によって暗号化されて保存されます（/system/console/crypto）。</translation>
    </message>
    <message>
        <source>The secret is stored as AEM&apos;s configuration value.</source>
        <translation>シークレットは AEM の設定値として保存されます。</translation>
    </message>
    <message>
        <source>The stored secret works: the instance&apos;s Test Connection obtains a token with it.</source>
        <translation>保存されているシークレットは有効です。インスタンスの Test Connection で、このシークレットを使ってトークンを取得できます。</translation>
    </message>
    <message>
        <source>The stored secret could not be shown to work; it is replaced with the validated one.</source>
        <translation>保存されているシークレットが有効であることを確認できませんでした。検証済みのシークレットに置き換えます。</translation>
    </message>
    <message>
        <source>Encrypting the client secret on the instance</source>
        <translation>インスタンス上でクライアントシークレットを暗号化しています</translation>
    </message>
    <message>
        <source>Saving the client secret</source>
        <translation>クライアントシークレットを保存しています</translation>
    </message>
    <message>
        <source>The client secret configuration (%1) is not in %2.</source>
        <translation>クライアントシークレットの設定（%1）が %2 にありません。</translation>
    </message>
    <message>
        <source>The client secret reads back differently from what was written.</source>
        <translation>読み戻したクライアントシークレットが、書き込んだ値と異なります。</translation>
    </message>
    <message>
        <source>Rotation: the stored secret is replaced with the credential&apos;s other secret, which IMS accepted.</source>
        <translation>ローテーション: 保存されているシークレットを、IMS が受け入れた資格情報のもう一方のシークレットに置き換えます。</translation>
    </message>
</context>
<context>
    <name>ImsProviderStep</name>
    <message>
        <source>IMS configuration (access token provider)</source>
        <translation>IMS 設定（アクセストークンプロバイダー）</translation>
    </message>
    <message>
        <source>(new) %1</source>
        <translation>（新規）%1</translation>
    </message>
    <message>
        <source>An IMS configuration for this client id exists; it is reused.</source>
        <translation>このクライアント ID の IMS 設定が存在するため、再利用します。</translation>
    </message>
    <message>
        <source>Cloud Solution Adobe Brand Portal, authentication OAuth Server-to-Server.</source>
        <translation>Cloud Solution: Adobe Brand Portal、認証: OAuth Server-to-Server。</translation>
    </message>
    <message>
        <source>Saving the IMS configuration</source>
        <translation>IMS 設定を保存しています</translation>
    </message>
    <message>
        <source>The IMS configuration %1 is not in %2.</source>
        <translation>IMS 設定 %1 が %2 にありません。</translation>
    </message>
    <message>
        <source>The IMS configuration&apos;s %1 reads back as &quot;%2&quot;, not &quot;%3&quot;.</source>
        <translation>IMS 設定の %1 を読み戻した値が、「%3」ではなく「%2」です。</translation>
    </message>
    <message>
        <source>The JWT configuration of this client id is switched to OAuth Server-to-Server in place (Adobe&apos;s conversion keeps the client id); the old values stay in the backup.</source>
        <translation>このクライアント ID の JWT 設定を、その場で OAuth Server-to-Server に切り替えます（Adobe による変換ではクライアント ID が維持されます）。以前の値はバックアップに残ります。</translation>
    </message>
    <message>
        <source>The IMS configuration still has the JWT property %1.</source>
        <translation>IMS 設定に JWT のプロパティ %1 がまだ残っています。</translation>
    </message>
</context>
<context>
    <name>Inventory</name>
    <message>
        <source>Give a CSV file with a header line (name,url,user,profile) or a JSON array of objects with those keys; each instance needs a profile or a url.</source>
        <translation>ヘッダー行（name,url,user,profile）を持つ CSV ファイル、またはこれらのキーを持つオブジェクトの JSON 配列を指定してください。各インスタンスには profile または url が必要です。</translation>
    </message>
    <message>
        <source>%1 names neither a profile nor a url.</source>
        <translation>%1 には profile も url も指定されていません。</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not an http(s) URL.</source>
        <translation>%1: 「%2」は http(s) の URL ではありません。</translation>
    </message>
    <message>
        <source>The inventory is not valid JSON: %1 (at byte %2).</source>
        <translation>インベントリが有効な JSON ではありません: %1（%2 バイト目）。</translation>
    </message>
    <message>
        <source>Instance %1</source>
        <translation>インスタンス %1</translation>
    </message>
    <message>
        <source>Line %1: the header must name the columns (name, url, user, profile), not &quot;%2&quot;.</source>
        <translation>%1 行目: ヘッダーには「%2」ではなく、列名（name、url、user、profile）を指定する必要があります。</translation>
    </message>
    <message>
        <source>Line %1</source>
        <translation>%1 行目</translation>
    </message>
    <message>
        <source>The inventory lists no instance.</source>
        <translation>インベントリにインスタンスが記載されていません。</translation>
    </message>
</context>
<context>
    <name>KeyPairGenerator</name>
    <message>
        <source>The certificate must be valid for 1 to %1 days (Developer Console&apos;s own key pairs last 365 days).</source>
        <translation>証明書の有効期間は 1 日から %1 日の範囲で指定する必要があります（Developer Console 自体が生成するキーペアの有効期間は 365 日です）。</translation>
    </message>
    <message>
        <source>The certificate name (CN) must be 1 to %1 characters.</source>
        <translation>証明書の名前（CN）は 1 文字から %1 文字の範囲にする必要があります。</translation>
    </message>
    <message>
        <source>Could not generate the key pair.</source>
        <translation>キーペアを生成できませんでした。</translation>
    </message>
</context>
<context>
    <name>KeygenCommand</name>
    <message>
        <source>Generates an RSA 2048 private key and a self-signed certificate for a Developer Console service account (JWT) credential: upload certificate_pub.crt, keep private.key secret.</source>
        <translation>Developer Console のサービスアカウント（JWT）資格情報用に、RSA 2048 の秘密鍵と自己署名証明書を生成します。certificate_pub.crt をアップロードし、private.key は秘密にしておいてください。</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>このヘルプを表示します。</translation>
    </message>
    <message>
        <source>Folder for private.key and certificate_pub.crt (created if missing).</source>
        <translation>private.key と certificate_pub.crt を保存するフォルダー（存在しない場合は作成されます）。</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>DIR</translation>
    </message>
    <message>
        <source>Certificate validity in days, 1 to 3650 (default %1).</source>
        <translation>証明書の有効期間（日数。1 から 3650、デフォルト %1）。</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Certificate common name (default bpsetup).</source>
        <translation>証明書のコモンネーム（デフォルト bpsetup）。</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>Replace existing files. The old key stops working once its certificate is removed from Developer Console.</source>
        <translation>既存のファイルを置き換えます。古い鍵は、その証明書が Developer Console から削除されると機能しなくなります。</translation>
    </message>
    <message>
        <source>Print one JSON object on stdout.</source>
        <translation>標準出力に JSON オブジェクトを 1 つ出力します。</translation>
    </message>
    <message>
        <source> (see bpsetup keygen --help)</source>
        <translation> （bpsetup keygen --help を参照）</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot; (see bpsetup keygen --help).</source>
        <translation>予期しない引数「%1」です（bpsetup keygen --help を参照）。</translation>
    </message>
    <message>
        <source>--out DIR is required: the folder for private.key and certificate_pub.crt.</source>
        <translation>--out DIR は必須です（private.key と certificate_pub.crt を保存するフォルダー）。</translation>
    </message>
    <message>
        <source>--days takes a whole number of days from 1 to 3650.</source>
        <translation>--days には 1 から 3650 までの整数の日数を指定してください。</translation>
    </message>
    <message>
        <source>Choose another --out folder, or add --force to replace it (a key already in use stops working once its certificate is removed from Developer Console).</source>
        <translation>別の --out フォルダーを選択するか、--force を追加して置き換えてください（使用中の鍵は、その証明書が Developer Console から削除されると機能しなくなります）。</translation>
    </message>
    <message>
        <source>Generated an RSA 2048 key pair.</source>
        <translation>RSA 2048 のキーペアを生成しました。</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>サブジェクト:</translation>
    </message>
    <message>
        <source>Expires:</source>
        <translation>有効期限:</translation>
    </message>
    <message>
        <source>%1 (in %2 days)</source>
        <translation>%1（%2 日後）</translation>
    </message>
    <message>
        <source>SHA-256:</source>
        <translation>SHA-256:</translation>
    </message>
    <message>
        <source>Private key:</source>
        <translation>秘密鍵:</translation>
    </message>
    <message>
        <source>%1 (mode 0600)</source>
        <translation>%1（モード 0600）</translation>
    </message>
    <message>
        <source>Certificate:</source>
        <translation>証明書:</translation>
    </message>
    <message>
        <source>Next: upload %1 to the credential in Adobe Developer Console; keep %2 secret (Adobe never has a copy, so store it safely).</source>
        <translation>次の手順: Adobe Developer Console で %1 を資格情報にアップロードしてください。%2 は秘密にしておいてください（Adobe はコピーを保持しないため、安全に保管してください）。</translation>
    </message>
</context>
<context>
    <name>NetworkSettings</name>
    <message>
        <source>Enter the address of the AEM author instance, for example https://author.example.com or http://localhost:4502.</source>
        <translation>AEM オーサーインスタンスのアドレスを入力してください（例: https://author.example.com、http://localhost:4502）。</translation>
    </message>
    <message>
        <source>The address &quot;%1&quot; has no scheme. Start it with https:// (or http:// for a local instance), for example https://%1.</source>
        <translation>アドレス「%1」にスキームがありません。https://（ローカルインスタンスの場合は http://）で始めてください（例: https://%1）。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid address: %2</source>
        <translation>「%1」は有効なアドレスではありません: %2</translation>
    </message>
    <message>
        <source>The address must start with https:// or http://, not %1://.</source>
        <translation>アドレスは %1:// ではなく、https:// または http:// で始める必要があります。</translation>
    </message>
    <message>
        <source>The address &quot;%1&quot; has no host name.</source>
        <translation>アドレス「%1」にホスト名がありません。</translation>
    </message>
    <message>
        <source>Do not put the user name or password in the address; use the separate fields.</source>
        <translation>アドレスにユーザー名やパスワードを含めないでください。それぞれ専用のフィールドを使用してください。</translation>
    </message>
    <message>
        <source>Give the server root without a path (for example %1://%2), not a page such as %3.</source>
        <translation>%3 のようなページではなく、パスを含まないサーバーのルートを指定してください（例: %1://%2）。</translation>
    </message>
    <message>
        <source>Remove the query or fragment (after ? or #) from the address.</source>
        <translation>アドレスからクエリまたはフラグメント（? または # 以降）を削除してください。</translation>
    </message>
    <message>
        <source>The proxy &quot;%1&quot; is not valid; use http://host:port or socks5://host:port.</source>
        <translation>プロキシ「%1」は有効ではありません。http://host:port または socks5://host:port を使用してください。</translation>
    </message>
    <message>
        <source>Only http:// and socks5:// proxies are supported, not %1://.</source>
        <translation>サポートされるプロキシは http:// と socks5:// のみです（%1:// は使用できません）。</translation>
    </message>
    <message>
        <source>The proxy address needs a port, for example http://proxy.example.com:3128.</source>
        <translation>プロキシのアドレスにはポートが必要です（例: http://proxy.example.com:3128）。</translation>
    </message>
    <message>
        <source>The timeout &quot;%1&quot; is not a number of seconds from 0.01 to %2.</source>
        <translation>タイムアウト「%1」は、0.01 から %2 までの秒数ではありません。</translation>
    </message>
    <message>
        <source>The CA file %1 contains no certificate (PEM or DER expected).</source>
        <translation>CA ファイル %1 に証明書が含まれていません（PEM または DER が必要です）。</translation>
    </message>
</context>
<context>
    <name>PackageBackup</name>
    <message>
        <source>Creating the backup package</source>
        <translation>バックアップパッケージを作成しています</translation>
    </message>
    <message>
        <source>Setting the backup package&apos;s filter</source>
        <translation>バックアップパッケージのフィルターを設定しています</translation>
    </message>
    <message>
        <source>Building the backup package</source>
        <translation>バックアップパッケージをビルドしています</translation>
    </message>
    <message>
        <source>Downloading the backup package</source>
        <translation>バックアップパッケージをダウンロードしています</translation>
    </message>
    <message>
        <source>The backup package %1 downloaded from AEM is not a usable zip file.</source>
        <translation>AEM からダウンロードしたバックアップパッケージ %1 は、使用できる zip ファイルではありません。</translation>
    </message>
</context>
<context>
    <name>Plan</name>
    <message>
        <source>The plan file is not a bpsetup plan: %1</source>
        <translation>プランファイルが bpsetup のプランではありません: %1</translation>
    </message>
    <message>
        <source>Make a new plan with `bpsetup plan --json &gt; FILE`.</source>
        <translation>`bpsetup plan --json &gt; FILE` で新しいプランを作成してください。</translation>
    </message>
    <message>
        <source>unsupported schemaVersion.</source>
        <translation>サポートされていない schemaVersion です。</translation>
    </message>
    <message>
        <source>steps, prerequisites or fingerprint missing.</source>
        <translation>steps、prerequisites、または fingerprint がありません。</translation>
    </message>
    <message>
        <source>a step is not an object.</source>
        <translation>ステップがオブジェクトではありません。</translation>
    </message>
    <message>
        <source>a prerequisite is not an object.</source>
        <translation>前提条件がオブジェクトではありません。</translation>
    </message>
    <message>
        <source>Plan for %1 (AEM %2): %3</source>
        <translation>%1 のプラン（AEM %2）: %3</translation>
    </message>
    <message>
        <source>version unknown</source>
        <translation>バージョン不明</translation>
    </message>
    <message>
        <source>BLOCKED: %1</source>
        <translation>ブロック: %1</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>注意: %1</translation>
    </message>
    <message>
        <source>  What to do: %1</source>
        <translation>  対処方法: %1</translation>
    </message>
    <message>
        <source>Nothing will be changed until the blocking prerequisites are resolved.</source>
        <translation>ブロックしている前提条件が解消されるまで、何も変更されません。</translation>
    </message>
    <message>
        <source>Nothing to do: the configuration is already in place.</source>
        <translation>実行することはありません。設定はすでに完了しています。</translation>
    </message>
    <message>
        <source>A backup of every object above is saved under %1 before the first change.</source>
        <translation>最初の変更の前に、上記のすべてのオブジェクトのバックアップが %1 に保存されます。</translation>
    </message>
</context>
<context>
    <name>PlanCommand</name>
    <message>
        <source>Show this help.</source>
        <translation>このヘルプを表示します。</translation>
    </message>
    <message>
        <source>Print one JSON object on stdout.</source>
        <translation>標準出力に JSON オブジェクトを 1 つ出力します。</translation>
    </message>
    <message>
        <source> (see bpsetup plan --help)</source>
        <translation> （bpsetup plan --help を参照）</translation>
    </message>
    <message>
        <source>Reading %1 and checking the credential with Adobe IMS…</source>
        <translation>%1 を読み取り、Adobe IMS で資格情報をチェックしています…</translation>
    </message>
    <message>
        <source>Shows what creating the Brand Portal configuration on an AEM 6.5 / 6.5 LTS author (or upgrading the existing one) would change: the prerequisites, then each object with its field-level diff (secrets as ***). Read-only: sends no write request.</source>
        <translation>AEM 6.5 / 6.5 LTS のオーサーで Brand Portal 設定を作成した場合（または既存の設定をアップグレードした場合）に何が変更されるかを表示します。前提条件に続いて、各オブジェクトのフィールド単位の差分を表示します（シークレットは *** と表示）。読み取り専用で、書き込みリクエストは送信しません。</translation>
    </message>
</context>
<context>
    <name>PrivateKey</name>
    <message>
        <source>No certificate was given. Use certificate_pub.crt, the file uploaded to Developer Console.</source>
        <translation>証明書が指定されていません。Developer Console にアップロードしたファイル certificate_pub.crt を使用してください。</translation>
    </message>
    <message>
        <source>The certificate file is far too large to be a certificate.</source>
        <translation>ファイルが大きすぎるため、証明書ではありません。</translation>
    </message>
    <message>
        <source>This is a private key, not a certificate. Use certificate_pub.crt, the file uploaded to Developer Console.</source>
        <translation>これは証明書ではなく秘密鍵です。Developer Console にアップロードしたファイル certificate_pub.crt を使用してください。</translation>
    </message>
    <message>
        <source>This is not a certificate (it has no BEGIN CERTIFICATE line). Use certificate_pub.crt, the file uploaded to Developer Console.</source>
        <translation>これは証明書ではありません（BEGIN CERTIFICATE 行がありません）。Developer Console にアップロードしたファイル certificate_pub.crt を使用してください。</translation>
    </message>
    <message>
        <source>The certificate could not be read: it is damaged or not an X.509 certificate (PEM or DER).</source>
        <translation>証明書を読み取れませんでした。破損しているか、X.509 証明書（PEM または DER）ではありません。</translation>
    </message>
    <message>
        <source>No private key was given. Paste the contents of private.key or choose the file.</source>
        <translation>秘密鍵が指定されていません。private.key の内容を貼り付けるか、ファイルを選択してください。</translation>
    </message>
    <message>
        <source>The private key file is far too large to be a key.</source>
        <translation>ファイルが大きすぎるため、秘密鍵ではありません。</translation>
    </message>
    <message>
        <source>This does not look like a PEM private key. Paste the whole file including the BEGIN/END lines (-----BEGIN PRIVATE KEY----- … -----END PRIVATE KEY-----).</source>
        <translation>PEM 形式の秘密鍵ではないようです。BEGIN/END 行を含むファイル全体を貼り付けてください（-----BEGIN PRIVATE KEY----- … -----END PRIVATE KEY-----）。</translation>
    </message>
    <message>
        <source>This is an OpenSSH key, which cannot be used here. Convert it with &quot;ssh-keygen -p -m PEM -f FILE&quot; or generate a new RSA 2048 key pair.</source>
        <translation>これは OpenSSH の鍵で、ここでは使用できません。&quot;ssh-keygen -p -m PEM -f FILE&quot; で変換するか、新しい RSA 2048 のキーペアを生成してください。</translation>
    </message>
    <message>
        <source>This is a certificate (BEGIN CERTIFICATE), not the private key. Use the private key file (private.key) made together with it.</source>
        <translation>これは秘密鍵ではなく証明書（BEGIN CERTIFICATE）です。証明書と一緒に作成された秘密鍵ファイル（private.key）を使用してください。</translation>
    </message>
    <message>
        <source>This is a public key, not the private key. Use the private key file (private.key). Developer Console never keeps the private key; if it is lost, generate a new key pair.</source>
        <translation>これは秘密鍵ではなく公開鍵です。秘密鍵ファイル（private.key）を使用してください。Developer Console が秘密鍵を保持することはありません。紛失した場合は、新しいキーペアを生成してください。</translation>
    </message>
    <message>
        <source>This is not a private key (it starts with BEGIN %1). Paste the private key file, which starts with BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY.</source>
        <translation>これは秘密鍵ではありません（BEGIN %1 で始まっています）。BEGIN PRIVATE KEY または BEGIN RSA PRIVATE KEY で始まる秘密鍵ファイルを貼り付けてください。</translation>
    </message>
    <message>
        <source>The private key is protected by a passphrase. Enter the passphrase.</source>
        <translation>秘密鍵はパスフレーズで保護されています。パスフレーズを入力してください。</translation>
    </message>
    <message>
        <source>The passphrase does not unlock this private key. Check it and try again.</source>
        <translation>このパスフレーズでは秘密鍵のロックを解除できません。確認して、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The private key could not be read: the PEM text is damaged or incomplete. Paste the whole file again, including the BEGIN/END lines.</source>
        <translation>秘密鍵を読み取れませんでした。PEM テキストが破損しているか、不完全です。BEGIN/END 行を含むファイル全体をもう一度貼り付けてください。</translation>
    </message>
    <message>
        <source>This is an %1 key, but Adobe needs an RSA key (2048 bits or more). Generate a new RSA 2048 key pair and upload its certificate to Developer Console.</source>
        <translation>これは %1 の鍵ですが、Adobe では RSA の鍵（2048 ビット以上）が必要です。新しい RSA 2048 のキーペアを生成し、その証明書を Developer Console にアップロードしてください。</translation>
    </message>
    <message>
        <source>This RSA key has only %1 bits; Adobe needs at least %2. Generate a new RSA 2048 key pair and upload its certificate to Developer Console.</source>
        <translation>この RSA の鍵は %1 ビットしかありません。Adobe では %2 ビット以上が必要です。新しい RSA 2048 のキーペアを生成し、その証明書を Developer Console にアップロードしてください。</translation>
    </message>
    <message>
        <source>No private key is loaded.</source>
        <translation>秘密鍵が読み込まれていません。</translation>
    </message>
    <message>
        <source>The certificate&apos;s public key could not be read.</source>
        <translation>証明書の公開鍵を読み取れませんでした。</translation>
    </message>
    <message>
        <source>Signing with the private key failed.</source>
        <translation>秘密鍵による署名に失敗しました。</translation>
    </message>
    <message>
        <source>The certificate&apos;s expiry date could not be read.</source>
        <translation>証明書の有効期限を読み取れませんでした。</translation>
    </message>
</context>
<context>
    <name>ProfileCommand</name>
    <message>
        <source>Name a profile command: list, show, save, rename or delete.</source>
        <translation>profile のサブコマンドを指定してください: list、show、save、rename、delete。</translation>
    </message>
    <message>
        <source>Unknown profile command &quot;%1&quot; (list, show, save, rename, delete).</source>
        <translation>不明な profile のサブコマンド「%1」です（list、show、save、rename、delete）。</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>このヘルプを表示します。</translation>
    </message>
    <message>
        <source>%1 (usage: %2)</source>
        <translation>%1（使用法: %2）</translation>
    </message>
    <message>
        <source>Usage: %1</source>
        <translation>使用法: %1</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot; (usage: %2).</source>
        <translation>予期しない引数「%1」です（使用法: %2）。</translation>
    </message>
    <message>
        <source>Print one JSON object on stdout.</source>
        <translation>標準出力に JSON オブジェクトを 1 つ出力します。</translation>
    </message>
    <message>
        <source>No profiles saved yet (bpsetup profile save --help).</source>
        <translation>保存済みのプロファイルはまだありません（bpsetup profile save --help）。</translation>
    </message>
    <message>
        <source>Secrets in %1:</source>
        <translation>%1 内のシークレット:</translation>
    </message>
    <message>
        <source>AEM author address.</source>
        <translation>AEM オーサーのアドレス。</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>AEM user name.</source>
        <translation>AEM のユーザー名。</translation>
    </message>
    <message>
        <source>U</source>
        <translation>U</translation>
    </message>
    <message>
        <source>Read the AEM password from stdin.</source>
        <translation>AEM のパスワードを標準入力から読み取ります。</translation>
    </message>
    <message>
        <source>Read an AEM bearer token from stdin.</source>
        <translation>AEM のベアラートークンを標準入力から読み取ります。</translation>
    </message>
    <message>
        <source>Developer Console credential JSON.</source>
        <translation>Developer Console の資格情報 JSON。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>JWT private key (PEM).</source>
        <translation>JWT の秘密鍵（PEM）。</translation>
    </message>
    <message>
        <source>PEM</source>
        <translation>PEM</translation>
    </message>
    <message>
        <source>Read the private key&apos;s passphrase from stdin (after the password, one per line).</source>
        <translation>秘密鍵のパスフレーズを標準入力から読み取ります（パスワードの次の行。1 行に 1 つ）。</translation>
    </message>
    <message>
        <source>Brand Portal tenant.</source>
        <translation>Brand Portal テナント。</translation>
    </message>
    <message>
        <source>T</source>
        <translation>T</translation>
    </message>
    <message>
        <source>Adobe IMS address.</source>
        <translation>Adobe IMS のアドレス。</translation>
    </message>
    <message>
        <source>Give either --password-stdin or --token-stdin, not both.</source>
        <translation>--password-stdin と --token-stdin は、どちらか一方のみを指定してください。</translation>
    </message>
    <message>
        <source>--aem URL is required for a new profile.</source>
        <translation>新しいプロファイルには --aem URL が必須です。</translation>
    </message>
    <message>
        <source>AEM token: </source>
        <translation>AEM トークン: </translation>
    </message>
    <message>
        <source>AEM password: </source>
        <translation>AEM パスワード: </translation>
    </message>
    <message>
        <source>Nothing was read from stdin.</source>
        <translation>標準入力から何も読み取れませんでした。</translation>
    </message>
    <message>
        <source>%1 is a private key, not a credential file: pass it with --private-key.</source>
        <translation>%1 は資格情報ファイルではなく秘密鍵です。--private-key で指定してください。</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>警告: %1</translation>
    </message>
    <message>
        <source>Passphrase for the private key: </source>
        <translation>秘密鍵のパスフレーズ: </translation>
    </message>
    <message>
        <source>--key-passphrase-stdin was given but stdin had no passphrase.</source>
        <translation>--key-passphrase-stdin が指定されましたが、標準入力にパスフレーズがありませんでした。</translation>
    </message>
    <message>
        <source>Pass the passphrase with --key-passphrase-stdin (after the password, one per line).</source>
        <translation>--key-passphrase-stdin でパスフレーズを渡してください（パスワードの次の行。1 行に 1 つ）。</translation>
    </message>
    <message>
        <source>Saved profile &quot;%1&quot;.</source>
        <translation>プロファイル「%1」を保存しました。</translation>
    </message>
    <message>
        <source>Settings: %1</source>
        <translation>設定: %1</translation>
    </message>
    <message>
        <source>Secrets stored in: %1 (%2)</source>
        <translation>シークレットの保存先: %1（%2）</translation>
    </message>
    <message>
        <source>Not renamed: %1</source>
        <translation>名前は変更されませんでした: %1</translation>
    </message>
    <message>
        <source>Renamed profile &quot;%1&quot; to &quot;%2&quot;.</source>
        <translation>プロファイル「%1」の名前を「%2」に変更しました。</translation>
    </message>
    <message>
        <source>Delete without asking.</source>
        <translation>確認せずに削除します。</translation>
    </message>
    <message>
        <source>Deleting profile &quot;%1&quot; also deletes its secrets from the keychain: add --yes to confirm.</source>
        <translation>プロファイル「%1」を削除すると、そのシークレットもキーチェーンから削除されます。確定するには --yes を追加してください。</translation>
    </message>
    <message>
        <source>Nothing was deleted.</source>
        <translation>何も削除されていません。</translation>
    </message>
    <message>
        <source>The profile and its secrets were kept; fix the problem and try again.</source>
        <translation>プロファイルとそのシークレットは保持されています。問題を修正してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>Deleted profile &quot;%1&quot; and its keychain entries.</source>
        <translation>プロファイル「%1」とそのキーチェーンエントリを削除しました。</translation>
    </message>
    <message>
        <source>%1 is a certificate, not a credential file: pass the JSON downloaded from Developer Console with --credentials.</source>
        <translation>%1 は資格情報ファイルではなく証明書です。Developer Console からダウンロードした JSON を --credentials で指定してください。</translation>
    </message>
    <message>
        <source>Nothing was saved: %1</source>
        <translation>何も保存されていません: %1</translation>
    </message>
    <message>
        <source>Usage:
  bpsetup profile list [--json]
  bpsetup profile show NAME [--json]
  bpsetup profile save NAME --aem URL --user U [--password-stdin | --token-stdin]
                       [--credentials FILE] [--private-key PEM] [--key-passphrase-stdin]
                       [--tenant T] [--ims-url URL] [--json]
  bpsetup profile rename OLD NEW [--json]
  bpsetup profile delete NAME [--yes] [--json]

A profile keeps everything non-secret about a connection in %1; its secrets (AEM password or
token, client secrets, private key, passphrase) go to the OS keychain only. Commands that talk to
AEM or IMS accept --profile NAME and then read the secrets from the keychain. `show` never prints
a secret, only whether it is stored. `delete` also removes the profile&apos;s keychain entries.
</source>
        <translation>使用法:
  bpsetup profile list [--json]
  bpsetup profile show NAME [--json]
  bpsetup profile save NAME --aem URL --user U [--password-stdin | --token-stdin]
                       [--credentials FILE] [--private-key PEM] [--key-passphrase-stdin]
                       [--tenant T] [--ims-url URL] [--json]
  bpsetup profile rename OLD NEW [--json]
  bpsetup profile delete NAME [--yes] [--json]

プロファイルは、接続情報のうちシークレット以外を %1 に保存し、シークレット（AEM のパスワード
またはトークン、クライアントシークレット、秘密鍵、パスフレーズ）は OS のキーチェーンにのみ保存します。
AEM や IMS と通信するコマンドは --profile NAME を受け付け、シークレットをキーチェーンから読み取ります。
`show` はシークレットを表示せず、保存の有無のみを示します。`delete` はキーチェーンエントリも削除します。
</translation>
    </message>
    <message>
        <source>Delete profile &quot;%1&quot; (%2) and its secrets in the keychain?</source>
        <translation>プロファイル「%1」（%2）とキーチェーン内のシークレットを削除しますか？</translation>
    </message>
</context>
<context>
    <name>ProfileStore</name>
    <message>
        <source>&quot;%1&quot; is not a usable profile name: use 1 to 64 letters, digits, spaces, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;.</source>
        <translation>「%1」はプロファイル名として使用できません。文字、数字、スペース、&apos;.&apos;、&apos;_&apos;、&apos;-&apos; を使用して 1 文字から 64 文字で指定してください。</translation>
    </message>
    <message>
        <source>The profiles file %1 is damaged (%2) and could not be moved aside, so it is left as it is and nothing will be saved over it.</source>
        <translation>プロファイルファイル %1 が破損しており（%2）、退避できなかったため、そのまま残します。このファイルへの上書き保存は行いません。</translation>
    </message>
    <message>
        <source>Fix or move the file by hand, then try again.</source>
        <translation>ファイルを手動で修正または移動してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The profiles file was damaged (%1). It was kept as %2 and a new, empty profiles file will be used; secrets in the keychain are untouched.</source>
        <translation>プロファイルファイルが破損していました（%1）。%2 として保存し、新しい空のプロファイルファイルを使用します。キーチェーン内のシークレットは変更されていません。</translation>
    </message>
    <message>
        <source>Look at the kept file to recover the profiles by hand if you need them.</source>
        <translation>プロファイルが必要な場合は、保存したファイルを確認して手動で復元してください。</translation>
    </message>
    <message>
        <source>larger than %1 MiB</source>
        <translation>%1 MiB を超えています</translation>
    </message>
    <message>
        <source>Check the file&apos;s permissions; nothing is saved over it until it can be read.</source>
        <translation>ファイルの権限を確認してください。読み取れるようになるまで、このファイルへの上書き保存は行いません。</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>JSON オブジェクトではありません</translation>
    </message>
    <message>
        <source>its format version is not a whole number this tool understands</source>
        <translation>形式のバージョンが、このツールで扱える整数ではありません</translation>
    </message>
    <message>
        <source>The profiles file %1 was written by a newer bpsetup (format %2; this one knows %3). The profiles can be used, but changes are not saved so nothing of the newer format is lost.</source>
        <translation>プロファイルファイル %1 は新しいバージョンの bpsetup で書き込まれています（形式 %2。このバージョンが対応しているのは %3）。プロファイルは使用できますが、新しい形式の内容が失われないように、変更は保存されません。</translation>
    </message>
    <message>
        <source>Update bpsetup.</source>
        <translation>bpsetup を更新してください。</translation>
    </message>
    <message>
        <source>it has no profiles in a form this tool knows</source>
        <translation>このツールで扱える形式のプロファイルがありません</translation>
    </message>
    <message>
        <source>a profile is not an object</source>
        <translation>プロファイルがオブジェクトではありません</translation>
    </message>
    <message>
        <source>&quot;profiles&quot; is not a list</source>
        <translation>&quot;profiles&quot; がリストではありません</translation>
    </message>
    <message>
        <source>the name &quot;%1&quot; is there twice</source>
        <translation>名前「%1」が重複しています</translation>
    </message>
    <message>
        <source>Not saved: the profiles file was written by a newer bpsetup. Update bpsetup to change profiles.</source>
        <translation>保存されていません。プロファイルファイルは新しいバージョンの bpsetup で書き込まれています。プロファイルを変更するには、bpsetup を更新してください。</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>保存されていません: %1</translation>
    </message>
    <message>
        <source>Not saved: the profiles file could not be backed up before its format is updated (%1).</source>
        <translation>保存されていません。形式を更新する前に、プロファイルファイルをバックアップできませんでした（%1）。</translation>
    </message>
    <message>
        <source>Cannot save the profiles file %1: %2</source>
        <translation>プロファイルファイル %1 を保存できません: %2</translation>
    </message>
    <message>
        <source>A profile named &quot;%1&quot; already exists.</source>
        <translation>「%1」という名前のプロファイルはすでに存在します。</translation>
    </message>
    <message>
        <source>There is no profile named &quot;%1&quot;.</source>
        <translation>「%1」という名前のプロファイルはありません。</translation>
    </message>
</context>
<context>
    <name>QueuesIdleStep</name>
    <message>
        <source>1 item</source>
        <translation>1 件</translation>
    </message>
    <message>
        <source>%1 items</source>
        <translation>%1 件</translation>
    </message>
    <message>
        <source>Reading the queue of the agent %1</source>
        <translation>エージェント %1 のキューを読み取っています</translation>
    </message>
    <message>
        <source>%1 still queued.</source>
        <translation>キューにまだ %1が残っています。</translation>
    </message>
    <message>
        <source>%1 queued on the Brand Portal agents (%2); the oldest, %3, since %4. Deleting the agents now would lose them. Pending: %5</source>
        <translation>Brand Portal エージェントのキューに %1の項目があります（%2）。最も古い項目 %3 は %4 からキューにあります。今エージェントを削除すると、これらの項目は失われます。保留中: %5</translation>
    </message>
    <message>
        <source>an unknown time</source>
        <translation>不明な時刻</translation>
    </message>
    <message>
        <source> and %1 more</source>
        <translation> ほか %1 件</translation>
    </message>
    <message>
        <source>The agent queues are idle.</source>
        <translation>エージェントのキューはアイドル状態です。</translation>
    </message>
    <message>
        <source>Check that the Brand Portal agent queues are idle</source>
        <translation>Brand Portal エージェントのキューがアイドル状態であることを確認</translation>
    </message>
    <message>
        <source>Adobe&apos;s upgrade starts with idle queues: queued items of deleted agents are lost. Checked again right before the first change.</source>
        <translation>Adobe のアップグレード手順は、キューがアイドル状態であることが前提です。削除したエージェントのキュー内の項目は失われます。最初の変更の直前にもう一度チェックします。</translation>
    </message>
    <message>
        <source>%1 idle</source>
        <translation>%1 はアイドル状態</translation>
    </message>
    <message>
        <source>%1: %2 queued</source>
        <translation>%1: キューに %2</translation>
    </message>
    <message>
        <source>Now: %1.</source>
        <translation>現在: %1。</translation>
    </message>
    <message>
        <source>Let the queues drain (Tools › Deployment › Replication › Agents on author: each Brand Portal agent shows &quot;Queue is idle&quot;), or wait for them: the wizard&apos;s Wait for the queues button, or --wait-for-idle SECONDS on the command line. A blocked queue needs its first item fixed or removed. Nothing was changed.</source>
        <translation>キューが空になるまで待つか（Tools › Deployment › Replication › Agents on author で、各 Brand Portal エージェントに「Queue is idle」と表示される状態）、待機機能を使用してください（ウィザードの「キューが空になるまで待機」ボタン、またはコマンドラインの --wait-for-idle SECONDS）。ブロックされたキューは、先頭の項目を修正または削除する必要があります。何も変更されていません。</translation>
    </message>
</context>
<context>
    <name>ReadOptions</name>
    <message>
        <source>Use this AEM version if it cannot be read (cloud, 6.5.x.y, 6.6.x).</source>
        <translation>AEM のバージョンを読み取れない場合に、このバージョンを使用します（cloud、6.5.x.y、6.6.x）。</translation>
    </message>
    <message>
        <source>V</source>
        <translation>V</translation>
    </message>
    <message>
        <source>Recipe JSON overriding the built-in detect and apply entries.</source>
        <translation>組み込みの detect および apply エントリを上書きするレシピ JSON。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
</context>
<context>
    <name>RemoveKeyAliasStep</name>
    <message>
        <source>Looking up the user %1</source>
        <translation>ユーザー %1 を検索しています</translation>
    </message>
    <message>
        <source>Reading the keystore of %1</source>
        <translation>%1 のキーストアを読み取っています</translation>
    </message>
    <message>
        <source>Remove the JWT key alias %1 from the keystore of %2</source>
        <translation>%2 のキーストアから JWT キーエイリアス %1 を削除</translation>
    </message>
    <message>
        <source>Left over from JWT: OAuth Server-to-Server needs no key pair. The keystore is in the backup, so rollback brings the alias back.</source>
        <translation>JWT の残存物です。OAuth Server-to-Server にキーペアは不要です。キーストアはバックアップに含まれるため、ロールバックするとエイリアスが元に戻ります。</translation>
    </message>
    <message>
        <source>alias</source>
        <translation>エイリアス</translation>
    </message>
    <message>
        <source>No such user.</source>
        <translation>該当するユーザーがいません。</translation>
    </message>
    <message>
        <source>Already gone.</source>
        <translation>すでに削除されています。</translation>
    </message>
    <message>
        <source>The keystore of %1 still holds the alias %2.</source>
        <translation>%1 のキーストアにエイリアス %2 がまだ残っています。</translation>
    </message>
    <message>
        <source>Could not check whether the JWT key alias %1 is still in a keystore: %2</source>
        <translation>JWT キーエイリアス %1 がまだキーストアに残っているかどうかをチェックできませんでした: %2</translation>
    </message>
    <message>
        <source>The keystore of %1 still holds the JWT key alias %2, which OAuth Server-to-Server does not use.</source>
        <translation>%1 のキーストアに、OAuth Server-to-Server では使用しない JWT キーエイリアス %2 がまだ残っています。</translation>
    </message>
    <message>
        <source>Remove it with this upgrade: run again with --remove-jwt-key-alias (in the wizard: tick &quot;Also remove the JWT key alias&quot; on the Review page). It is backed up first.</source>
        <translation>このアップグレードで削除してください。--remove-jwt-key-alias を付けてもう一度実行します（ウィザードでは、「変更内容のレビュー」ページで「JWT キーエイリアスも削除」をオンにします）。削除の前にバックアップされます。</translation>
    </message>
    <message>
        <source>Nothing depends on it. To clean up by hand: Tools › Security › Users › %1 › Keystore.</source>
        <translation>これに依存するものはありません。手動でクリーンアップするには: Tools › Security › Users › %1 › Keystore。</translation>
    </message>
</context>
<context>
    <name>RollbackCommand</name>
    <message>
        <source>Restores what one apply changed on an author, from the backup apply saved before its first write (bpsetup backups list). Safe to repeat.</source>
        <translation>1 回の apply でオーサー上で変更された内容を、apply が最初の書き込みの前に保存したバックアップ（bpsetup backups list）から復元します。繰り返し実行しても安全です。</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>このヘルプを表示します。</translation>
    </message>
    <message>
        <source>Print one JSON object on stdout.</source>
        <translation>標準出力に JSON オブジェクトを 1 つ出力します。</translation>
    </message>
    <message>
        <source>The backup to restore.</source>
        <translation>復元するバックアップ。</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Do not ask.</source>
        <translation>確認しません。</translation>
    </message>
    <message>
        <source>Recipe JSON overriding the built-in detect and apply entries.</source>
        <translation>組み込みの detect および apply エントリを上書きするレシピ JSON。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source> (see bpsetup rollback --help)</source>
        <translation> （bpsetup rollback --help を参照）</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot; (see bpsetup rollback --help).</source>
        <translation>予期しない引数「%1」です（bpsetup rollback --help を参照）。</translation>
    </message>
    <message>
        <source>--backup ID is required: one of the ids `bpsetup backups list` shows.</source>
        <translation>--backup ID は必須です（`bpsetup backups list` で表示される ID のいずれか）。</translation>
    </message>
    <message>
        <source>rollback changes AEM and stdin is not a terminal to ask on: pass --yes.</source>
        <translation>rollback は AEM を変更しますが、標準入力が端末ではないため確認を求めることができません。--yes を指定してください。</translation>
    </message>
    <message numerus="yes">
        <source>Restore %n object(s) on %1 to their state of %2?</source>
        <translation>
            <numerusform>%1 の %n 個のオブジェクトを、%2 時点の状態に復元しますか？</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>何も変更されていません。</translation>
    </message>
    <message>
        <source>Rollback was not confirmed.</source>
        <translation>ロールバックは承認されませんでした。</translation>
    </message>
    <message>
        <source>restored</source>
        <translation>復元済み</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Rolled back: the objects are as they were before apply.</source>
        <translation>ロールバックしました。オブジェクトは apply 前の状態に戻っています。</translation>
    </message>
</context>
<context>
    <name>RollbackSession</name>
    <message>
        <source>The backup %1 was made on %2, not on %3.</source>
        <translation>バックアップ %1 は %3 ではなく、%2 で作成されました。</translation>
    </message>
    <message>
        <source>Connect to %1 to roll this backup back, or choose the backup of this instance (bpsetup backups list).</source>
        <translation>このバックアップをロールバックするには %1 に接続するか、このインスタンスのバックアップを選択してください（bpsetup backups list）。</translation>
    </message>
</context>
<context>
    <name>RouteSelector</name>
    <message>
        <source>A Legacy OAuth Gateway configuration exists. Adobe has not supported it for new setups since 2020-04-06; when it misbehaves the fix is to delete it and recreate it through Adobe Developer Console. The upgrade checks that the Brand Portal queues are idle, deletes the old agents, cloud configuration and replication user, and recreates the configuration.</source>
        <translation>Legacy OAuth Gateway の設定が存在します。Adobe は 2020-04-06 以降、新しいセットアップでこれをサポートしていません。正常に動作しない場合は、削除して Adobe Developer Console を介して作成し直すことで解決します。アップグレードでは、Brand Portal のキューがアイドル状態であることを確認し、古いエージェント、クラウド設定、レプリケーションユーザーを削除して、設定を作成し直します。</translation>
    </message>
    <message>
        <source>The IMS configuration still uses a JWT (Service Account) credential. JWT credentials reached end of life on 2025-06-30 and Adobe converted the remaining ones to OAuth Server-to-Server by 2026-03-01, so token exchange through JWT no longer works. Switch the IMS configuration to OAuth: the client ID stays the same; you need the OAuth client secret and scopes from Developer Console.</source>
        <translation>IMS 設定はまだ JWT（サービスアカウント）資格情報を使用しています。JWT 資格情報は 2025-06-30 に提供終了となり、Adobe は残りの資格情報を 2026-03-01 までに OAuth Server-to-Server に変換したため、JWT によるトークン交換は機能しなくなりました。IMS 設定を OAuth に切り替えてください。クライアント ID は変わりません。Developer Console から OAuth のクライアントシークレットとスコープを取得する必要があります。</translation>
    </message>
    <message>
        <source>The IMS configuration uses a JWT (Service Account) credential. JWT credentials reached end of life on 2025-06-30 and are converted to OAuth Server-to-Server at certificate expiry or on 2026-03-01, whichever comes first. Switch the IMS configuration to OAuth now.</source>
        <translation>IMS 設定は JWT（サービスアカウント）資格情報を使用しています。JWT 資格情報は 2025-06-30 に提供終了となり、証明書の有効期限または 2026-03-01 のいずれか早い時点で OAuth Server-to-Server に変換されます。今すぐ IMS 設定を OAuth に切り替えてください。</translation>
    </message>
    <message>
        <source>A Brand Portal configuration with OAuth Server-to-Server already exists: nothing needs migrating. The upgrade path re-verifies it and can rotate its credentials; to look for problems, use Diagnose.</source>
        <translation>OAuth Server-to-Server を使用する Brand Portal 設定がすでに存在するため、移行は不要です。アップグレードを選ぶと、設定を再確認し、資格情報をローテーションできます。問題を調べるには「診断」を使用してください。</translation>
    </message>
    <message>
        <source>A Brand Portal configuration exists but is inconsistent or failing. Adobe&apos;s advice is to delete it and create a new one through Adobe Developer Console; the upgrade path does that with a backup first.</source>
        <translation>Brand Portal 設定は存在しますが、不整合があるか、正常に機能していません。Adobe は、設定を削除して Adobe Developer Console を介して新しく作成することを推奨しています。アップグレードを選ぶと、先にバックアップを作成してからこれを行います。</translation>
    </message>
    <message>
        <source>Install the hotfix %1 (AEM 6.5.11.0 to 6.5.20.0), or upgrade to AEM 6.5.21.0 or later, where OAuth Server-to-Server is built in. Adobe&apos;s pages disagree on whether 6.5.20.0 needs it; the tool follows the majority and treats it as required.</source>
        <translation>ホットフィックス %1 をインストールする（AEM 6.5.11.0 から 6.5.20.0 まで）か、OAuth Server-to-Server が組み込まれている AEM 6.5.21.0 以降にアップグレードしてください。6.5.20.0 でこれが必要かどうかは、Adobe のページによって記載が異なります。このツールは多数の記載に従い、必要として扱います。</translation>
    </message>
    <message>
        <source>Upgrade AEM to 6.5.21.0 or later (or to 6.5.11.0+ with the hotfix %1): this version has no OAuth Server-to-Server option, and new JWT credentials cannot be created since 2024-06-03.</source>
        <translation>AEM を 6.5.21.0 以降（またはホットフィックス %1 を適用した 6.5.11.0 以降）にアップグレードしてください。このバージョンには OAuth Server-to-Server のオプションがなく、2024-06-03 以降は新しい JWT 資格情報を作成できません。</translation>
    </message>
    <message>
        <source>Upgrade AEM to 6.5.21.0 or later (or to 6.5.11.0+ with the hotfix %1) to use OAuth Server-to-Server.</source>
        <translation>OAuth Server-to-Server を使用するには、AEM を 6.5.21.0 以降（またはホットフィックス %1 を適用した 6.5.11.0 以降）にアップグレードしてください。</translation>
    </message>
    <message>
        <source>Could not read the package list to check for the hotfix %1; if AEM is below 6.5.21.0, check in Package Manager that it is installed.</source>
        <translation>ホットフィックス %1 の有無を確認するためのパッケージリストを読み取れませんでした。AEM が 6.5.21.0 より前の場合は、Package Manager でインストールされていることを確認してください。</translation>
    </message>
    <message>
        <source>The AEM version could not be read from any source, so the route cannot be chosen safely. Choose the version by hand (wizard: Connect page; CLI: --aem-version), or ask an administrator to allow /system/console/productinfo or the Package Manager for this user.</source>
        <translation>どのソースからも AEM のバージョンを読み取れなかったため、セットアップ方法を安全に選択できません。バージョンを手動で選択する（ウィザード: 「AEM に接続」ページ、CLI: --aem-version）か、このユーザーに /system/console/productinfo または Package Manager へのアクセスを許可するよう、管理者に依頼してください。</translation>
    </message>
    <message>
        <source>AEM 6.5 with the latest service pack (6.5.21.0 or later), AEM 6.5 LTS, or AEM as a Cloud Service</source>
        <translation>最新のサービスパック（6.5.21.0 以降）を適用した AEM 6.5、AEM 6.5 LTS、または AEM as a Cloud Service</translation>
    </message>
    <message>
        <source>AEM %1 is not supported for Brand Portal setup: Adobe documents it only for AEM as a Cloud Service and AEM 6.5.4.0 and later (6.4, 6.3 and 6.2 have reached end of support). Upgrade to %2.</source>
        <translation>AEM %1 は、Brand Portal のセットアップでサポートされていません。Adobe のドキュメントでは、AEM as a Cloud Service と AEM 6.5.4.0 以降のみが対象です（6.4、6.3、6.2 はサポートが終了しています）。%2 にアップグレードしてください。</translation>
    </message>
    <message>
        <source>AEM as a Cloud Service: Brand Portal is activated from Cloud Manager, which creates the IMS configuration and cloud service itself. A configuration already exists; do not modify the autogenerated settings. Use Diagnose to check it.</source>
        <translation>AEM as a Cloud Service: Brand Portal は Cloud Manager からアクティベートします。IMS 設定とクラウドサービスは Cloud Manager が自動的に作成します。設定はすでに存在します。自動生成された設定は変更しないでください。チェックするには「診断」を使用してください。</translation>
    </message>
    <message>
        <source>AEM as a Cloud Service: activate Brand Portal in Cloud Manager (Environments › Activate Brand Portal) on the production environment; activation creates the IMS configuration and cloud service automatically on the same IMS org. Brand Portal is in maintenance mode: new activations currently go through your Adobe representative.</source>
        <translation>AEM as a Cloud Service: 実稼動環境で、Cloud Manager から Brand Portal をアクティベートしてください（Environments › Activate Brand Portal）。アクティベーションにより、同じ IMS 組織に IMS 設定とクラウドサービスが自動的に作成されます。Brand Portal はメンテナンスモードのため、現在、新規のアクティベーションは Adobe の担当者を通じて行われます。</translation>
    </message>
    <message>
        <source>the latest AEM 6.5 service pack (at least 6.5.4.0; 6.5.21.0 or later adds OAuth Server-to-Server)</source>
        <translation>最新の AEM 6.5 サービスパック（6.5.4.0 以上。6.5.21.0 以降では OAuth Server-to-Server が追加されます）</translation>
    </message>
    <message>
        <source>AEM %1 is older than 6.5.4.0, the first version that can be connected to Brand Portal through Adobe Developer Console. Install %2, then run this tool again.</source>
        <translation>AEM %1 は、Adobe Developer Console を介して Brand Portal に接続できる最初のバージョンである 6.5.4.0 より古いバージョンです。%2 をインストールしてから、このツールをもう一度実行してください。</translation>
    </message>
    <message>
        <source>The existing Brand Portal configuration could not be read, so it is unclear whether to create or upgrade. Connect as an administrator (the user needs read access to /conf, /etc, /apps/system/config and /home/users).</source>
        <translation>既存の Brand Portal 設定を読み取れなかったため、作成とアップグレードのどちらを行うべきか判断できません。管理者として接続してください（ユーザーには /conf、/etc、/apps/system/config、/home/users への読み取り権限が必要です）。</translation>
    </message>
    <message>
        <source>No Brand Portal configuration yet. AEM 6.5 LTS supports OAuth Server-to-Server only: create an OAuth Server-to-Server credential with the AEM Brand Portal API and the Assets Brand Portal product profile in Adobe Developer Console, then create the IMS configuration and the Brand Portal cloud configuration.</source>
        <translation>Brand Portal 設定はまだありません。AEM 6.5 LTS は OAuth Server-to-Server のみをサポートしています。Adobe Developer Console で、AEM Brand Portal API と Assets Brand Portal 製品プロファイルを含む OAuth Server-to-Server 資格情報を作成してから、IMS 設定と Brand Portal クラウド設定を作成してください。</translation>
    </message>
    <message>
        <source>No Brand Portal configuration yet. Create an OAuth Server-to-Server credential with the AEM Brand Portal API and the Assets Brand Portal product profile in Adobe Developer Console, then create the IMS configuration and the Brand Portal cloud configuration.</source>
        <translation>Brand Portal 設定はまだありません。Adobe Developer Console で、AEM Brand Portal API と Assets Brand Portal 製品プロファイルを含む OAuth Server-to-Server 資格情報を作成してから、IMS 設定と Brand Portal クラウド設定を作成してください。</translation>
    </message>
    <message>
        <source>Activate Brand Portal</source>
        <translation>Brand Portal のアクティベート</translation>
    </message>
    <message>
        <source>Create configuration</source>
        <translation>設定の作成</translation>
    </message>
    <message>
        <source>Upgrade configuration</source>
        <translation>設定のアップグレード</translation>
    </message>
    <message>
        <source>Not supported</source>
        <translation>サポート対象外</translation>
    </message>
    <message>
        <source>Cannot be determined</source>
        <translation>判定できません</translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>No D-Bus session: the keychain cannot be reached. Run bpsetup inside a desktop session, or start one with dbus-run-session.</source>
        <translation>D-Bus セッションがないため、キーチェーンにアクセスできません。デスクトップセッション内で bpsetup を実行するか、dbus-run-session でセッションを開始してください。</translation>
    </message>
    <message>
        <source>No keychain service: install gnome-keyring (or KWallet) and log in again.</source>
        <translation>キーチェーンサービスがありません。gnome-keyring（または KWallet）をインストールして、ログインし直してください。</translation>
    </message>
    <message>
        <source>The login keyring is locked: unlock it (e.g. open Passwords and Keys / seahorse) and try again.</source>
        <translation>ログインキーリングがロックされています。ロックを解除して（例:「パスワードと鍵」/ seahorse を開く）、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The keychain refused access to bpsetup: allow it when the keychain asks, or check the keychain&apos;s access settings, and try again.</source>
        <translation>キーチェーンが bpsetup のアクセスを拒否しました。キーチェーンから確認されたときに許可するか、キーチェーンのアクセス設定を確認して、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The keychain did not answer within %1 seconds. If an unlock prompt is open, answer it and try again; otherwise restart the keychain service (log out and in again).</source>
        <translation>キーチェーンが %1 秒以内に応答しませんでした。ロック解除のプロンプトが開いている場合は応答してから、もう一度お試しください。それ以外の場合は、キーチェーンサービスを再起動してください（ログアウトして再度ログイン）。</translation>
    </message>
    <message>
        <source>Cancelled before the keychain answered.</source>
        <translation>キーチェーンが応答する前にキャンセルされました。</translation>
    </message>
    <message>
        <source>No %1 is stored in the keychain for profile &quot;%2&quot;.</source>
        <translation>プロファイル「%2」の %1 はキーチェーンに保存されていません。</translation>
    </message>
    <message>
        <source>The keychain reported an error: %1</source>
        <translation>キーチェーンがエラーを報告しました: %1</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>不明なエラー</translation>
    </message>
    <message>
        <source>The profile name must not be empty and must not contain &apos;/&apos;.</source>
        <translation>プロファイル名は空にできず、&apos;/&apos; を含めることもできません。</translation>
    </message>
    <message>
        <source>An empty secret cannot be stored; remove the entry instead.</source>
        <translation>空のシークレットは保存できません。代わりにエントリを削除してください。</translation>
    </message>
    <message>
        <source>The keychain did not store the secret correctly: reading it back gave a different value. Try again, or check the keychain.</source>
        <translation>キーチェーンにシークレットが正しく保存されませんでした。読み戻した値が異なります。もう一度試すか、キーチェーンを確認してください。</translation>
    </message>
    <message>
        <source>The keychain entry is damaged (part of a split value is missing). Save the secret again.</source>
        <translation>キーチェーンエントリが破損しています（分割された値の一部がありません）。シークレットをもう一度保存してください。</translation>
    </message>
    <message>
        <source>No such entry in the keychain.</source>
        <translation>キーチェーンに該当するエントリがありません。</translation>
    </message>
    <message>
        <source>Not stored: the keychain did not keep the secret. If a keyring prompt appeared (to create or unlock the keyring), it was cancelled: save again and answer it, or untick storing secrets to save the settings without them.</source>
        <translation>保存されていません: キーチェーンがシークレットを保持しませんでした。キーリングのプロンプト（キーリングの作成またはロック解除）が表示された場合は、キャンセルされています。もう一度保存してプロンプトに応答するか、シークレットの保存をオフにして、シークレットなしで設定を保存してください。</translation>
    </message>
</context>
<context>
    <name>SetupActions</name>
    <message>
        <source>Brand Portal looks activated: verify the cloud configuration and the distribution agent bpdistributionagent0 from the AEM side.</source>
        <translation>Brand Portal はアクティベート済みのようです。AEM 側でクラウド設定と配布エージェント bpdistributionagent0 を確認してください。</translation>
    </message>
    <message>
        <source>Activate Brand Portal in Cloud Manager (through your Adobe representative while Brand Portal is in maintenance mode), then verify what activation creates.</source>
        <translation>Cloud Manager で Brand Portal をアクティベートしてから（Brand Portal がメンテナンスモードの間は Adobe の担当者を通じて）、アクティベーションで作成されたものを確認してください。</translation>
    </message>
    <message>
        <source>No Brand Portal configuration exists: create one with an OAuth Server-to-Server credential.</source>
        <translation>Brand Portal 設定が存在しません。OAuth Server-to-Server 資格情報を使用して作成してください。</translation>
    </message>
    <message>
        <source>The Legacy OAuth Gateway is gone: publishing to Brand Portal no longer works. The upgrade deletes the old agents, cloud service and replication user (after a backup) and creates the OAuth Server-to-Server configuration.</source>
        <translation>Legacy OAuth Gateway は廃止されたため、Brand Portal への公開は機能しなくなっています。アップグレードでは、（バックアップ後に）古いエージェント、クラウドサービス、レプリケーションユーザーを削除し、OAuth Server-to-Server の設定を作成します。</translation>
    </message>
    <message>
        <source>JWT token exchange stopped working on 2026-03-01. The upgrade switches the IMS configuration to OAuth Server-to-Server in place (same client id), after a backup.</source>
        <translation>JWT によるトークン交換は 2026-03-01 に機能しなくなりました。アップグレードでは、バックアップ後に IMS 設定をその場で OAuth Server-to-Server に切り替えます（クライアント ID は同じです）。</translation>
    </message>
    <message>
        <source>The configuration is inconsistent. Adobe&apos;s remedy is to delete and recreate it; the upgrade does that after a backup.</source>
        <translation>設定に不整合があります。Adobe が示す対処方法は、削除して作成し直すことです。アップグレードでは、バックアップ後にこれを行います。</translation>
    </message>
    <message>
        <source>The configuration already uses OAuth Server-to-Server: verify it end to end.</source>
        <translation>設定はすでに OAuth Server-to-Server を使用しています。エンドツーエンドで確認してください。</translation>
    </message>
    <message>
        <source>Replace the client secret with the credential&apos;s other secret (Developer Console holds two), validated with Adobe IMS before it is written.</source>
        <translation>クライアントシークレットを、資格情報のもう一方のシークレット（Developer Console には 2 つあります）に置き換えます。書き込む前に Adobe IMS で検証します。</translation>
    </message>
    <message>
        <source>Change nothing and verify the configuration as it is (it is expected to fail).</source>
        <translation>何も変更せずに、現在の設定をそのまま確認します（失敗する見込みです）。</translation>
    </message>
    <message>
        <source>&amp;Create the configuration</source>
        <translation>設定を作成(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Upgrade to OAuth Server-to-Server</source>
        <translation>OAuth Server-to-Server にアップグレード(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Keep it and verify</source>
        <translation>そのまま維持して確認(&amp;K)</translation>
    </message>
    <message>
        <source>Rotate the client &amp;secret</source>
        <translation>クライアントシークレットをローテーション(&amp;S)</translation>
    </message>
    <message>
        <source>Activation &amp;checklist and verify</source>
        <translation>アクティベーションのチェックリストと確認(&amp;C)</translation>
    </message>
</context>
<context>
    <name>SimFromReport</name>
    <message>
        <source>Give the JSON that bpsetup diagnose --json printed (saved to a file), masked or not.</source>
        <translation>bpsetup diagnose --json が出力した JSON（ファイルに保存したもの）を指定してください。マスクの有無は問いません。</translation>
    </message>
    <message>
        <source>This is not a diagnose report: it has no checks or state.</source>
        <translation>これは診断レポートではありません。checks または state がありません。</translation>
    </message>
    <message>
        <source>The version &quot;%1&quot; was not read; %2 is served.</source>
        <translation>バージョン「%1」は読み取られていないため、%2 として提供します。</translation>
    </message>
    <message>
        <source>%1 (%2) is not reproduced.</source>
        <translation>%1（%2）は再現されません。</translation>
    </message>
</context>
<context>
    <name>SimulateCommand</name>
    <message>
        <source>Serves a simulated AEM author and a simulated Adobe IMS on 127.0.0.1 until Ctrl+C (SIGINT) or SIGTERM. For demos, training and reproducing support cases; no real AEM needed.</source>
        <translation>Ctrl+C（SIGINT）または SIGTERM を受け取るまで、シミュレートした AEM オーサーと Adobe IMS を 127.0.0.1 で提供します。デモ、トレーニング、サポートケースの再現に使用できます。実際の AEM は不要です。</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>このヘルプを表示します。</translation>
    </message>
    <message>
        <source>AEM port (IMS uses the next one); default: free ports.</source>
        <translation>AEM のポート（IMS はその次のポートを使用）。デフォルト: 空いているポート。</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>AEM version: %1 (any 6.5.x.y or 6.6.x works).</source>
        <translation>AEM のバージョン: %1（任意の 6.5.x.y または 6.6.x を使用できます）。</translation>
    </message>
    <message>
        <source>V</source>
        <translation>V</translation>
    </message>
    <message>
        <source>Brand Portal configuration: %1.</source>
        <translation>Brand Portal 設定: %1。</translation>
    </message>
    <message>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <source>Brand Portal tenant name.</source>
        <translation>Brand Portal のテナント名。</translation>
    </message>
    <message>
        <source>T</source>
        <translation>T</translation>
    </message>
    <message>
        <source>Milliseconds added before every answer.</source>
        <translation>各応答の前に追加する遅延（ミリ秒）。</translation>
    </message>
    <message>
        <source>MS</source>
        <translation>MS</translation>
    </message>
    <message>
        <source>Serve HTTPS with a freshly generated self-signed certificate.</source>
        <translation>新たに生成した自己署名証明書で HTTPS を提供します。</translation>
    </message>
    <message>
        <source>List the IMS OAuth compatibility hotfix as installed.</source>
        <translation>IMS OAuth 互換ホットフィックスをインストール済みとして表示します。</translation>
    </message>
    <message>
        <source>Path prefix a dispatcher blocks (repeatable), e.g. /system/console.</source>
        <translation>Dispatcher がブロックするパスのプレフィックス（複数指定可）。例: /system/console。</translation>
    </message>
    <message>
        <source>PREFIX</source>
        <translation>PREFIX</translation>
    </message>
    <message>
        <source>F</source>
        <translation>F</translation>
    </message>
    <message>
        <source>Write Developer Console downloads for the simulated OAuth Server-to-Server and Service Account (JWT) credentials into DIR (created if needed). They hold this run&apos;s throwaway secrets and private key.</source>
        <translation>シミュレートした OAuth Server-to-Server 資格情報とサービスアカウント（JWT）資格情報の Developer Console ダウンロードファイルを、DIR に書き出します（必要に応じて作成されます）。これらには、この実行限りの使い捨てのシークレットと秘密鍵が含まれます。</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>DIR</translation>
    </message>
    <message>
        <source>Bind the X.509 certificate in FILE to the JWT credential CLIENT_ID, like the upload in Developer Console (repeatable).</source>
        <translation>Developer Console でのアップロードと同様に、FILE の X.509 証明書を JWT 資格情報 CLIENT_ID に関連付けます（複数指定可）。</translation>
    </message>
    <message>
        <source>CLIENT_ID=FILE</source>
        <translation>CLIENT_ID=FILE</translation>
    </message>
    <message>
        <source>Print the URLs and login as one JSON line before serving.</source>
        <translation>提供を開始する前に、URL とログイン情報を 1 行の JSON として出力します。</translation>
    </message>
    <message>
        <source> (see bpsetup simulate --help)</source>
        <translation> （bpsetup simulate --help を参照）</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot; (see bpsetup simulate --help).</source>
        <translation>予期しない引数「%1」です（bpsetup simulate --help を参照）。</translation>
    </message>
    <message>
        <source>--port takes a number from 1 to 65534.</source>
        <translation>--port には 1 から 65534 までの数値を指定してください。</translation>
    </message>
    <message>
        <source>--latency takes milliseconds from 0 to 600000.</source>
        <translation>--latency には 0 から 600000 までのミリ秒を指定してください。</translation>
    </message>
    <message>
        <source>--register-certificate takes CLIENT_ID=FILE, got &quot;%1&quot;.</source>
        <translation>--register-certificate には CLIENT_ID=FILE を指定してください（指定された値:「%1」）。</translation>
    </message>
    <message>
        <source>Simulated AEM author (%1, %2): %3
</source>
        <translation>シミュレート AEM オーサー（%1、%2）: %3
</translation>
    </message>
    <message>
        <source>Simulated Adobe IMS:  %1
</source>
        <translation>シミュレート Adobe IMS:     %1
</translation>
    </message>
    <message>
        <source>AEM login:            %1 / %2
</source>
        <translation>AEM ログイン:               %1 / %2
</translation>
    </message>
    <message>
        <source>OAuth S2S client ID:  %1
</source>
        <translation>OAuth S2S クライアント ID:  %1
</translation>
    </message>
    <message>
        <source>JWT client ID:        %1
</source>
        <translation>JWT クライアント ID:        %1
</translation>
    </message>
    <message>
        <source>Certificate SHA-256:  %1
</source>
        <translation>証明書 SHA-256:             %1
</translation>
    </message>
    <message>
        <source>Serving until Ctrl+C.</source>
        <translation>Ctrl+C を押すまで提供します。</translation>
    </message>
    <message>
        <source>Credential files written (throwaway secrets of this run):
</source>
        <translation>資格情報ファイルを書き出しました（この実行限りの使い捨てのシークレット）:
</translation>
    </message>
    <message>
        <source>Simulator stopped after %1 requests.</source>
        <translation>シミュレーターは %1 件のリクエストの後に停止しました。</translation>
    </message>
    <message>
        <source>Make one setup step fail once with 500 (repeatable): %1. &quot;agents&quot; makes the first Brand Portal cloud configuration save create no replication agents.</source>
        <translation>指定したセットアップステップを 1 回だけ 500 で失敗させます（複数指定可）: %1。&quot;agents&quot; を指定すると、Brand Portal クラウド設定の最初の保存でレプリケーションエージェントが作成されなくなります。</translation>
    </message>
    <message>
        <source>STEP</source>
        <translation>STEP</translation>
    </message>
    <message>
        <source>Print the known --fail-step names and exit.</source>
        <translation>既知の --fail-step 名を表示して終了します。</translation>
    </message>
    <message>
        <source>Unknown --fail-step &quot;%1&quot;. Known steps: %2.</source>
        <translation>不明な --fail-step「%1」です。既知のステップ: %2。</translation>
    </message>
    <message>
        <source>Simulate a publish instance (run mode publish).</source>
        <translation>パブリッシュインスタンスをシミュレートします（実行モード publish）。</translation>
    </message>
    <message>
        <source>Misbehave on purpose (repeatable): %1. hang, oversize, not-aem and sso-redirect affect AEM; ims-5xx makes the IMS token endpoints answer 503 twice before working, ims-html makes IMS answer everything with a captive-portal login page, ims-hang makes IMS never answer, csrf-expiry accepts each CSRF token for one write only, error-queue (cloud, oauth-s2s) puts 2 failed items in the Brand Portal distribution agent&apos;s error-queue, distribution-test-fails (cloud, oauth-s2s) makes that agent&apos;s Test Connection answer 400 DROPPED.</source>
        <translation>意図的に異常な動作をさせます（複数指定可）: %1。hang、oversize、not-aem、sso-redirect は AEM に影響します。ims-5xx は IMS のトークンエンドポイントが 2 回 503 を返してから正常に動作するようにし、ims-html は IMS がすべてのリクエストにキャプティブポータルのログインページを返すようにし、ims-hang は IMS が一切応答しないようにします。csrf-expiry は各 CSRF トークンを 1 回の書き込みにのみ受け付け、error-queue（cloud、oauth-s2s）は Brand Portal 配布エージェントのエラーキューに失敗した項目を 2 つ追加し、distribution-test-fails（cloud、oauth-s2s）はそのエージェントの Test Connection が 400 DROPPED を返すようにします。</translation>
    </message>
    <message>
        <source>Put N pending items in each Brand Portal replication agent&apos;s queue (a busy queue: the Legacy OAuth Gateway upgrade refuses until it drains).</source>
        <translation>各 Brand Portal レプリケーションエージェントのキューに、保留中の項目を N 個入れます（ビジー状態のキュー。空になるまで Legacy OAuth Gateway のアップグレードは拒否されます）。</translation>
    </message>
    <message>
        <source>Each queue read delivers N of the pending items (default 0: the queues are stuck).</source>
        <translation>キューを読み取るたびに、保留中の項目が N 個配信されます（デフォルト 0: キューは停止したまま）。</translation>
    </message>
    <message>
        <source>--%1 takes a number from 0 to 10000.</source>
        <translation>--%1 には 0 から 10000 までの数値を指定してください。</translation>
    </message>
    <message>
        <source>Let the simulated IMS exchange JWTs as before 2026-03-01 (by default the JWT credential is converted, as Adobe did with every one, and its exchange fails).</source>
        <translation>シミュレートした IMS で、2026-03-01 より前と同様に JWT の交換を可能にします（デフォルトでは、Adobe がすべての資格情報に対して行ったように JWT 資格情報は変換済みとなり、その交換は失敗します）。</translation>
    </message>
    <message>
        <source>Print the known --fault names and exit.</source>
        <translation>既知の --fault 名を表示して終了します。</translation>
    </message>
    <message>
        <source>Serve the instance a diagnose report describes (the JSON of bpsetup diagnose --json, masked or not): its version, configuration state, tenant and the faults its checks found. Not with --aem-version, --state, --tenant, --fault or --publish.</source>
        <translation>診断レポート（bpsetup diagnose --json の JSON。マスクの有無は問いません）に記述されたインスタンスを提供します。バージョン、設定の状態、テナント、チェックで検出された障害が再現されます。--aem-version、--state、--tenant、--fault、--publish とは併用できません。</translation>
    </message>
    <message>
        <source>REPORT.json</source>
        <translation>REPORT.json</translation>
    </message>
    <message>
        <source>--from-report sets the version, state, tenant and faults; leave out --%1.</source>
        <translation>--from-report はバージョン、状態、テナント、障害を設定します。--%1 は省略してください。</translation>
    </message>
    <message>
        <source>From the report:      faults %1%2
</source>
        <translation>レポートから:               障害 %1%2
</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>, publish instance</source>
        <translation>、パブリッシュインスタンス</translation>
    </message>
    <message>
        <source>Not reproduced:       %1
</source>
        <translation>再現されないもの:           %1
</translation>
    </message>
    <message>
        <source>Serve only IMS over HTTPS, with such a certificate (Adobe IMS behind a proxy that inspects TLS); AEM stays plain HTTP.</source>
        <translation>IMS のみを、同様に生成した自己署名証明書で HTTPS で提供します（TLS インスペクションを行うプロキシの背後にある Adobe IMS を再現）。AEM は通常の HTTP のままです。</translation>
    </message>
</context>
<context>
    <name>Simulator</name>
    <message>
        <source>Could not write &quot;%1&quot;: %2. Choose a directory you can write to.</source>
        <translation>「%1」を書き込めませんでした: %2。書き込み可能なディレクトリを選択してください。</translation>
    </message>
    <message>
        <source>an existing file could not be replaced</source>
        <translation>既存のファイルを置き換えられませんでした</translation>
    </message>
    <message>
        <source>the directory could not be created</source>
        <translation>ディレクトリを作成できませんでした</translation>
    </message>
    <message>
        <source>The simulator could not create its temporary JWT key pair. Check the OpenSSL installation.</source>
        <translation>シミュレーターが一時的な JWT キーペアを作成できませんでした。OpenSSL のインストールを確認してください。</translation>
    </message>
    <message>
        <source>This is not an X.509 certificate. Upload the public certificate (certificate_pub.crt, PEM or DER), not the private key.</source>
        <translation>これは X.509 証明書ではありません。秘密鍵ではなく、公開証明書（certificate_pub.crt、PEM または DER）をアップロードしてください。</translation>
    </message>
    <message>
        <source>The certificate&apos;s key is not an RSA key. Service Account (JWT) credentials need an RSA certificate (RS256).</source>
        <translation>証明書の鍵が RSA の鍵ではありません。サービスアカウント（JWT）資格情報には RSA 証明書（RS256）が必要です。</translation>
    </message>
    <message>
        <source>The certificate could not be stored.</source>
        <translation>証明書を保存できませんでした。</translation>
    </message>
    <message>
        <source>The simulated IMS has no credential with the client ID &quot;%1&quot;.</source>
        <translation>シミュレートした IMS に、クライアント ID「%1」の資格情報はありません。</translation>
    </message>
    <message>
        <source>Certificates belong to Service Account (JWT) credentials; &quot;%1&quot; is an OAuth Server-to-Server credential.</source>
        <translation>証明書はサービスアカウント（JWT）資格情報に関連付けるものです。「%1」は OAuth Server-to-Server 資格情報です。</translation>
    </message>
    <message>
        <source>The simulator could not listen on 127.0.0.1:%1 (%2). Choose another port or stop the program using it.</source>
        <translation>シミュレーターが 127.0.0.1:%1 で待ち受けできませんでした（%2）。別のポートを選択するか、そのポートを使用しているプログラムを停止してください。</translation>
    </message>
    <message>
        <source>The simulator could not create its temporary TLS certificate. Run it without TLS or check the OpenSSL installation.</source>
        <translation>シミュレーターが一時的な TLS 証明書を作成できませんでした。TLS なしで実行するか、OpenSSL のインストールを確認してください。</translation>
    </message>
    <message>
        <source>Unknown AEM version &quot;%1&quot;. Use &quot;cloud&quot;, 6.5.x.y or 6.6.x, for example: %2.</source>
        <translation>不明な AEM バージョン「%1」です。&quot;cloud&quot;、6.5.x.y、または 6.6.x を使用してください（例: %2）。</translation>
    </message>
    <message>
        <source>The tenant &quot;%1&quot; is not valid. Use lower-case letters, digits and hyphens, as in the Brand Portal URL.</source>
        <translation>テナント「%1」は有効ではありません。Brand Portal の URL と同様に、英小文字、数字、ハイフンを使用してください。</translation>
    </message>
    <message>
        <source>The latency must not be negative.</source>
        <translation>遅延に負の値は指定できません。</translation>
    </message>
    <message>
        <source>Port 65535 leaves no room for the IMS port (port + 1). Choose a lower port.</source>
        <translation>ポート 65535 では、IMS 用のポート（ポート + 1）を確保できません。より小さいポート番号を選択してください。</translation>
    </message>
    <message>
        <source>Start the simulator before writing its credential files (they name its IMS URL).</source>
        <translation>資格情報ファイルを書き出す前に、シミュレーターを起動してください（ファイルにはシミュレーターの IMS URL が記載されます）。</translation>
    </message>
    <message>
        <source>Unknown simulator state &quot;%1&quot;. Known states: %2.</source>
        <translation>不明なシミュレーターの状態「%1」です。既知の状態: %2。</translation>
    </message>
    <message>
        <source>Unknown simulator fault &quot;%1&quot;. Known faults: %2.</source>
        <translation>不明なシミュレーターの障害「%1」です。既知の障害: %2。</translation>
    </message>
    <message>
        <source>Unknown failure step &quot;%1&quot;. Known steps: %2.</source>
        <translation>不明な失敗ステップ「%1」です。既知のステップ: %2。</translation>
    </message>
</context>
<context>
    <name>TenantUrl</name>
    <message>
        <source>&quot;%1&quot; is not a Brand Portal tenant URL: %2</source>
        <translation>「%1」は Brand Portal のテナント URL ではありません: %2</translation>
    </message>
    <message>
        <source>Give the tenant URL as https://&lt;tenant&gt;.brand-portal.adobe.com (the tenant-id URL, not an alias) or just the tenant name.</source>
        <translation>テナント URL は https://&lt;tenant&gt;.brand-portal.adobe.com の形式（エイリアスではなく、テナント ID の URL）で指定するか、テナント名のみを指定してください。</translation>
    </message>
    <message>
        <source>it is empty.</source>
        <translation>空です。</translation>
    </message>
    <message>
        <source>it is not a URL.</source>
        <translation>URL ではありません。</translation>
    </message>
    <message>
        <source>it must start with https://.</source>
        <translation>https:// で始まる必要があります。</translation>
    </message>
    <message>
        <source>it must not have a port.</source>
        <translation>ポートを含めることはできません。</translation>
    </message>
    <message>
        <source>it must not contain a user name.</source>
        <translation>ユーザー名を含めることはできません。</translation>
    </message>
    <message>
        <source>it must not have a path or query.</source>
        <translation>パスやクエリを含めることはできません。</translation>
    </message>
    <message>
        <source>the host must end with .brand-portal.adobe.com.</source>
        <translation>ホストの末尾は .brand-portal.adobe.com である必要があります。</translation>
    </message>
    <message>
        <source>there must be exactly one tenant label before .brand-portal.adobe.com.</source>
        <translation>.brand-portal.adobe.com の前には、テナントのラベルがちょうど 1 つ必要です。</translation>
    </message>
    <message>
        <source>%1 is a Brand Portal download host, not a tenant URL.</source>
        <translation>%1 は Brand Portal のダウンロード用ホストで、テナント URL ではありません。</translation>
    </message>
    <message>
        <source>Use your tenant&apos;s own URL, https://&lt;tenant&gt;.brand-portal.adobe.com, as shown in the address bar when you sign in to Brand Portal.</source>
        <translation>Brand Portal にサインインしたときにアドレスバーに表示される、テナント固有の URL（https://&lt;tenant&gt;.brand-portal.adobe.com）を使用してください。</translation>
    </message>
</context>
<context>
    <name>TrustStore</name>
    <message>
        <source>The trusted certificates file %1 is damaged (%2) and could not be moved aside; nothing will be saved over it.</source>
        <translation>信頼済み証明書ファイル %1 が破損しており（%2）、退避できませんでした。このファイルへの上書き保存は行いません。</translation>
    </message>
    <message>
        <source>Move the file aside by hand; certificates will then be asked for again.</source>
        <translation>ファイルを手動で退避してください。その後、証明書を信頼するかどうか改めて確認を求めます。</translation>
    </message>
    <message>
        <source>The trusted certificates file was damaged (%1). It was kept as %2; certificates you trusted before will be asked for again.</source>
        <translation>信頼済み証明書ファイルが破損していました（%1）。%2 として保存しました。以前に信頼した証明書については、改めて確認を求めます。</translation>
    </message>
    <message>
        <source>too large</source>
        <translation>大きすぎます</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>JSON オブジェクトではありません</translation>
    </message>
    <message>
        <source>&quot;pins&quot; is missing or not an object</source>
        <translation>&quot;pins&quot; がないか、オブジェクトではありません</translation>
    </message>
    <message>
        <source>the entry for %1 is not a SHA-256 fingerprint</source>
        <translation>%1 のエントリが SHA-256 フィンガープリントではありません</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>保存されていません: %1</translation>
    </message>
    <message>
        <source>Cannot save the trusted certificates file %1: %2</source>
        <translation>信頼済み証明書ファイル %1 を保存できません: %2</translation>
    </message>
    <message>
        <source>its format version is not a whole number this tool understands</source>
        <translation>形式のバージョンが、このツールで扱える整数ではありません</translation>
    </message>
    <message>
        <source>The trusted certificates file %1 was written by a newer bpsetup: its pins are used, but new ones are not saved.</source>
        <translation>信頼済み証明書ファイル %1 は新しいバージョンの bpsetup で書き込まれています。ファイル内のピンは使用されますが、新しいピンは保存されません。</translation>
    </message>
    <message>
        <source>Update bpsetup.</source>
        <translation>bpsetup を更新してください。</translation>
    </message>
</context>
<context>
    <name>ValidateCommand</name>
    <message>
        <source>%1 is a private key, not a Developer Console credential file.</source>
        <translation>%1 は Developer Console の資格情報ファイルではなく、秘密鍵です。</translation>
    </message>
    <message>
        <source>Pass the key with --private-key, and the JSON downloaded from Developer Console with --credentials.</source>
        <translation>鍵は --private-key で、Developer Console からダウンロードした JSON は --credentials で指定してください。</translation>
    </message>
    <message>
        <source>%1 is a certificate, not a Developer Console credential file.</source>
        <translation>%1 は Developer Console の資格情報ファイルではなく、証明書です。</translation>
    </message>
    <message>
        <source>Pass the certificate with --certificate, and the JSON downloaded from Developer Console with --credentials.</source>
        <translation>証明書は --certificate で、Developer Console からダウンロードした JSON は --credentials で指定してください。</translation>
    </message>
    <message>
        <source>Checks Adobe Developer Console credentials directly against Adobe IMS, before anything touches AEM. Nothing is stored; the token IMS issues is discarded.</source>
        <translation>AEM に何も変更を加える前に、Adobe Developer Console の資格情報を Adobe IMS に対して直接チェックします。何も保存されず、IMS が発行したトークンは破棄されます。</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>このヘルプを表示します。</translation>
    </message>
    <message>
        <source>Credential JSON from Developer Console (project &quot;Download all&quot;, the credential&apos;s Download JSON, or the JWT payload).</source>
        <translation>Developer Console の資格情報 JSON（プロジェクトの「Download all」、資格情報の「Download JSON」、または JWT ペイロード）。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>JWT only: the private key (PEM).</source>
        <translation>JWT のみ: 秘密鍵（PEM）。</translation>
    </message>
    <message>
        <source>PEM</source>
        <translation>PEM</translation>
    </message>
    <message>
        <source>JWT only: the certificate uploaded to the credential (PEM or DER); checked against the private key and for expiry.</source>
        <translation>JWT のみ: 資格情報にアップロードした証明書（PEM または DER）。秘密鍵との対応と有効期限をチェックします。</translation>
    </message>
    <message>
        <source>Read the private key&apos;s passphrase from the first line of stdin.</source>
        <translation>秘密鍵のパスフレーズを標準入力の 1 行目から読み取ります。</translation>
    </message>
    <message>
        <source>Adobe IMS address (default https://ims-na1.adobelogin.com; http:// only for 127.0.0.1/localhost).</source>
        <translation>Adobe IMS のアドレス（デフォルト https://ims-na1.adobelogin.com。http:// は 127.0.0.1/localhost の場合のみ）。</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Print one JSON object on stdout.</source>
        <translation>標準出力に JSON オブジェクトを 1 つ出力します。</translation>
    </message>
    <message>
        <source> (see bpsetup validate --help)</source>
        <translation> （bpsetup validate --help を参照）</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot; (see bpsetup validate --help).</source>
        <translation>予期しない引数「%1」です（bpsetup validate --help を参照）。</translation>
    </message>
    <message>
        <source>--credentials FILE is required (the JSON downloaded from Developer Console), or --profile NAME.</source>
        <translation>--credentials FILE（Developer Console からダウンロードした JSON）または --profile NAME が必須です。</translation>
    </message>
    <message>
        <source>Credential: %1, client %2.</source>
        <translation>資格情報: %1、クライアント %2。</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>警告: %1</translation>
    </message>
    <message>
        <source>The credential is incomplete:
  %1</source>
        <translation>資格情報が不完全です:
  %1</translation>
    </message>
    <message>
        <source>This JWT credential is checked by signing a JWT with its private key: pass it with --private-key.</source>
        <translation>この JWT 資格情報は、秘密鍵で JWT に署名してチェックします。--private-key で秘密鍵を指定してください。</translation>
    </message>
    <message>
        <source>If AEM generated the key pair (you uploaded AEM&apos;s public certificate to Developer Console), the key exists only inside AEM: direct validation is impossible, and AEM&apos;s own health check after the configuration is applied will test it.</source>
        <translation>AEM がキーペアを生成した場合（AEM の公開証明書を Developer Console にアップロードした場合）、鍵は AEM 内にのみ存在するため、直接検証することはできません。設定の適用後に、AEM 自身のヘルスチェックでテストされます。</translation>
    </message>
    <message>
        <source>Passphrase for the private key: </source>
        <translation>秘密鍵のパスフレーズ: </translation>
    </message>
    <message>
        <source>--key-passphrase-stdin was given but stdin had no passphrase.</source>
        <translation>--key-passphrase-stdin が指定されましたが、標準入力にパスフレーズがありませんでした。</translation>
    </message>
    <message>
        <source>Pass the passphrase on the first line of stdin with --key-passphrase-stdin.</source>
        <translation>--key-passphrase-stdin を指定し、標準入力の 1 行目でパスフレーズを渡してください。</translation>
    </message>
    <message>
        <source>The certificate expired on %1: IMS no longer accepts JWTs signed for it, and JWT certificates cannot be renewed any more. Migrate to OAuth Server-to-Server.</source>
        <translation>証明書は %1 に有効期限が切れています。IMS はこの証明書に対応する署名付き JWT を受け付けなくなり、JWT の証明書は今後更新できません。OAuth Server-to-Server に移行してください。</translation>
    </message>
    <message>
        <source>The certificate expires on %1, within 30 days.</source>
        <translation>証明書は %1 に有効期限が切れます（30 日以内）。</translation>
    </message>
    <message>
        <source>warning: an OAuth Server-to-Server credential needs no private key; --private-key is ignored.</source>
        <translation>警告: OAuth Server-to-Server 資格情報に秘密鍵は不要です。--private-key は無視されます。</translation>
    </message>
    <message>
        <source>OK: Adobe IMS issued a %1 token for %2 (client %3, org %4), valid for %5.</source>
        <translation>OK: Adobe IMS が %2（クライアント %3、組織 %4）に %1 トークンを発行しました。有効期間: %5。</translation>
    </message>
    <message>
        <source>Client secret %1 of %2 was accepted.</source>
        <translation>クライアントシークレット %2 個中 %1 個目が受け入れられました。</translation>
    </message>
    <message>
        <source>Rejected by Adobe IMS.</source>
        <translation>Adobe IMS により拒否されました。</translation>
    </message>
    <message>
        <source>Not checked: Adobe IMS did not decide on the credential.</source>
        <translation>チェックされていません。Adobe IMS は資格情報の可否を判定しませんでした。</translation>
    </message>
    <message>
        <source>(IMS said: %1 — %2%3)</source>
        <translation>（IMS の応答: %1 — %2%3）</translation>
    </message>
    <message>
        <source>; debug id %1</source>
        <translation>、デバッグ ID %1</translation>
    </message>
</context>
<context>
    <name>VerifyChecklist</name>
    <message>
        <source>Run bpsetup verify: it checks from the AEM side what activation creates (the Brand Portal cloud configuration, the distribution agent bpdistributionagent0, its queues and its Test Connection). bpsetup writes no configuration on Cloud Service.</source>
        <translation>bpsetup verify を実行してください。アクティベーションで作成されるもの（Brand Portal クラウド設定、配布エージェント bpdistributionagent0、そのキューと Test Connection）を AEM 側から確認します。bpsetup は Cloud Service に設定を書き込みません。</translation>
    </message>
    <message>
        <source>Open Cloud Manager (experience.adobe.com › Cloud Manager).</source>
        <translation>Cloud Manager を開きます（experience.adobe.com › Cloud Manager）。</translation>
    </message>
    <message>
        <source>Choose the program, then its production environment (the one entitled to Brand Portal) under Environments.</source>
        <translation>プログラムを選択し、Environments で実稼動環境（Brand Portal の使用権限がある環境）を選択します。</translation>
    </message>
    <message>
        <source>Choose Activate Brand Portal. Adobe currently notes that while Brand Portal is in maintenance mode, activation goes through your Adobe representative: contact them to activate it.</source>
        <translation>Activate Brand Portal を選択します。現在 Adobe は、Brand Portal がメンテナンスモードの間は Adobe の担当者を通じてアクティベーションを行うと案内しています。アクティベーションについては担当者に連絡してください。</translation>
    </message>
    <message>
        <source>Wait until the status shows &apos;Activated&apos; (a few minutes).</source>
        <translation>ステータスが「Activated」になるまで待ちます（数分）。</translation>
    </message>
</context>
<context>
    <name>VerifyCommand</name>
    <message>
        <source>PASS</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>WARN</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>SKIP</source>
        <translation>スキップ</translation>
    </message>
    <message>
        <source>AEM:</source>
        <translation>AEM:</translation>
    </message>
    <message>
        <source>Deployment:</source>
        <translation>デプロイメント:</translation>
    </message>
    <message>
        <source>Activating Brand Portal on Cloud Service (done by a person; bpsetup writes nothing):</source>
        <translation>Cloud Service での Brand Portal のアクティベーション（担当者が行います。bpsetup は何も書き込みません）:</translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation>対処方法: %1</translation>
    </message>
    <message>
        <source>Verify failed at %1: %2</source>
        <translation>確認は %1 で失敗しました: %2</translation>
    </message>
    <message>
        <source>Verify passed: the configured chain works.</source>
        <translation>確認に合格しました。設定済みのチェーンは機能しています。</translation>
    </message>
    <message>
        <source>Checks the configured Brand Portal chain end to end: IMS configuration present and in OAuth mode, the cloud configuration pointing at it, every replication agent&apos;s Test Connection (6.5) or the distribution agent bpdistributionagent0&apos;s Test Connection (Cloud Service, after the activation checklist), and idle queues. The only requests that may change anything are the agents&apos; test requests. Exit 0 when every check passes, 1 when one fails (named with its remedy).</source>
        <translation>設定済みの Brand Portal チェーンをエンドツーエンドでチェックします。対象: IMS 設定が存在し OAuth モードであること、クラウド設定がその IMS 設定を参照していること、すべてのレプリケーションエージェントの Test Connection（6.5）または配布エージェント bpdistributionagent0 の Test Connection（Cloud Service。アクティベーションのチェックリストの後）、キューがアイドル状態であること。何かを変更する可能性があるリクエストは、エージェントのテストリクエストのみです。終了コードは、すべてのチェックに合格すれば 0、1 つでも失敗すれば 1 です（失敗したチェックは対処方法とともに示されます）。</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>このヘルプを表示します。</translation>
    </message>
    <message>
        <source>Print one JSON object on stdout: ok, deployment, checks (id, status, evidence, remedy).</source>
        <translation>標準出力に JSON オブジェクトを 1 つ出力します: ok、deployment、checks（id、status、evidence、remedy）。</translation>
    </message>
    <message>
        <source> (see bpsetup verify --help)</source>
        <translation> （bpsetup verify --help を参照）</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot; (see bpsetup verify --help).</source>
        <translation>予期しない引数「%1」です（bpsetup verify --help を参照）。</translation>
    </message>
</context>
<context>
    <name>ZipArchive</name>
    <message>
        <source>The zip file is damaged or incomplete.</source>
        <translation>zip ファイルが破損しているか、不完全です。</translation>
    </message>
    <message>
        <source>The zip file uses a feature bpsetup does not read (%1).</source>
        <translation>zip ファイルは、bpsetup が読み取れない機能を使用しています（%1）。</translation>
    </message>
    <message>
        <source>The zip file holds more than bpsetup reads (%1).</source>
        <translation>zip ファイルの内容が、bpsetup が読み取れる上限を超えています（%1）。</translation>
    </message>
    <message>
        <source>The file is not a zip archive.</source>
        <translation>このファイルは zip アーカイブではありません。</translation>
    </message>
    <message>
        <source>%1 entries, at most %2</source>
        <translation>エントリ数 %1（上限 %2）</translation>
    </message>
    <message>
        <source>%1 is %2 bytes uncompressed, at most %3</source>
        <translation>%1 は展開後 %2 バイト（上限 %3）</translation>
    </message>
    <message>
        <source>more than %1 bytes uncompressed</source>
        <translation>展開後 %1 バイト超</translation>
    </message>
    <message>
        <source>The zip file has no %1.</source>
        <translation>zip ファイルに %1 がありません。</translation>
    </message>
</context>
<context>
    <name>bp</name>
    <message>
        <source>AEM Assets as a Cloud Service</source>
        <translation>AEM Assets as a Cloud Service</translation>
    </message>
    <message>
        <source>AEM 6.5, on-premise or managed service</source>
        <translation>AEM 6.5（オンプレミスまたは Managed Services）</translation>
    </message>
    <message>
        <source>AEM 6.5 LTS, on-premise or managed service</source>
        <translation>AEM 6.5 LTS（オンプレミスまたは Managed Services）</translation>
    </message>
    <message>
        <source>Another AEM release</source>
        <translation>その他の AEM リリース</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>不明</translation>
    </message>
</context>
<context>
    <name>bp::ActivityLog</name>
    <message>
        <source>Cannot write the activity log %1: %2</source>
        <translation>アクティビティログ %1 に書き込めません: %2</translation>
    </message>
    <message>
        <source>its folder cannot be created</source>
        <translation>フォルダーを作成できません</translation>
    </message>
    <message>
        <source>it is full and cannot be moved to %1</source>
        <translation>ログがいっぱいで、%1 に移動できません</translation>
    </message>
</context>
<context>
    <name>bp::AemCall</name>
    <message>
        <source>AEM no longer accepts the user name and password.</source>
        <translation>AEM がユーザー名とパスワードを受け付けなくなりました。</translation>
    </message>
    <message>
        <source>Check the AEM password (it may have been changed while bpsetup was working), then run the command again; what was already written is in the backup.</source>
        <translation>AEM のパスワードを確認してから（bpsetup の処理中に変更された可能性があります）、コマンドをもう一度実行してください。すでに書き込まれた内容はバックアップにあります。</translation>
    </message>
    <message>
        <source>AEM did not hand out a CSRF token, so it cannot be changed.</source>
        <translation>AEM が CSRF トークンを発行しなかったため、変更できません。</translation>
    </message>
    <message>
        <source>Allow %1 in the dispatcher and pass the CSRF-Token header through, or connect to the author directly.</source>
        <translation>Dispatcher で %1 を許可して CSRF-Token ヘッダーを通過させるか、オーサーに直接接続してください。</translation>
    </message>
    <message>
        <source>AEM did not hand out a CSRF token (it answered %1), so it cannot be changed.</source>
        <translation>AEM が CSRF トークンを発行しなかったため（応答: %1）、変更できません。</translation>
    </message>
</context>
<context>
    <name>bp::AemInstance</name>
    <message>
        <source>No Brand Portal configuration</source>
        <translation>Brand Portal 設定なし</translation>
    </message>
    <message>
        <source>Legacy OAuth Gateway configuration</source>
        <translation>Legacy OAuth Gateway の設定</translation>
    </message>
    <message>
        <source>Developer Console configuration with a JWT (Service Account) credential</source>
        <translation>JWT（サービスアカウント）資格情報を使用する Developer Console 設定</translation>
    </message>
    <message>
        <source>Developer Console configuration with OAuth Server-to-Server</source>
        <translation>OAuth Server-to-Server を使用する Developer Console 設定</translation>
    </message>
    <message>
        <source>Configured, but inconsistent or failing</source>
        <translation>設定済み（不整合または異常あり）</translation>
    </message>
    <message>
        <source>Could not be read</source>
        <translation>読み取れませんでした</translation>
    </message>
    <message>
        <source>the page does not contain a version</source>
        <translation>ページにバージョンが含まれていません</translation>
    </message>
    <message>
        <source>no service pack package listed</source>
        <translation>サービスパックのパッケージが一覧にありません</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a version this tool understands</source>
        <translation>「%1」は、このツールで扱えるバージョンではありません</translation>
    </message>
    <message>
        <source>the package list is not the XML AEM&apos;s Package Manager sends</source>
        <translation>パッケージリストが、AEM の Package Manager が送信する XML ではありません</translation>
    </message>
    <message>
        <source>not readable</source>
        <translation>読み取り不可</translation>
    </message>
    <message>
        <source>%1 reports %2, %3 reports %4</source>
        <translation>%1 では %2、%3 では %4</translation>
    </message>
    <message>
        <source>not found (%1; a dispatcher may block it)</source>
        <translation>見つかりません（%1。Dispatcher がブロックしている可能性があります）</translation>
    </message>
</context>
<context>
    <name>bp::AgentTestsTask</name>
    <message>
        <source>No Brand Portal replication agent for %1 was found.</source>
        <translation>%1 の Brand Portal レプリケーションエージェントが見つかりませんでした。</translation>
    </message>
    <message>
        <source>Open the Brand Portal cloud configuration, save it again and run apply again; AEM creates the agents when it is saved.</source>
        <translation>Brand Portal クラウド設定を開いて再度保存してから、apply をもう一度実行してください。保存時に AEM がエージェントを作成します。</translation>
    </message>
    <message>
        <source>Test Connection of %1 succeeded.</source>
        <translation>%1 の Test Connection に成功しました。</translation>
    </message>
    <message>
        <source>no result on the page</source>
        <translation>ページに結果がありません</translation>
    </message>
    <message>
        <source>Check the IMS configuration (Tools › Security › Adobe IMS Configurations › Check Health), that Extended › Close Connection is set on the agent, and the replication log; then run the test again.</source>
        <translation>IMS 設定（Tools › Security › Adobe IMS Configurations › Check Health）、エージェントで Extended › Close Connection が設定されていること、およびレプリケーションログを確認してから、テストをもう一度実行してください。</translation>
    </message>
    <message>
        <source>Open the agent in Tools › Deployment › Replication and look at its queue.</source>
        <translation>Tools › Deployment › Replication でエージェントを開き、キューを確認してください。</translation>
    </message>
    <message>
        <source>The queue of %1 is idle.</source>
        <translation>%1 のキューはアイドル状態です。</translation>
    </message>
    <message numerus="yes">
        <source>The queue of %1 is blocked with %n item(s).</source>
        <translation>
            <numerusform>%1 のキューは %n 件の項目でブロックされています。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The queue of %1 holds %n item(s).</source>
        <translation>
            <numerusform>%1 のキューに %n 件の項目があります。</numerusform>
        </translation>
    </message>
    <message>
        <source>Oldest: %1.</source>
        <translation>最も古い項目: %1。</translation>
    </message>
    <message>
        <source>Look at the replication log for the first failing item; do not disable the agent (queued assets can fail). Retry or clear the item once the cause is fixed.</source>
        <translation>レプリケーションログで最初に失敗した項目を確認してください。エージェントを無効にしないでください（キュー内のアセットが失敗する可能性があります）。原因を修正したら、項目を再試行するか、クリアしてください。</translation>
    </message>
    <message>
        <source>Test Connection of %1 failed (%2): %3</source>
        <translation>%1 の Test Connection に失敗しました（%2）: %3</translation>
    </message>
    <message>
        <source>The queue of %1 could not be read (%2).</source>
        <translation>%1 のキューを読み取れませんでした（%2）。</translation>
    </message>
</context>
<context>
    <name>bp::ApplyRun</name>
    <message>
        <source>Reading the current state</source>
        <translation>現在の状態を読み取っています</translation>
    </message>
    <message>
        <source>The instance changed since the plan was made, so the plan no longer describes what apply would do.</source>
        <translation>プランの作成後にインスタンスが変更されたため、このプランは apply で実行される内容と一致しなくなりました。</translation>
    </message>
    <message>
        <source>Run `bpsetup plan` again, review it, then apply the new plan.</source>
        <translation>`bpsetup plan` をもう一度実行してレビューしてから、新しいプランを適用してください。</translation>
    </message>
    <message>
        <source>Backing up as a content package</source>
        <translation>コンテンツパッケージとしてバックアップしています</translation>
    </message>
    <message>
        <source>Nothing was changed on AEM. Fix the cause, then run apply again.</source>
        <translation>AEM では何も変更されていません。原因を修正してから、apply をもう一度実行してください。</translation>
    </message>
    <message>
        <source>Roll back with `bpsetup rollback --backup %1` (the wizard offers Roll back), or fix the cause and run apply again: it continues to the same end state.</source>
        <translation>`bpsetup rollback --backup %1` でロールバックする（ウィザードでは「ロールバック」を使用できます）か、原因を修正して apply をもう一度実行してください。apply は同じ最終状態まで処理を続行します。</translation>
    </message>
    <message>
        <source>Nothing was changed on AEM.</source>
        <translation>AEM では何も変更されていません。</translation>
    </message>
    <message>
        <source>The step &quot;%1&quot; failed: %2</source>
        <translation>ステップ「%1」が失敗しました: %2</translation>
    </message>
    <message>
        <source>Apply was cancelled.</source>
        <translation>適用はキャンセルされました。</translation>
    </message>
    <message>
        <source>Testing the replication agents</source>
        <translation>レプリケーションエージェントをテストしています</translation>
    </message>
    <message numerus="yes">
        <source>%n test(s) did not pass.</source>
        <translation>
            <numerusform>%n 件のテストが合格しませんでした。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bp::BoundedFile</name>
    <message>
        <source>%1 is not a regular file (a pipe, device or folder cannot be the %2). Give the path of the file itself.</source>
        <translation>%1 は通常のファイルではありません（パイプ、デバイス、フォルダーは %2 として使用できません）。ファイル自体のパスを指定してください。</translation>
    </message>
    <message>
        <source>%1 is larger than %2, which no %3 is. Check that it is the right file.</source>
        <translation>%1 は %2 を超えていますが、%3 がこれほど大きくなることはありません。正しいファイルであることを確認してください。</translation>
    </message>
    <message>
        <source>Cannot read the %1 %2: %3</source>
        <translation>%1 %2 を読み取れません: %3</translation>
    </message>
    <message>
        <source>credential file</source>
        <translation>資格情報ファイル</translation>
    </message>
    <message>
        <source>private key</source>
        <translation>秘密鍵</translation>
    </message>
    <message>
        <source>certificate</source>
        <translation>証明書</translation>
    </message>
    <message>
        <source>CA file</source>
        <translation>CA ファイル</translation>
    </message>
    <message>
        <source>recipe</source>
        <translation>レシピ</translation>
    </message>
    <message>
        <source>profiles file</source>
        <translation>プロファイルファイル</translation>
    </message>
    <message>
        <source>trusted certificates file</source>
        <translation>信頼済み証明書ファイル</translation>
    </message>
    <message>
        <source>file</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>no file name given</source>
        <translation>ファイル名が指定されていません</translation>
    </message>
    <message>
        <source>backup</source>
        <translation>バックアップ</translation>
    </message>
    <message>
        <source>plan file</source>
        <translation>プランファイル</translation>
    </message>
    <message>
        <source>content package</source>
        <translation>コンテンツパッケージ</translation>
    </message>
    <message>
        <source>diagnose report</source>
        <translation>診断レポート</translation>
    </message>
    <message>
        <source>inventory</source>
        <translation>インベントリ</translation>
    </message>
</context>
<context>
    <name>bp::CertificateInfo</name>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>%1 UTC</source>
        <translation>%1 UTC</translation>
    </message>
</context>
<context>
    <name>bp::CreateSession</name>
    <message>
        <source>The credential file holds one client secret; rotating needs a second.</source>
        <translation>資格情報ファイルにはクライアントシークレットが 1 つしかありません。ローテーションには 2 つ目が必要です。</translation>
    </message>
    <message>
        <source>Generate a second client secret on the credential&apos;s page in Adobe Developer Console, download the credential again and give that file.</source>
        <translation>Adobe Developer Console の資格情報ページで 2 つ目のクライアントシークレットを生成し、資格情報をもう一度ダウンロードして、そのファイルを指定してください。</translation>
    </message>
</context>
<context>
    <name>bp::DiagnoseTask</name>
    <message>
        <source>not readable on Cloud Service</source>
        <translation>Cloud Service では読み取り不可</translation>
    </message>
    <message numerus="yes">
        <source>The AEM version could not be read (%n source(s) tried).</source>
        <translation>
            <numerusform>AEM のバージョンを読み取れませんでした（%n 個のソースを試行）。</numerusform>
        </translation>
    </message>
    <message>
        <source>AEM as a Cloud Service %1.</source>
        <translation>AEM as a Cloud Service %1。</translation>
    </message>
    <message>
        <source>AEM %1 is below %2, the first version Brand Portal can be configured with Developer Console credentials on.</source>
        <translation>AEM %1 は、Developer Console の資格情報で Brand Portal を設定できる最初のバージョンである %2 より前のバージョンです。</translation>
    </message>
    <message>
        <source>Install the latest AEM 6.5 service pack (or move to AEM 6.5 LTS), then run diagnose again.</source>
        <translation>最新の AEM 6.5 サービスパックをインストールしてから（または AEM 6.5 LTS に移行してから）、diagnose をもう一度実行してください。</translation>
    </message>
    <message>
        <source>AEM %1; %2 is the latest service pack bpsetup knows of for %3.</source>
        <translation>AEM %1。bpsetup が把握している %3 の最新のサービスパックは %2 です。</translation>
    </message>
    <message>
        <source>Adobe&apos;s prerequisite for Brand Portal is the latest service pack: plan the update to %1 or later.</source>
        <translation>Adobe は、Brand Portal の前提条件として最新のサービスパックを求めています。%1 以降への更新を計画してください。</translation>
    </message>
    <message>
        <source>AEM %1.</source>
        <translation>AEM %1。</translation>
    </message>
    <message>
        <source>%1 supports OAuth Server-to-Server IMS configurations natively.</source>
        <translation>%1 は OAuth Server-to-Server の IMS 設定をネイティブでサポートしています。</translation>
    </message>
    <message>
        <source>%1 with %2 installed.</source>
        <translation>%2 がインストールされた %1。</translation>
    </message>
    <message>
        <source>%1 needs the OAuth compatibility hotfix %2, which is not installed%3.</source>
        <translation>%1 には OAuth 互換ホットフィックス %2 が必要ですが、インストールされていません%3。</translation>
    </message>
    <message>
        <source> (the package list was not readable)</source>
        <translation> （パッケージリストを読み取れませんでした）</translation>
    </message>
    <message>
        <source>Install %1 from Adobe&apos;s Software Distribution (bpsetup apply --hotfix-package FILE does it as the plan&apos;s first step), or update to 6.5.21.0 or later.</source>
        <translation>Adobe のソフトウェア配布から %1 をインストールするか（bpsetup apply --hotfix-package FILE を使用すると、プランの最初のステップとしてインストールされます）、6.5.21.0 以降に更新してください。</translation>
    </message>
    <message>
        <source>%1 has no OAuth Server-to-Server support (it starts with 6.5.11.0 and the hotfix).</source>
        <translation>%1 は OAuth Server-to-Server をサポートしていません（サポートは 6.5.11.0 とホットフィックスの組み合わせ以降）。</translation>
    </message>
    <message>
        <source>Install service pack 6.5.21.0 or later (or 6.5.11.0 or later with %1).</source>
        <translation>サービスパック 6.5.21.0 以降（または 6.5.11.0 以降と %1）をインストールしてください。</translation>
    </message>
    <message>
        <source>AEM as a Cloud Service: OAuth through Cloud Manager.</source>
        <translation>AEM as a Cloud Service: Cloud Manager を介した OAuth。</translation>
    </message>
    <message>
        <source>Unknown: the AEM version was not read.</source>
        <translation>不明: AEM のバージョンを読み取れませんでした。</translation>
    </message>
    <message>
        <source>OAuth Server-to-Server (tenant %1).</source>
        <translation>OAuth Server-to-Server（テナント %1）。</translation>
    </message>
    <message>
        <source>Not activated: no Brand Portal configuration.</source>
        <translation>未アクティベート: Brand Portal 設定がありません。</translation>
    </message>
    <message>
        <source>No Brand Portal configuration.</source>
        <translation>Brand Portal 設定がありません。</translation>
    </message>
    <message>
        <source>Activate Brand Portal in Cloud Manager (bpsetup verify shows the checklist).</source>
        <translation>Cloud Manager で Brand Portal をアクティベートしてください（bpsetup verify でチェックリストを表示できます）。</translation>
    </message>
    <message>
        <source>Create it with bpsetup plan and bpsetup apply, with an OAuth Server-to-Server credential from Adobe Developer Console.</source>
        <translation>Adobe Developer Console の OAuth Server-to-Server 資格情報を使用して、bpsetup plan と bpsetup apply で作成してください。</translation>
    </message>
    <message>
        <source>Legacy OAuth Gateway (tenant %1): the gateway endpoint it uses is gone, so publishing to Brand Portal fails.</source>
        <translation>Legacy OAuth Gateway（テナント %1）: 使用しているゲートウェイのエンドポイントが廃止されたため、Brand Portal への公開は失敗します。</translation>
    </message>
    <message>
        <source>Upgrade to OAuth Server-to-Server: bpsetup plan, then bpsetup apply, with an OAuth Server-to-Server credential (the wizard&apos;s Upgrade).</source>
        <translation>OAuth Server-to-Server にアップグレードしてください。OAuth Server-to-Server 資格情報を使用して、bpsetup plan、bpsetup apply の順に実行します（ウィザードでは「設定のアップグレード」）。</translation>
    </message>
    <message>
        <source>Developer Console JWT (tenant %1): JWT token exchange stopped working when Adobe converted the credentials on %2.</source>
        <translation>Developer Console JWT（テナント %1）: %2 に Adobe が資格情報を変換した時点で、JWT によるトークン交換は機能しなくなりました。</translation>
    </message>
    <message>
        <source>Upgrade to OAuth Server-to-Server: download the converted credential of the same project from Developer Console, then bpsetup plan and bpsetup apply (the wizard&apos;s Upgrade).</source>
        <translation>OAuth Server-to-Server にアップグレードしてください。Developer Console から同じプロジェクトの変換済み資格情報をダウンロードし、bpsetup plan と bpsetup apply を実行します（ウィザードでは「設定のアップグレード」）。</translation>
    </message>
    <message>
        <source>Broken: %1</source>
        <translation>異常: %1</translation>
    </message>
    <message>
        <source>Adobe&apos;s remedy is delete and recreate: bpsetup apply does it (the wizard&apos;s Upgrade), with a backup and rollback.</source>
        <translation>Adobe が示す対処方法は、削除して作成し直すことです。bpsetup apply を使用すると、バックアップとロールバックが可能な状態でこれを実行できます（ウィザードでは「設定のアップグレード」）。</translation>
    </message>
    <message>
        <source>Unknown: the configuration could not be read.</source>
        <translation>不明: 設定を読み取れませんでした。</translation>
    </message>
    <message>
        <source>IMS configurations made by activation are %1.</source>
        <translation>アクティベーションで作成された IMS 設定: %1。</translation>
    </message>
    <message numerus="yes">
        <source>%n Brand Portal IMS configuration(s) in %1.</source>
        <translation>
            <numerusform>%1 に %n 個の Brand Portal IMS 設定があります。</numerusform>
        </translation>
    </message>
    <message>
        <source>incomplete</source>
        <translation>不完全</translation>
    </message>
    <message numerus="yes">
        <source>%n Brand Portal IMS configurations: %1. Adobe allows exactly one per tenant.</source>
        <translation>
            <numerusform>Brand Portal IMS 設定が %n 個あります: %1。Adobe では、テナントごとに 1 つだけ使用できます。</numerusform>
        </translation>
    </message>
    <message>
        <source>Keep the one the cloud configuration names and delete the others (bpsetup apply removes them, with a backup).</source>
        <translation>クラウド設定で指定されているものを残して、ほかは削除してください（bpsetup apply を使用すると、バックアップしてから削除されます）。</translation>
    </message>
    <message>
        <source>No second configuration beside the one found.</source>
        <translation>見つかった設定のほかに、2 つ目の設定はありません。</translation>
    </message>
    <message>
        <source>No Legacy OAuth Gateway objects beside the configuration.</source>
        <translation>この設定のほかに、Legacy OAuth Gateway のオブジェクトはありません。</translation>
    </message>
    <message>
        <source>Legacy OAuth Gateway objects beside the current configuration: %1.</source>
        <translation>現在の設定のほかにある Legacy OAuth Gateway のオブジェクト: %1。</translation>
    </message>
    <message>
        <source>No Brand Portal cloud configuration names a tenant.</source>
        <translation>テナントを指定している Brand Portal クラウド設定はありません。</translation>
    </message>
    <message>
        <source>Use https://&lt;tenant-id&gt;.brand-portal.adobe.com, the tenant-id URL (not an alias or a download host).</source>
        <translation>テナント ID の URL である https://&lt;tenant-id&gt;.brand-portal.adobe.com を使用してください（エイリアスやダウンロード用ホストは使用できません）。</translation>
    </message>
    <message>
        <source>AEM as a Cloud Service publishes through the distribution agent, not replication agents.</source>
        <translation>AEM as a Cloud Service は、レプリケーションエージェントではなく配布エージェントを通じて公開します。</translation>
    </message>
    <message>
        <source>No Brand Portal replication agent in %1.</source>
        <translation>%1 に Brand Portal レプリケーションエージェントはありません。</translation>
    </message>
    <message numerus="yes">
        <source>All %n agent(s) enabled: %1.</source>
        <translation>
            <numerusform>%n 個のエージェントがすべて有効です: %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Disabled: %1.</source>
        <translation>無効: %1。</translation>
    </message>
    <message>
        <source>Enable them (Tools › Deployment › Replication › the agent › Edit › Enabled): the Brand Portal agents share the publishing jobs. Do not disable an agent to stop failures; fix the cause.</source>
        <translation>有効にしてください（Tools › Deployment › Replication › the agent › Edit › Enabled）。Brand Portal エージェントは公開ジョブを分担しています。失敗を止めるためにエージェントを無効にせず、原因を修正してください。</translation>
    </message>
    <message numerus="yes">
        <source>Close Connection is set on all %n agent(s).</source>
        <translation>
            <numerusform>%n 個のエージェントすべてに Close Connection が設定されています。</numerusform>
        </translation>
    </message>
    <message>
        <source>Close Connection is not set on %1 (%2 read).</source>
        <translation>%1 に Close Connection が設定されていません（%2 を読み取り）。</translation>
    </message>
    <message>
        <source>Tick Extended › Close Connection on every Brand Portal agent (bpsetup apply sets it): without it, Test Connection and publishing time out under load.</source>
        <translation>すべての Brand Portal エージェントで Extended › Close Connection をオンにしてください（bpsetup apply で設定されます）。この設定がないと、負荷がかかったときに Test Connection と公開がタイムアウトします。</translation>
    </message>
    <message>
        <source>The run modes are %1 (the Felix console is not exposed).</source>
        <translation>実行モードは %1 です（Felix コンソールは公開されていません）。</translation>
    </message>
    <message>
        <source>The run modes could not be read (%1): the Felix console is blocked or not allowed for this user.</source>
        <translation>実行モードを読み取れませんでした（%1）。Felix コンソールがブロックされているか、このユーザーに許可されていません。</translation>
    </message>
    <message>
        <source>Run modes %1: this is a publish instance.</source>
        <translation>実行モード %1: これはパブリッシュインスタンスです。</translation>
    </message>
    <message>
        <source>Brand Portal is configured on the author: connect to the author instance.</source>
        <translation>Brand Portal はオーサーで設定します。オーサーインスタンスに接続してください。</translation>
    </message>
    <message>
        <source>Run modes %1: neither author nor publish.</source>
        <translation>実行モード %1: オーサーでもパブリッシュでもありません。</translation>
    </message>
    <message>
        <source>Run modes %1.</source>
        <translation>実行モード %1。</translation>
    </message>
    <message>
        <source>No answer from AEM carried a Date header.</source>
        <translation>AEM からの応答に Date ヘッダーが含まれていませんでした。</translation>
    </message>
    <message numerus="yes">
        <source>AEM&apos;s clock (Date header %1) differs from this machine&apos;s by %n second(s).</source>
        <translation>
            <numerusform>AEM の時計（Date ヘッダー %1）は、このマシンの時計と %n 秒ずれています。</numerusform>
        </translation>
    </message>
    <message>
        <source>Synchronise the clocks with NTP (on the AEM host and here): Adobe IMS rejects tokens and JWTs for time differences beyond about a minute.</source>
        <translation>NTP で時計を同期してください（AEM ホストとこのマシンの両方）。時刻のずれが約 1 分を超えると、Adobe IMS はトークンと JWT を拒否します。</translation>
    </message>
    <message>
        <source>bpsetup reached AEM without a proxy.</source>
        <translation>bpsetup はプロキシを経由せずに AEM に到達しました。</translation>
    </message>
    <message>
        <source>bpsetup reached AEM through the proxy %1.</source>
        <translation>bpsetup はプロキシ %1 を経由して AEM に到達しました。</translation>
    </message>
    <message>
        <source>AEM has no outbound proxy configured in %1.</source>
        <translation>AEM では、%1 に送信プロキシが設定されていません。</translation>
    </message>
    <message>
        <source>AEM&apos;s outbound proxy is configured in %1; IMS and Brand Portal must be allowed through it.</source>
        <translation>AEM の送信プロキシは %1 で設定されています。このプロキシで IMS と Brand Portal への通信を許可する必要があります。</translation>
    </message>
    <message numerus="yes">
        <source>%1 answered %n request(s) of detection.</source>
        <translation>
            <numerusform>%1 が検出のリクエスト %n 件に応答しました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Every path detection read was answered by AEM itself (%n path(s)).</source>
        <translation>
            <numerusform>検出で読み取ったすべてのパスに、AEM 自体が応答しました（%n 個のパス）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Answered by something in front of AEM, not by AEM: %1.</source>
        <translation>AEM ではなく、AEM の前段にある何かが応答しました: %1。</translation>
    </message>
    <message>
        <source>Run bpsetup against the author directly (for example port 4502, not through the dispatcher), or allow these paths for administrators in the dispatcher filters; the checks that need them cannot see the real state otherwise.</source>
        <translation>オーサーに対して直接 bpsetup を実行する（例: Dispatcher を経由せずにポート 4502）か、Dispatcher のフィルターで管理者にこれらのパスを許可してください。そうしないと、これらのパスを必要とするチェックでは実際の状態を確認できません。</translation>
    </message>
    <message>
        <source>Checked across instances in fleet runs (bpsetup diagnose --inventory): a tenant paired with several authors (stage and production) loses contributed assets to whichever polls first.</source>
        <translation>複数インスタンスの一括実行（bpsetup diagnose --inventory）で、インスタンス間でチェックされます。1 つのテナントを複数のオーサー（ステージと実稼動）と組み合わせると、Brand Portal で投稿されたアセットは最初にポーリングしたオーサーに取り込まれ、ほかのオーサーには届きません。</translation>
    </message>
    <message>
        <source>Only JWT and Legacy OAuth Gateway setups sign with a key from a keystore; OAuth Server-to-Server uses none.</source>
        <translation>キーストアの鍵で署名するのは、JWT と Legacy OAuth Gateway のセットアップのみです。OAuth Server-to-Server は鍵を使用しません。</translation>
    </message>
    <message>
        <source>%1: keystore not readable</source>
        <translation>%1: キーストアを読み取れません</translation>
    </message>
    <message>
        <source>%1: no expiry date</source>
        <translation>%1: 有効期限なし</translation>
    </message>
    <message>
        <source>%1 expired on %2</source>
        <translation>%1 は %2 に有効期限切れ</translation>
    </message>
    <message numerus="yes">
        <source>%1 expires on %2 (in %n day(s))</source>
        <translation>
            <numerusform>%1 は %2 に有効期限切れ（%n 日後）</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 valid until %2</source>
        <translation>%1 は %2 まで有効</translation>
    </message>
    <message>
        <source>No keystore with a key was found.</source>
        <translation>鍵を含むキーストアは見つかりませんでした。</translation>
    </message>
    <message>
        <source>The key signs the JWT (or the gateway login) and must be valid; the lasting fix is the upgrade to OAuth Server-to-Server, which needs no key (bpsetup apply, the wizard&apos;s Upgrade).</source>
        <translation>この鍵は JWT（またはゲートウェイのログイン）に署名するため、有効である必要があります。恒久的な解決策は、鍵が不要な OAuth Server-to-Server へのアップグレードです（bpsetup apply、ウィザードでは「設定のアップグレード」）。</translation>
    </message>
    <message>
        <source>the user %1 could not be looked up (%2)</source>
        <translation>ユーザー %1 を検索できませんでした（%2）</translation>
    </message>
    <message>
        <source>Delete them after checking their queues are empty (Adobe&apos;s upgrade order; bpsetup apply does it with a backup): they hold an old key and can take publishing jobs.</source>
        <translation>キューが空であることを確認してから削除してください（Adobe のアップグレード手順の順序。bpsetup apply はバックアップしてからこれを行います）。これらは古い鍵を保持しており、公開ジョブを受け取る可能性があります。</translation>
    </message>
    <message>
        <source>The Felix console&apos;s Configuration Admin is %1.</source>
        <translation>Felix コンソールの Configuration Admin は %1。</translation>
    </message>
    <message>
        <source>Configuration Admin was not read.</source>
        <translation>Configuration Admin は読み取られていません。</translation>
    </message>
    <message>
        <source>Configuration Admin could not be read at %1 (%2), so the IMS configurations were read from %3 only. The cross-check needs a user who may open the Felix console.</source>
        <translation>%1 の Configuration Admin を読み取れなかったため（%2）、IMS 設定は %3 からのみ読み取りました。照合チェックには、Felix コンソールを開くことができるユーザーが必要です。</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>応答なし</translation>
    </message>
    <message>
        <source>%1 is %2 in the file, %3 in use</source>
        <translation>%1 はファイルでは %2、使用中の設定では %3</translation>
    </message>
    <message>
        <source>%1 (client %2, named by the cloud configuration: AEM uses it although the repository does not hold it)</source>
        <translation>%1（クライアント %2。クラウド設定で指定されており、リポジトリにはないものの AEM が使用しています）</translation>
    </message>
    <message>
        <source>%1 (client %2)</source>
        <translation>%1（クライアント %2）</translation>
    </message>
    <message>
        <source>The IMS configuration the cloud configuration names is in the repository but not in Configuration Admin, so AEM does not use it: %1. Configuration Admin: %2.</source>
        <translation>クラウド設定で指定されている IMS 設定はリポジトリにありますが、Configuration Admin にないため、AEM では使用されていません: %1。Configuration Admin: %2。</translation>
    </message>
    <message>
        <source>Look for the file in /system/console/osgi-installer (Sling&apos;s installer skips files it cannot read or name), fix or remove it, or recreate the configuration with bpsetup apply; then diagnose again.</source>
        <translation>/system/console/osgi-installer でファイルを探し（Sling のインストーラーは、読み取れないファイルや名前を判別できないファイルをスキップします）、修正または削除するか、bpsetup apply で設定を作成し直してから、もう一度診断してください。</translation>
    </message>
    <message>
        <source>in the repository but not in use: %1</source>
        <translation>リポジトリにあるが使用されていない: %1</translation>
    </message>
    <message>
        <source>the file and the configuration in use differ: %1</source>
        <translation>ファイルと使用中の設定が異なる: %1</translation>
    </message>
    <message>
        <source>only in Configuration Admin, not under %1, so detection, content packages and bpsetup backups do not see it: %2</source>
        <translation>Configuration Admin にのみ存在し、%1 の下にないため、検出、コンテンツパッケージ、bpsetup のバックアップで認識されない: %2</translation>
    </message>
    <message>
        <source>Brand Portal IMS configurations %1. Configuration Admin: %2.</source>
        <translation>Brand Portal IMS 設定の問題: %1。Configuration Admin: %2。</translation>
    </message>
    <message>
        <source>Keep exactly one Brand Portal IMS configuration, saved in the repository: save it again in Tools › Security › Adobe IMS Configurations (AEM writes it under %1) or recreate it with bpsetup apply, and delete the others in /system/console/configMgr.</source>
        <translation>リポジトリに保存された Brand Portal IMS 設定を 1 つだけ残してください。Tools › Security › Adobe IMS Configurations で再度保存する（AEM は %1 の下に書き込みます）か、bpsetup apply で作成し直し、その他の設定は /system/console/configMgr で削除してください。</translation>
    </message>
    <message>
        <source>Neither %1 nor Configuration Admin (%2) holds a Brand Portal IMS configuration.</source>
        <translation>%1 にも Configuration Admin（%2）にも、Brand Portal IMS 設定はありません。</translation>
    </message>
    <message>
        <source>In use as in the repository: %1. Configuration Admin: %2.</source>
        <translation>リポジトリのとおりに使用中: %1。Configuration Admin: %2。</translation>
    </message>
    <message>
        <source>Give it with --aem-version, or let the AEM user read the paths the version sources need (bpsetup detect lists them).</source>
        <translation>--aem-version で指定するか、バージョンソースに必要なパスを AEM ユーザーが読み取れるようにしてください（bpsetup detect で一覧を表示できます）。</translation>
    </message>
</context>
<context>
    <name>bp::DisplayFormat</name>
    <message>
        <source>1 second</source>
        <translation>1 秒</translation>
    </message>
    <message>
        <source>%1 seconds</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation>1 分</translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation>%1 分</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 時間</translation>
    </message>
    <message>
        <source>%1 hours</source>
        <translation>%1 時間</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 日</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 日</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>bp::Finding</name>
    <message>
        <source>%1 could not be read (%2).</source>
        <translation>%1 を読み取れませんでした（%2）。</translation>
    </message>
    <message>
        <source>%1: AEM did not send JSON.</source>
        <translation>%1: AEM が JSON を送信しませんでした。</translation>
    </message>
    <message>
        <source>The IMS configuration %1 could not be read.</source>
        <translation>IMS 設定 %1 を読み取れませんでした。</translation>
    </message>
    <message>
        <source>%1 Brand Portal IMS configurations exist; Adobe allows only one per tenant.</source>
        <translation>Brand Portal IMS 設定が %1 個あります。Adobe では、テナントごとに 1 つしか使用できません。</translation>
    </message>
    <message>
        <source>%1 Brand Portal cloud configurations exist; keep one author ↔ one tenant.</source>
        <translation>Brand Portal クラウド設定が %1 個あります。1 つのオーサーに 1 つのテナントを対応させてください。</translation>
    </message>
    <message>
        <source>The cloud configuration %1 refers to the IMS configuration &quot;%2&quot;, which does not exist.</source>
        <translation>クラウド設定 %1 は IMS 設定「%2」を参照していますが、その IMS 設定は存在しません。</translation>
    </message>
    <message>
        <source>The IMS configuration %1 has neither OAuth nor JWT settings.</source>
        <translation>IMS 設定 %1 には、OAuth の設定も JWT の設定もありません。</translation>
    </message>
    <message>
        <source>No Brand Portal replication agents were found under %1 (4 are expected per tenant); they are created when the cloud configuration is saved.</source>
        <translation>%1 の下に Brand Portal レプリケーションエージェントが見つかりませんでした（テナントごとに 4 つ必要です）。エージェントはクラウド設定の保存時に作成されます。</translation>
    </message>
    <message>
        <source>The replication agent %1 is disabled; queued assets can fail.</source>
        <translation>レプリケーションエージェント %1 は無効になっています。キュー内のアセットが失敗する可能性があります。</translation>
    </message>
    <message>
        <source>A Brand Portal IMS configuration exists but no Brand Portal cloud configuration uses it.</source>
        <translation>Brand Portal IMS 設定は存在しますが、その設定を使用している Brand Portal クラウド設定はありません。</translation>
    </message>
    <message>
        <source>Connect as an administrator; a dispatcher in front of AEM may block the path.</source>
        <translation>管理者として接続してください。AEM の前段の Dispatcher がパスをブロックしている可能性があります。</translation>
    </message>
    <message>
        <source>Keep the IMS configuration the Brand Portal cloud configuration uses and delete the others.</source>
        <translation>Brand Portal クラウド設定が使用している IMS 設定を残して、ほかは削除してください。</translation>
    </message>
    <message>
        <source>Keep one Brand Portal cloud configuration per author.</source>
        <translation>Brand Portal クラウド設定は、オーサーごとに 1 つにしてください。</translation>
    </message>
    <message>
        <source>Delete the inconsistent configuration and create it again (the upgrade path does this with a backup).</source>
        <translation>不整合のある設定を削除して、作成し直してください（アップグレードを選ぶと、バックアップしてからこれを行います）。</translation>
    </message>
    <message>
        <source>Open the Brand Portal cloud configuration, make a small edit and save it again; AEM then creates the agents.</source>
        <translation>Brand Portal クラウド設定を開き、小さな編集を加えて再度保存してください。AEM がエージェントを作成します。</translation>
    </message>
    <message>
        <source>Enable the agent: Adobe advises never to disable Brand Portal agents.</source>
        <translation>エージェントを有効にしてください。Adobe は、Brand Portal エージェントを無効にしないよう推奨しています。</translation>
    </message>
    <message>
        <source>The IMS configuration &quot;%2&quot; that %1 uses is not readable on Cloud Service (activation keeps it outside /apps).</source>
        <translation>%1 が使用している IMS 設定「%2」は、Cloud Service では読み取れません（アクティベーションにより /apps の外に保存されます）。</translation>
    </message>
    <message>
        <source>The Brand Portal distribution agent %1 does not exist.</source>
        <translation>Brand Portal 配布エージェント %1 は存在しません。</translation>
    </message>
    <message>
        <source>Activate Brand Portal for the environment in Cloud Manager (through your Adobe representative while Brand Portal is in maintenance mode), then run bpsetup verify.</source>
        <translation>Cloud Manager でこの環境の Brand Portal をアクティベートしてから（Brand Portal がメンテナンスモードの間は Adobe の担当者を通じて）、bpsetup verify を実行してください。</translation>
    </message>
</context>
<context>
    <name>bp::FleetTask</name>
    <message>
        <source>No result within %1 s.</source>
        <translation>%1 秒以内に結果がありませんでした。</translation>
    </message>
    <message>
        <source>Check that the instance answers, or give it more time with --instance-timeout.</source>
        <translation>インスタンスが応答することを確認するか、--instance-timeout で時間を延長してください。</translation>
    </message>
    <message>
        <source>No other instance of this run is configured with tenant %1.</source>
        <translation>今回の実行で、テナント %1 が設定されているほかのインスタンスはありません。</translation>
    </message>
    <message>
        <source>Tenant %1 is also configured on %2.</source>
        <translation>テナント %1 は %2 にも設定されています。</translation>
    </message>
    <message>
        <source>Keep one author per Brand Portal tenant (for example a separate tenant for stage): assets contributed in Brand Portal reach only the author that polls first.</source>
        <translation>Brand Portal テナントごとにオーサーを 1 つにしてください（例: ステージ用に別のテナントを使用）。Brand Portal で投稿されたアセットは、最初にポーリングしたオーサーにのみ届きます。</translation>
    </message>
</context>
<context>
    <name>bp::HttpClient</name>
    <message>
        <source>Refused to send %1 %2: this operation is read-only.</source>
        <translation>%1 %2 の送信を拒否しました。この操作は読み取り専用です。</translation>
    </message>
    <message>
        <source>Nothing was sent. This is a defect in bpsetup: please report it with the command you ran.</source>
        <translation>何も送信されていません。これは bpsetup の不具合です。お手数ですが、実行したコマンドを添えて報告してください。</translation>
    </message>
</context>
<context>
    <name>bp::HttpJob</name>
    <message>
        <source>%1 seconds</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Check that Adobe IMS can be reached from this machine (firewall, proxy).</source>
        <translation>このマシンから Adobe IMS に到達できることを確認してください（ファイアウォール、プロキシ）。</translation>
    </message>
    <message>
        <source>Check that the address and port are right and that no firewall or proxy holds the connection.</source>
        <translation>アドレスとポートが正しいこと、およびファイアウォールやプロキシが接続を保留していないことを確認してください。</translation>
    </message>
    <message>
        <source>%1 did not send a complete answer within %2.</source>
        <translation>%1 は %2 以内に完全な応答を送信しませんでした。</translation>
    </message>
    <message>
        <source>%1 did not answer within %2.</source>
        <translation>%1 は %2 以内に応答しませんでした。</translation>
    </message>
    <message>
        <source>Adobe IMS</source>
        <translation>Adobe IMS</translation>
    </message>
    <message>
        <source>AEM</source>
        <translation>AEM</translation>
    </message>
    <message>
        <source>%1 sent an answer larger than %2 MiB for %3; that is not what %4 sends here.</source>
        <translation>%1 が %3 に対して %2 MiB を超える応答を送信しました。これは %4 がここで送信する応答ではありません。</translation>
    </message>
    <message>
        <source>%1 sent a response header block larger than %2 KiB for %3 (or one that cannot be read); that is not what %4 sends.</source>
        <translation>%1 が %3 に対して、%2 KiB を超える（または読み取れない）レスポンスヘッダーを送信しました。これは %4 が送信する応答ではありません。</translation>
    </message>
    <message>
        <source>%1 sent a compressed answer for %2 that expands beyond %3 MiB (or is damaged); that is not what %4 sends.</source>
        <translation>%1 が %2 に対して、展開すると %3 MiB を超える（または破損した）圧縮応答を送信しました。これは %4 が送信する応答ではありません。</translation>
    </message>
    <message>
        <source>Check that the address points at an AEM author instance.</source>
        <translation>アドレスが AEM オーサーインスタンスを指していることを確認してください。</translation>
    </message>
    <message>
        <source>Check the address.</source>
        <translation>アドレスを確認してください。</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not the one trusted earlier for %1 (trusted SHA-256 %2). It may have been renewed, or someone may be intercepting the connection: check with your administrator before trusting the new one.</source>
        <translation>サーバーの証明書が、以前に %1 に対して信頼した証明書（信頼済みの SHA-256 %2）と異なります。証明書が更新されたか、第三者が接続を傍受している可能性があります。新しい証明書を信頼する前に、管理者に確認してください。</translation>
    </message>
    <message>
        <source>The connection to %1 through the proxy %2 was refused.</source>
        <translation>プロキシ %2 を経由した %1 への接続が拒否されました。</translation>
    </message>
    <message>
        <source>Check the proxy address, or clear it to use the system proxy.</source>
        <translation>プロキシのアドレスを確認するか、空にしてシステムプロキシを使用してください。</translation>
    </message>
    <message>
        <source>Nothing accepted the connection at %1.</source>
        <translation>%1 で接続を受け付けるものがありませんでした。</translation>
    </message>
    <message>
        <source>Check that AEM is running and that the port is right (an AEM author usually listens on 4502 or, behind a load balancer, 443).</source>
        <translation>AEM が実行中であること、およびポートが正しいことを確認してください（AEM オーサーは通常 4502、ロードバランサーの背後では 443 で待ち受けます）。</translation>
    </message>
    <message>
        <source>Check the Adobe IMS address (normally https://ims-na1.adobelogin.com) and that this machine may connect to it.</source>
        <translation>Adobe IMS のアドレス（通常は https://ims-na1.adobelogin.com）と、このマシンからの接続が許可されていることを確認してください。</translation>
    </message>
    <message>
        <source>Check the address and port.</source>
        <translation>アドレスとポートを確認してください。</translation>
    </message>
    <message>
        <source>The host name %1 could not be found.</source>
        <translation>ホスト名 %1 が見つかりませんでした。</translation>
    </message>
    <message>
        <source>Check the spelling and your DNS or VPN.</source>
        <translation>スペルと、DNS または VPN を確認してください。</translation>
    </message>
    <message>
        <source>%1 closed the connection without answering.</source>
        <translation>%1 は応答せずに接続を閉じました。</translation>
    </message>
    <message>
        <source>If the server uses HTTPS, change the address to https://.</source>
        <translation>サーバーが HTTPS を使用している場合は、アドレスを https:// に変更してください。</translation>
    </message>
    <message>
        <source>The certificate of %1 is not trusted (%2).</source>
        <translation>%1 の証明書は信頼されていません（%2）。</translation>
    </message>
    <message>
        <source>Trust it only if its SHA-256 fingerprint matches what your administrator gave you, or add the issuing CA with the CA file option.</source>
        <translation>SHA-256 フィンガープリントが管理者から提供されたものと一致する場合にのみ信頼するか、CA ファイルのオプションで発行元の CA を追加してください。</translation>
    </message>
    <message>
        <source>The secure connection to %1 failed (%2).</source>
        <translation>%1 へのセキュアな接続に失敗しました（%2）。</translation>
    </message>
    <message>
        <source>If this port serves plain HTTP, change the address to http://.</source>
        <translation>このポートが通常の HTTP を提供している場合は、アドレスを http:// に変更してください。</translation>
    </message>
    <message>
        <source>The proxy could not be used (%1).</source>
        <translation>プロキシを使用できませんでした（%1）。</translation>
    </message>
    <message>
        <source>The proxy asks for a login (HTTP 407).</source>
        <translation>プロキシがログインを要求しています（HTTP 407）。</translation>
    </message>
    <message>
        <source>Put the proxy user and password in the proxy address (http://user:password@proxy:port).</source>
        <translation>プロキシのアドレスに、プロキシのユーザーとパスワードを含めてください（http://user:password@proxy:port）。</translation>
    </message>
    <message>
        <source>%1 stopped sending data.</source>
        <translation>%1 がデータの送信を停止しました。</translation>
    </message>
    <message>
        <source>Check the network and try again.</source>
        <translation>ネットワークを確認して、もう一度お試しください。</translation>
    </message>
    <message>
        <source>Talking to %1 failed: %2.</source>
        <translation>%1 との通信に失敗しました: %2。</translation>
    </message>
    <message>
        <source>If the server uses HTTPS, use https://.</source>
        <translation>サーバーが HTTPS を使用している場合は、https:// を使用してください。</translation>
    </message>
    <message>
        <source>Open %1 in a browser on this machine to see what answers.</source>
        <translation>このマシンのブラウザーで %1 を開き、何が応答するかを確認してください。</translation>
    </message>
    <message>
        <source>%1 sent answers larger than %2 MiB together while %3 was read; that is not what %4 sends.</source>
        <translation>%3 の読み取り中に、%1 が合計 %2 MiB を超える応答を送信しました。これは %4 が送信する応答ではありません。</translation>
    </message>
    <message>
        <source>1 second</source>
        <translation>1 秒</translation>
    </message>
    <message>
        <source>A proxy that inspects TLS is probably answering for Adobe IMS: trust its certificate only if your network team confirms its SHA-256 fingerprint, or add the proxy&apos;s CA with the CA file option.</source>
        <translation>TLS インスペクションを行うプロキシが、Adobe IMS に代わって応答している可能性があります。ネットワークチームが SHA-256 フィンガープリントを確認した場合にのみその証明書を信頼するか、CA ファイルのオプションでプロキシの CA を追加してください。</translation>
    </message>
</context>
<context>
    <name>bp::ImsValidator</name>
    <message>
        <source>&quot;%1&quot; is not an IMS address; use e.g. https://ims-na1.adobelogin.com.</source>
        <translation>「%1」は IMS のアドレスではありません。https://ims-na1.adobelogin.com などを使用してください。</translation>
    </message>
    <message>
        <source>Adobe IMS must be reached over https://; plain http:// is accepted only for a simulator on this machine (127.0.0.1 or localhost).</source>
        <translation>Adobe IMS には https:// で接続する必要があります。通常の http:// は、このマシン上のシミュレーター（127.0.0.1 または localhost）に対してのみ使用できます。</translation>
    </message>
    <message>
        <source>Give the IMS address without a query, fragment or login.</source>
        <translation>IMS のアドレスは、クエリ、フラグメント、ログイン情報を含めずに指定してください。</translation>
    </message>
    <message>
        <source>No Adobe IMS address was given.</source>
        <translation>Adobe IMS のアドレスが指定されていません。</translation>
    </message>
    <message>
        <source>A JWT credential is validated by signing a JWT with its private key, and none was given.</source>
        <translation>JWT 資格情報は秘密鍵で JWT に署名して検証しますが、秘密鍵が指定されていません。</translation>
    </message>
    <message>
        <source>If AEM generated the key pair (you uploaded AEM&apos;s public certificate to Developer Console), the key exists only inside AEM: direct validation is impossible, and AEM&apos;s own health check after the configuration is applied will test it.</source>
        <translation>AEM がキーペアを生成した場合（AEM の公開証明書を Developer Console にアップロードした場合）、鍵は AEM 内にのみ存在するため、直接検証することはできません。設定の適用後に、AEM 自身のヘルスチェックでテストされます。</translation>
    </message>
    <message>
        <source>The credential kind is unknown.</source>
        <translation>資格情報の種類が不明です。</translation>
    </message>
    <message>
        <source>Asking Adobe IMS again (attempt %1 of %2)…</source>
        <translation>Adobe IMS に再度問い合わせています（%2 回中 %1 回目）…</translation>
    </message>
    <message>
        <source>Asking Adobe IMS at %1 for a token…</source>
        <translation>%1 の Adobe IMS にトークンを要求しています…</translation>
    </message>
    <message>
        <source>%1 Trying again in %2 s…</source>
        <translation>%1 %2 秒後に再試行します…</translation>
    </message>
    <message>
        <source>Could not reach Adobe IMS (%1).</source>
        <translation>Adobe IMS に到達できませんでした（%1）。</translation>
    </message>
    <message>
        <source>Open %1 in a browser on this machine to see what answers; allow HTTPS to it or set the proxy.</source>
        <translation>このマシンのブラウザーで %1 を開き、何が応答するかを確認してください。その宛先への HTTPS を許可するか、プロキシを設定してください。</translation>
    </message>
    <message>
        <source>Check the IMS address (normally https://ims-na1.adobelogin.com).</source>
        <translation>IMS のアドレスを確認してください（通常は https://ims-na1.adobelogin.com）。</translation>
    </message>
    <message>
        <source>The first client secret was not accepted; trying the second…</source>
        <translation>1 つ目のクライアントシークレットが受け入れられませんでした。2 つ目を試しています…</translation>
    </message>
    <message>
        <source>ahead of</source>
        <translation>進んでいます</translation>
    </message>
    <message>
        <source>behind</source>
        <translation>遅れています</translation>
    </message>
    <message>
        <source>Adobe IMS did not accept the client secret.</source>
        <translation>Adobe IMS がクライアントシークレットを受け入れませんでした。</translation>
    </message>
    <message>
        <source>Copy the client secret again from the JWT credential page in Developer Console (Retrieve client secret).</source>
        <translation>Developer Console の JWT 資格情報ページから、クライアントシークレットをもう一度コピーしてください（Retrieve client secret）。</translation>
    </message>
    <message>
        <source>Copy the client secret again from the OAuth Server-to-Server credential page in Developer Console; if it was rotated or deleted, use a current one.</source>
        <translation>Developer Console の OAuth Server-to-Server 資格情報ページから、クライアントシークレットをもう一度コピーしてください。ローテーションまたは削除されている場合は、現在有効なシークレットを使用してください。</translation>
    </message>
    <message>
        <source>Adobe IMS does not know this client ID.</source>
        <translation>Adobe IMS はこのクライアント ID を認識していません。</translation>
    </message>
    <message>
        <source>Check the client ID (API key) on the credential page, and that the credential still exists in Developer Console (a cancelled migration deletes the OAuth credential).</source>
        <translation>資格情報ページでクライアント ID（API キー）を確認し、Developer Console に資格情報がまだ存在することを確認してください（移行をキャンセルすると、OAuth 資格情報は削除されます）。</translation>
    </message>
    <message>
        <source>Adobe IMS rejected the client: the JWT audience does not match the client ID or this IMS host.</source>
        <translation>Adobe IMS がクライアントを拒否しました。JWT のオーディエンスが、クライアント ID またはこの IMS ホストと一致しません。</translation>
    </message>
    <message>
        <source>Adobe IMS rejected the client.</source>
        <translation>Adobe IMS がクライアントを拒否しました。</translation>
    </message>
    <message>
        <source>Check the client ID and that the IMS address is https://ims-na1.adobelogin.com.</source>
        <translation>クライアント ID を確認し、IMS のアドレスが https://ims-na1.adobelogin.com であることを確認してください。</translation>
    </message>
    <message>
        <source>This credential cannot log in server-to-server (it is not an OAuth Server-to-Server credential).</source>
        <translation>この資格情報では、サーバー間でログインできません（OAuth Server-to-Server 資格情報ではありません）。</translation>
    </message>
    <message>
        <source>Add an OAuth Server-to-Server credential with the AEM Brand Portal API to the project, or migrate the JWT credential, and use its values.</source>
        <translation>AEM Brand Portal API を含む OAuth Server-to-Server 資格情報をプロジェクトに追加するか、JWT 資格情報を移行して、その値を使用してください。</translation>
    </message>
    <message>
        <source>The JWT metascope does not match the APIs on this credential.</source>
        <translation>JWT のメタスコープが、この資格情報の API と一致しません。</translation>
    </message>
    <message>
        <source>The credential needs the AEM Brand Portal API (metascope ent_brand_portal_sdk) and the Assets Brand Portal product profile in Developer Console.</source>
        <translation>資格情報には、Developer Console で AEM Brand Portal API（メタスコープ ent_brand_portal_sdk）と Assets Brand Portal 製品プロファイルを追加する必要があります。</translation>
    </message>
    <message>
        <source>Adobe IMS refused the requested scopes.</source>
        <translation>Adobe IMS が、要求されたスコープを拒否しました。</translation>
    </message>
    <message>
        <source>Use exactly the scopes listed on the credential&apos;s Scopes tab. If they are right, the credential is missing the AEM Brand Portal API or the Assets Brand Portal product profile: add them in Developer Console.</source>
        <translation>資格情報の Scopes タブに表示されているスコープをそのまま使用してください。スコープが正しい場合は、資格情報に AEM Brand Portal API または Assets Brand Portal 製品プロファイルがありません。Developer Console で追加してください。</translation>
    </message>
    <message>
        <source>Adobe IMS says the JWT has expired.</source>
        <translation>Adobe IMS によると、JWT の有効期限が切れています。</translation>
    </message>
    <message>
        <source>Check this computer&apos;s date and time, then try again.</source>
        <translation>このコンピューターの日付と時刻を確認してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>Synchronise this computer&apos;s clock, then try again.</source>
        <translation>このコンピューターの時計を同期してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>Adobe IMS could not decode the JWT this tool built.</source>
        <translation>Adobe IMS は、このツールが作成した JWT をデコードできませんでした。</translation>
    </message>
    <message>
        <source>This is a defect in bpsetup; please report it with the debug id.</source>
        <translation>これは bpsetup の不具合です。お手数ですが、デバッグ ID を添えて報告してください。</translation>
    </message>
    <message>
        <source>The JWT signature matches no certificate on this credential, or the organization ID or technical account ID is wrong.</source>
        <translation>JWT の署名がこの資格情報のどの証明書とも一致しないか、組織 ID またはテクニカルアカウント ID が正しくありません。</translation>
    </message>
    <message>
        <source>Use the private key whose certificate is uploaded to the credential, and check the organization and technical account IDs. JWT certificates can no longer be renewed: switch to OAuth Server-to-Server.</source>
        <translation>資格情報にアップロードされた証明書に対応する秘密鍵を使用し、組織 ID とテクニカルアカウント ID を確認してください。JWT の証明書は今後更新できません。OAuth Server-to-Server に切り替えてください。</translation>
    </message>
    <message>
        <source>Adobe IMS requires a unique JWT id (jti) for this credential.</source>
        <translation>Adobe IMS では、この資格情報に一意の JWT ID（jti）が必要です。</translation>
    </message>
    <message>
        <source>This credential&apos;s binding asks for jti, which bpsetup does not send; switch to OAuth Server-to-Server.</source>
        <translation>この資格情報のバインディングでは jti が要求されますが、bpsetup は jti を送信しません。OAuth Server-to-Server に切り替えてください。</translation>
    </message>
    <message>
        <source>Adobe IMS is throttling requests from this client.</source>
        <translation>Adobe IMS が、このクライアントからのリクエストを制限しています。</translation>
    </message>
    <message>
        <source>Wait a few minutes and try again.</source>
        <translation>数分待ってから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>Try again later. If it persists, this JWT credential may already have been converted to OAuth Server-to-Server: use that credential instead.</source>
        <translation>しばらくしてから、もう一度お試しください。解消しない場合は、この JWT 資格情報がすでに OAuth Server-to-Server に変換されている可能性があります。代わりにその資格情報を使用してください。</translation>
    </message>
    <message>
        <source>Try again later; Adobe status: https://status.adobe.com.</source>
        <translation>しばらくしてから、もう一度お試しください。Adobe のステータス: https://status.adobe.com。</translation>
    </message>
    <message>
        <source>Check every value against the credential page in Developer Console.</source>
        <translation>すべての値を Developer Console の資格情報ページと照合してください。</translation>
    </message>
    <message>
        <source>Allow connections to %1 through the firewall or proxy, or set the proxy; open it in a browser on this machine to see what answers.</source>
        <translation>ファイアウォールまたはプロキシで %1 への接続を許可するか、プロキシを設定してください。このマシンのブラウザーで開くと、何が応答するかを確認できます。</translation>
    </message>
    <message>
        <source>Download the OAuth Server-to-Server credential of the same Developer Console project (the client id is the same; it needs its client secret) and use that instead.</source>
        <translation>同じ Developer Console プロジェクトの OAuth Server-to-Server 資格情報（クライアント ID は同じです。クライアントシークレットが必要です）をダウンロードし、代わりにそれを使用してください。</translation>
    </message>
    <message>
        <source>Adobe IMS is throttling requests (%1).</source>
        <translation>Adobe IMS がリクエストを制限しています（%1）。</translation>
    </message>
    <message>
        <source>Adobe IMS had a server error (%1).</source>
        <translation>Adobe IMS でサーバーエラーが発生しました（%1）。</translation>
    </message>
    <message>
        <source>Adobe IMS no longer exchanges this JWT credential (%1, internal_error): Adobe converted every Service Account (JWT) credential to OAuth Server-to-Server by 2026-03-01.</source>
        <translation>Adobe IMS は、この JWT 資格情報のトークン交換を行わなくなりました（%1、internal_error）。Adobe は 2026-03-01 までに、すべてのサービスアカウント（JWT）資格情報を OAuth Server-to-Server に変換しました。</translation>
    </message>
    <message>
        <source>Something other than Adobe IMS answered at %1 with a web page (%2): usually a proxy login, a captive portal or a firewall block page.</source>
        <translation>%1 で、Adobe IMS 以外の何かが Web ページで応答しました（%2）。通常は、プロキシのログイン、キャプティブポータル、またはファイアウォールのブロックページです。</translation>
    </message>
    <message>
        <source>%1 answered %2 without JSON, which Adobe IMS always sends.</source>
        <translation>%1 は JSON なしで %2 を返しました。Adobe IMS は常に JSON を送信します。</translation>
    </message>
    <message>
        <source>%1 answered %2 with JSON that is neither a token nor an Adobe IMS error: it is not Adobe IMS.</source>
        <translation>%1 は、トークンでも Adobe IMS のエラーでもない JSON で %2 を返しました。これは Adobe IMS ではありません。</translation>
    </message>
    <message>
        <source> This computer&apos;s clock is %1 %2 Adobe IMS: synchronise it (NTP) and try again.</source>
        <translation> このコンピューターの時計は Adobe IMS より %1%2。時計を同期（NTP）してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>Adobe IMS had a server error (%1) and still had it after retries.</source>
        <translation>Adobe IMS でサーバーエラーが発生し（%1）、再試行後も解消しませんでした。</translation>
    </message>
    <message>
        <source>Adobe IMS rejected the request (%1, %2).</source>
        <translation>Adobe IMS がリクエストを拒否しました（%1、%2）。</translation>
    </message>
</context>
<context>
    <name>bp::InstanceClassifier</name>
    <message>
        <source>not read</source>
        <translation>読み取れず</translation>
    </message>
    <message>
        <source>Reading the AEM version (%1)</source>
        <translation>AEM のバージョンを読み取っています（%1）</translation>
    </message>
    <message>
        <source>Reading Brand Portal cloud configurations</source>
        <translation>Brand Portal クラウド設定を読み取っています</translation>
    </message>
    <message>
        <source>Looking for a Legacy OAuth Gateway configuration</source>
        <translation>Legacy OAuth Gateway の設定を探しています</translation>
    </message>
    <message>
        <source>Looking for Brand Portal replication users</source>
        <translation>Brand Portal レプリケーションユーザーを探しています</translation>
    </message>
    <message>
        <source>Reading IMS configurations</source>
        <translation>IMS 設定を読み取っています</translation>
    </message>
    <message>
        <source>Reading replication agents</source>
        <translation>レプリケーションエージェントを読み取っています</translation>
    </message>
    <message>
        <source>Reading IMS configuration %1</source>
        <translation>IMS 設定 %1 を読み取っています</translation>
    </message>
    <message>
        <source>AEM at %1 answered with its login page instead of data. The user name or password was not accepted, or the instance enforces single sign-on (SAML).</source>
        <translation>%1 の AEM が、データではなくログインページを返しました。ユーザー名またはパスワードが受け付けられなかったか、インスタンスでシングルサインオン（SAML）が強制されています。</translation>
    </message>
    <message>
        <source>Use a local AEM administrator account, or a token for AEM as a Cloud Service.</source>
        <translation>AEM のローカル管理者アカウントを使用するか、AEM as a Cloud Service の場合はトークンを使用してください。</translation>
    </message>
    <message>
        <source>AEM at %1 rejected the login (HTTP 401/403).</source>
        <translation>%1 の AEM がログインを拒否しました（HTTP 401/403）。</translation>
    </message>
    <message>
        <source>Check the user name and password; the user must be an administrator to read the Brand Portal configuration.</source>
        <translation>ユーザー名とパスワードを確認してください。Brand Portal 設定を読み取るには、ユーザーが管理者である必要があります。</translation>
    </message>
    <message>
        <source>Check that the address points at the AEM author (not publish, not a web server), or connect past the dispatcher (usually port 4502).</source>
        <translation>アドレスが AEM オーサー（パブリッシュや Web サーバーではなく）を指していることを確認するか、Dispatcher を経由せずに接続してください（通常はポート 4502）。</translation>
    </message>
    <message>
        <source>The server expects HTTPS: change the address to https://.</source>
        <translation>サーバーは HTTPS を想定しています。アドレスを https:// に変更してください。</translation>
    </message>
    <message>
        <source>Looking for a Brand Portal distribution agent (AEM as a Cloud Service only)</source>
        <translation>Brand Portal 配布エージェントを探しています（AEM as a Cloud Service のみ）</translation>
    </message>
    <message>
        <source>The server at %1 answered (%2) but not like an AEM author: none of the AEM addresses it was asked for exist.</source>
        <translation>%1 のサーバーは応答しました（%2）が、AEM オーサーとしての応答ではありません。要求した AEM のアドレスがいずれも存在しません。</translation>
    </message>
</context>
<context>
    <name>bp::KeyMaterial</name>
    <message>
        <source>%1 is a JSON file, not a private key: the credential file goes elsewhere (the private key is private.key, made together with the certificate).</source>
        <translation>%1 は秘密鍵ではなく JSON ファイルです。資格情報ファイルは別の欄で指定します（秘密鍵は、証明書と一緒に作成された private.key です）。</translation>
    </message>
    <message>
        <source>The key</source>
        <translation>指定された鍵</translation>
    </message>
    <message>
        <source>The private key does not belong to the certificate %1 (SHA-256 %2). Use the key that was generated together with the uploaded certificate.</source>
        <translation>秘密鍵が証明書 %1（SHA-256 %2）に対応していません。アップロードした証明書と一緒に生成された鍵を使用してください。</translation>
    </message>
</context>
<context>
    <name>bp::KeyPairFiles</name>
    <message>
        <source>%1 already exists.</source>
        <translation>%1 はすでに存在します。</translation>
    </message>
    <message>
        <source>Choose another folder or file name, or replace it (a key already in use stops working once its certificate is removed from Developer Console).</source>
        <translation>別のフォルダーまたはファイル名を選択するか、置き換えてください（使用中の鍵は、その証明書が Developer Console から削除されると機能しなくなります）。</translation>
    </message>
    <message>
        <source>Could not replace %1.</source>
        <translation>%1 を置き換えられませんでした。</translation>
    </message>
    <message>
        <source>Could not create the folder %1.</source>
        <translation>フォルダー %1 を作成できませんでした。</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 を書き込めませんでした: %2</translation>
    </message>
    <message>
        <source>Could not write %1: %2. The private key was removed again, so nothing was saved.</source>
        <translation>%1 を書き込めませんでした: %2。秘密鍵も削除したため、何も保存されていません。</translation>
    </message>
</context>
<context>
    <name>bp::ManualVersion</name>
    <message>
        <source>&quot;%1&quot; is not a version to choose by hand. Give &quot;cloud&quot; for AEM as a Cloud Service, the exact AEM 6.5 version with its service pack (for example 6.5.21.0), or the AEM 6.5 LTS version (for example 6.6.1).</source>
        <translation>「%1」は手動で選択できるバージョンではありません。AEM as a Cloud Service の場合は &quot;cloud&quot;、AEM 6.5 の場合はサービスパックを含む正確なバージョン（例: 6.5.21.0）、AEM 6.5 LTS の場合はそのバージョン（例: 6.6.1）を指定してください。</translation>
    </message>
</context>
<context>
    <name>bp::ProfileManager</name>
    <message>
        <source>There is no profile named &quot;%1&quot; (no profiles are saved yet; see bpsetup profile save --help).</source>
        <translation>「%1」という名前のプロファイルはありません（保存済みのプロファイルはまだありません。bpsetup profile save --help を参照）。</translation>
    </message>
    <message>
        <source>There is no profile named &quot;%1&quot;. Saved profiles: %2.</source>
        <translation>「%1」という名前のプロファイルはありません。保存済みのプロファイル: %2。</translation>
    </message>
    <message>
        <source>The profiles file cannot be written.</source>
        <translation>プロファイルファイルに書き込めません。</translation>
    </message>
    <message>
        <source>There is no profile named &quot;%1&quot;.</source>
        <translation>「%1」という名前のプロファイルはありません。</translation>
    </message>
</context>
<context>
    <name>bp::RollbackRun</name>
    <message>
        <source>Not everything could be restored: %1</source>
        <translation>一部を復元できませんでした: %1</translation>
    </message>
    <message>
        <source>Fix the cause and run the rollback again (it is safe to repeat), or restore these objects by hand from the backup folder.</source>
        <translation>原因を修正してからロールバックをもう一度実行する（繰り返し実行しても安全です）か、バックアップフォルダーからこれらのオブジェクトを手動で復元してください。</translation>
    </message>
</context>
<context>
    <name>bp::SavedSetup</name>
    <message>
        <source>AEM password</source>
        <translation>AEM パスワード</translation>
    </message>
    <message>
        <source>AEM token</source>
        <translation>AEM トークン</translation>
    </message>
    <message>
        <source>client secret</source>
        <translation>クライアントシークレット</translation>
    </message>
    <message>
        <source>second client secret</source>
        <translation>2 つ目のクライアントシークレット</translation>
    </message>
    <message>
        <source>private key</source>
        <translation>秘密鍵</translation>
    </message>
    <message>
        <source>key passphrase</source>
        <translation>鍵のパスフレーズ</translation>
    </message>
</context>
<context>
    <name>bp::Task</name>
    <message>
        <source>Cancelled.</source>
        <translation>キャンセルされました。</translation>
    </message>
</context>
<context>
    <name>bp::TrustedCertificates</name>
    <message>
        <source>&quot;%1&quot; is not a SHA-256 fingerprint (64 hex digits, colons allowed).</source>
        <translation>「%1」は SHA-256 フィンガープリントではありません（16 進数 64 桁。コロン区切りも可）。</translation>
    </message>
    <message>
        <source>%1 is a plain http:// address: there is no certificate to trust.</source>
        <translation>%1 は通常の http:// アドレスのため、信頼する証明書はありません。</translation>
    </message>
    <message>
        <source>Use the https:// address of the server, or leave the fingerprint out.</source>
        <translation>サーバーの https:// アドレスを使用するか、フィンガープリントを省略してください。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a host name with an optional port (HOST[:PORT]=SHA256).</source>
        <translation>「%1」は、ホスト名（ポートは省略可能）として有効ではありません（HOST[:PORT]=SHA256）。</translation>
    </message>
    <message>
        <source>Give it as the failed run printed it, e.g. ims-na1.adobelogin.com:443=ab:cd:…</source>
        <translation>失敗した実行で表示されたとおりに指定してください。例: ims-na1.adobelogin.com:443=ab:cd:…</translation>
    </message>
</context>
<context>
    <name>bp::VerifyTask</name>
    <message>
        <source>not readable on Cloud Service</source>
        <translation>Cloud Service では読み取り不可</translation>
    </message>
    <message>
        <source>Activate Brand Portal in Cloud Manager (the checklist above), wait until it shows &apos;Activated&apos;, then run bpsetup verify again.</source>
        <translation>Cloud Manager で Brand Portal をアクティベートし（上記のチェックリストを参照）、「Activated」と表示されるまで待ってから、bpsetup verify をもう一度実行してください。</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n 分</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n 時間</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n 日</numerusform>
        </translation>
    </message>
    <message>
        <source>Skipped because %1 failed.</source>
        <translation>%1 が失敗したため、スキップしました。</translation>
    </message>
    <message>
        <source>IMS configuration (OAuth Server-to-Server)</source>
        <translation>IMS 設定（OAuth Server-to-Server）</translation>
    </message>
    <message>
        <source>Only a Legacy OAuth Gateway configuration was found (%1); there is no IMS configuration in %2.</source>
        <translation>Legacy OAuth Gateway の設定（%1）のみが見つかりました。%2 に IMS 設定はありません。</translation>
    </message>
    <message>
        <source>Create the OAuth Server-to-Server configuration: bpsetup plan, then bpsetup apply, with an OAuth Server-to-Server credential from Adobe Developer Console.</source>
        <translation>OAuth Server-to-Server の設定を作成してください。Adobe Developer Console の OAuth Server-to-Server 資格情報を使用して、bpsetup plan、bpsetup apply の順に実行します。</translation>
    </message>
    <message>
        <source>No configuration: no Brand Portal IMS configuration in %1 and no Brand Portal cloud configuration under %2.</source>
        <translation>設定がありません。%1 に Brand Portal IMS 設定がなく、%2 の下に Brand Portal クラウド設定もありません。</translation>
    </message>
    <message>
        <source>Create the configuration with bpsetup apply (bpsetup plan shows what it writes first), using an OAuth Server-to-Server credential from Adobe Developer Console.</source>
        <translation>Adobe Developer Console の OAuth Server-to-Server 資格情報を使用し、bpsetup apply で設定を作成してください（書き込まれる内容は、事前に bpsetup plan で確認できます）。</translation>
    </message>
    <message>
        <source>%1 names %2</source>
        <translation>%1 は %2 を指定</translation>
    </message>
    <message>
        <source>no IMS configuration</source>
        <translation>IMS 設定なし</translation>
    </message>
    <message>
        <source>No Brand Portal IMS configuration in %1 (%2).</source>
        <translation>%1 に Brand Portal IMS 設定がありません（%2）。</translation>
    </message>
    <message>
        <source>Run bpsetup apply with the OAuth Server-to-Server credential: it creates the IMS configuration and points the cloud configuration at it.</source>
        <translation>OAuth Server-to-Server 資格情報を使用して bpsetup apply を実行してください。IMS 設定が作成され、クラウド設定がその IMS 設定を参照するように設定されます。</translation>
    </message>
    <message>
        <source>%1 (%2) is in JWT (Service Account) mode, not OAuth: JWT credentials reached end of life.</source>
        <translation>%1（%2）は OAuth ではなく JWT（サービスアカウント）モードです。JWT 資格情報は提供終了となっています。</translation>
    </message>
    <message>
        <source>Upgrade it to OAuth Server-to-Server: in Adobe Developer Console, download the OAuth Server-to-Server credential of the same project (Adobe&apos;s conversion keeps the client id), then run bpsetup plan and bpsetup apply --credentials FILE; they switch this IMS configuration to OAuth in place (6.5.21.0+, 6.5 LTS, or 6.5.11.0-6.5.20.0 with --hotfix-package).</source>
        <translation>OAuth Server-to-Server にアップグレードしてください。Adobe Developer Console で同じプロジェクトの OAuth Server-to-Server 資格情報をダウンロードし（Adobe による変換ではクライアント ID が維持されます）、bpsetup plan と bpsetup apply --credentials FILE を実行します。これにより、この IMS 設定がその場で OAuth に切り替わります（6.5.21.0 以降、6.5 LTS、または --hotfix-package を指定した 6.5.11.0-6.5.20.0）。</translation>
    </message>
    <message>
        <source>%1 (%2) is neither in OAuth nor in JWT mode (grants or token URL missing).</source>
        <translation>%1（%2）は OAuth モードでも JWT モードでもありません（グラントまたはトークン URL がありません）。</translation>
    </message>
    <message>
        <source>Run bpsetup apply with the OAuth Server-to-Server credential: it writes the full OAuth property set.</source>
        <translation>OAuth Server-to-Server 資格情報を使用して bpsetup apply を実行してください。OAuth のプロパティ一式が書き込まれます。</translation>
    </message>
    <message>
        <source>%1 (%2): OAuth mode (client_credentials, %3).</source>
        <translation>%1（%2）: OAuth モード（client_credentials、%3）。</translation>
    </message>
    <message>
        <source>Brand Portal cloud configuration</source>
        <translation>Brand Portal クラウド設定</translation>
    </message>
    <message>
        <source>No Brand Portal cloud configuration under %1.</source>
        <translation>%1 の下に Brand Portal クラウド設定はありません。</translation>
    </message>
    <message>
        <source>Run bpsetup apply: it creates the cloud configuration pointing at the IMS configuration.</source>
        <translation>bpsetup apply を実行してください。IMS 設定を参照するクラウド設定が作成されます。</translation>
    </message>
    <message>
        <source>%1 names the IMS configuration %2, which does not exist in %3.</source>
        <translation>%1 は IMS 設定 %2 を指定していますが、%3 にその IMS 設定は存在しません。</translation>
    </message>
    <message>
        <source>Run bpsetup apply: it points the cloud configuration at the IMS configuration.</source>
        <translation>bpsetup apply を実行してください。クラウド設定が IMS 設定を参照するように設定されます。</translation>
    </message>
    <message>
        <source>%1: tenant %2, IMS configuration %3.</source>
        <translation>%1: テナント %2、IMS 設定 %3。</translation>
    </message>
    <message numerus="yes">
        <source>%n cloud configurations exist.</source>
        <translation>
            <numerusform>クラウド設定が %n 個あります。</numerusform>
        </translation>
    </message>
    <message>
        <source>Keep one Brand Portal cloud configuration per tenant.</source>
        <translation>Brand Portal クラウド設定は、テナントごとに 1 つにしてください。</translation>
    </message>
    <message>
        <source>IMS configuration</source>
        <translation>IMS 設定</translation>
    </message>
    <message>
        <source>%1 (%2): OAuth mode.</source>
        <translation>%1（%2）: OAuth モード。</translation>
    </message>
    <message>
        <source>%1 (%2) is in JWT (Service Account) mode.</source>
        <translation>%1（%2）は JWT（サービスアカウント）モードです。</translation>
    </message>
    <message>
        <source>Deactivate and activate Brand Portal again in Cloud Manager, or ask your Adobe representative; Cloud Service configurations made by activation use OAuth.</source>
        <translation>Cloud Manager で Brand Portal をいったん非アクティベートしてから再度アクティベートするか、Adobe の担当者に問い合わせてください。アクティベーションで作成される Cloud Service の設定は OAuth を使用します。</translation>
    </message>
    <message>
        <source>IMS configurations made by activation are %1.</source>
        <translation>アクティベーションで作成された IMS 設定: %1。</translation>
    </message>
    <message>
        <source>%1 names %2; IMS configurations made by activation are %3.</source>
        <translation>%1 は %2 を指定しています。アクティベーションで作成された IMS 設定: %3。</translation>
    </message>
    <message>
        <source>Not activated: no Brand Portal cloud configuration under %1.</source>
        <translation>未アクティベート: %1 の下に Brand Portal クラウド設定がありません。</translation>
    </message>
    <message>
        <source>Replication agents (Test Connection)</source>
        <translation>レプリケーションエージェント（Test Connection）</translation>
    </message>
    <message>
        <source>Replication queues</source>
        <translation>レプリケーションキュー</translation>
    </message>
    <message>
        <source>Testing the Brand Portal replication agents</source>
        <translation>Brand Portal レプリケーションエージェントをテストしています</translation>
    </message>
    <message>
        <source>Open Tools › Deployment › Replication › Agents on author and check the Brand Portal agents.</source>
        <translation>Tools › Deployment › Replication › Agents on author を開き、Brand Portal エージェントを確認してください。</translation>
    </message>
    <message>
        <source>%1 (in %2)</source>
        <translation>%1（対象: %2）</translation>
    </message>
    <message>
        <source>Oldest item waits for %1.</source>
        <translation>最も古い項目の待機時間: %1。</translation>
    </message>
    <message numerus="yes">
        <source>Test Connection succeeded for %n agent(s) in %1: %2.</source>
        <translation>
            <numerusform>%1 の %n 個のエージェントで Test Connection に成功しました: %2。</numerusform>
        </translation>
    </message>
    <message>
        <source>Disabled: %1.</source>
        <translation>無効: %1。</translation>
    </message>
    <message>
        <source>Enable every Brand Portal agent: they share the publishing jobs, and queued assets can fail on a disabled one.</source>
        <translation>すべての Brand Portal エージェントを有効にしてください。エージェントは公開ジョブを分担しており、無効なエージェントではキュー内のアセットが失敗する可能性があります。</translation>
    </message>
    <message>
        <source>Distribution agent %1</source>
        <translation>配布エージェント %1</translation>
    </message>
    <message>
        <source>Distribution queues</source>
        <translation>配布キュー</translation>
    </message>
    <message>
        <source>Distribution Test Connection</source>
        <translation>配布の Test Connection</translation>
    </message>
    <message>
        <source>Reading the Brand Portal distribution agent</source>
        <translation>Brand Portal 配布エージェントを読み取っています</translation>
    </message>
    <message>
        <source>GET %1: %2</source>
        <translation>GET %1: %2</translation>
    </message>
    <message>
        <source>%1: state %2.</source>
        <translation>%1: 状態 %2。</translation>
    </message>
    <message>
        <source>not reported</source>
        <translation>報告なし</translation>
    </message>
    <message>
        <source>Open Tools › Deployment › Distribution › Publish to Brand Portal › %1 and resume it; do not disable the agent.</source>
        <translation>Tools › Deployment › Distribution › Publish to Brand Portal › %1 を開いて再開してください。エージェントは無効にしないでください。</translation>
    </message>
    <message>
        <source>Skipped: the distribution agent is %1.</source>
        <translation>スキップ: 配布エージェントは %1。</translation>
    </message>
    <message>
        <source>Testing the Brand Portal distribution agent</source>
        <translation>Brand Portal 配布エージェントをテストしています</translation>
    </message>
    <message>
        <source>%1: empty</source>
        <translation>%1: 空</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n item(s)</source>
        <translation>
            <numerusform>%1: %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>(oldest %1, %2%3)</source>
        <translation>（最も古い項目 %1、%2%3）</translation>
    </message>
    <message>
        <source>no path</source>
        <translation>パスなし</translation>
    </message>
    <message>
        <source>, waiting for %1</source>
        <translation>、待機時間 %1</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2。</translation>
    </message>
    <message>
        <source>Open Tools › Deployment › Distribution › %1 › Status, read the error of the oldest item (and the Logs tab), fix the cause, then retry or clear the error queue; do not disable the agent.</source>
        <translation>Tools › Deployment › Distribution › %1 › Status を開き、最も古い項目のエラー（および Logs タブ）を確認して原因を修正してから、再試行するか、エラーキューをクリアしてください。エージェントは無効にしないでください。</translation>
    </message>
    <message>
        <source>POST %1 was refused: %2.</source>
        <translation>POST %1 は拒否されました: %2。</translation>
    </message>
    <message>
        <source>POST %1: %2</source>
        <translation>POST %1: %2</translation>
    </message>
    <message>
        <source>(no state)</source>
        <translation>（状態なし）</translation>
    </message>
    <message>
        <source>Open Tools › Deployment › Distribution › %1, run Test Connection and read the Logs tab (the test is DSTRQ1); if the package is not delivered, ask Adobe support or your Adobe representative to check the Brand Portal activation.</source>
        <translation>Tools › Deployment › Distribution › %1 を開き、Test Connection を実行して Logs タブを確認してください（テストは DSTRQ1 です）。パッケージが配信されない場合は、Adobe サポートまたは Adobe の担当者に Brand Portal のアクティベーションの確認を依頼してください。</translation>
    </message>
    <message>
        <source>Test Connection was not run: it sends a test package through the agent, so it runs only when asked (--run-tests).</source>
        <translation>Test Connection は実行されていません。エージェントを通じてテストパッケージを送信するため、指定した場合（--run-tests）にのみ実行されます。</translation>
    </message>
    <message>
        <source>Not activated: the distribution agent %1 does not exist (%2).</source>
        <translation>未アクティベート: 配布エージェント %1 は存在しません（%2）。</translation>
    </message>
    <message>
        <source>GET %1 answered %2: %3.</source>
        <translation>GET %1 が %2 を返しました: %3。</translation>
    </message>
    <message>
        <source>GET %1 answered %2 without queues: %3.</source>
        <translation>GET %1 がキューなしで %2 を返しました: %3。</translation>
    </message>
    <message>
        <source>POST %1 (action=TEST): %2, state %3%4.</source>
        <translation>POST %1（action=TEST）: %2、状態 %3%4。</translation>
    </message>
    <message>
        <source>POST %1 answered %2: %3.</source>
        <translation>POST %1 が %2 を返しました: %3。</translation>
    </message>
</context>
<context>
    <name>bp::cli::Cli</name>
    <message>
        <source>No command given.</source>
        <translation>コマンドが指定されていません。</translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;.</source>
        <translation>不明なコマンド「%1」です。</translation>
    </message>
    <message>
        <source>Run bpsetup --help for the commands: detect, validate, keygen, profile, simulate, plan, apply, verify, diagnose, rollback, backups.</source>
        <translation>コマンドの一覧は bpsetup --help で確認してください: detect、validate、keygen、profile、simulate、plan、apply、verify、diagnose、rollback、backups。</translation>
    </message>
    <message>
        <source>Usage: bpsetup [--demo] | bpsetup COMMAND [options]

Connects Adobe Experience Manager Assets to Adobe Brand Portal and diagnoses existing connections.
Without a command the setup wizard opens; --demo opens it against the built-in simulator.

Commands:
  detect     Read AEM&apos;s version and Brand Portal configuration and choose the setup route
  validate   Check Developer Console credentials against Adobe IMS
  keygen     Generate an RSA 2048 key pair and certificate for Developer Console
  profile    List, show, save, rename or delete connection profiles (secrets in the keychain)
  simulate   Serve a simulated AEM author and Adobe IMS on 127.0.0.1
  plan       Show what creating the Brand Portal configuration would change (read-only)
  apply      Create or upgrade the configuration: plan, backup, apply, verify, test
  verify     Check the configured chain end to end (6.5 and Cloud Service; only agent tests are sent)
  diagnose   Read-only health checks with remedies, for support (diagnose --list-checks)
  rollback   Restore what one apply changed, from its backup
  backups    List the backups saved before changes (backups list)

Options:
  -h, --help     Show this help (bpsetup COMMAND --help for a command)
  -v, --version  Show the version
  --lang CODE    Language of the wizard and messages: de, en, fr, ja (default: the system&apos;s)

Exit codes: 0 success, 1 the checked thing is wrong, 2 bad input or usage,
3 could not reach or authenticate to AEM/IMS, 4 unsupported version or route.
</source>
        <translation>使用法: bpsetup [--demo] | bpsetup COMMAND [options]

Adobe Experience Manager Assets を Adobe Brand Portal に接続し、既存の接続を診断します。
コマンドを指定しないとセットアップウィザードが開きます。--demo を指定すると、組み込みのシミュレーターに接続したウィザードが開きます。

コマンド:
  detect     AEM のバージョンと Brand Portal 設定を読み取り、セットアップ方法を選択します
  validate   Developer Console の資格情報を Adobe IMS に対してチェックします
  keygen     Developer Console 用の RSA 2048 キーペアと証明書を生成します
  profile    接続プロファイルを一覧表示、表示、保存、名前変更、削除します（シークレットはキーチェーンに保存）
  simulate   シミュレートした AEM オーサーと Adobe IMS を 127.0.0.1 で提供します
  plan       Brand Portal 設定を作成すると何が変更されるかを表示します（読み取り専用）
  apply      設定を作成またはアップグレードします: プラン、バックアップ、適用、確認、テスト
  verify     設定済みのチェーンをエンドツーエンドで確認します（6.5 と Cloud Service。送信するのはエージェントのテストのみ）
  diagnose   サポート向けに、対処方法付きの読み取り専用ヘルスチェックを実行します（diagnose --list-checks）
  rollback   1 回の apply で変更された内容を、そのバックアップから復元します
  backups    変更前に保存されたバックアップを一覧表示します（backups list）

オプション:
  -h, --help     このヘルプを表示します（コマンドのヘルプは bpsetup COMMAND --help）
  -v, --version  バージョンを表示します
  --lang CODE    ウィザードとメッセージの言語: de、en、fr、ja（デフォルト: システムの言語）

終了コード: 0 成功、1 チェック対象に問題あり、2 入力または使用法の誤り、
3 AEM/IMS に到達できないか認証できない、4 サポートされていないバージョンまたはセットアップ方法。
</translation>
    </message>
</context>
<context>
    <name>bp::cli::CliContext</name>
    <message>
        <source>What to do: %1</source>
        <translation>対処方法: %1</translation>
    </message>
    <message>
        <source>yes</source>
        <comment>the answer to a [y/N] question</comment>
        <translation>はい</translation>
    </message>
    <message>
        <source>%1 (Adobe IMS)</source>
        <translation>%1（Adobe IMS）</translation>
    </message>
    <message>
        <source>%1 (AEM)</source>
        <translation>%1（AEM）</translation>
    </message>
    <message>
        <source>%1 (self-signed)</source>
        <translation>%1（自己署名）</translation>
    </message>
    <message>
        <source>Certificate presented by %1:
  subject  %2
  issuer   %3
  valid    %4 to %5
  SHA-256  %6
</source>
        <translation>%1 が提示した証明書:
  サブジェクト  %2
  発行者        %3
  有効期間      %4 ～ %5
  SHA-256       %6
</translation>
    </message>
    <message>
        <source>If this fingerprint is the one your network team expects (a proxy that inspects TLS shows its own certificate for Adobe IMS), re-run with
</source>
        <translation>このフィンガープリントがネットワークチームの想定どおりであれば（TLS インスペクションを行うプロキシは、Adobe IMS に対して独自の証明書を提示します）、次のオプションを付けて再実行してください:
</translation>
    </message>
    <message>
        <source>If this fingerprint is the one your administrator expects, re-run with
</source>
        <translation>このフィンガープリントが管理者の想定どおりであれば、次のオプションを付けて再実行してください:
</translation>
    </message>
</context>
<context>
    <name>bp::ui::ApplyPage</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1.%2 s</source>
        <translation>%1.%2 秒</translation>
    </message>
    <message>
        <source>%1:%2 min</source>
        <translation>%1:%2 分</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>Reading …</source>
        <translation>読み取り中…</translation>
    </message>
    <message>
        <source>Applying …</source>
        <translation>適用中…</translation>
    </message>
    <message>
        <source>Verifying …</source>
        <translation>確認中…</translation>
    </message>
    <message>
        <source>Done, verified</source>
        <translation>完了（確認済み）</translation>
    </message>
    <message>
        <source>Already in place</source>
        <translation>設定済み</translation>
    </message>
    <message>
        <source>Would change (dry run)</source>
        <translation>変更予定（ドライラン）</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>キャンセル済み</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>未実行</translation>
    </message>
    <message>
        <source>There is no reviewed plan to apply.</source>
        <translation>適用するレビュー済みのプランがありません。</translation>
    </message>
    <message>
        <source>Close the wizard and start again.</source>
        <translation>ウィザードを閉じて、最初からやり直してください。</translation>
    </message>
    <message>
        <source>Applying the changes to %1 …</source>
        <translation>%1 に変更を適用しています…</translation>
    </message>
    <message>
        <source>Elapsed: %1</source>
        <translation>経過時間: %1</translation>
    </message>
    <message>
        <source>Stop applying?</source>
        <translation>適用を停止しますか？</translation>
    </message>
    <message>
        <source>The step in progress is stopped and no further step runs. What was already changed stays on AEM until you roll it back (the backup is kept).</source>
        <translation>実行中のステップを停止し、以降のステップは実行しません。すでに変更された内容は、ロールバックするまで AEM に残ります（バックアップは保持されます）。</translation>
    </message>
    <message>
        <source>Stopping …</source>
        <translation>停止しています…</translation>
    </message>
    <message>
        <source>✔ Every change was applied and verified by reading it back.</source>
        <translation>✔ すべての変更を適用し、読み戻して確認しました。</translation>
    </message>
    <message>
        <source>✔ Nothing needed changing: the configuration is already in place.</source>
        <translation>✔ 変更の必要はありませんでした。設定はすでに完了しています。</translation>
    </message>
    <message>
        <source>Every change was applied, but a test did not pass: Next shows which.</source>
        <translation>すべての変更を適用しましたが、合格しなかったテストがあります。「次へ」をクリックすると、どのテストかを確認できます。</translation>
    </message>
    <message>
        <source>Apply was cancelled.</source>
        <translation>適用はキャンセルされました。</translation>
    </message>
    <message>
        <source>Apply stopped.</source>
        <translation>適用を停止しました。</translation>
    </message>
    <message>
        <source>The step &quot;%1&quot; failed.</source>
        <translation>ステップ「%1」が失敗しました。</translation>
    </message>
    <message>
        <source>Why: %1</source>
        <translation>原因: %1</translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation>対処方法: %1</translation>
    </message>
    <message>
        <source>Backup %1 in %2</source>
        <translation>バックアップ %1（%2）</translation>
    </message>
    <message>
        <source>Restore what the backup holds, newest backup first.</source>
        <translation>バックアップの内容を、新しいバックアップから順に復元します。</translation>
    </message>
    <message>
        <source>Rollback is not available in this build.</source>
        <translation>このビルドでは、ロールバックを使用できません。</translation>
    </message>
    <message>
        <source>Backup %1 cannot be restored from here.</source>
        <translation>バックアップ %1 は、ここからは復元できません。</translation>
    </message>
    <message>
        <source>Restoring backup %1 …</source>
        <translation>バックアップ %1 を復元しています…</translation>
    </message>
    <message>
        <source>The rollback did not complete: %1</source>
        <translation>ロールバックが完了しませんでした: %1</translation>
    </message>
    <message>
        <source>✔ Rolled back: the instance is as it was before this wizard changed it.</source>
        <translation>✔ ロールバックしました。インスタンスは、このウィザードで変更する前の状態に戻っています。</translation>
    </message>
    <message>
        <source>✔ Rolled back: the instance is as it was before this wizard changed it (%1 restored).</source>
        <translation>✔ ロールバックしました。インスタンスは、このウィザードで変更する前の状態に戻っています（%1 を復元）。</translation>
    </message>
    <message>
        <source>Rolled back. Retry applies the plan again, Cancel closes the wizard.</source>
        <translation>ロールバックしました。「再試行」でプランをもう一度適用し、「キャンセル」でウィザードを閉じます。</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>適用</translation>
    </message>
    <message>
        <source>The changes are written to AEM one by one, each verified by reading it back. A backup is saved before the first change.</source>
        <translation>変更は 1 つずつ AEM に書き込まれ、それぞれ読み戻して確認されます。最初の変更の前にバックアップが保存されます。</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>ステップ</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Stop applying (asks first)</source>
        <translation>適用を停止（確認あり）</translation>
    </message>
    <message>
        <source>&amp;Roll back</source>
        <translation>ロールバック(&amp;R)</translation>
    </message>
    <message>
        <source>Re&amp;try</source>
        <translation>再試行(&amp;T)</translation>
    </message>
    <message>
        <source>Backup %1 of the state before is in %2.</source>
        <translation>変更前の状態のバックアップ %1 は %2 にあります。</translation>
    </message>
    <message>
        <source>Rolled back</source>
        <translation>ロールバック済み</translation>
    </message>
    <message>
        <source>Apply steps</source>
        <translation>適用のステップ</translation>
    </message>
    <message>
        <source>Each change with its status: waiting, running, done, failed or rolled back.</source>
        <translation>各変更とその状態（待機中、実行中、完了、失敗、ロールバック済み）。</translation>
    </message>
</context>
<context>
    <name>bp::ui::CertificateTrustDialog</name>
    <message>
        <source>Untrusted certificate</source>
        <translation>信頼されていない証明書</translation>
    </message>
    <message>
        <source>The server %1 presented a certificate that this computer does not trust. Only trust it if you know this certificate belongs to your AEM instance, for example because your administrator gave you its fingerprint.</source>
        <translation>サーバー %1 が、このコンピューターで信頼されていない証明書を提示しました。管理者からフィンガープリントを受け取っているなど、この証明書がお使いの AEM インスタンスのものであるとわかっている場合にのみ信頼してください。</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>サブジェクト:</translation>
    </message>
    <message>
        <source>Issuer:</source>
        <translation>発行者:</translation>
    </message>
    <message>
        <source>Valid:</source>
        <translation>有効期間:</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation>SHA-256 フィンガープリント:</translation>
    </message>
    <message>
        <source>Problems:</source>
        <translation>問題:</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（なし）</translation>
    </message>
    <message>
        <source>%1 (self-signed)</source>
        <translation>%1（自己署名）</translation>
    </message>
    <message>
        <source>from %1 to %2</source>
        <translation>%1 ～ %2</translation>
    </message>
    <message>
        <source>(none reported)</source>
        <translation>（報告なし）</translation>
    </message>
    <message>
        <source>If you trust it, bpsetup remembers this certificate for %1 only. If the server later presents a different certificate, you will be asked again.</source>
        <translation>信頼すると、bpsetup はこの証明書を %1 に対してのみ記憶します。後でサーバーが別の証明書を提示した場合は、改めて確認を求めます。</translation>
    </message>
    <message>
        <source>&amp;Trust this certificate for %1</source>
        <translation>%1 に対してこの証明書を信頼(&amp;T)</translation>
    </message>
    <message>
        <source>%1 (Adobe IMS, where the credentials are checked) presented a certificate that this computer does not trust. Adobe&apos;s own certificate is trusted everywhere, so this one most likely comes from a proxy that inspects TLS traffic on your network. Only trust it if your network team confirms its fingerprint; otherwise ask them for the proxy&apos;s CA certificate.</source>
        <translation>%1（資格情報をチェックする Adobe IMS）が、このコンピューターで信頼されていない証明書を提示しました。Adobe 自身の証明書はどこでも信頼されるため、この証明書は、ネットワーク上で TLS トラフィックのインスペクションを行うプロキシのものである可能性が高いです。ネットワークチームがフィンガープリントを確認した場合にのみ信頼してください。確認できない場合は、プロキシの CA 証明書をネットワークチームに依頼してください。</translation>
    </message>
    <message>
        <source>The server %1 presented a certificate that this computer does not trust. Only trust it if you know this certificate belongs to that server, for example because your administrator gave you its fingerprint.</source>
        <translation>サーバー %1 が、このコンピューターで信頼されていない証明書を提示しました。管理者からフィンガープリントを受け取っているなど、この証明書がそのサーバーのものであるとわかっている場合にのみ信頼してください。</translation>
    </message>
</context>
<context>
    <name>bp::ui::ConnectPage</name>
    <message>
        <source>Connection cancelled. Nothing was changed on AEM.</source>
        <translation>接続はキャンセルされました。AEM では何も変更されていません。</translation>
    </message>
    <message>
        <source>Enter the user name and password of an AEM administrator.</source>
        <translation>AEM 管理者のユーザー名とパスワードを入力してください。</translation>
    </message>
    <message>
        <source>Paste a local development or service token from the AEM Developer Console.</source>
        <translation>AEM Developer Console のローカル開発トークンまたはサービストークンを貼り付けてください。</translation>
    </message>
    <message>
        <source>Enter the exact 6.5 version including the service pack, for example 6.5.21.0.</source>
        <translation>サービスパックを含む正確な 6.5 のバージョンを入力してください（例: 6.5.21.0）。</translation>
    </message>
    <message>
        <source>Enter the exact 6.5 LTS version, for example 6.6.1.</source>
        <translation>正確な 6.5 LTS のバージョンを入力してください（例: 6.6.1）。</translation>
    </message>
    <message>
        <source>%1 (%2 of %3)</source>
        <translation>%1（%2/%3）</translation>
    </message>
    <message>
        <source>Connecting to %1 …</source>
        <translation>%1 に接続しています…</translation>
    </message>
    <message>
        <source>Connected, but no source revealed the AEM version (the dispatcher or permissions may block them). Choose the version below and click Next, or leave it as &quot;Not known&quot; to continue and see what was found.</source>
        <translation>接続しましたが、どのソースからも AEM のバージョンを取得できませんでした（Dispatcher または権限によってブロックされている可能性があります）。下でバージョンを選択して「次へ」をクリックするか、「不明」のまま続行して検出結果を確認してください。</translation>
    </message>
    <message>
        <source>Connected.</source>
        <translation>接続しました。</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted.</source>
        <translation>サーバーの証明書は信頼されていません。</translation>
    </message>
    <message>
        <source>%1
The certificate was not trusted. Ask your administrator for the CA certificate and select it under &quot;Extra CA certificates&quot;, or trust the certificate after checking its fingerprint.</source>
        <translation>%1
証明書は信頼されませんでした。管理者に CA 証明書を依頼して「追加の CA 証明書」で選択するか、フィンガープリントを確認したうえで証明書を信頼してください。</translation>
    </message>
    <message>
        <source>The certificate is trusted for this session only, because it could not be saved: %1</source>
        <translation>証明書を保存できなかったため、このセッションでのみ信頼します: %1</translation>
    </message>
    <message>
        <source>The saved connections were written by a newer bpsetup: they can be used, but not changed.</source>
        <translation>保存済みの接続は新しいバージョンの bpsetup で書き込まれています。使用はできますが、変更はできません。</translation>
    </message>
    <message>
        <source>%1 Until then, passwords and secrets are not saved; everything else works.</source>
        <translation>%1 それまでは、パスワードとシークレットは保存されません。その他の機能は使用できます。</translation>
    </message>
    <message>
        <source>Reading the saved passwords of &quot;%1&quot; from %2 …</source>
        <translation>%2 から「%1」の保存済みパスワードを読み取っています…</translation>
    </message>
    <message>
        <source>This saved connection no longer exists.</source>
        <translation>この保存済みの接続は存在しなくなりました。</translation>
    </message>
    <message>
        <source>The saved passwords of &quot;%1&quot; could not be read: %2 Type the %3 below.</source>
        <translation>「%1」の保存済みパスワードを読み取れませんでした: %2 下に%3を入力してください。</translation>
    </message>
    <message>
        <source>password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <source>token</source>
        <translation>トークン</translation>
    </message>
    <message>
        <source>No password stored for this profile: type it below.</source>
        <translation>このプロファイルにはパスワードが保存されていません。下に入力してください。</translation>
    </message>
    <message>
        <source>No token stored for this profile: paste it below.</source>
        <translation>このプロファイルにはトークンが保存されていません。下に貼り付けてください。</translation>
    </message>
    <message>
        <source>Loaded &quot;%1&quot; with its saved secrets.</source>
        <translation>「%1」を保存済みのシークレットとともに読み込みました。</translation>
    </message>
    <message>
        <source>Select CA certificates</source>
        <translation>CA 証明書の選択</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>PEM 証明書 (*.pem *.crt *.cer);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <source>Connect to AEM</source>
        <translation>AEM に接続</translation>
    </message>
    <message>
        <source>Enter the address of your AEM author instance and an administrator login. Connecting only reads from AEM.</source>
        <translation>AEM オーサーインスタンスのアドレスと、管理者のログイン情報を入力してください。接続時は AEM からの読み取りのみを行います。</translation>
    </message>
    <message>
        <source>Demo mode: the fields below are filled in for the built-in simulator.</source>
        <translation>デモモード: 下のフィールドには、組み込みのシミュレーター用の値が入力されています。</translation>
    </message>
    <message>
        <source>&amp;Saved connection:</source>
        <translation>保存済みの接続(&amp;S):</translation>
    </message>
    <message>
        <source>New connection</source>
        <translation>新しい接続</translation>
    </message>
    <message>
        <source>&amp;Manage…</source>
        <translation>管理(&amp;M)…</translation>
    </message>
    <message>
        <source>Rename or delete saved connections</source>
        <translation>保存済みの接続の名前を変更または削除します</translation>
    </message>
    <message>
        <source>AEM author &amp;URL:</source>
        <translation>AEM オーサーの URL(&amp;U):</translation>
    </message>
    <message>
        <source>Sign in &amp;with:</source>
        <translation>サインイン方法(&amp;W):</translation>
    </message>
    <message>
        <source>User name and password</source>
        <translation>ユーザー名とパスワード</translation>
    </message>
    <message>
        <source>Bearer token (AEM as a Cloud Service)</source>
        <translation>ベアラートークン（AEM as a Cloud Service）</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>パスワード(&amp;P):</translation>
    </message>
    <message>
        <source>Hide the password</source>
        <translation>パスワードを隠す</translation>
    </message>
    <message>
        <source>Show the password</source>
        <translation>パスワードを表示</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>トークン(&amp;T):</translation>
    </message>
    <message>
        <source>Developer Console token</source>
        <translation>Developer Console のトークン</translation>
    </message>
    <message>
        <source>Certificates and proxy (optional)</source>
        <translation>証明書とプロキシ（オプション）</translation>
    </message>
    <message>
        <source>Extra &amp;CA certificates:</source>
        <translation>追加の CA 証明書(&amp;C):</translation>
    </message>
    <message>
        <source>PEM file, in addition to the system certificates</source>
        <translation>システムの証明書に追加する PEM ファイル</translation>
    </message>
    <message>
        <source>Pro&amp;xy:</source>
        <translation>プロキシ(&amp;X):</translation>
    </message>
    <message>
        <source>system proxy</source>
        <translation>システムプロキシ</translation>
    </message>
    <message>
        <source>Leave empty for the system proxy, type &quot;none&quot; for a direct connection, or http://host:port</source>
        <translation>システムプロキシを使用する場合は空欄のまま、直接接続する場合は &quot;none&quot;、または http://host:port を入力</translation>
    </message>
    <message>
        <source>AEM &amp;version (chosen manually):</source>
        <translation>AEM のバージョン（手動で選択）(&amp;V):</translation>
    </message>
    <message>
        <source>Not known — continue without it</source>
        <translation>不明 — バージョンなしで続行</translation>
    </message>
    <message>
        <source>AEM as a Cloud Service</source>
        <translation>AEM as a Cloud Service</translation>
    </message>
    <message>
        <source>6.5.x — enter exact service pack</source>
        <translation>6.5.x — サービスパックまで正確に入力</translation>
    </message>
    <message>
        <source>6.5 LTS (6.6.x)</source>
        <translation>6.5 LTS（6.6.x）</translation>
    </message>
    <message>
        <source>Exact AEM version</source>
        <translation>正確な AEM のバージョン</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Stop connecting</source>
        <translation>接続を中止</translation>
    </message>
    <message>
        <source>Us&amp;er name:</source>
        <translation>ユーザー名(&amp;E):</translation>
    </message>
    <message>
        <source>H&amp;ide</source>
        <translation>非表示(&amp;I)</translation>
    </message>
    <message>
        <source>Sh&amp;ow</source>
        <translation>表示(&amp;O)</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>参照(&amp;R)…</translation>
    </message>
    <message>
        <source>A connection saved earlier fills in the fields below; its secrets come from the keychain.</source>
        <translation>以前に保存した接続を選択すると、下のフィールドに入力されます。シークレットはキーチェーンから読み込まれます。</translation>
    </message>
    <message>
        <source>How bpsetup signs in to AEM: a user and password, or a bearer token (AEM as a Cloud Service).</source>
        <translation>bpsetup が AEM にサインインする方法です。ユーザー名とパスワード、またはベアラートークン（AEM as a Cloud Service）を使用します。</translation>
    </message>
    <message>
        <source>An AEM administrator, such as admin.</source>
        <translation>AEM の管理者（例: admin）。</translation>
    </message>
    <message>
        <source>The AEM user&apos;s password; it is never written to a file.</source>
        <translation>AEM ユーザーのパスワードです。ファイルに書き込まれることはありません。</translation>
    </message>
    <message>
        <source>Choose a PEM file of CA certificates to trust in addition to the system&apos;s.</source>
        <translation>システムの証明書に加えて信頼する CA 証明書の PEM ファイルを選択します。</translation>
    </message>
</context>
<context>
    <name>bp::ui::CredentialsPage</name>
    <message>
        <source>client ID</source>
        <translation>クライアント ID</translation>
    </message>
    <message>
        <source>client secret</source>
        <translation>クライアントシークレット</translation>
    </message>
    <message>
        <source>scopes</source>
        <translation>スコープ</translation>
    </message>
    <message>
        <source>organization ID</source>
        <translation>組織 ID</translation>
    </message>
    <message>
        <source>technical account ID</source>
        <translation>テクニカルアカウント ID</translation>
    </message>
    <message>
        <source>metascopes</source>
        <translation>メタスコープ</translation>
    </message>
    <message>
        <source>private key</source>
        <translation>秘密鍵</translation>
    </message>
    <message>
        <source>IMS address</source>
        <translation>IMS のアドレス</translation>
    </message>
    <message>
        <source>credential kind</source>
        <translation>資格情報の種類</translation>
    </message>
    <message>
        <source>%1 is a private key, which only a Service Account (JWT) credential uses: the credential kind is now JWT.</source>
        <translation>%1 は秘密鍵です。秘密鍵を使用するのはサービスアカウント（JWT）資格情報のみのため、資格情報の種類を JWT に変更しました。</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <source>%1 is neither a Developer Console credential nor a private key or certificate.</source>
        <translation>%1 は、Developer Console の資格情報、秘密鍵、証明書のいずれでもありません。</translation>
    </message>
    <message>
        <source>Paste the JSON of the credential first.</source>
        <translation>先に資格情報の JSON を貼り付けてください。</translation>
    </message>
    <message>
        <source>Pasted JSON</source>
        <translation>貼り付けた JSON</translation>
    </message>
    <message>
        <source>Could not create a temporary folder for the demo credentials: %1</source>
        <translation>デモ用の資格情報の一時フォルダーを作成できませんでした: %1</translation>
    </message>
    <message>
        <source>Import a Developer Console credential</source>
        <translation>Developer Console の資格情報を読み込む</translation>
    </message>
    <message>
        <source>Developer Console credentials (*.json);;Private keys and certificates (*.key *.pem *.crt *.cer);;All files (*)</source>
        <translation>Developer Console の資格情報 (*.json);;秘密鍵と証明書 (*.key *.pem *.crt *.cer);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Choose the private key</source>
        <translation>秘密鍵の選択</translation>
    </message>
    <message>
        <source>Private keys (*.key *.pem);;All files (*)</source>
        <translation>秘密鍵 (*.key *.pem);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Import the credential or fill in: %1.</source>
        <translation>資格情報を読み込むか、次の項目を入力してください: %1。</translation>
    </message>
    <message>
        <source>Correct the fields marked ⚠ to continue.</source>
        <translation>続行するには、⚠ が付いたフィールドを修正してください。</translation>
    </message>
    <message>
        <source>Choose the private key file (for example private.key) whose certificate is uploaded to the credential in Developer Console, or generate a new key pair. If AEM generated the key pair, tick the box above instead.</source>
        <translation>Developer Console の資格情報に証明書をアップロード済みの秘密鍵ファイル（例: private.key）を選択するか、新しいキーペアを生成してください。AEM がキーペアを生成した場合は、代わりに上のチェックボックスをオンにしてください。</translation>
    </message>
    <message>
        <source>This private key is encrypted: enter its passphrase.</source>
        <translation>この秘密鍵は暗号化されています。パスフレーズを入力してください。</translation>
    </message>
    <message>
        <source>⚠ Certificate %1: %2</source>
        <translation>⚠ 証明書 %1: %2</translation>
    </message>
    <message>
        <source>Certificate %1 expires on %2.</source>
        <translation>証明書 %1 の有効期限は %2 です。</translation>
    </message>
    <message>
        <source>SHA-256 %1</source>
        <translation>SHA-256 %1</translation>
    </message>
    <message>
        <source>⚠ This certificate has expired, so IMS rejects JWTs signed with its key. JWT certificates can no longer be renewed: move to OAuth Server-to-Server.</source>
        <translation>⚠ この証明書は有効期限が切れているため、IMS はその鍵で署名された JWT を拒否します。JWT の証明書は今後更新できません。OAuth Server-to-Server に移行してください。</translation>
    </message>
    <message>
        <source>⚠ This certificate expires within 30 days; the integration stops working then. JWT certificates can no longer be renewed: move to OAuth Server-to-Server.</source>
        <translation>⚠ この証明書は 30 日以内に有効期限が切れ、その時点で連携が機能しなくなります。JWT の証明書は今後更新できません。OAuth Server-to-Server に移行してください。</translation>
    </message>
    <message>
        <source>The private key belongs to this certificate.</source>
        <translation>秘密鍵はこの証明書に対応しています。</translation>
    </message>
    <message>
        <source>⚠ The private key does not belong to this certificate: IMS will not accept it unless the key&apos;s own certificate is uploaded to the credential.</source>
        <translation>⚠ 秘密鍵がこの証明書に対応していません。鍵に対応する証明書が資格情報にアップロードされていない限り、IMS はこの鍵を受け付けません。</translation>
    </message>
    <message>
        <source>Found a credential of kind %1.</source>
        <translation>種類 %1 の資格情報が見つかりました。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Developer Console credentials</source>
        <translation>Developer Console の資格情報</translation>
    </message>
    <message>
        <source>Import the OAuth Server-to-Server credential of the Developer Console project that has the AEM Brand Portal API, or type it in. Nothing is sent anywhere on this page.</source>
        <translation>AEM Brand Portal API を含む Developer Console プロジェクトの OAuth Server-to-Server 資格情報を読み込むか、入力してください。このページでは何も送信されません。</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>読み込み</translation>
    </message>
    <message>
        <source>Demo mode: use the throwaway credentials of the built-in simulator.</source>
        <translation>デモモード: 組み込みのシミュレーターの使い捨ての資格情報を使用します。</translation>
    </message>
    <message>
        <source>&amp;Use the simulator&apos;s demo credentials</source>
        <translation>シミュレーターのデモ用資格情報を使用(&amp;U)</translation>
    </message>
    <message>
        <source>Import &amp;file…</source>
        <translation>ファイルを読み込む(&amp;F)…</translation>
    </message>
    <message>
        <source>or drop a downloaded .json file, or a private key (PEM), anywhere on this page.</source>
        <translation>または、ダウンロードした .json ファイルや秘密鍵（PEM）を、このページの任意の場所にドロップします。</translation>
    </message>
    <message>
        <source>…or &amp;paste the JSON (Download JSON on the credential page, or the project&apos;s Download all):</source>
        <translation>…または JSON を貼り付けます（資格情報ページの Download JSON、またはプロジェクトの Download all）(&amp;P):</translation>
    </message>
    <message>
        <source>Import pasted &amp;JSON</source>
        <translation>貼り付けた JSON を読み込む(&amp;J)</translation>
    </message>
    <message>
        <source>Ctrl+Enter in the text box does the same.</source>
        <translation>テキストボックスで Ctrl+Enter を押しても、同じ操作を実行できます。</translation>
    </message>
    <message>
        <source>Credential</source>
        <translation>資格情報</translation>
    </message>
    <message>
        <source>Kin&amp;d:</source>
        <translation>種類(&amp;D):</translation>
    </message>
    <message>
        <source>OAuth Server-to-Server (recommended)</source>
        <translation>OAuth Server-to-Server（推奨）</translation>
    </message>
    <message>
        <source>Service Account (JWT) — retired by Adobe</source>
        <translation>サービスアカウント（JWT）— Adobe により廃止</translation>
    </message>
    <message>
        <source>Adobe retired JWT credentials (end of life 2025-06-30, converted to OAuth Server-to-Server by 2026-03-01). Use this only to check or migrate an existing setup.</source>
        <translation>Adobe は JWT 資格情報を廃止しました（2025-06-30 に提供終了、2026-03-01 までに OAuth Server-to-Server に変換）。既存のセットアップのチェックまたは移行にのみ使用してください。</translation>
    </message>
    <message>
        <source>Client &amp;ID:</source>
        <translation>クライアント ID(&amp;I):</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API キー</translation>
    </message>
    <message>
        <source>Client &amp;secret:</source>
        <translation>クライアントシークレット(&amp;S):</translation>
    </message>
    <message>
        <source>Second secret:</source>
        <translation>2 つ目のシークレット:</translation>
    </message>
    <message>
        <source>optional: the other secret while you rotate them</source>
        <translation>オプション: ローテーション中のもう一方のシークレット</translation>
    </message>
    <message>
        <source>Scop&amp;es:</source>
        <translation>スコープ(&amp;E):</translation>
    </message>
    <message>
        <source>comma-separated</source>
        <translation>カンマ区切り</translation>
    </message>
    <message>
        <source>Copy them verbatim from the credential&apos;s Scopes tab in Developer Console: Adobe publishes no fixed list, and IMS refuses scopes the credential does not have.</source>
        <translation>Developer Console の資格情報の Scopes タブから、そのままコピーしてください。Adobe は固定のスコープ一覧を公開しておらず、IMS は資格情報にないスコープを拒否します。</translation>
    </message>
    <message>
        <source>&amp;Technical account ID:</source>
        <translation>テクニカルアカウント ID(&amp;T):</translation>
    </message>
    <message>
        <source>&amp;Metascopes:</source>
        <translation>メタスコープ(&amp;M):</translation>
    </message>
    <message>
        <source>Private &amp;key:</source>
        <translation>秘密鍵(&amp;K):</translation>
    </message>
    <message>
        <source>private.key</source>
        <translation>private.key</translation>
    </message>
    <message>
        <source>stored in the keychain</source>
        <translation>キーチェーンに保存済み</translation>
    </message>
    <message>
        <source>&amp;Generate key pair…</source>
        <translation>キーペアを生成(&amp;G)…</translation>
    </message>
    <message>
        <source>The key pair was generated by AEM (the private key is only in AEM)</source>
        <translation>キーペアは AEM で生成されました（秘密鍵は AEM 内にのみ存在します）</translation>
    </message>
    <message>
        <source>&amp;Advanced</source>
        <translation>詳細設定(&amp;A)</translation>
    </message>
    <message>
        <source>Adobe IMS add&amp;ress:</source>
        <translation>Adobe IMS のアドレス(&amp;R):</translation>
    </message>
    <message>
        <source>Leave the default unless Adobe support named another IMS host.</source>
        <translation>Adobe サポートから別の IMS ホストを指定された場合を除き、デフォルトのままにしてください。</translation>
    </message>
    <message>
        <source>Hide the client secret</source>
        <translation>クライアントシークレットを隠す</translation>
    </message>
    <message>
        <source>Show the client secret</source>
        <translation>クライアントシークレットを表示</translation>
    </message>
    <message>
        <source>Hide the second client secret</source>
        <translation>2 つ目のクライアントシークレットを隠す</translation>
    </message>
    <message>
        <source>Show the second client secret</source>
        <translation>2 つ目のクライアントシークレットを表示</translation>
    </message>
    <message>
        <source>Import the Service Account (JWT) credential of the Developer Console project with its private key, or type it in, to check or migrate an existing setup. Nothing is sent anywhere on this page.</source>
        <translation>既存のセットアップのチェックや移行用に、Developer Console のサービスアカウント（JWT）資格情報と秘密鍵を読み込むか、入力してください。このページでは何も送信されません。</translation>
    </message>
    <message>
        <source>Sho&amp;w</source>
        <translation>表示(&amp;W)</translation>
    </message>
    <message>
        <source>Demo JWT &amp;credentials</source>
        <translation>デモ用 JWT 資格情報(&amp;C)</translation>
    </message>
    <message>
        <source>Organi&amp;zation ID:</source>
        <translation>組織 ID(&amp;Z):</translation>
    </message>
    <message>
        <source>Sh&amp;ow</source>
        <translation>表示(&amp;O)</translation>
    </message>
    <message>
        <source>OAuth Server-to-Server for new setups; Service Account (JWT) only to upgrade an old one.</source>
        <translation>新しいセットアップには OAuth Server-to-Server を使用します。サービスアカウント（JWT）は、古いセットアップのアップグレードにのみ使用します。</translation>
    </message>
    <message>
        <source>The client secret from the credential page in Developer Console (Retrieve client secret).</source>
        <translation>Developer Console の資格情報ページで取得したクライアントシークレット（Retrieve client secret）。</translation>
    </message>
    <message>
        <source>Paste the JSON Developer Console shows or downloads; Tab leaves the field.</source>
        <translation>Developer Console で表示またはダウンロードした JSON を貼り付けてください。Tab キーを押すと、このフィールドから移動します。</translation>
    </message>
    <message>
        <source>Fills in the built-in simulator&apos;s throwaway credential (demo mode only).</source>
        <translation>組み込みのシミュレーターの使い捨ての資格情報を入力します（デモモードのみ）。</translation>
    </message>
    <message>
        <source>Reads a credential JSON or a private key file downloaded from Developer Console.</source>
        <translation>Developer Console からダウンロードした資格情報 JSON または秘密鍵ファイルを読み込みます。</translation>
    </message>
    <message>
        <source>Shows the Adobe IMS address, for IMS regions or a test IMS.</source>
        <translation>Adobe IMS のアドレスを表示します。IMS のリージョンやテスト用の IMS を指定する場合に使用します。</translation>
    </message>
    <message>
        <source>Se&amp;lect…</source>
        <translation>選択(&amp;L)…</translation>
    </message>
    <message>
        <source>Ke&amp;y passphrase:</source>
        <translation>鍵のパスフレーズ(&amp;Y):</translation>
    </message>
</context>
<context>
    <name>bp::ui::DiagnosePage</name>
    <message>
        <source>What to do:</source>
        <translation>対処方法:</translation>
    </message>
    <message>
        <source>Save the diagnosis report</source>
        <translation>診断レポートの保存</translation>
    </message>
    <message>
        <source>HTML report (*.html)</source>
        <translation>HTML レポート (*.html)</translation>
    </message>
    <message>
        <source>The summary is on the clipboard (no secrets in it).</source>
        <translation>概要をクリップボードにコピーしました（シークレットは含まれていません）。</translation>
    </message>
    <message>
        <source>Diagnosing %1: only reading, nothing is changed…</source>
        <translation>%1 を診断しています。読み取りのみで、何も変更しません…</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>キャンセル(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Diagnose again</source>
        <translation>再診断(&amp;D)</translation>
    </message>
    <message>
        <source>Report not saved</source>
        <translation>レポートは保存されていません</translation>
    </message>
    <message>
        <source>Report saved to %1. It holds no password, token or key.</source>
        <translation>レポートを %1 に保存しました。パスワード、トークン、鍵は含まれていません。</translation>
    </message>
    <message>
        <source>… Waiting</source>
        <translation>… 待機中</translation>
    </message>
    <message>
        <source>… waiting</source>
        <translation>… 待機中</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>Connection chain</source>
        <translation>接続チェーン</translation>
    </message>
    <message>
        <source>Diagnosis cancelled. Nothing was changed.</source>
        <translation>診断はキャンセルされました。何も変更されていません。</translation>
    </message>
    <message>
        <source>AEM could not be read: %1</source>
        <translation>AEM を読み取れませんでした: %1</translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation>対処方法: %1</translation>
    </message>
    <message>
        <source>%1 — What to do: %2</source>
        <translation>%1 — 対処方法: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n check(s) failed.</source>
        <translation>
            <numerusform>%n 件のチェックが失敗しました。</numerusform>
        </translation>
    </message>
    <message>
        <source>No check failed.</source>
        <translation>失敗したチェックはありません。</translation>
    </message>
    <message>
        <source>%1 passed, %2 warned, %3 skipped.</source>
        <translation>合格 %1、警告 %2、スキップ %3。</translation>
    </message>
    <message>
        <source>&amp;Upgrade this configuration…</source>
        <translation>この設定をアップグレード(&amp;U)…</translation>
    </message>
    <message>
        <source>Diagnose</source>
        <translation>診断</translation>
    </message>
    <message>
        <source>Read-only health checks of the Brand Portal connection, each with what was read and what to do. Nothing is changed.</source>
        <translation>Brand Portal 接続の読み取り専用のヘルスチェックです。各チェックには、読み取った内容と対処方法が示されます。何も変更されません。</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>チェック</translation>
    </message>
    <message>
        <source>Evidence and what to do</source>
        <translation>確認内容と対処方法</translation>
    </message>
    <message>
        <source>&amp;Diagnose</source>
        <translation>診断(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Save report…</source>
        <translation>レポートを保存(&amp;S)…</translation>
    </message>
    <message>
        <source>One HTML file that opens offline; passwords, tokens and keys are removed.</source>
        <translation>オフラインで開ける単一の HTML ファイルです。パスワード、トークン、鍵は削除されます。</translation>
    </message>
    <message>
        <source>C&amp;opy summary</source>
        <translation>概要をコピー(&amp;O)</translation>
    </message>
    <message>
        <source>Continue with the upgrade to OAuth Server-to-Server: credentials, validation, review. Nothing is written before you confirm on the Review page.</source>
        <translation>OAuth Server-to-Server へのアップグレードに進みます（資格情報、検証、レビュー）。「変更内容のレビュー」ページで確定するまで、何も書き込まれません。</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>チェック</translation>
    </message>
    <message>
        <source>Each health check with its result; select one to read its evidence and remedy.</source>
        <translation>各ヘルスチェックとその結果。チェックを選択すると、確認内容と対処方法が表示されます。</translation>
    </message>
    <message>
        <source>Runs every check again; nothing is changed on AEM.</source>
        <translation>すべてのチェックをもう一度実行します。AEM 上では何も変更されません。</translation>
    </message>
    <message>
        <source>Copies the text summary of the checks, without secrets, to the clipboard.</source>
        <translation>チェックの概要をテキストでクリップボードにコピーします（シークレットは含まれません）。</translation>
    </message>
    <message>
        <source>Also run &amp;Test Connection</source>
        <translation>Test Connection も実行(&amp;T)</translation>
    </message>
    <message>
        <source>Sends a test package through each agent: the only request diagnose sends that is not a read.</source>
        <translation>各エージェントを通じてテストパッケージを送信します。診断で送信される、読み取り以外の唯一のリクエストです。</translation>
    </message>
</context>
<context>
    <name>bp::ui::FinishPage</name>
    <message>
        <source>Connected to %1 (%2, version %3).</source>
        <translation>%1 に接続しました（%2、バージョン %3）。</translation>
    </message>
    <message>
        <source>Connected to %1 (version not known).</source>
        <translation>%1 に接続しました（バージョン不明）。</translation>
    </message>
    <message>
        <source>Credential: %1, client ID %2.</source>
        <translation>資格情報: %1、クライアント ID %2。</translation>
    </message>
    <message>
        <source>Adobe IMS accepted it.</source>
        <translation>Adobe IMS により受け入れられました。</translation>
    </message>
    <message>
        <source>Not validated here: the private key is held by AEM.</source>
        <translation>ここでは検証されていません。秘密鍵は AEM が保持しています。</translation>
    </message>
    <message>
        <source>Diagnosis is not available in this version yet: nothing was changed on AEM.</source>
        <translation>このバージョンでは、まだ診断を使用できません。AEM では何も変更されていません。</translation>
    </message>
    <message>
        <source>What was done:</source>
        <translation>実行した内容:</translation>
    </message>
    <message>
        <source>There are no secrets to store.</source>
        <translation>保存するシークレットはありません。</translation>
    </message>
    <message>
        <source>Stored in %1: %2.</source>
        <translation>%1 に保存済み: %2。</translation>
    </message>
    <message>
        <source>Not stored: %1. You will type them again next time.</source>
        <translation>保存されていません: %1。次回もう一度入力する必要があります。</translation>
    </message>
    <message>
        <source>%1 Untick the option above to save the settings without secrets.</source>
        <translation>%1 シークレットなしで設定を保存するには、上のオプションをオフにしてください。</translation>
    </message>
    <message>
        <source>Saving the connection …</source>
        <translation>接続を保存しています…</translation>
    </message>
    <message>
        <source>Saving the connection and storing its secrets in %1 …</source>
        <translation>接続を保存し、シークレットを %1 に保存しています…</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Check what was done, and save this connection to skip the typing next time.</source>
        <translation>実行した内容を確認してください。この接続を保存すると、次回は入力を省略できます。</translation>
    </message>
    <message>
        <source>&amp;Save this connection for next time</source>
        <translation>次回のためにこの接続を保存(&amp;S)</translation>
    </message>
    <message>
        <source>Profile &amp;name:</source>
        <translation>プロファイル名(&amp;N):</translation>
    </message>
    <message>
        <source>Letters, digits, spaces, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;; up to 64 characters.</source>
        <translation>文字、数字、スペース、&apos;.&apos;、&apos;_&apos;、&apos;-&apos;（最大 64 文字）。</translation>
    </message>
    <message>
        <source>Saving connections is not available here.</source>
        <translation>ここでは接続を保存できません。</translation>
    </message>
    <message>
        <source>Finish &amp;without saving</source>
        <translation>保存せずに完了(&amp;W)</translation>
    </message>
    <message>
        <source>Nothing was changed on AEM.</source>
        <translation>AEM では何も変更されていません。</translation>
    </message>
    <message>
        <source>The configuration was already in place: nothing was changed on AEM.</source>
        <translation>設定はすでに完了していたため、AEM では何も変更されていません。</translation>
    </message>
    <message>
        <source>Configuration created on AEM (each change verified):</source>
        <translation>AEM で設定を作成しました（各変更を確認済み）:</translation>
    </message>
    <message>
        <source>Brand Portal tenant: %1.</source>
        <translation>Brand Portal テナント: %1。</translation>
    </message>
    <message numerus="yes">
        <source>All %n test(s) passed.</source>
        <translation>
            <numerusform>%n 件のテストすべてに合格しました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n test(s) did not pass: see the Test page.</source>
        <translation>
            <numerusform>%n 件のテストが合格しませんでした。「テスト」ページを参照してください。</numerusform>
        </translation>
    </message>
    <message>
        <source>Backup %1, saved before the first change in %2. Roll back with bpsetup rollback --backup %1.</source>
        <translation>バックアップ %1 は、最初の変更の前に %2 に保存されました。bpsetup rollback --backup %1 でロールバックできます。</translation>
    </message>
    <message numerus="yes">
        <source>This run saved %n backup(s); to undo everything, roll them back newest first: %1.</source>
        <translation>
            <numerusform>今回の実行で %n 個のバックアップが保存されました。すべてを元に戻すには、新しいものから順にロールバックしてください: %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Adobe IMS rejected it (%1); you continued without validation (reason: %2, recorded in %3). Publishing to Brand Portal fails until the credential is fixed.</source>
        <translation>Adobe IMS により拒否されました（%1）。検証なしで続行しました（理由: %2、%3 に記録）。資格情報を修正するまで、Brand Portal への公開は失敗します。</translation>
    </message>
    <message>
        <source>Not validated: you continued without validation (reason: %1, recorded in %2).</source>
        <translation>検証されていません。検証なしで続行しました（理由: %1、%2 に記録）。</translation>
    </message>
    <message>
        <source>Not validated (%1); you continued without validation (reason: %2, recorded in %3).</source>
        <translation>検証されていません（%1）。検証なしで続行しました（理由: %2、%3 に記録）。</translation>
    </message>
    <message>
        <source>Not stored: %1.</source>
        <translation>保存されていません: %1。</translation>
    </message>
    <message>
        <source>Cannot be stored now: %1.</source>
        <translation>現在は保存できません: %1。</translation>
    </message>
    <message>
        <source>To be stored in %1: %2. Adobe IMS rejected this credential, so the stored secret does not work until it is fixed.</source>
        <translation>%1 に保存予定: %2。Adobe IMS がこの資格情報を拒否したため、資格情報を修正するまで、保存したシークレットは機能しません。</translation>
    </message>
    <message>
        <source>To be stored in %1: %2.</source>
        <translation>%1 に保存予定: %2。</translation>
    </message>
    <message>
        <source>Not stored: %1. Adobe IMS rejected this credential; tick the box to store it anyway.</source>
        <translation>保存されていません: %1。Adobe IMS がこの資格情報を拒否しました。それでも保存する場合は、チェックボックスをオンにしてください。</translation>
    </message>
    <message>
        <source>Replace the saved connection?</source>
        <translation>保存済みの接続を置き換えますか？</translation>
    </message>
    <message>
        <source>A saved connection named &quot;%1&quot; already exists, for %2. Replace it with this one (its stored secrets too)?</source>
        <translation>「%1」という名前の保存済みの接続（%2 用）がすでに存在します。保存済みのシークレットも含めて、この接続で置き換えますか？</translation>
    </message>
    <message>
        <source>&amp;Replace</source>
        <translation>置き換え(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Keep both (choose another name)</source>
        <translation>両方を保持（別の名前を選択）(&amp;K)</translation>
    </message>
    <message>
        <source>Saved. Settings: %1; secrets stored in: %2.</source>
        <translation>保存しました。設定: %1。シークレットの保存先: %2。</translation>
    </message>
    <message>
        <source>Saved. Settings: %1; no secrets were stored.</source>
        <translation>保存しました。設定: %1。シークレットは保存されていません。</translation>
    </message>
    <message>
        <source>S&amp;tore the secrets in the keychain</source>
        <translation>シークレットをキーチェーンに保存(&amp;T)</translation>
    </message>
    <message>
        <source>Untick this on a shared computer: the settings are saved, the secrets are typed again next time.</source>
        <translation>共有コンピューターではオフにしてください。設定は保存されますが、シークレットは次回もう一度入力する必要があります。</translation>
    </message>
    <message>
        <source>Keeps the address, user and credential details for next time; secrets go to the keychain only.</source>
        <translation>アドレス、ユーザー名、資格情報の詳細を次回のために保存します。シークレットはキーチェーンにのみ保存されます。</translation>
    </message>
</context>
<context>
    <name>bp::ui::HelpDialog</name>
    <message>
        <source>Adobe&apos;s documentation</source>
        <translation>Adobe のドキュメント</translation>
    </message>
    <message>
        <source>Getting started</source>
        <translation>はじめに</translation>
    </message>
    <message>
        <source>Connecting to AEM</source>
        <translation>AEM への接続</translation>
    </message>
    <message>
        <source>The setup route</source>
        <translation>セットアップ方法</translation>
    </message>
    <message>
        <source>Developer Console credentials</source>
        <translation>Developer Console の資格情報</translation>
    </message>
    <message>
        <source>Validating with Adobe IMS</source>
        <translation>Adobe IMS による検証</translation>
    </message>
    <message>
        <source>Reviewing the changes</source>
        <translation>変更内容のレビュー</translation>
    </message>
    <message>
        <source>Applying the changes</source>
        <translation>変更の適用</translation>
    </message>
    <message>
        <source>Testing the connection</source>
        <translation>接続のテスト</translation>
    </message>
    <message>
        <source>Diagnosing a setup</source>
        <translation>セットアップの診断</translation>
    </message>
    <message>
        <source>Verifying a configuration</source>
        <translation>設定の確認</translation>
    </message>
    <message>
        <source>Finishing</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Brand Portal Setup</source>
        <translation>Brand Portal セットアップ</translation>
    </message>
    <message>
        <source>This wizard connects AEM Assets to Brand Portal, or checks a connection that exists. Choose &quot;Set up Brand Portal&quot; to create or upgrade the configuration, or &quot;Diagnose an existing setup&quot; to run read-only health checks and save a report for support.</source>
        <translation>このウィザードは、AEM Assets を Brand Portal に接続するか、既存の接続をチェックします。設定を作成またはアップグレードするには「Brand Portal をセットアップ」を、読み取り専用のヘルスチェックを実行してサポート用のレポートを保存するには「既存のセットアップを診断」を選択してください。</translation>
    </message>
    <message>
        <source>Nothing is changed on AEM before the Apply step, and every change made there can be rolled back from the backup taken first.</source>
        <translation>「適用」ステップより前に AEM で変更されるものはありません。また、このステップで行われたすべての変更は、最初に作成されたバックアップからロールバックできます。</translation>
    </message>
    <message>
        <source>Configure AEM Assets with Brand Portal (AEM 6.5)</source>
        <translation>AEM Assets と Brand Portal の設定（AEM 6.5）</translation>
    </message>
    <message>
        <source>Configure AEM Assets with Brand Portal (Cloud Service)</source>
        <translation>AEM Assets と Brand Portal の設定（Cloud Service）</translation>
    </message>
    <message>
        <source>Enter the address of the AEM author instance (not a publish instance and not the dispatcher&apos;s address if it blocks /system/console) and an administrator&apos;s user name and password. The password is kept in the OS keychain only if you save a profile.</source>
        <translation>AEM オーサーインスタンスのアドレス（パブリッシュインスタンスや、/system/console をブロックしている Dispatcher のアドレスではなく）と、管理者のユーザー名とパスワードを入力してください。パスワードは、プロファイルを保存した場合にのみ OS のキーチェーンに保存されます。</translation>
    </message>
    <message>
        <source>If AEM presents a certificate this computer does not trust, you are shown its fingerprint: compare it with the one your AEM administrator gives you before you trust it.</source>
        <translation>このコンピューターで信頼されていない証明書を AEM が提示した場合は、そのフィンガープリントが表示されます。信頼する前に、AEM の管理者から提供されたフィンガープリントと比較してください。</translation>
    </message>
    <message>
        <source>Setting up IMS integrations for AEM</source>
        <translation>AEM の IMS 統合の設定</translation>
    </message>
    <message>
        <source>The route follows from the AEM version and from what is configured today. AEM as a Cloud Service is activated from Cloud Manager; AEM 6.5 (6.5.4.0 and above) and 6.5 LTS use a Developer Console project with an OAuth Server-to-Server credential.</source>
        <translation>セットアップ方法は、AEM のバージョンと現在の設定内容によって決まります。AEM as a Cloud Service は Cloud Manager からアクティベートします。AEM 6.5（6.5.4.0 以降）と 6.5 LTS では、OAuth Server-to-Server 資格情報を含む Developer Console プロジェクトを使用します。</translation>
    </message>
    <message>
        <source>A Developer Console JWT or Legacy OAuth Gateway configuration no longer works (JWT token exchange stopped when Adobe converted the remaining JWT credentials on 2026-03-01): upgrade it to OAuth Server-to-Server.</source>
        <translation>Developer Console の JWT 設定や Legacy OAuth Gateway の設定は機能しなくなっています（2026-03-01 に Adobe が残りの JWT 資格情報を変換した時点で、JWT によるトークン交換は停止しました）。OAuth Server-to-Server にアップグレードしてください。</translation>
    </message>
    <message>
        <source>Configure AEM Assets with Brand Portal</source>
        <translation>AEM Assets と Brand Portal の設定</translation>
    </message>
    <message>
        <source>JWT credentials deprecation in Adobe Developer Console</source>
        <translation>Adobe Developer Console での JWT 資格情報の非推奨化</translation>
    </message>
    <message>
        <source>In Adobe Developer Console, open the project with the Brand Portal API and its OAuth Server-to-Server credential, then use Download JSON on the credential page (or the project&apos;s Download all), or copy the client id, client secret, organization id and scopes.</source>
        <translation>Adobe Developer Console で、Brand Portal API とその OAuth Server-to-Server 資格情報を含むプロジェクトを開き、資格情報ページの Download JSON（またはプロジェクトの Download all）を使用するか、クライアント ID、クライアントシークレット、組織 ID、スコープをコピーしてください。</translation>
    </message>
    <message>
        <source>The client secret is kept only in memory and, if you save a profile, in the OS keychain; it is never written to a file or a log.</source>
        <translation>クライアントシークレットは、メモリ内と、プロファイルを保存した場合は OS のキーチェーンにのみ保持されます。ファイルやログに書き込まれることはありません。</translation>
    </message>
    <message>
        <source>OAuth Server-to-Server implementation</source>
        <translation>OAuth Server-to-Server の実装</translation>
    </message>
    <message>
        <source>Migrating from JWT to OAuth Server-to-Server</source>
        <translation>JWT から OAuth Server-to-Server への移行</translation>
    </message>
    <message>
        <source>The credential is checked by asking Adobe IMS for an access token, as AEM will. A rejected client id or secret, a wrong organization or missing scopes are named with what to do.</source>
        <translation>AEM と同様に Adobe IMS にアクセストークンを要求して、資格情報をチェックします。クライアント ID やシークレットが拒否された場合、組織が正しくない場合、スコープが不足している場合は、その旨と対処方法が示されます。</translation>
    </message>
    <message>
        <source>Behind a TLS-inspecting proxy, IMS may present a certificate this computer does not trust: check its fingerprint with your network team before trusting it.</source>
        <translation>TLS インスペクションを行うプロキシの背後では、このコンピューターで信頼されていない証明書を IMS が提示する場合があります。信頼する前に、ネットワークチームにフィンガープリントを確認してください。</translation>
    </message>
    <message>
        <source>Every change the apply would make is listed with its old and new values (secrets shown as ***). Problems that block the apply come first, with what to do.</source>
        <translation>適用によって行われるすべての変更が、変更前と変更後の値とともに一覧表示されます（シークレットは *** と表示）。適用をブロックしている問題は、対処方法とともに先頭に表示されます。</translation>
    </message>
    <message>
        <source>Nothing has been written yet. A backup of everything listed is saved before the first change.</source>
        <translation>まだ何も書き込まれていません。最初の変更の前に、一覧にあるすべてのもののバックアップが保存されます。</translation>
    </message>
    <message>
        <source>The steps run in order; each is read back from AEM to verify it. Cancel stops after the step in progress.</source>
        <translation>ステップは順番に実行され、各ステップは AEM から読み戻して確認されます。「キャンセル」をクリックすると、実行中のステップの後で停止します。</translation>
    </message>
    <message>
        <source>If a step fails, Roll back restores what was there before from the backup, and Retry runs the remaining steps again.</source>
        <translation>ステップが失敗した場合は、「ロールバック」でバックアップから以前の状態を復元でき、「再試行」で残りのステップを再実行できます。</translation>
    </message>
    <message>
        <source>The Brand Portal replication agents&apos; Test Connection shows whether AEM can reach the tenant with the new configuration. A failed test names the agent and AEM&apos;s answer.</source>
        <translation>Brand Portal レプリケーションエージェントの Test Connection により、新しい設定で AEM がテナントに到達できるかどうかがわかります。テストが失敗した場合は、エージェントと AEM の応答が示されます。</translation>
    </message>
    <message>
        <source>Troubleshoot issues in parallel publishing to Brand Portal</source>
        <translation>Brand Portal への並列公開に関する問題のトラブルシューティング</translation>
    </message>
    <message>
        <source>Read-only checks of the whole chain: AEM, the IMS configuration, Adobe IMS, the Brand Portal tenant, the agents and their queues. Each failed check says what to do.</source>
        <translation>チェーン全体（AEM、IMS 設定、Adobe IMS、Brand Portal テナント、エージェントとそのキュー）を読み取り専用でチェックします。失敗したチェックごとに、対処方法が示されます。</translation>
    </message>
    <message>
        <source>Save report writes one HTML file without secrets that a customer can send to support; Copy summary copies the text version.</source>
        <translation>「レポートを保存」では、顧客がサポートに送付できる、シークレットを含まない単一の HTML ファイルが書き出されます。「概要をコピー」では、テキスト版がコピーされます。</translation>
    </message>
    <message>
        <source>The configured chain is checked end to end without changing it; only the agents&apos; Test Connection is sent. On Cloud Service the page lists the activation checks.</source>
        <translation>設定済みのチェーンを変更せずに、エンドツーエンドでチェックします。送信されるのはエージェントの Test Connection のみです。Cloud Service では、アクティベーションのチェック項目が表示されます。</translation>
    </message>
    <message>
        <source>The summary says what was done and where the backup is. Saving a profile keeps the connection for next time, its secrets in the OS keychain.</source>
        <translation>概要には、実行した内容とバックアップの場所が表示されます。プロファイルを保存すると、次回のために接続が保持され、シークレットは OS のキーチェーンに保存されます。</translation>
    </message>
    <message>
        <source>Publish a test asset to Brand Portal from AEM Assets to see the whole path work.</source>
        <translation>AEM Assets からテスト用のアセットを Brand Portal に公開して、経路全体が機能することを確認してください。</translation>
    </message>
    <message>
        <source>Help: %1</source>
        <translation>ヘルプ: %1</translation>
    </message>
    <message>
        <source>Help text</source>
        <translation>ヘルプテキスト</translation>
    </message>
</context>
<context>
    <name>bp::ui::KeyPairDialog</name>
    <message>
        <source>Generating an RSA 2048 key pair…</source>
        <translation>RSA 2048 のキーペアを生成しています…</translation>
    </message>
    <message>
        <source>Save the private key</source>
        <translation>秘密鍵の保存</translation>
    </message>
    <message>
        <source>Private keys (*.key *.pem);;All files (*)</source>
        <translation>秘密鍵 (*.key *.pem);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>&amp;Generate again</source>
        <translation>再生成(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>生成(&amp;G)</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <source>Saved the private key to %1 (readable only by you) and the certificate to %2.</source>
        <translation>秘密鍵を %1 に（本人のみ読み取り可能）、証明書を %2 に保存しました。</translation>
    </message>
    <message>
        <source>The certificate is on the clipboard. Save the private key too: without it the certificate is useless.</source>
        <translation>証明書をクリップボードにコピーしました。秘密鍵も保存してください。秘密鍵がないと、証明書は役に立ちません。</translation>
    </message>
    <message>
        <source>Key pair generated. Save it before closing this window: Adobe never sees the private key, so it cannot be downloaded again.</source>
        <translation>キーペアを生成しました。このウィンドウを閉じる前に保存してください。秘密鍵が Adobe に渡ることはないため、再度ダウンロードすることはできません。</translation>
    </message>
    <message>
        <source>Certificate valid until %1.</source>
        <translation>証明書の有効期限: %1。</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint: %1</source>
        <translation>SHA-256 フィンガープリント: %1</translation>
    </message>
    <message>
        <source>Generate a key pair</source>
        <translation>キーペアの生成</translation>
    </message>
    <message>
        <source>Creates a new RSA 2048 private key and a self-signed certificate for a Service Account (JWT) credential. The private key stays on this computer; only the certificate is uploaded.</source>
        <translation>サービスアカウント（JWT）資格情報用に、新しい RSA 2048 の秘密鍵と自己署名証明書を作成します。秘密鍵はこのコンピューターに残り、アップロードするのは証明書のみです。</translation>
    </message>
    <message>
        <source>Adobe retired JWT credentials: since 2025-06-30 Developer Console no longer accepts new certificates for them. Use this only if your credential still accepts a certificate, and plan the move to OAuth Server-to-Server.</source>
        <translation>Adobe は JWT 資格情報を廃止しました。2025-06-30 以降、Developer Console は JWT 資格情報の新しい証明書を受け付けていません。お使いの資格情報がまだ証明書を受け付ける場合にのみ使用し、OAuth Server-to-Server への移行を計画してください。</translation>
    </message>
    <message>
        <source>&amp;Valid for:</source>
        <translation>有効期間(&amp;V):</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 日</translation>
    </message>
    <message>
        <source>Upload the certificate to the credential in Adobe Developer Console (Credential details → Public keys → Upload public key), then use the saved private key in this wizard.</source>
        <translation>Adobe Developer Console で証明書を資格情報にアップロードしてから（Credential details → Public keys → Upload public key）、保存した秘密鍵をこのウィザードで使用してください。</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>保存(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Copy certificate</source>
        <translation>証明書をコピー(&amp;C)</translation>
    </message>
</context>
<context>
    <name>bp::ui::ProfilesDialog</name>
    <message>
        <source>These saved connections were written by a newer bpsetup and cannot be changed here.</source>
        <translation>これらの保存済みの接続は新しいバージョンの bpsetup で書き込まれているため、ここでは変更できません。</translation>
    </message>
    <message>
        <source>Rename saved connection</source>
        <translation>保存済みの接続の名前変更</translation>
    </message>
    <message>
        <source>New name for &quot;%1&quot;:</source>
        <translation>「%1」の新しい名前:</translation>
    </message>
    <message>
        <source>Renaming &quot;%1&quot; …</source>
        <translation>「%1」の名前を変更しています…</translation>
    </message>
    <message>
        <source>Renamed &quot;%1&quot; to &quot;%2&quot;; its keychain entries moved with it.</source>
        <translation>「%1」の名前を「%2」に変更しました。キーチェーンエントリも移動しました。</translation>
    </message>
    <message>
        <source>Delete saved connection</source>
        <translation>保存済みの接続の削除</translation>
    </message>
    <message>
        <source>Delete the saved connection &quot;%1&quot;?</source>
        <translation>保存済みの接続「%1」を削除しますか？</translation>
    </message>
    <message>
        <source>Its passwords and secrets in the keychain are deleted too. Nothing changes on AEM or in Developer Console.</source>
        <translation>キーチェーン内のパスワードとシークレットも削除されます。AEM と Developer Console では何も変更されません。</translation>
    </message>
    <message>
        <source>Deleting &quot;%1&quot; and its keychain entries …</source>
        <translation>「%1」とそのキーチェーンエントリを削除しています…</translation>
    </message>
    <message>
        <source>Deleted &quot;%1&quot; and its keychain entries.</source>
        <translation>「%1」とそのキーチェーンエントリを削除しました。</translation>
    </message>
    <message>
        <source>Saved connections</source>
        <translation>保存済みの接続</translation>
    </message>
    <message>
        <source>&amp;Saved connections. Their passwords and secrets are in the system keychain.</source>
        <translation>保存済みの接続(&amp;S)。パスワードとシークレットはシステムのキーチェーンにあります。</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>名前を変更(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>削除(&amp;D)…</translation>
    </message>
    <message>
        <source>no address saved</source>
        <translation>アドレスは保存されていません</translation>
    </message>
    <message>
        <source>user %1</source>
        <translation>ユーザー %1</translation>
    </message>
    <message>
        <source>version %1 when last used</source>
        <translation>前回使用時のバージョン %1</translation>
    </message>
    <message>
        <source>none saved</source>
        <translation>保存されていません</translation>
    </message>
    <message>
        <source>%1, client ID %2</source>
        <translation>%1、クライアント ID %2</translation>
    </message>
    <message>
        <source>Asking the keychain …</source>
        <translation>キーチェーンに問い合わせています…</translation>
    </message>
    <message>
        <source>Could not ask %1: %2</source>
        <translation>%1 に問い合わせできませんでした: %2</translation>
    </message>
    <message>
        <source>%1 holds nothing for this connection.</source>
        <translation>%1 には、この接続の情報は何も保存されていません。</translation>
    </message>
    <message>
        <source>%1 holds: %2.</source>
        <translation>%1 に保存済み: %2。</translation>
    </message>
    <message>
        <source>No AEM password or token: it is asked for when the connection is used.</source>
        <translation>AEM のパスワードまたはトークンはありません。接続の使用時に入力を求められます。</translation>
    </message>
    <message>
        <source>AEM:</source>
        <translation>AEM:</translation>
    </message>
    <message>
        <source>Credential:</source>
        <translation>資格情報:</translation>
    </message>
    <message>
        <source>Keychain:</source>
        <translation>キーチェーン:</translation>
    </message>
</context>
<context>
    <name>bp::ui::ReviewPage</name>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>Reading the instance was cancelled. Nothing was changed on AEM.</source>
        <translation>インスタンスの読み取りはキャンセルされました。AEM では何も変更されていません。</translation>
    </message>
    <message>
        <source>Click Retry to read it again, or Back to change the inputs.</source>
        <translation>「再試行」をクリックしてもう一度読み取るか、「戻る」をクリックして入力内容を変更してください。</translation>
    </message>
    <message>
        <source>Reading %1 and checking the credential with Adobe IMS … Nothing is changed on this page.</source>
        <translation>%1 を読み取り、Adobe IMS で資格情報をチェックしています… このページでは何も変更されません。</translation>
    </message>
    <message>
        <source>The plan could not be made. Nothing was changed on AEM.</source>
        <translation>プランを作成できませんでした。AEM では何も変更されていません。</translation>
    </message>
    <message>
        <source>This configuration cannot be applied yet.</source>
        <translation>この設定はまだ適用できません。</translation>
    </message>
    <message>
        <source>Do what is listed under &quot;Before anything can change&quot;, then come back here (Back, then Next) to review again.</source>
        <translation>「変更の前に必要なこと」に記載されている作業を行ってから、このページに戻り（「戻る」、次に「次へ」）、もう一度レビューしてください。</translation>
    </message>
    <message>
        <source>Nothing to do.</source>
        <translation>実行することはありません。</translation>
    </message>
    <message>
        <source>The configuration is already in place; Apply changes nothing.</source>
        <translation>設定はすでに完了しています。「変更を適用」を実行しても何も変更されません。</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) will be made on AEM.</source>
        <translation>
            <numerusform>AEM で %n 件の変更が行われます。</numerusform>
        </translation>
    </message>
    <message>
        <source>Check them, then click Apply. Nothing has been changed yet.</source>
        <translation>内容を確認してから、「変更を適用」をクリックしてください。まだ何も変更されていません。</translation>
    </message>
    <message>
        <source>Before anything can change</source>
        <translation>変更の前に必要なこと</translation>
    </message>
    <message>
        <source>What to do:</source>
        <translation>対処方法:</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>注意事項</translation>
    </message>
    <message>
        <source>Changes on %1</source>
        <translation>%1 での変更</translation>
    </message>
    <message>
        <source>Nothing to do: every object is already as it should be.</source>
        <translation>実行することはありません。すべてのオブジェクトはすでに想定どおりの状態です。</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>バックアップ</translation>
    </message>
    <message>
        <source>Before the first change, the current state of every object above is saved (readable only by you) in a new folder under:</source>
        <translation>最初の変更の前に、上記のすべてのオブジェクトの現在の状態が、次の場所の新しいフォルダーに保存されます（本人のみ読み取り可能）:</translation>
    </message>
    <message>
        <source>Review changes</source>
        <translation>変更内容のレビュー</translation>
    </message>
    <message>
        <source>What Apply will change on AEM, object by object. Nothing is written before you click Apply.</source>
        <translation>「変更を適用」で AEM 上で変更される内容を、オブジェクトごとに示します。「変更を適用」をクリックするまで、何も書き込まれません。</translation>
    </message>
    <message>
        <source>&amp;Apply changes</source>
        <translation>変更を適用(&amp;A)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Stop reading the instance</source>
        <translation>インスタンスの読み取りを中止</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>再試行(&amp;R)</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未設定</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Also re&amp;move the JWT key alias from the service user&apos;s keystore (backed up first; OAuth Server-to-Server needs no key pair)</source>
        <translation>JWT キーエイリアスも削除（サービスユーザーのキーストアから。先にバックアップします。OAuth Server-to-Server にキーペアは不要です）(&amp;M)</translation>
    </message>
    <message>
        <source>Also remove the JWT key alias</source>
        <translation>JWT キーエイリアスも削除</translation>
    </message>
    <message>
        <source>Adds a last step that removes the key alias the JWT configuration used. Rollback brings it back.</source>
        <translation>JWT 設定が使用していたキーエイリアスを削除するステップを、最後に追加します。ロールバックすると元に戻ります。</translation>
    </message>
    <message>
        <source>Waiting up to %1 minutes for the Brand Portal agents&apos; queues to drain … Nothing is changed; Cancel stops waiting.</source>
        <translation>Brand Portal エージェントのキューが空になるまで、最大 %1 分待機しています… 何も変更されません。「キャンセル」で待機を中止できます。</translation>
    </message>
    <message>
        <source>&amp;Wait for the queues to drain (up to %1 minutes)</source>
        <translation>キューが空になるまで待機（最大 %1 分）(&amp;W)</translation>
    </message>
    <message>
        <source>Reads the queues again every few seconds until every queued item is delivered; nothing is changed meanwhile.</source>
        <translation>キュー内のすべての項目が配信されるまで、数秒ごとにキューを再度読み取ります。その間、何も変更されません。</translation>
    </message>
    <message>
        <source>The changes Apply will make</source>
        <translation>「変更を適用」で行われる変更</translation>
    </message>
    <message>
        <source>What each change writes, object by object, with the value before and after.</source>
        <translation>各変更で書き込まれる内容（オブジェクトごと、変更前と変更後の値）。</translation>
    </message>
</context>
<context>
    <name>bp::ui::RoutePage</name>
    <message>
        <source>AEM Assets as a Cloud Service</source>
        <translation>AEM Assets as a Cloud Service</translation>
    </message>
    <message>
        <source>AEM 6.5 (6.5.4.0 and above), on-premise or managed service</source>
        <translation>AEM 6.5（6.5.4.0 以降）、オンプレミスまたは Managed Services</translation>
    </message>
    <message>
        <source>AEM 6.5 LTS (6.6.x), on-premise or managed service</source>
        <translation>AEM 6.5 LTS（6.6.x）、オンプレミスまたは Managed Services</translation>
    </message>
    <message>
        <source>Activate Brand Portal (Cloud Manager)</source>
        <translation>Brand Portal のアクティベート（Cloud Manager）</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Create configuration (Developer Console, IMS token)</source>
        <translation>設定の作成（Developer Console、IMS トークン）</translation>
    </message>
    <message>
        <source>Upgrade configuration</source>
        <translation>設定のアップグレード</translation>
    </message>
    <message>
        <source>Create configuration (OAuth Server-to-Server only)</source>
        <translation>設定の作成（OAuth Server-to-Server のみ）</translation>
    </message>
    <message>
        <source>Deployment</source>
        <translation>デプロイメント</translation>
    </message>
    <message>
        <source>New configuration</source>
        <translation>新しい設定</translation>
    </message>
    <message>
        <source>◀ recommended</source>
        <translation>◀ 推奨</translation>
    </message>
    <message>
        <source>(your instance: %1)</source>
        <translation>（お使いのインスタンス: %1）</translation>
    </message>
    <message>
        <source>(your instance)</source>
        <translation>（お使いのインスタンス）</translation>
    </message>
    <message>
        <source>What was detected on %1</source>
        <translation>%1 で検出された内容</translation>
    </message>
    <message>
        <source>Deployment:</source>
        <translation>デプロイメント:</translation>
    </message>
    <message>
        <source>Cloud Service</source>
        <translation>Cloud Service</translation>
    </message>
    <message>
        <source>(chosen manually)</source>
        <translation>（手動で選択）</translation>
    </message>
    <message>
        <source>could not be read</source>
        <translation>読み取れませんでした</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>バージョン:</translation>
    </message>
    <message>
        <source>supported natively</source>
        <translation>ネイティブでサポート</translation>
    </message>
    <message>
        <source>supported (hotfix %1 installed)</source>
        <translation>サポート（ホットフィックス %1 インストール済み）</translation>
    </message>
    <message>
        <source>needs the hotfix %1</source>
        <translation>ホットフィックス %1 が必要</translation>
    </message>
    <message>
        <source>not available on this version</source>
        <translation>このバージョンでは使用不可</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>OAuth Server-to-Server:</source>
        <translation>OAuth Server-to-Server:</translation>
    </message>
    <message>
        <source>, tenant %1</source>
        <translation>、テナント %1</translation>
    </message>
    <message>
        <source>Brand Portal configuration:</source>
        <translation>Brand Portal 設定:</translation>
    </message>
    <message>
        <source>Configuration found at:</source>
        <translation>設定の場所:</translation>
    </message>
    <message>
        <source>nothing found</source>
        <translation>見つかりません</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>✓ %1: %2</source>
        <translation>✓ %1: %2</translation>
    </message>
    <message>
        <source>✗ %1: %2</source>
        <translation>✗ %1: %2</translation>
    </message>
    <message>
        <source>Version sources:</source>
        <translation>バージョンソース:</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Sources that disagree:</source>
        <translation>一致しないソース:</translation>
    </message>
    <message>
        <source>Route: %1</source>
        <translation>セットアップ方法: %1</translation>
    </message>
    <message>
        <source>Before you continue:</source>
        <translation>続行する前に:</translation>
    </message>
    <message>
        <source>Brand Portal cannot be set up on this instance until AEM is upgraded.</source>
        <translation>AEM をアップグレードするまで、このインスタンスに Brand Portal をセットアップすることはできません。</translation>
    </message>
    <message>
        <source>Upgrade to: %1</source>
        <translation>アップグレード先: %1</translation>
    </message>
    <message>
        <source>The route cannot be chosen because the AEM version is not known.</source>
        <translation>AEM のバージョンが不明なため、セットアップ方法を選択できません。</translation>
    </message>
    <message>
        <source>Go back and choose the version manually, for example after checking it in the AEM &quot;About Adobe Experience Manager&quot; dialog.</source>
        <translation>前のページに戻り、バージョンを手動で選択してください（例: AEM の「About Adobe Experience Manager」ダイアログで確認したバージョン）。</translation>
    </message>
    <message>
        <source>Supported versions: %1.</source>
        <translation>サポートされているバージョン: %1。</translation>
    </message>
    <message>
        <source>You can still continue to diagnose the existing setup.</source>
        <translation>このまま続行して、既存のセットアップを診断することもできます。</translation>
    </message>
    <message>
        <source>To look at the existing setup anyway, go back to the first page and choose &quot;Diagnose an existing setup&quot;.</source>
        <translation>既存のセットアップを確認するには、最初のページに戻って「既存のセットアップを診断」を選択してください。</translation>
    </message>
    <message>
        <source>Setup route</source>
        <translation>セットアップ方法</translation>
    </message>
    <message>
        <source>Which way of connecting Brand Portal applies to this AEM instance.</source>
        <translation>この AEM インスタンスに適用される Brand Portal の接続方法。</translation>
    </message>
    <message>
        <source>Brand Portal setup routes. Your instance&apos;s row is highlighted and the route that applies is marked &quot;recommended&quot;.</source>
        <translation>Brand Portal のセットアップ方法。お使いのインスタンスの行が強調表示され、適用される方法には「推奨」と表示されます。</translation>
    </message>
    <message>
        <source>&amp;Choose the version manually…</source>
        <translation>バージョンを手動で選択(&amp;C)…</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <source>Choose the OAuth compatibility hotfix package</source>
        <translation>OAuth 互換ホットフィックスパッケージの選択</translation>
    </message>
    <message>
        <source>Content packages (*.zip);;All files (*)</source>
        <translation>コンテンツパッケージ (*.zip);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>What must happen first:</source>
        <translation>最初に必要なこと:</translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation>対処方法: %1</translation>
    </message>
    <message>
        <source>Download page at Adobe Software Distribution</source>
        <translation>Adobe ソフトウェア配布のダウンロードページ</translation>
    </message>
    <message>
        <source>&amp;Hotfix package…</source>
        <translation>ホットフィックスパッケージ(&amp;H)…</translation>
    </message>
    <message>
        <source>The %1 you downloaded from Adobe&apos;s Software Distribution: apply installs it first, through Package Manager.</source>
        <translation>Adobe のソフトウェア配布からダウンロードした %1。適用時に、最初に Package Manager でインストールされます。</translation>
    </message>
    <message>
        <source>Brand Portal &amp;tenant:</source>
        <translation>Brand Portal テナント(&amp;T):</translation>
    </message>
    <message>
        <source>The tenant name, or its address https://&lt;tenant&gt;.brand-portal.adobe.com.</source>
        <translation>テナント名、またはそのアドレス https://&lt;tenant&gt;.brand-portal.adobe.com。</translation>
    </message>
    <message>
        <source>or choose the %1 you downloaded: apply then installs it first.</source>
        <translation>または、ダウンロードした %1 を選択してください。適用時に、最初にインストールされます。</translation>
    </message>
    <message>
        <source>✖ blocked: see below</source>
        <translation>✖ ブロック: 下記を参照</translation>
    </message>
    <message>
        <source>(recommended)</source>
        <translation>（推奨）</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>実行する操作</translation>
    </message>
    <message>
        <source>Problems found:</source>
        <translation>見つかった問題:</translation>
    </message>
</context>
<context>
    <name>bp::ui::SetupWizard</name>
    <message>
        <source>Brand Portal Setup</source>
        <translation>Brand Portal セットアップ</translation>
    </message>
    <message>
        <source>The demo simulator could not be started: %1</source>
        <translation>デモ用のシミュレーターを起動できませんでした: %1</translation>
    </message>
    <message>
        <source>Brand Portal Setup — Demo mode — connected to the built-in simulator</source>
        <translation>Brand Portal セットアップ — デモモード — 組み込みのシミュレーターに接続中</translation>
    </message>
    <message>
        <source>unknown fail step &quot;%1&quot; (known: %2).</source>
        <translation>不明な失敗ステップ「%1」です（既知: %2）。</translation>
    </message>
    <message>
        <source>--demo-queue-items takes a number from 0 to 1000, not &quot;%1&quot;.</source>
        <translation>--demo-queue-items には 0 から 1000 までの数値を指定してください（「%1」は無効です）。</translation>
    </message>
    <message>
        <source>the demo&apos;s memory (forgotten when it closes)</source>
        <translation>デモのメモリ（終了時に破棄）</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>ようこそ</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>接続</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>セットアップ方法</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>資格情報</translation>
    </message>
    <message>
        <source>Validate</source>
        <translation>検証</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>レビュー</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>適用</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>テスト</translation>
    </message>
    <message>
        <source>Diagnose</source>
        <translation>診断</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>確認</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>ステップ</translation>
    </message>
    <message>
        <source>Close Brand Portal Setup?</source>
        <translation>Brand Portal セットアップを閉じますか？</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>閉じる(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Stay</source>
        <translation>閉じない(&amp;S)</translation>
    </message>
    <message>
        <source>The configuration was applied to AEM and stays there; closing now skips the remaining steps (tests, saving the connection). Roll back later with bpsetup rollback if needed.</source>
        <translation>設定は AEM に適用済みで、そのまま残ります。ここで閉じると、残りのステップ（テスト、接続の保存）はスキップされます。必要に応じて、後で bpsetup rollback でロールバックしてください。</translation>
    </message>
    <message>
        <source>The credential was checked, but nothing was applied to AEM yet. Closing forgets the credential and what you typed.</source>
        <translation>資格情報はチェック済みですが、AEM にはまだ何も適用されていません。閉じると、資格情報と入力した内容は破棄されます。</translation>
    </message>
    <message>
        <source>The previous step; nothing you entered is lost.</source>
        <translation>前のステップに戻ります。入力した内容は失われません。</translation>
    </message>
    <message>
        <source>The next step, once this one is complete.</source>
        <translation>次のステップに進みます。このステップが完了すると使用できます。</translation>
    </message>
    <message>
        <source>Writes the reviewed changes to AEM, with a backup first.</source>
        <translation>レビューした変更を AEM に書き込みます。書き込みの前にバックアップを作成します。</translation>
    </message>
    <message>
        <source>Saves the connection if chosen, and closes the wizard.</source>
        <translation>選択した場合は接続を保存して、ウィザードを閉じます。</translation>
    </message>
    <message>
        <source>Closes the wizard; asks first when work would be lost.</source>
        <translation>ウィザードを閉じます。作業内容が失われる場合は、閉じる前に確認します。</translation>
    </message>
    <message>
        <source>Explains this step, with links to Adobe&apos;s documentation (F1).</source>
        <translation>このステップの説明を、Adobe のドキュメントへのリンクとともに表示します（F1）。</translation>
    </message>
</context>
<context>
    <name>bp::ui::StepList</name>
    <message>
        <source>current step</source>
        <translation>現在のステップ</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>to come</source>
        <translation>未完了</translation>
    </message>
    <message>
        <source>Step %1 of %2: %3, %4</source>
        <translation>ステップ %1/%2: %3、%4</translation>
    </message>
</context>
<context>
    <name>bp::ui::TestPage</name>
    <message>
        <source>Test Connection</source>
        <translation>Test Connection</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>キュー</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>%1
What to do: %2</source>
        <translation>%1
対処方法: %2</translation>
    </message>
    <message>
        <source>The apply run reported no tests.</source>
        <translation>適用の実行で、テスト結果が報告されませんでした。</translation>
    </message>
    <message>
        <source>Check the Brand Portal replication agents in AEM (Tools › Deployment › Replication › Agents on author): Test Connection should succeed and the queue be idle.</source>
        <translation>AEM で Brand Portal レプリケーションエージェントを確認してください（Tools › Deployment › Replication › Agents on author）。Test Connection が成功し、キューがアイドル状態であれば正常です。</translation>
    </message>
    <message numerus="yes">
        <source>All %n test(s) passed: AEM can publish to Brand Portal.</source>
        <translation>
            <numerusform>%n 件のテストすべてに合格しました。AEM は Brand Portal に公開できます。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of %1 test(s) did not pass.</source>
        <translation>
            <numerusform>%1 件中 %n 件のテストが合格しませんでした。</numerusform>
        </translation>
    </message>
    <message>
        <source>Test</source>
        <translation>テスト</translation>
    </message>
    <message>
        <source>Whether AEM can publish to Brand Portal: each replication agent&apos;s connection and queue.</source>
        <translation>AEM が Brand Portal に公開できるかどうか（各レプリケーションエージェントの接続とキュー）。</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>エージェント</translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation>対処方法: %1</translation>
    </message>
    <message>
        <source>Tests</source>
        <translation>テスト</translation>
    </message>
    <message>
        <source>Each replication agent&apos;s connection test and queue, with the result.</source>
        <translation>各レプリケーションエージェントの接続テストとキュー、およびその結果。</translation>
    </message>
</context>
<context>
    <name>bp::ui::ValidatePage</name>
    <message>
        <source>Go back to the previous page to choose the key or enter its passphrase.</source>
        <translation>前のページに戻って、鍵を選択するか、パスフレーズを入力してください。</translation>
    </message>
    <message>
        <source>Contacting Adobe IMS at %1 …</source>
        <translation>%1 の Adobe IMS に問い合わせています…</translation>
    </message>
    <message>
        <source>Validation cancelled. Nothing was sent to AEM.</source>
        <translation>検証はキャンセルされました。AEM には何も送信されていません。</translation>
    </message>
    <message>
        <source>; secret %1 of %2 accepted</source>
        <translation>（%2 個中 %1 個目のシークレットを受け入れ）</translation>
    </message>
    <message>
        <source>The credential is valid.</source>
        <translation>資格情報は有効です。</translation>
    </message>
    <message>
        <source>The first secret was refused: delete it in Developer Console once nothing uses it any more.</source>
        <translation>1 つ目のシークレットは拒否されました。使用されなくなったら、Developer Console で削除してください。</translation>
    </message>
    <message>
        <source>Validation cancelled.</source>
        <translation>検証はキャンセルされました。</translation>
    </message>
    <message>
        <source>The credential could not be checked.</source>
        <translation>資格情報をチェックできませんでした。</translation>
    </message>
    <message>
        <source>IMS answer: %1</source>
        <translation>IMS の応答: %1</translation>
    </message>
    <message>
        <source>Description: %1</source>
        <translation>説明: %1</translation>
    </message>
    <message>
        <source>Debug id for Adobe support: %1</source>
        <translation>Adobe サポート用のデバッグ ID: %1</translation>
    </message>
    <message>
        <source>This answer did not come from Adobe IMS deciding on the credential; the credential may still be fine.</source>
        <translation>この応答は、Adobe IMS が資格情報を判定した結果ではありません。資格情報自体には問題がない可能性があります。</translation>
    </message>
    <message>
        <source>Continue without validation</source>
        <translation>検証なしで続行</translation>
    </message>
    <message>
        <source>Why can the credential not be validated now? The reason is written to the log.</source>
        <translation>資格情報を現在検証できないのはなぜですか？理由はログに記録されます。</translation>
    </message>
    <message>
        <source>Continuing without validation (reason: %1). Test the connection after the configuration is applied.</source>
        <translation>検証なしで続行します（理由: %1）。設定の適用後に、接続をテストしてください。</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation>クライアント ID</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>組織</translation>
    </message>
    <message>
        <source>Technical account</source>
        <translation>テクニカルアカウント</translation>
    </message>
    <message>
        <source>Metascopes</source>
        <translation>メタスコープ</translation>
    </message>
    <message>
        <source>Scopes</source>
        <translation>スコープ</translation>
    </message>
    <message>
        <source>two (rotation): IMS is asked with the first, then the second</source>
        <translation>2 つ（ローテーション）: 1 つ目、2 つ目の順に IMS に問い合わせます</translation>
    </message>
    <message>
        <source>one</source>
        <translation>1 つ</translation>
    </message>
    <message>
        <source> — ending in %1</source>
        <translation> — 末尾 %1</translation>
    </message>
    <message>
        <source>Client secrets</source>
        <translation>クライアントシークレット</translation>
    </message>
    <message>
        <source>Private key</source>
        <translation>秘密鍵</translation>
    </message>
    <message>
        <source>held by AEM</source>
        <translation>AEM が保持</translation>
    </message>
    <message>
        <source>stored in the keychain</source>
        <translation>キーチェーンに保存済み</translation>
    </message>
    <message>
        <source>Adobe IMS</source>
        <translation>Adobe IMS</translation>
    </message>
    <message>
        <source>Validate credentials</source>
        <translation>資格情報の検証</translation>
    </message>
    <message>
        <source>Ask Adobe IMS for a token with these credentials before anything is changed on AEM. The token is thrown away.</source>
        <translation>AEM で何かを変更する前に、これらの資格情報を使用して Adobe IMS にトークンを要求します。トークンは破棄されます。</translation>
    </message>
    <message>
        <source>AEM generated this credential&apos;s key pair, so its private key exists only inside AEM and cannot be used to validate from here. AEM&apos;s own IMS health check tests the credential after the configuration is applied. Click Next to continue.</source>
        <translation>この資格情報のキーペアは AEM で生成されたため、秘密鍵は AEM 内にのみ存在し、ここから検証に使用することはできません。設定の適用後に、AEM 自身の IMS ヘルスチェックで資格情報がテストされます。「次へ」をクリックして続行してください。</translation>
    </message>
    <message>
        <source>&amp;Validate with Adobe IMS</source>
        <translation>Adobe IMS で検証(&amp;V)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Stop validating</source>
        <translation>検証を中止</translation>
    </message>
    <message>
        <source>C&amp;ontinue without validation (support staff working offline)</source>
        <translation>検証なしで続行（オフラインで作業するサポート担当者向け）(&amp;O)</translation>
    </message>
    <message>
        <source>IMS issued a %1 token valid for %2</source>
        <translation>IMS が有効期間 %2 の %1 トークンを発行しました</translation>
    </message>
    <message>
        <source>This computer&apos;s clock differs from Adobe&apos;s by %1; synchronise it (NTP).</source>
        <translation>このコンピューターの時計は、Adobe の時計と %1ずれています。時計を同期してください（NTP）。</translation>
    </message>
    <message>
        <source>The certificate is trusted for this session only, because it could not be saved: %1</source>
        <translation>証明書を保存できなかったため、このセッションでのみ信頼します: %1</translation>
    </message>
    <message>
        <source>IMS answer: %1 (%2)</source>
        <translation>IMS の応答: %1（%2）</translation>
    </message>
    <message>
        <source>The certificate of %1 is not trusted.</source>
        <translation>%1 の証明書は信頼されていません。</translation>
    </message>
    <message>
        <source>Continued without validating the credential with client ID %1 for %2; reason: %3.</source>
        <translation>%2 用のクライアント ID %1 の資格情報を検証せずに続行しました。理由: %3。</translation>
    </message>
    <message>
        <source>Adobe IMS had rejected it: %1</source>
        <translation>Adobe IMS により拒否されていました: %1</translation>
    </message>
    <message>
        <source>The last check had said: %1</source>
        <translation>前回のチェック結果: %1</translation>
    </message>
    <message>
        <source>Adobe IMS rejected this credential; continuing without validation (reason: %1). Publishing to Brand Portal will fail until the credential is fixed.</source>
        <translation>Adobe IMS はこの資格情報を拒否しました。検証なしで続行します（理由: %1）。資格情報を修正するまで、Brand Portal への公開は失敗します。</translation>
    </message>
    <message>
        <source>The reason is recorded in %1.</source>
        <translation>理由は %1 に記録されました。</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <source>Asks Adobe IMS for a token with this credential; nothing is sent to AEM.</source>
        <translation>この資格情報を使用して Adobe IMS にトークンを要求します。AEM には何も送信されません。</translation>
    </message>
    <message>
        <source>For support staff without access to Adobe IMS: asks for a reason, which is recorded.</source>
        <translation>Adobe IMS にアクセスできないサポート担当者向けです。理由の入力を求め、その理由を記録します。</translation>
    </message>
</context>
<context>
    <name>bp::ui::VerifyPage</name>
    <message>
        <source>Verifying %1: reading the configuration, testing the agents…</source>
        <translation>%1 を確認しています。設定を読み取り、エージェントをテストしています…</translation>
    </message>
    <message>
        <source>&amp;Cancel verification</source>
        <translation>確認をキャンセル(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Verify again</source>
        <translation>再確認(&amp;V)</translation>
    </message>
    <message>
        <source>Activate Brand Portal in Cloud Manager:</source>
        <translation>Cloud Manager で Brand Portal をアクティベートします:</translation>
    </message>
    <message>
        <source>bpsetup writes nothing on AEM as a Cloud Service. When Cloud Manager shows &quot;Activated&quot;, verify what activation created.</source>
        <translation>bpsetup は AEM as a Cloud Service に何も書き込みません。Cloud Manager に「Activated」と表示されたら、アクティベーションで作成されたものを確認してください。</translation>
    </message>
    <message>
        <source>Verification cancelled.</source>
        <translation>確認はキャンセルされました。</translation>
    </message>
    <message>
        <source>AEM could not be read: %1</source>
        <translation>AEM を読み取れませんでした: %1</translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation>対処方法: %1</translation>
    </message>
    <message>
        <source>%1
What to do: %2</source>
        <translation>%1
対処方法: %2</translation>
    </message>
    <message>
        <source>%1 of %2 checks failed; the first failing link: %3.</source>
        <translation>%2 件中 %1 件のチェックが失敗しました。最初に失敗したリンク: %3。</translation>
    </message>
    <message>
        <source>Every link of the Brand Portal connection passed its check.</source>
        <translation>Brand Portal 接続のすべてのリンクが、チェックに合格しました。</translation>
    </message>
    <message>
        <source>Activate Brand Portal and verify</source>
        <translation>Brand Portal のアクティベートと確認</translation>
    </message>
    <message>
        <source>Verify the configuration</source>
        <translation>設定の確認</translation>
    </message>
    <message>
        <source>AEM as a Cloud Service: Cloud Manager creates the configuration; bpsetup checks what activation created.</source>
        <translation>AEM as a Cloud Service: 設定は Cloud Manager が作成します。bpsetup は、アクティベーションで作成されたものをチェックします。</translation>
    </message>
    <message>
        <source>The configured chain end to end: IMS configuration, cloud configuration, agents and their queues. Nothing is changed.</source>
        <translation>設定済みのチェーンをエンドツーエンドで確認します（IMS 設定、クラウド設定、エージェントとそのキュー）。何も変更されません。</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>チェック</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>確認内容</translation>
    </message>
    <message>
        <source>&amp;Verify now</source>
        <translation>今すぐ確認(&amp;V)</translation>
    </message>
    <message>
        <source>Reads the configuration and runs each agent&apos;s Test Connection; changes nothing.</source>
        <translation>設定を読み取り、各エージェントの Test Connection を実行します。何も変更しません。</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>チェック</translation>
    </message>
    <message>
        <source>Each check of the configured chain with its result and what was read.</source>
        <translation>設定済みのチェーンの各チェックと、その結果および読み取った内容。</translation>
    </message>
</context>
<context>
    <name>bp::ui::WelcomePage</name>
    <message>
        <source>Welcome</source>
        <translation>ようこそ</translation>
    </message>
    <message>
        <source>Connect Adobe Experience Manager Assets to Adobe Brand Portal.</source>
        <translation>Adobe Experience Manager Assets を Adobe Brand Portal に接続します。</translation>
    </message>
    <message>
        <source>This tool connects to your AEM author instance, finds out which AEM version and deployment it is and how Brand Portal is configured today, and then tells you which setup route applies: activating Brand Portal in Cloud Manager, creating a new configuration, or upgrading an existing one.</source>
        <translation>このツールは AEM オーサーインスタンスに接続し、AEM のバージョンとデプロイメントの種類、および現在の Brand Portal の設定状況を調べてから、適用されるセットアップ方法（Cloud Manager での Brand Portal のアクティベート、新しい設定の作成、または既存の設定のアップグレード）を示します。</translation>
    </message>
    <message>
        <source>Connecting and detecting only reads from AEM. Nothing is changed until you review and confirm the changes in a later step.</source>
        <translation>接続と検出では、AEM からの読み取りのみを行います。後のステップで変更内容をレビューして確定するまで、何も変更されません。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Demo mode&lt;/b&gt; — connected to the built-in simulator. No real AEM instance or Adobe account is used; the connection details are already filled in.</source>
        <translation>&lt;b&gt;デモモード&lt;/b&gt; — 組み込みのシミュレーターに接続しています。実際の AEM インスタンスや Adobe アカウントは使用しません。接続情報は入力済みです。</translation>
    </message>
    <message>
        <source>What do you want to do?</source>
        <translation>何を行いますか？</translation>
    </message>
    <message>
        <source>&amp;Set up Brand Portal</source>
        <translation>Brand Portal をセットアップ(&amp;S)</translation>
    </message>
    <message>
        <source>Create a new Brand Portal configuration or upgrade an existing one.</source>
        <translation>新しい Brand Portal 設定を作成するか、既存の設定をアップグレードします。</translation>
    </message>
    <message>
        <source>&amp;Diagnose an existing setup</source>
        <translation>既存のセットアップを診断(&amp;D)</translation>
    </message>
    <message>
        <source>Check an existing Brand Portal configuration and explain what is wrong.</source>
        <translation>既存の Brand Portal 設定をチェックし、問題点を説明します。</translation>
    </message>
    <message>
        <source>Create or upgrade the Brand Portal configuration of an AEM author.</source>
        <translation>AEM オーサーの Brand Portal 設定を作成またはアップグレードします。</translation>
    </message>
    <message>
        <source>Read-only checks of an existing connection, with a report for support.</source>
        <translation>既存の接続を読み取り専用でチェックし、サポート用のレポートを作成します。</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>bpsetup: no display found, so the wizard cannot open. Run it on a desktop session, or use the headless commands (bpsetup --help).</source>
        <translation>bpsetup: ディスプレイが見つからないため、ウィザードを開けません。デスクトップセッションで実行するか、ヘッドレスコマンドを使用してください（bpsetup --help）。</translation>
    </message>
    <message>
        <source>bpsetup: unknown language &quot;%1&quot; for --lang. Use a code such as de, en, fr or ja.</source>
        <translation>bpsetup: --lang の言語「%1」は不明です。de、en、fr、ja などのコードを使用してください。</translation>
    </message>
</context>
</TS>
