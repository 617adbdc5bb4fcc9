# validation: ja

## Address ranges
range-reversed = 開始アドレス { $start } が終了アドレス { $end } より後になっています。開始アドレスは終了アドレス以前にしてください。
val-range-empty = 入力されていません。
val-bad-address = 「{ $text }」は IPv4 アドレスではありません (192.168.1.20 のように 0～255 の数値を 4 つ指定します)。

## Prefix lengths and masks
val-prefix-empty = 入力されていません。24 のようなプレフィックス長か、255.255.255.0 のようなサブネットマスクを指定してください。
val-prefix-neither = 「{ $text }」はプレフィックス長 ({ $min }～32) でもサブネットマスクでもありません。
val-mask-not-contiguous = { $text } は有効なサブネットマスクではありません (255.255.255.0 のように 1 のビットが連続している必要があります)。
val-prefix-not-number = 「{ $text }」はプレフィックス長ではありません。{ $min }～32 の整数を指定してください。
val-prefix-too-short = 「{ $text }」は /{ $prefix } で、この項目には大きすぎるネットワークです。プレフィックス長は { $min }～32 で指定してください。

## Names of addresses, filled into other messages as $what
val-network-address = ネットワークアドレス
val-broadcast-address = ブロードキャストアドレス

## Words filled into other messages as $label
val-label-gateway = ゲートウェイ
val-label-dns-primary = プライマリ DNS
val-label-dns-secondary = セカンダリ DNS
val-label-node-ips = ノード IP
val-label-service-ips = サービス IP
val-label-pod-network = ポッドネットワーク
val-label-service-network = サービスネットワーク
val-label-cluster-dns = クラスター DNS

## Why an address cannot be a host's address, filled in as $problem

## Ports (Network page). $name is a port name such as Port3.
val-port-unknown = { $name }: このデバイスにそのポートはありません。
val-port-mtu-fixed = { $name } MTU { $mtu }: このポートの MTU は { $max } に固定されています。
val-port-mtu-range = { $name } MTU { $mtu }: 範囲外です。{ $min }～{ $max } を指定してください。
val-port-mtu-not-number = { $name } MTU「{ $text }」: 整数ではありません。1400～1500 を指定してください。
val-port-dhcp-not-allowed = { $name }: { $role ->
        [management] 管理
        [internet] インターネット
       *[data] データ
    }ポートでは DHCP を使用できません。静的アドレスを設定してください。
val-port-address-required = { $name } IP アドレス: 静的設定では必須です (例: 192.168.1.20)。
val-port-address-invalid = { $name } IP アドレス: { $problem }
val-port-address-unusable = { $name } IP アドレス { $addr }: { $problem }
val-host-special = { $what } に含まれています。
val-special-this-network = { $block } ("このネットワーク"、RFC 791、RFC 1122 3.2.1.3。自分のアドレスをまだ知らないホストだけが送信元に使い、宛先には使われません)
val-special-loopback = { $block } (ループバック、RFC 1122 3.2.1.3。カーネルのローカルテーブルがルートやポートより先にホスト自身で応答します)
val-special-link-local = { $block } (リンクローカル、RFC 3927。アドレスが設定されていないホスト用で、ルーターは転送しません)
val-special-documentation = { $block } (ドキュメント用、RFC 5737。例示専用で、ネットワークでは使用されません)
val-special-multicast = { $block } (マルチキャスト、RFC 5771。1 台のホストではなく受信者のグループを表し、TCP では使えません)
val-special-limited-broadcast = { $block } (リミテッドブロードキャストアドレス、RFC 919、RFC 8190。リンク上のすべてのホストに届き、転送されません)
val-special-reserved = { $block } (予約済み、RFC 1112 4 節、RFC 6890。Linux はここへ何も送信しません)
val-port-address-reserved = { $name } IP アドレス { $addr }: { $net } の{ $what }です。{ $usable } のアドレスを使用してください。
val-port-prefix-invalid = { $name } プレフィックス長: { $problem }
val-port-prefix-too-large = { $name } プレフィックス長 /{ $prefix }: これほど大きなサブネットには対応していません。{ $min }～32 のプレフィックス長を指定してください。
val-port-field-invalid = { $name } { $label }: { $problem }
val-port-mode-unknown = { $name } アドレス設定「{ $text }」: dhcp か static を選択してください。
val-port-subnet-overlaps-port = { $name } サブネット { $net } が { $other } のサブネット { $other_net } と重複しています。ポートごとに別のサブネットが必要です。
val-port-subnet-overlaps-internal = { $name } サブネット { $net } が内部仮想スイッチ { $internal } と重複しています。別のサブネットを選択してください。
val-default-gateway-unknown = デフォルトゲートウェイ: このデバイスに { $name } というポートはありません。
val-default-gateway-no-gateway = デフォルトゲートウェイ: { $name } にはゲートウェイがありません (ゲートウェイなしの静的設定)。ゲートウェイを設定するか、別のポートを選んでください。
val-port-gateway-own-address = { $name } ゲートウェイ { $gw }: ポート自身のアドレスです。ゲートウェイには { $net } 上の別のデバイスを指定してください。
val-port-gateway-own-address-subnet-unknown = { $name } ゲートウェイ { $gw }: ポート自身のアドレスです。ゲートウェイにはポートのサブネット上の別のデバイスを指定してください。
val-port-gateway-outside = { $name } ゲートウェイ { $gw }: ポートのサブネット { $net } の範囲外です。{ $usable } のアドレスを使用してください。
val-port-gateway-reserved = { $name } ゲートウェイ { $gw }: { $net } の{ $what }です。{ $usable } のアドレスを使用してください。
val-port-gateway-special = { $name } ゲートウェイ { $gw }: { $what } に含まれています。
val-port-dns-unusable = { $name } { $label } { $addr }: { $problem }
val-port-dns-secondary-without-primary = { $name }: プライマリなしでセカンダリ DNS サーバーが設定されています。先にプライマリを入力してください。
val-port-dns-secondary-same = { $name } セカンダリ DNS { $addr }: プライマリと同じです。空欄にするか、別のサーバーを指定してください。
val-port-dns-cluster-dns = { $name } { $label } { $addr }: クラスター DNS のアドレス (CoreDNS が応答するアドレス) です。VM の DNS サーバーは、CoreDNS が自分で答えられない問い合わせを転送する先です。CoreDNS が自身に転送するループになり、CoreDNS の loop プラグインが CoreDNS を停止させます。クラスター外の DNS サーバーを指定してください。
val-port-dns-in-service-network = { $name } { $label } { $addr }: サービスネットワーク { $net } 内のアドレスです。VM 上では kube-proxy がこのネットワーク宛てのパケットをすべて Service の ClusterIP として扱うため、そこにある DNS サーバーには届きません。クラスターのネットワーク外の DNS サーバーを指定してください。
val-port-dns-in-pod-network = { $name } { $label } { $addr }: ポッドネットワーク { $net } 内のアドレスです。Calico はこれらのアドレスをポッドに割り当て、各ノードが持つブロックをブラックホールにするため、VM はそこにある DNS サーバーに届きません。クラスターのネットワーク外の DNS サーバーを指定してください。

## Addresses a port holds, filled in as $what
val-taken-own-address = { $port } 自身のアドレス
val-taken-gateway = { $port } のゲートウェイ
val-taken-dns-primary = { $port } のプライマリ DNS サーバー
val-taken-dns-secondary = { $port } のセカンダリ DNS サーバー
val-taken-route-next-hop = { $destination } へのルートのネクストホップ
val-taken-item = { $addr } ({ $what })

## Compute (the external virtual switch and its address ranges)
val-switch-name-empty = 外部仮想スイッチ名: 入力されていません。外部仮想スイッチに vSwitch-Port3 のような名前を付けてください。
val-switch-name-too-long = 外部仮想スイッチ名: { $count } 文字です。{ $max } 文字以内にしてください。
val-switch-name-bad-char = 外部仮想スイッチ名「{ $name }」: 文字「{ $ch }」は使用できません。英字、数字、スペース、「-」「_」「.」を使用してください。
val-switch-name-taken = 外部仮想スイッチ名「{ $name }」: ホスト上のブリッジ名が { $bridge } になり、ポート、内部スイッチ (edgenet-int)、VM の NIC (master-eth1) またはループバックの名前と重なります。vSwitch-{ $bridge } のような別の名前にしてください。
val-compute-port-none = コンピューティング用ポート: 選択されていません。外部仮想スイッチのポートを選択してください。
val-compute-port-unknown = コンピューティング用ポート { $port }: このデバイスにそのポートはありません。
val-compute-port-cannot-carry = コンピューティング用ポート { $port }: { $role ->
        [management] 管理
        [internet] インターネット
       *[data] データ
    }ポートはコンピューティングに使用できません。データポートを選択してください。
val-compute-port-dhcp = コンピューティング用ポート { $port }: DHCP を使用しています。コンピューティングを有効にする前に、ネットワークページで静的アドレスを設定してください。
val-compute-teaming = コンピューティング用ポート { $ports }: NIC チーミング (複数のポートを 1 つのスイッチにまとめること) には対応していません。外部仮想スイッチのポートを 1 つだけ選択してください。
val-range-required = { $label }: 必須です。{ $start } と { $end } のように開始アドレスと終了アドレスを入力してください。
val-range-invalid = { $label } { $text }: { $problem }
val-range-outside-compute-subnet = { $label } { $range }: コンピューティング用ポートのサブネット { $net } の範囲外です。{ $usable } のアドレスを使用してください。
val-range-includes-reserved = { $label } { $range }: { $net } の{ $what } { $addr } が含まれています。{ $usable } のアドレスを使用してください。
val-range-includes-special = { $label } { $range }: { $what } に含まれる { $addr } が含まれています。
val-range-includes-taken = { $label } { $range }: { $what } { $addr } が含まれています。これを含まない範囲を選択してください。
val-range-includes-taken-many = { $label } { $range }: { $list } が含まれています。これらを含まない範囲を選択してください。
val-node-ips-too-few = ノード IP { $range }: アドレスが { $count } 個しかありません。{ $needed } 個必要です (マスター VM に 1 個、ワーカー VM ごとに 1 個。範囲にさらにアドレスがあれば、更新用の予備になります)。
val-service-ips-overlap-nodes = サービス IP { $range }: ノード IP { $nodes } と { $at } で重複しています。ノードの範囲外のアドレスを選択してください。
val-service-ips-all-edge = サービス IP { $range }: すべてのアドレスが .0 か .255 で終わるため除外されます。範囲を広げるか、「末尾が .0 と .255 のサービスアドレスを除外」をオフにしてください。

## Kubernetes networks. $label: Pod network, Service network or Cluster DNS.
val-kubernetes-locked = { $label }: リビジョン { $revision } でコンピューティングを初めて適用し、その上にクラスターを構築したため、変更できません。適用済みの値のままにしてください。
val-cidr-required = { $label }: 必須です。172.27.0.0/16 のように、プライベートアドレスの範囲を CIDR 形式で指定してください。
val-cidr-no-prefix = { $label }「{ $text }」: プレフィックス長がありません。172.27.0.0/16 のように「アドレス/プレフィックス長」の形式で入力してください。
val-cidr-bad-address = { $label }「{ $text }」: 「{ $addr }」は IPv4 アドレスではありません。
val-cidr-bad-prefix = { $label }「{ $text }」: { $problem }
val-cidr-host-bits = { $label } { $text } にはホスト部のビットが設定されています。{ $net } として扱います。
val-cidr-docker-overlap = { $label } { $net } が Docker の既定のブリッジ { $docker } と重複しています。Docker も動作しているノードでは、通信が誤った経路に送られます。
val-cluster-dns-invalid = クラスター DNS「{ $text }」: IPv4 アドレスではありません。サービスネットワークの 10 番目のアドレスを使う場合は空欄にしてください。
val-cluster-dns-outside = クラスター DNS { $dns }: サービスネットワーク { $net } のホストアドレス ({ $example } など) を指定してください。
val-cluster-dns-is-vm-dns = クラスター DNS { $dns }: VM の DNS サーバーである { $what } と同じです。CoreDNS は答えられない問い合わせをそこへ転送するため、自身に転送するループになり、loop プラグインが CoreDNS を停止させます。サービスネットワークの別のアドレスか、ポートの別の DNS サーバーを指定してください。
val-cluster-dns-api-server = クラスター DNS { $dns }: サービスネットワーク { $net } の先頭アドレスです。このアドレスは API サーバーが常に「kubernetes」Service に割り当てるため、CoreDNS は使えず、すべての Pod で名前解決が失敗します。kubeadm が CoreDNS に割り当てる { $example } を使用してください。
val-cluster-dns-dynamic-band = クラスター DNS { $dns }: Kubernetes が固定 ClusterIP 用に確保している範囲 { $start }-{ $end } の外にあります。CoreDNS より先に作成された Service にこのアドレスが割り当てられる可能性があります。{ $example } はこの範囲内です。
val-service-network-too-large = サービスネットワーク { $net }: /12 より大きいため、Kubernetes が受け付けません。/16 のように 12 以上のプレフィックス長を指定してください。
val-service-network-too-small = サービスネットワーク { $net }: 小さすぎます。少なくとも 10 個のアドレスが必要です。28 以下のプレフィックス長を指定してください。
val-service-network-overlaps-pod = サービスネットワーク { $net }: ポッドネットワーク { $pod } と重複しています。2 つは別々にする必要があります。
val-pod-network-below-block = ポッドネットワーク { $net }: Calico のブロック 1 つ (/{ $block }) より小さいです。{ $block } 以下のプレフィックス長を指定してください。
val-pod-network-too-few-blocks = ポッドネットワーク { $net }: /{ $block } の Calico ブロックが { $blocks } 個しかありません。{ $needed } 個必要です (VM ごとに 1 個)。{ $prefix } 以下のプレフィックス長を指定してください。
val-network-overlaps = { $label } { $net }: { $what } と重複しています。ほかで使用していないプライベートアドレスの範囲を選択してください。
val-network-holds-vm-dns = { $label } { $net }: VM が DNS サーバーとして使う { $what } { $addr } を含んでいます。クラスターのネットワーク内では VM から届かなくなります。ほかで使用していないプライベートアドレスの範囲を選択してください。
val-network-overlaps-route = { $label } { $net }: { $interface } 経由の { $destination } へのカスタムルートと重複しています。ルートに含まれない範囲を選択してください。

## What a Kubernetes network may overlap, filled in as $what
val-other-internal-switch = 内部仮想スイッチ { $net }
val-other-port-subnet = { $port } のサブネット { $net }
val-other-node-ips = ノード IP { $range }
val-other-service-ips = 外部サービス IP { $range }

## Custom routes (Routes page)
val-routes-too-many = ルート: { $count } 件指定されています。最大 { $max } 件です。
val-routes-full = ルート: このデバイスが保持できるのは最大 { $max } 件です。先にどれかを削除してください。
val-route-destination-required = 宛先: 必須です。192.168.20.0/24 のように指定してください (すべての宛先には 0.0.0.0/0)。
val-route-destination-invalid = 宛先: { $problem }
val-route-prefix-differs = プレフィックス長 { $text }: 宛先の /{ $prefix } と異なります。どちらか一方で指定してください。
val-route-prefix-required = プレフィックス長: 必須です。ここに 0～32 の整数を指定するか、192.168.20.0/24 のように宛先に長さを付けて入力してください。
val-route-prefix-dotted = プレフィックス長「{ $text }」: 0～32 の整数を指定してください。
val-route-prefix-invalid = プレフィックス長: { $problem }
val-route-next-hop-required = ネクストホップ: 必須です。インターフェイスのサブネット上にある、宛先へ通じるルーターを指定してください。
val-route-next-hop-invalid = ネクストホップ: { $problem }
val-route-interface-required = インターフェイス: 必須です。Port3 のように、静的アドレスを持つポートを指定してください。
val-route-metric-too-large = メトリック { $text }: 大きすぎます。Linux で使用できるのは 0～{ $max } です。
val-route-metric-not-number = メトリック「{ $text }」: 整数ではありません。0～{ $max } を指定してください (小さいほど優先されます)。
val-route-host-bits = 宛先 { $text } にはホスト部のビットが設定されています。{ $net } として扱います。
val-route-interface-unknown = インターフェイス { $interface }: このデバイスにそのポートはありません。{ $ports } のいずれかを使用してください。
val-route-interface-dhcp = インターフェイス { $interface }: DHCP を使用しています。ルートは静的設定のポートのみを経由します (ネットワークページで設定してください)。
val-route-next-hop-own = ネクストホップ { $hop }: { $port } 自身のアドレスです。{ $net } 上にある、{ $destination } へ通じるルーターを指定してください。
val-route-next-hop-outside = ネクストホップ { $hop }: { $port } のサブネット { $net } の範囲外です。{ $usable } のアドレスを使用してください。
val-route-next-hop-reserved = ネクストホップ { $hop }: { $net } の{ $what }です。
val-route-next-hop-special = ネクストホップ { $hop }: { $what } に含まれています。
val-route-next-hop-master = ネクストホップ { $hop }: マスター VM のノード IP であり、ルーターではありません。VM は自身のアドレスを経由してルーティングできず (Linux はこのルートを "Nexthop has invalid gateway" で拒否します)、ワーカーはこのルートを持たない VM に通信を渡すことになります。{ $net } 上のルーターを指定してください。
val-route-next-hop-worker = ネクストホップ { $hop }: ワーカー VM のノード IP であり、ルーターではありません。VM は自身のアドレスを経由してルーティングできず (Linux はこのルートを "Nexthop has invalid gateway" で拒否します)、マスターはこのルートを持たない VM に通信を渡すことになります。{ $net } 上のルーターを指定してください。
val-route-next-hop-spare = ネクストホップ { $hop }: ノード IP { $range } の更新用の予備です。更新で置き換え用 VM に割り当てられるまで、どの VM も持っていません。{ $net } 上のルーターを指定してください。
val-route-next-hop-node-ips = ネクストホップ { $hop }: ノード IP { $range } のひとつで、クラスターの VM 用に確保されたアドレスであり、ルーターではありません。{ $net } 上のルーターを指定してください。
val-route-next-hop-pool = ネクストホップ { $hop }: MetalLB のサービス IP プール { $range } のアドレスです。そのアドレスを割り当てられた Service を持つ VM が応答するもので、ルーターではありません。{ $net } 上のルーターを指定してください。
val-route-exists = 宛先 { $destination }: { $port } にはすでにこの宛先へのルートがあります。先にそのルートを削除するか、別のインターフェイスを使用してください。
val-route-duplicate = 宛先 { $destination }: { $port } にはすでにこの宛先へのルートがあります。
val-route-in-list = { $port } 経由の { $destination } へのルート: { $problem }
val-route-ties-default = メトリック { $metric }: VM 自身のデフォルトルート ({ $gw } 経由) もメトリック { $builtin } です。Linux は宛先とメトリックの組ごとに 1 つのルートしか保持しない (2 つ目は「File exists」で拒否される) ため、どちらが使われるかは追加の順序次第になります。このルートをバックアップとして残すには { $builtin } より大きいメトリックを指定するか、0.0.0.0/0 の代わりに必要なネットワークへのルートを追加してください。
val-route-inside-internal-switch = 宛先 { $destination }: VM が eth0 で直接到達する内部仮想スイッチ { $net } の中にあります (VM のデフォルトゲートウェイ { $gw } もここにあります)。このルートはその通信をスイッチから外へ送り、VM の外部への通信を断ちます。{ $net } の外のネットワークを指定してください。
val-route-inside-compute-subnet = 宛先 { $destination }: VM が eth1 で直接到達する { $port } のサブネット { $net } の中にあります (ノード IP とサービス IP もここにあります)。このルートはその通信をルーター経由に変えてしまいます。{ $net } の外のネットワークを指定してください。
val-route-inside-own-subnet = 宛先 { $destination }: { $port } 自身のサブネット { $net } の中にあります。このサブネットのホストにはネクストホップを経由せず直接到達します。ルーターの先にあるネットワークを指定してください。
val-route-destination-special = 宛先 { $destination }: { $what } の中にあります。このカスタムルートがパケットを運ぶことはありません。
val-route-overlaps-cluster-network = 宛先 { $destination }: { $what }と重なっています。これらのアドレスはクラスターが自らルーティングするため、カスタムルートはクラスターから通信を奪ってしまいます。重ならないネットワークを指定してください。
val-route-same-metric = メトリック { $metric }: { $destination } にはすでにメトリック { $metric } のルート ({ $port } 上の { $hop } 経由) があります。Linux は宛先とメトリックの組ごとに 1 つのルートしか保持しないため、このルートは設定されません。バックアップにするには別のメトリック ({ $free } など) を指定するか、先にもう一方のルートを削除してください。
val-route-note-backup-default = バックアップのデフォルトルートです。VM 自身のデフォルトルート ({ $gw } 経由) のほうがメトリックが小さく ({ $builtin } 対 { $metric })、存在する間はそちらが使われます。
val-route-note-keeps-connected = { $what }は直接接続のままです。そのアドレスについては、より長いプレフィックスが { $destination } より優先されます。
val-route-inactive-conflict = 未設定: { $problem }
val-route-inactive-duplicate = 未設定: { $destination } のメトリック { $metric } のルートはすでに { $port } 上の { $hop } 経由で保持されています。Linux は宛先とメトリックの組ごとに 1 つのルートしか保持しません。

## Which route a destination takes from the Kubernetes VMs (Routes page, "Which route?")
decision-why = { $destination } の経路: { $what }。
decision-why-no-routes = { $destination } の経路: { $what }。カスタムルートはありません。
decision-why-no-match = { $destination } の経路: { $what }。一致するカスタムルートはありません。
decision-default-route = 内部仮想スイッチ ({ $gw }) 経由のデフォルトルート (NAT の出口: { $nat })
decision-no-port = なし
decision-internal-subnet = 直接接続された内部仮想スイッチのサブネット { $net }
decision-compute-subnet = 外部仮想スイッチで直接接続された { $port } のサブネット { $net }
decision-custom-route = { $port } 上の { $hop } 経由のカスタムルート { $destination } (メトリック { $metric })
decision-custom-route-forwarded = { $port } 上のカスタムルート { $destination } (メトリック { $metric })。VM には { $port } 上の NIC がないため、パケットは内部仮想スイッチ ({ $gw }) に送られ、ホストが { $hop } へ転送します
decision-pod-network = Calico がクラスター内でルーティングする Pod ネットワーク { $net }
decision-service-network = kube-proxy がクラスター内で Pod のアドレスに変換する ClusterIP のサービスネットワーク { $net }
decision-also-matching = { $why } ほかに一致したルート: { $others }。
decision-list = { $first }、{ $rest }
decision-loses-prefix = { $what } (より長いプレフィックス { $winner } が優先)
decision-loses-metric = { $what } (メトリックで負け: { $metric } 対 { $winner })
decision-not-installed = { $what } ({ $reason })

## Manifests (Kubernetes page). Titles name Kubernetes objects; keep their kinds in English.
manifest-title-calico-ippool = Calico IPPool
manifest-title-kubeadm-networking = kubeadm InitConfiguration と ClusterConfiguration (マスター VM)
manifest-title-kubeadm-join = kubeadm JoinConfiguration (ワーカー VM)
manifest-title-metallb-pool = MetalLB IPAddressPool と L2Advertisement
manifest-title-node-master = マスター VM のノードネットワーク
manifest-title-node-worker = ワーカー VM のノードネットワーク
manifest-needs-compute = コンピューティングの設定が必要です。ポートを有効にし、ノード IP とサービス IP を指定してください

## Store refusals (shown after a change could not be saved)
store-conflict = リビジョン { $given } は古くなっています。現在はリビジョン { $current } が適用されています。再読み込みしてからやり直してください。
store-part-changed = このページを開いた後、リビジョン { $revision } ({ $client } から { $source } で適用) で { $part } が変更されました。入力内容は下に残しています。もう一度追加すると上書きします。現在の値はページを再読み込みすると表示されます
store-stale-draft = 未適用の変更はリビジョン { $base } に対して行われましたが、現在はリビジョン { $current } が適用されています。変更を破棄して、もう一度追加してください。
store-invalid = 設定が正しくありません。
store-not-staged = 未適用の変更に追加しませんでした。フォームに問題が { $n } 件あります。
store-nothing-staged = 適用する未適用の変更はありません。
store-unknown-revision = リビジョン { $revision } は履歴にありません (履歴に残るのは直近の { $max } リビジョンです)。
store-unknown-port = このデバイスに { $name } という名前のポートはありません。
store-no-such-route = { $interface } に { $destination } へのカスタムルートはありません。GET /api/v1/routes で一覧を確認できます。
store-io = 設定を書き込めませんでした: { $error }

## HTTP API request errors. $key is a JSON key as sent; $got is the JSON value received.
api-expected-string = { $key }: 文字列が必要ですが、{ $got } を受け取りました。
api-expected-whole-number = { $key }: 整数が必要ですが、{ $got } を受け取りました。
api-audit-bad-number = { $key }: 0 から { $max } までの整数が必要ですが、{ $text } を受け取りました。
api-expected-bool = { $key }: true か false が必要ですが、{ $got } を受け取りました。
api-expected-range = { $key }: {"{"}"start": ..., "end": ...{"}"} が必要ですが、{ $got } を受け取りました。
api-revision-required = revision: 必須です。ほかの人の変更を上書きしないよう、読み込んだ (GET) リビジョンを送信してください。
api-mode-required = mode: 必須です。"dhcp" か "static" を指定してください。
api-default-gateway-port-required = port: 必須です。デフォルトゲートウェイを持つポートを指定してください (例: Port2)。
api-port-required = port: 必須です。Port3 のように、外部仮想スイッチのポート名を指定してください。
api-interface-required = interface: 必須です (例: Port3)。
api-destination-required = destination: 必須です (例: 192.168.20.0/24)。

## The configuration file (docs/config-file.md). $key is a key path in the file
## (ports.Port3.gateway, routes[3].next_hop); $problem is the TOML reader's words.
file-syntax = ファイルは { $line } 行 { $column } 列で TOML として正しくありません: { $problem }
file-format-missing = ファイルに形式のバージョンがありません。先頭に format = { $supported } が必要です。
file-format-newer = ファイルの形式は { $format } で、新しい edgenet が書いたものです。このデバイスが読めるのは形式 { $supported } 以前です。
file-format-invalid = format: { $supported } のような整数が必要ですが、{ $got } でした。
file-unknown-key = { $key }: 不明なキーです。次のいずれかが必要です: { $expected }
file-key-missing = { $key }: 必須ですが、ありません。
file-key-invalid = { $key }: { $problem }
file-port-unknown = ports.{ $name }: このデバイスにはポート { $name } がありません(あるのは { $ports } です)。
file-port-twice = ports.{ $name }: このポートがファイルに 2 回あります。
file-compute-off-with-key = { $key }: コンピュートはオフ (enabled = false) で、ほかのキーは指定できません。
