# pages: ja

## Overview page

overview-title = 概要
overview-lead = このデバイスの Kubernetes クラスターがネットワークにどう接続されているか、また残りの設定作業を示します。
overview-diagram-as-text = 図の内容をテキストで表示
overview-steps-title = 設定の手順
overview-step-done = {" "}(完了)
overview-step-todo = {" "}(未完了)
overview-step-network = ネットワーク
overview-step-compute = コンピューティング
overview-step-kubernetes = Kubernetes ネットワーク
overview-step-routes = ルート (任意)
overview-step-apply = 適用
overview-network-todo = データポートに静的アドレスを設定してください。コンピューティングに必要です。
overview-network-done = 静的アドレスのデータポート: { $ports }。
overview-compute-todo = 無効です。ポート、ノード IP、サービス IP を選択してください。
overview-compute-done = { $switch } ({ $port }): ノード IP { $nodes }、サービス IP { $services }。
overview-kubernetes-locked = ポッド { $pods }、サービス { $services }、DNS { $dns } (クラスターで使用中)。
overview-kubernetes-open = ポッド { $pods }、サービス { $services }、DNS { $dns }。お使いのネットワークと重複する場合は今のうちに変更してください。コンピューティングを適用すると変更できなくなります。
overview-routes-none = Kubernetes VM のカスタムルートはありません。
overview-routes = Kubernetes VM のカスタムルート: { $n ->
   *[other] { $n } 件
}。
overview-apply-done = 追加した変更はすべて適用済みです (リビジョン { $revision })。
overview-apply-nothing = まだ何も適用されていません (工場出荷時の設定です)。上の手順で変更を追加し、ここで確認して適用してください。
overview-apply-waiting = 確認待ちの未適用の変更: { $what }。
overview-applied-title = 適用中の設定
overview-revision = リビジョン
overview-applied-at = 適用日時
overview-applied-factory = 工場出荷時
overview-staged-changes = 未適用の変更
overview-manifests = マニフェスト
overview-manifests-count = 準備完了 { $ready } 件、コンピューティング待ち { $waiting } 件

## Network page

network-title = ネットワーク
network-lead = 物理ポートごとに設定します。コンピューティングに使うポートには静的アドレスが必要です。各ポートのサブネットは重複できません。
network-internal-title = 内部仮想スイッチ
network-internal-before = Kubernetes VM の 1 つ目の NIC 用に工場出荷時に作成されています。サブネットは{" "}
network-internal-middle = 、NAT の出口は{" "}
network-internal-after = {" "}です (デフォルトゲートウェイを持つポート)。スイッチ自体は編集できません。出口のポートは下で選べます。
network-internal-no-nat = なし
network-external-before = 外部仮想スイッチ{" "}
network-external-middle = {" "}は{" "}
network-external-after = {" "}に作成されています。
network-role-management = 管理
network-role-internet = インターネット
network-role-data = データ
network-compute-tag = コンピューティング
network-staged-tag = 未適用の変更あり
network-applied = 適用中: { $mode }
network-applied-static = 静的 { $interface }
network-addressing = アドレス設定
network-static-option = {" "}静的
network-management-static = {" "}管理ポートは静的アドレスのままです。
network-address-label = IP アドレス
network-prefix-label = プレフィックス長またはサブネットマスク
network-prefix-placeholder = 24 または 255.255.255.0
network-gateway-label = ゲートウェイ (任意)
network-dns-primary-label = プライマリ DNS
network-dns-secondary-label = セカンダリ DNS
network-mtu-fixed = このポートでは固定です。
network-mtu-range = 1400～1500 の範囲です。
network-stage = { $port } を未適用の変更に追加

## The network picture (an SVG on the Overview page)

diagram-title = デバイスの Kubernetes クラスターとネットワークの接続
diagram-col-ports = 物理ポート
diagram-col-switches = 仮想スイッチ
diagram-col-vms = Kubernetes VM
diagram-port-role = { $role } · { $speed }
diagram-default-gw = デフォルト GW
diagram-internal-switch = 内部仮想スイッチ
diagram-nat-via = NAT: { $port } 経由
diagram-nat-none = NAT: ポートなし
diagram-external-switch = 外部仮想スイッチ
diagram-switch-on = { $switch } ({ $port })
diagram-subnet = サブネット { $subnet }
diagram-not-configured = 未設定
diagram-enable-compute = コンピューティングを有効にする →
diagram-master-vm = マスター VM
diagram-worker-vm = ワーカー VM
diagram-nic-internal = eth0 · 内部
diagram-nic-external = eth1 · 外部
diagram-nic-not-configured = 未設定
diagram-service-ips = MetalLB サービス IP
diagram-service-ips-free = LoadBalancer サービス用の空き: { $free } 個
diagram-set-service-ips = サービス IP を設定 →
diagram-cluster-networks = クラスターネットワーク
diagram-calico-pods = Calico ポッド
diagram-services = サービス
diagram-k8s-settings = Kubernetes の設定 →
diagram-desc-port-static = { $port } ({ $role }): 静的 { $interface }。
diagram-desc-port-dhcp = { $port } ({ $role }): DHCP。
diagram-desc-internal = 内部仮想スイッチ { $subnet }。NAT の出口は { $port } です。
diagram-desc-internal-no-nat = 内部仮想スイッチ { $subnet }。NAT の出口となるポートはありません。
diagram-desc-external = 外部仮想スイッチ { $switch } ({ $port })。
diagram-desc-external-none = 外部仮想スイッチ: 未設定です。コンピューティング用のポートを有効にしてください。
diagram-desc-master = マスター VM: 内部仮想スイッチ側 { $internal }、外部仮想スイッチ側 { $external }。
diagram-desc-worker = ワーカー VM: 内部仮想スイッチ側 { $internal }、外部仮想スイッチ側 { $external }。
diagram-desc-service-ips = MetalLB サービス IP { $range } (空き { $free })。
diagram-desc-cluster = Calico ポッドネットワーク { $pods }、サービスネットワーク { $services }、CoreDNS は { $dns } です。

## Kubernetes page

k8s-title = Kubernetes
k8s-lead = クラスター内部のネットワークです。Calico はポッドネットワークから各ポッドにアドレスを割り当て、ClusterIP サービスはサービスネットワークからアドレスを受け取り、CoreDNS がサービス名をそのアドレスに解決します。下には、適用中の設定から生成された、クラスターが使用するマニフェストを表示します。
k8s-networks-title = ポッドネットワークとサービスネットワーク
k8s-applied-facts = 適用中: ポッド { $pods } (/{ $block_size } の Calico ブロック { $blocks } 個)、サービス { $services }、クラスター DNS { $dns }。
k8s-locked = リビジョン { $revision } 以降はロックされています。コンピューティングが適用され、クラスターはこのネットワークで構築されました。変更するにはクラスターの再デプロイが必要なため、ここでは読み取り専用です。
k8s-pod-network-label = ポッドネットワーク (Calico)
k8s-pod-network-hint = ほかで使用していないプライベート範囲。/26 ブロックが 2 個以上必要です。
k8s-service-network-label = サービスネットワーク
k8s-service-network-hint = サービスのクラスター IP: /12～/28。
k8s-dns-label = クラスター DNS アドレス (任意)
k8s-dns-label-locked = クラスター DNS アドレス
k8s-dns-hint-locked = リビジョン { $revision } から、上のネットワークとともに適用されています。
k8s-dns-hint-address = 空欄の場合は、サービスネットワークの 10 番目のアドレス { $address } を使用します。
k8s-dns-hint = 空欄の場合は、サービスネットワークの 10 番目のアドレスを使用します。
k8s-stage = 未適用の変更に追加
k8s-review-apply = 確認して適用
k8s-manifests-title = リビジョン { $revision } のマニフェスト
k8s-download = ダウンロード
k8s-raw = YAML を表示
k8s-preview = プレビュー
k8s-pending = まだ利用できません: { $reason }。
k8s-set-up-compute = コンピューティングを設定

gateway-note-here = このポートがデフォルトゲートウェイと VM の NAT を持っています。
gateway-note-moves-here = 適用すると、デフォルトゲートウェイと VM の NAT が { $from } からこのポートに移ります。
gateway-note-moves-away = 適用すると、デフォルトゲートウェイと VM の NAT がこのポートから { $to } に移ります。
gateway-note-gone = 適用すると、デフォルトゲートウェイを持つポートがなくなり、VM は外部に出られなくなります。
gateway-note-elsewhere = デフォルトゲートウェイと VM の NAT は { $holder } が持っています。このゲートウェイはデフォルトルートになりません。{ $port } に移すには、「デフォルトゲートウェイと VM の NAT」で { $port } を選んでください。
network-default-gateway-legend = デフォルトゲートウェイと VM の NAT
network-default-gateway-hint = デバイスのデフォルトルートと内部仮想スイッチの出口は、1 つのポートを通ります。ゲートウェイのあるポート (静的設定、または DHCP で取得) だけが持てます。別のポートを選ぶまで、今のポートのままです。
network-default-gateway-stage = デフォルトゲートウェイを未適用の変更に追加
network-default-gateway-dhcp = DHCP で取得するゲートウェイ
network-default-gateway-static = ゲートウェイ { $gateway }
