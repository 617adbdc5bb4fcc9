# access: ja

## Password rules (src/domain/password.rs): why a password or a sign-in was refused

password-required = パスワードを入力してください。
password-too-short = { $min } 文字以上にしてください。
password-too-long = { $max } 文字以下にしてください。
password-too-few-kinds = 英大文字、英小文字、数字、記号のうち { $min } 種類以上を組み合わせてください (現在 { $kinds } 種類)。
password-bad-character = 使用できるのは英字、数字、記号のみです。スペースや制御文字は使用できません。
password-mismatch = 新しいパスワードが一致しません。
password-same-as-current = 現在のパスワードとは異なるパスワードを指定してください。
password-wrong-current = 現在のパスワードが正しくありません。
password-wrong = パスワードが正しくありません。
password-locked = このアドレスからのパスワードの誤りが多すぎるため、サインインを { $duration }ロックしています。
password-duration-seconds = { $n } 秒間
password-duration-minutes = { $n } 分間

## Sign-in page, password page, sign-out button (src/app/access.rs)

access-sign-out = サインアウト
access-signin-title = サインイン
access-signin-lead = このアプライアンスを設定するには、デバイスのパスワードを入力してください。
access-signin-expired = 一定時間操作がなかったため、セッションが終了しました。続けるには再度サインインしてください。
access-signin-signed-out = サインアウトしました。
access-device-password = デバイスのパスワード
access-signin-button = サインイン
access-password-title = パスワードの変更
access-password-heading-first = デバイスの新しいパスワードの設定
access-password-heading = デバイスのパスワードの変更
access-password-first-banner = このデバイスは初期パスワードのままです。続ける前に新しいパスワードを設定してください。
access-password-current = 現在のパスワード
access-password-new = 新しいパスワード
access-password-confirm = 新しいパスワード (確認)
access-password-rules = パスワードの条件
access-password-rule-length = { $min }～{ $max } 文字
access-password-rule-kinds = 英大文字、英小文字、数字、記号のうち { $min } 種類以上
access-password-button = パスワードを変更
access-password-cancel = キャンセル

## Audit trail page (src/app/audit.rs)

audit-title = 監査ログ
audit-lead = 適用されたすべてのリビジョンについて、日時、操作元 (画面または API)、クライアントのアドレス、変更された各項目を記録します。サインイン、サインインの失敗、ロックアウト、サインアウト、パスワード変更も、クライアントのアドレスとともに記録します。記録はデバイスに保存され、再起動後も保持されます。
audit-loading = 読み込み中…
audit-load-failed = 監査ログを読み込めませんでした: { $error }
audit-empty = このページに表示する記録はありません。
audit-revision = リビジョン { $revision }
audit-restored-from = リビジョン { $revision } から復元しました。
audit-event-sign-in = サインイン
audit-event-sign-in-failed = サインイン失敗: パスワードが違います
audit-event-locked-out = パスワードの誤りが続いたため、サインインをロックアウトしました
audit-event-sign-out = サインアウト
audit-event-password-changed = パスワードを変更しました (ほかのセッションはサインアウト)
audit-event-password-change-failed = パスワード変更失敗: 現在のパスワードが違います
audit-client-unknown = アドレスの記録なし
audit-client = { $client } から
audit-factory-settings = 工場出荷時の設定です。
audit-col-section = 対象
audit-col-field = 項目
audit-col-before = 変更前
audit-col-after = 変更後
audit-pages = 監査ログのページ
audit-newer = ← 新しい記録
audit-older = 古い記録 →
audit-source-ui = 画面
audit-source-api = API
audit-source-factory-reset = 初期化
audit-time-factory = 工場出荷時

## Changes page: staged changes and history (src/app/changes.rs)

changes-title = 変更
changes-lead = 未適用の変更を適用中のリビジョンと比較して確認し、新しいリビジョンとして適用します。適用したリビジョンはすべて保持され、復元できます。
changes-staged-title = 未適用の変更
changes-stale = この変更はリビジョン { $base } に対して作成されましたが、その後リビジョン { $revision } が適用されています。変更を破棄して、もう一度追加してください。
changes-none = 未適用の変更はありません。ネットワークページでポートを編集するか、コンピューティングの設定を編集してから、未適用の変更に追加してください。
changes-col-section = 対象
changes-col-field = 項目
changes-col-applied = 適用中
changes-col-staged = 未適用
changes-problems = { $n ->
   *[other] 適用する前に、次の { $n } 件の問題を修正してください:
}
changes-apply = リビジョン { $revision } として適用
changes-discard = 未適用の変更を破棄
changes-confirm-lock-question = リビジョン { $revision } として適用し、クラスターのネットワークをロックしますか?
changes-confirm-lock-yes = はい、リビジョン { $revision } を適用してロックします
changes-confirm-cancel = キャンセル
changes-confirm-discard-question = ステージした { $n } 件の変更を破棄しますか? 元に戻せません:
changes-confirm-discard-yes = はい、破棄します
changes-confirm-keep = いいえ、ステージした変更を残します
changes-confirm-restore-question = リビジョン { $revision } を復元すると、ステージした内容が置き換わり、次の { $n } 件の変更が失われます:
changes-confirm-restore-yes = はい、リビジョン { $revision } を復元します
changes-confirm-more = ほか { $n } 件
changes-history-title = 履歴
changes-history-empty = 適用済みのリビジョンはまだありません。デバイスは工場出荷時の設定で動作しています。
changes-history-col-revision = リビジョン
changes-history-col-applied = 適用日時
changes-history-col-by = 操作元
changes-history-col-what = 変更内容
changes-history-col-actions = 操作
changes-history-current = {" "}(適用中)
changes-history-factory = 工場出荷時の設定
changes-history-summary = { $section }: { $fields }
changes-restore = リビジョン { $revision } を復元
# The configuration as a file (docs/config-file.md).
changes-file-title = 設定ファイル
changes-file-lead = 設定全体を TOML ファイルとしてダウンロードして保管できます。ファイル(このデバイスのものでも別のデバイスのものでも)をアップロードすると、ここで確認するために未適用の変更になります。ファイルにないセクションはそのままです。
changes-download-applied = リビジョン { $revision } をダウンロード
# A link in each row of the history.
changes-download = ダウンロード
changes-download-label = リビジョン { $revision } をファイルとしてダウンロード
changes-import-label = 読み込むファイル
changes-import-hint = 形式 1 の TOML ファイル。未適用の変更はこのファイルの内容に置き換わります。適用するまで何も適用されません。
changes-file-reference = ファイルの形式 (キーごとの説明)
docs-config-file-title = 設定ファイル
docs-english-only = この資料は英語版のみです。
changes-import-submit = ファイルを読み込んで未適用の変更にする
changes-import-no-file = アップロードするファイルを選んでください。
changes-import-not-text = ファイルが UTF-8 のテキストではありません。設定ファイルは TOML です。

## Labels of recorded changes (sections and fields), translated when shown

change-addressing = アドレス設定
change-ip-address = IP アドレス
change-gateway = ゲートウェイ
change-primary-dns = プライマリ DNS
change-secondary-dns = セカンダリ DNS
change-compute = コンピューティング
change-compute-port = コンピューティング用ポート
change-switch-name = 外部仮想スイッチ名
change-node-ips = Kubernetes ノード IP
change-service-ips = Kubernetes 外部サービス IP
change-skip-edge = 末尾 .0 と .255 を除外
change-pod-network = ポッドネットワーク
change-service-network = サービスネットワーク
change-cluster-dns = クラスター DNS
change-routes = ルート
change-network = ネットワーク
change-default-gateway = デフォルトゲートウェイ
change-route = { $destination } ({ $interface })
change-route-via = ネクストホップ { $next_hop }、メトリック { $metric }
change-route-added = 追加: { $destination } ({ $interface })
change-route-removed = 削除: { $destination } ({ $interface })
change-route-changed = 変更: { $destination } ({ $interface })
changes-history-restored = リビジョン { $revision } から復元
change-value-static = 静的
change-value-on = 有効
change-value-off = 無効
change-value-yes = はい
change-value-no = いいえ
change-value-default = 自動

## What a change does beyond its fields (src/domain/consequences.rs)
consequence-gateway-moves = デフォルトゲートウェイと VM の NAT (内部仮想スイッチの出口) が { $from } から { $to } に移ります。
consequence-gateway-set = デフォルトゲートウェイと VM の NAT (内部仮想スイッチの出口) が { $to } になります。
consequence-gateway-gone = デフォルトゲートウェイを持つポートがなくなります (これまでは { $from })。VM は内部仮想スイッチ経由で外部に出られなくなります。
consequence-cluster-lock = 適用すると、ポッドネットワーク { $pod }、サービスネットワーク { $service }、クラスター DNS アドレス { $dns } がロックされます。クラスターはこの値で構築され、以後は初期化 (工場出荷時の設定に戻す) でしか変更できません。
consequence-cluster-unlock = ポッドネットワーク、サービスネットワーク、クラスター DNS アドレスのロックが解除されます (クラスターは新たに構築されます)。
consequence-spare-lost = ノード IP に更新用の予備がなくなります (これまでは { $was })。更新時に置き換え用 VM のアドレスがありません。
consequence-no-spare = ノード IP に更新用の予備がありません。更新時に置き換え用 VM のアドレスがありません。予備を確保するには 3 つ目のアドレスを追加してください。
consequences-title = この変更に伴って変わること
