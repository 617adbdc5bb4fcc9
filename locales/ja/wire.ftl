# ワイヤーチェック: 適用前のアドレス重複の確認と、適用後の到達性の確認。

## 確認を断る理由 (関係するフィールドの横に表示)
probe-no-compute = ネットワーク上のアドレスを確認する前に、静的アドレスのコンピューティング用ポートを選んでください。
probe-port-not-static = { $port } は DHCP でアドレスを取得しています。edgenet はそのセグメントを知らないため、アドレスを確認できません。
probe-off-segment = { $range } は { $port } のセグメント { $net } にありません。確認は ARP で行うため、ルーターを越えられません。
probe-too-many = 一度に確認できるアドレスは最大 { $max } 個です。これらの範囲とポートのアドレス、ゲートウェイ、DNS サーバーで { $count } 個になります。範囲を小さくしてください。
probe-busy = このデバイスでは確認がすでに実行中です。数秒後にもう一度お試しください。

## 警告: 適用するかどうかは管理者が決めます
probe-in-use = { $address } はネットワーク上ですでに使われています (MAC アドレス { $mac } のデバイス)
probe-neighbour-down = { $address } はネットワーク上で応答しませんでした
probe-failed = このデバイスでは確認を実行できませんでした。理由はサーバーのログにあります。

## コンピューティングページの確認 (変更の確認ページにも表示)
probe-title = ネットワーク上のアドレスを確認
probe-lead = VM 側からコンピューティング用ポートのセグメントに ARP プローブ (RFC 5227) を送り、ノード IP、サービス IP、ポート自身のアドレスにほかのデバイスがすでに応答していないか、ゲートウェイと DNS サーバーが応答するかを確認します。送るのは最大 1,024 個の小さなフレームで、数秒かかります。使用中のアドレスは警告です。適用するかどうかはあなたが決めます。
probe-run = ネットワーク上のアドレスを確認
probe-wire-dry-run = ドライラン: route-namespace が設定されていないため、edgenet はネットワークを確認できません。何も送信せず、ネットワークについて何もわかりません。
probe-wire-off = ワイヤーチェックはオフです (wire-checks = false)。ネットワークには何も送信しません。
probe-not-run = これらの範囲のアドレスは、まだネットワーク上で確認していません。
probe-not-checked = ネットワーク上では確認していません。
probe-summary = { $checked } 個のアドレスを { $millis } ミリ秒で確認しました: { $in_use ->
    [0] ほかのデバイスが使用中のものはありません
   *[other] { $in_use } 個がほかのデバイスで使用中です
    }
probe-range = { $what } { $range }
probe-none-in-use = これらのアドレスに応答するほかのデバイスはありません。
probe-role-node-ips = ノード IP
probe-role-service-ips = サービス IP
probe-role-port-address = ポートのアドレス
probe-role-gateway = ゲートウェイ
probe-role-dns = DNS サーバー
probe-neighbour-up = { $who } { $address } は応答しています ({ $mac })
probe-neighbour-down-line = { $who } { $address } は応答しません
probe-neighbour-off-segment = { $who } { $address } はポートのセグメント上にありません。適用後に ping で確認します
probe-neighbour-unchecked = { $who } { $address }: 確認していません

## 最後の適用後の到達性 (概要、ルート)
reach-title = 到達性
reach-lead = リビジョン { $revision } の適用後に VM 側から確認しました (ICMP エコー)。
reach-none = サーバーの起動後、まだ何も確認していません。
reach-nothing = リビジョン { $revision } には確認するゲートウェイ、ネクストホップ、DNS サーバーがありません。
reach-next-hop = { $interface } の { $destination } へのネクストホップ
reach-up = { $who } { $address }: 応答あり、{ $ms } ミリ秒
reach-down = { $who } { $address }: 応答なし
reach-unchecked = { $who } { $address }: 確認していません
reach-next-hop-down = ネクストホップ応答なし
reach-next-hop-down-why = { $address } は最後の適用後の確認に応答しませんでした。
reach-diagram = 到達性: 応答あり { $up }、応答なし { $down }
reach-diagram-unchecked = 到達性: 未確認 (ネットワークなし)
probe-summary-unchecked = { $checked } 個のアドレスは確認していません。ネットワークには何も送信していません。
