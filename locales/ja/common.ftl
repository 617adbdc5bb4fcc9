# common: ja

## Shared pieces

list-separator = 、
verbatim = { $text }

## Form fields
range-start-label = { $field } (開始)
range-end-label = { $field } (終了)
range-start-placeholder = 開始 (例: { $example })
range-end-placeholder = 終了

## The console around every page
skip-to-content = メインコンテンツへ移動
loading = 読み込み中…
load-failed = 設定を読み込めませんでした: { $reason }
header-model-default = エッジ コンピューティング アプライアンス (1 ノード)
header-revision = リビジョン { $revision }
header-staged = 未適用の変更: { $what }
staged-ports = ポート { $n } 個
staged-compute = コンピューティング
staged-kubernetes = Kubernetes ネットワーク
staged-default-gateway = デフォルトゲートウェイ
staged-routes = ルート { $n } 件
header-change-password = パスワード変更
nav-label = メニュー
nav-overview = 概要
nav-network = ネットワーク
nav-compute = コンピューティング
nav-kubernetes = Kubernetes
nav-routes = ルート
nav-changes = 変更
nav-audit = 監査ログ

## Language switch
lang-switch-label = 表示言語

## The notice after an action
notice-staged = 未適用の変更に追加しました。内容を確認してから適用してください。
notice-review-and-apply = 確認して適用
notice-staged-with-problems = 未適用の変更に追加しましたが、問題が { $n } 件あります。適用する前に修正してください:
notice-applied = リビジョン { $revision } を適用しました。
notice-discarded = 未適用の変更を破棄しました。
notice-restored = リビジョン { $revision } に戻す変更を未適用の変更に追加しました。下の変更内容を確認してから適用してください。
notice-conflict = 未適用の変更に追加されませんでした。このページを開いた後にリビジョン { $revision } が適用されたため、入力内容は古い設定に基づいています。
notice-changed = 未適用の変更に追加されませんでした: { $reason }
part-compute = コンピューティング
part-kubernetes = Kubernetes のネットワーク
part-default-gateway = デフォルトゲートウェイ
notice-reload = ページを再読み込み
form-not-staged = 未適用の変更に追加しませんでした。問題が { $n } 件あります。各項目の横に示しています。
notice-invalid = 適用されませんでした。未適用の変更に問題が { $n } 件あります。先に修正してください。
notice-password-changed = パスワードを変更しました。ほかのサインイン中のセッションはすべてサインアウトされました。
notice-refused = 実行できませんでした: { $reason }
notice-file-staged = ファイルを読み込みました。{ $n } 件の変更が未適用の変更になりました。下で確認してから適用してください。
notice-file-unchanged = ファイルは何も変更しません。リビジョン { $revision } が適用されたままで、未適用の変更もありません。
notice-file-refused = ファイルは { $n } 件の問題のため受け付けられませんでした(問題はアップロード欄の横にあります)。未適用の変更はありません。
notice-unchanged = 変更はありません。これらの値はすでに未適用の変更にあるか適用済みのため、何も追加していません。
notice-route-added = ルート { $destination } を追加し、リビジョン { $revision } として適用しました。
notice-route-added-host-bits = ルート { $destination } を追加し、リビジョン { $revision } として適用しました。{ $typed } にはホスト部のビットが設定されていたため、ネットワーク アドレス { $destination } として保存しました。
notice-route-removed = ルート { $destination } を削除し、リビジョン { $revision } として適用しました。
notice-route-refused = ルートは追加されませんでした。問題が { $n } 件あります (各項目の横に表示しています)。

## Page not found
not-found-title = ページが見つかりません
not-found-before = このアドレスにページはありません。
not-found-link = 概要ページ
not-found-after = へ移動してください。

## When a call to the device fails
error-unreachable = デバイスから応答がありません。接続を確認してから、もう一度お試しください。
error-signed-out = セッションが終了しました。続けるには再度サインインしてください。
error-token = ページの情報が古くなっています。ページを再読み込みしてから、もう一度お試しください。
error-cross-site = 拒否されました: 別のサイトからの要求です。デバイス自身のアドレスを開いて、もう一度お試しください。
error-change-password = 先に初期パスワードを変更してください。

## The page shown when the server failed while answering (src/server/panic.rs)
error-500-title = 問題が発生しました
error-500-lead = 内部エラーのため、このページを表示できませんでした。エラーは記録されています。設定は変更されていません。
error-500-retry = もう一度試す
error-500-overview = 概要へ移動
## Trials: an apply that can cut the administrator off runs on trial (src/domain/trial.rs)
trial-risk-addressing = { $port } のアドレス設定が変わります
trial-risk-mtu = { $port } の MTU が変わります
trial-risk-gateway = 既定のゲートウェイが { $from } から { $to } に移ります
trial-risk-compute = コンピューティングが { $from } から { $to } に移ります
trial-seconds-bad = trial_seconds: 「{ $text }」は 0 から { $max } までの秒数 (整数) ではありません。
trial-reverted-timeout = 元に戻しました: { $seconds } 秒以内に確定されませんでした
trial-reverted-request = 要求により元に戻しました
store-trial-running = リビジョン { $revision } は { $deadline } まで試行中です。ほかの変更を保留または適用する前に、確定するか元に戻してください。
store-no-trial = 試行中の設定はありません。確定することも元に戻すこともできません。
audit-source-trial = 試行タイマー
audit-event-trial-kept = 試行中の設定を確定
trial-banner-title = この設定は試行中です
trial-banner-body = 確定しなければ、リビジョン { $revision } は { $deadline } にリビジョン { $replaced } へ戻ります。
trial-banner-left = 残り { $seconds } 秒
trial-banner-why = 試行の理由: { $risks }。
trial-keep = この設定を確定
trial-revert = 今すぐ元に戻す
trial-moved = デバイスは現在 { $address } で応答します。そこで開いてサインインし、設定を確定してください。
notice-trial-kept = 設定を確定しました。試行は終了しました。
notice-trial-reverted = 元に戻しました: リビジョン { $revision } でリビジョン { $replaced } を復元しました。

## デバイスのホスト
host-title = デバイスのホスト
host-dry-run = ホストの名前空間が設定されていません。ポート、スイッチ、NAT はリビジョンに書かれるだけです (ドライラン)。ホストは確認していません。
host-pending = 起動してから、まだホストを確認していません。
host-unreachable = リビジョン { $revision } についてホストに問い合わせできませんでした:
host-matches = ホストはリビジョン { $revision } のとおりです。ポート、スイッチ、経路、NAT がすべて適用どおりです。
host-differs = ホストはリビジョン { $revision } と { $count } 点異なります:
host-checked-older = 最後の確認はリビジョン { $checked } に対してです。リビジョン { $revision } を設定中です。
host-dhcp-port = { $port } (DHCP)
host-dhcp-none = IPv4 アドレスを持っていません
host-dhcp-holds = { $addresses } を持ち、既定のゲートウェイは { $gateways } です
host-diff-missing-port = { $port } のインターフェイスがホストにありません
host-diff-missing-bridge = ブリッジ { $bridge } がありません (またはその名前のデバイスが edgenet のものではありません)
host-diff-stale-bridge = ブリッジ { $bridge } が以前のリビジョンから残っています
host-diff-addresses = { $device } は { $have } を持っています。リビジョンでは { $want } です
host-diff-mtu = { $device } の MTU は { $have } です。リビジョンでは { $want } です
host-diff-bridge = { $device } はブリッジ { $have } にあります。リビジョンでは { $want } です
host-diff-down = { $device } はダウンしています
host-diff-default-route = 既定の経路は { $have } です。リビジョンでは { $want } です
host-diff-dns = ネームサーバーは { $have } です。リビジョンでは { $want } です
host-diff-nat = 内部スイッチの NAT は { $have } です。リビジョンでは { $want } です
