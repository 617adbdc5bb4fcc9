# routes: ja

## Routes page
routes-title = ルート
routes-lead = Kubernetes のマスター VM とワーカー VM のカスタムルートです (ホストには適用されません)。ルートは、宛先プレフィックスへの通信を静的アドレスのポート経由でネクストホップに送ります。メトリックが小さいルートが優先されます。変更はすぐに適用されます。コンピューティングの設定前でも設定後でも構いません。

## The table of custom routes
routes-table-title = カスタムルート
routes-empty = カスタムルートはありません。VM はすべての宛先にデフォルトルートで到達します。
routes-col-destination = 宛先
routes-col-next-hop = ネクストホップ
routes-col-interface = インターフェイス
routes-col-metric = メトリック
routes-col-actions = 操作
routes-remove = 削除
routes-remove-label = { $destination } へのルートを削除
routes-remove-confirm = { $destination } へのルートを削除しますか？
routes-remove-yes = 削除する
routes-remove-cancel = キャンセル

## Adding a route
routes-add-title = ルートの追加
routes-destination-label = 宛先プレフィックス
routes-destination-hint = ネットワークアドレスを「/プレフィックス長」付きで入力するか、プレフィックス長を次の欄に入力してください。
routes-prefix-label = プレフィックス長
routes-next-hop-label = ネクストホップ
routes-interface-label = インターフェイス
routes-interface-choose = ポートを選択
routes-interface-hint = ルートを設定できるのは静的アドレスのポートだけです。
routes-metric-label = メトリック
routes-metric-hint = 小さいほど優先されます。空欄の場合は 100 になります。
routes-add = ルートを追加

## "Which route?": the route a destination address takes
routes-which-title = 使用されるルートの確認
routes-lookup-label = 宛先アドレス
routes-lookup = 確認
routes-lookup-error = 宛先: { $error }
routes-decision-route = ルート
routes-decision-route-value = { $destination } ({ $interface })
routes-decision-system = システムルート
routes-decision-device = 送出デバイス
routes-decision-via = ネクストホップ
routes-decision-direct = 直接接続
routes-col-status = VM での状態
routes-status-installed = 設定済み
routes-status-inactive = 未設定
routes-status-dry-run = 未送信
routes-status-dry-run-why = ドライラン: route-namespace が設定されていないため、カーネルには問い合わせていません。
routes-status-pending = 未確認
routes-status-pending-why = リビジョン { $revision } の VM のルートを設定中です。
routes-status-refused = カーネルが拒否
routes-status-refused-why = カーネルの応答: { $reason }
routes-status-unknown = 不明
routes-status-unknown-why = VM のネットワーク名前空間に問い合わせできませんでした: { $reason }
routes-decision-cluster = クラスター内で処理
routes-candidates-title = 一致したすべてのルート (選ばれたルートが先頭)
routes-candidate-chosen = 選択:
