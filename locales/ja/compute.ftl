# compute: ja

## Compute page
compute-title = コンピューティング
compute-lead = コンピューティングに使う物理ポートを 1 つ有効にします。そのポートに外部仮想スイッチが作成され、Kubernetes のマスター VM とワーカー VM が接続されます。続いて、クラスターの Kubernetes ノード IP と、MetalLB が LoadBalancer サービスに割り当てる Kubernetes 外部サービス IP を設定します。

## The port choice
compute-port-legend = 外部仮想スイッチのポート
compute-port-hint = 選択できるポートは 1 つだけです。NIC チーミング (複数のポートを 1 つのスイッチにまとめること) には対応していません。ポートには静的アドレスが必要です。
compute-port-off = 無効
compute-port-off-sub = コンピューティングを使用しない
compute-port-management-only = { $speed } · 管理専用

## The form
compute-switch-name-label = 外部仮想スイッチ名
compute-switch-name-hint = 変更しない場合は、ポート名に基づいた名前になります。
compute-node-ips-label = Kubernetes ノード IP
compute-node-ips-hint = コンピューティング用ポートのサブネット内の静的アドレスで、先頭から順にマスター VM、ワーカー VM、3 つ目のアドレスがあれば更新用の予備 (更新時に置き換え用 VM が使うアドレス) に割り当てます。クラスターには 2 つで足りますが、予備がないと更新時に置き換え用 VM のアドレスがありません。{ $example } のように、範囲全体を最初の欄に入力することもできます。
compute-service-ips-label = Kubernetes 外部サービス IP
compute-service-ips-hint = MetalLB が LoadBalancer タイプのサービスに割り当て、クラスター外部のユーザーがアプリにアクセスできるようにします。ノード IP と同じサブネット内で、ノードの範囲と重ならないように指定してください。
compute-skip-edge = 末尾が .0 と .255 のサービスアドレスを除外 (正しく扱えないクライアントがあるため)
compute-stage = 未適用の変更に追加
compute-review = 確認して適用

## The allocation card: which VM gets which address
compute-alloc-title = 割り当て
compute-alloc-empty = ポートと有効な範囲を入力すると、アドレスの割り当て先が表示されます。
compute-alloc-switch = 外部仮想スイッチ
compute-alloc-switch-value = { $switch } ({ $port })
compute-alloc-master = マスター VM
compute-alloc-worker = ワーカー VM
compute-alloc-spare = 更新用の予備
compute-alloc-spare-none = なし (予備を確保するにはアドレスを 1 つ追加してください)
compute-alloc-in-error = 表示できません (範囲にエラーがあります)
compute-alloc-service-free = 空きサービス IP
compute-alloc-service-free-value = { $total } 個中 { $free } 個

## The subnet card: the port's subnet drawn as a bar
compute-subnet-title = サブネット
compute-subnet-empty = 静的アドレスのポートを選択すると、そのサブネットが表示されます。
compute-subnet-gateway = ゲートウェイ { $address }
compute-subnet-bar-label = サブネット { $subnet } (ポートのアドレス、ゲートウェイ、各範囲)
compute-subnet-nodes = ノード IP { $range }
compute-subnet-services = サービス IP { $range }
compute-subnet-summary = サブネット { $subnet } · ホストアドレス { $hosts } 個
