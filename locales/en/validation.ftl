# validation: en
#
# What the rules say when something entered is wrong. Most messages start
# with the field and the value they concern ("Port3 gateway 10.0.0.1: …"),
# then say what is wrong and what would be right. The same text reaches the
# HTTP API in English.

## Address ranges
range-reversed = starts at { $start } but ends before it at { $end }; the start must not be after the end
val-range-empty = nothing entered
# $text: what was typed.
val-bad-address = "{ $text }" is not an IPv4 address (expected four numbers 0-255 such as 192.168.1.20)

## Prefix lengths and masks
val-prefix-empty = nothing entered; give a prefix length such as 24 or a mask such as 255.255.255.0
# $min: the shortest prefix length the field takes (0, or 8 for a port).
val-prefix-neither = "{ $text }" is neither a prefix length ({ $min }-32) nor a subnet mask
val-mask-not-contiguous = { $text } is not a valid subnet mask (its one bits must be contiguous, as in 255.255.255.0)
val-prefix-not-number = "{ $text }" is not a prefix length; use a whole number from { $min } to 32
val-prefix-too-short = "{ $text }" is /{ $prefix }, a network too large for this field; use a prefix length from { $min } to 32

## Names of addresses, filled into other messages as $what
val-network-address = the network address
val-broadcast-address = the broadcast address

## Words filled into other messages as $label
val-label-gateway = gateway
val-label-dns-primary = primary DNS
val-label-dns-secondary = secondary DNS
val-label-node-ips = Node IPs
val-label-service-ips = Service IPs
val-label-pod-network = Pod network
val-label-service-network = Service network
val-label-cluster-dns = Cluster DNS

## Why an address cannot be a host's address, filled in as $problem

## Ports (Network page). $name is a port name such as Port3.
val-port-unknown = { $name }: this device has no such port
val-port-mtu-fixed = { $name } MTU { $mtu }: this port's MTU is fixed at { $max }
val-port-mtu-range = { $name } MTU { $mtu }: out of range; use { $min } to { $max }
val-port-mtu-not-number = { $name } MTU "{ $text }": not a whole number; use 1400 to 1500
# $role: what the port is for (management, internet or data).
val-port-dhcp-not-allowed = { $name }: DHCP is not allowed on the { $role ->
        [management] management
        [internet] internet
       *[data] data
    } port; give it a static address
val-port-address-required = { $name } IP address: required for a static configuration, for example 192.168.1.20
val-port-address-invalid = { $name } IP address: { $problem }
val-port-address-unusable = { $name } IP address { $addr }: { $problem }
# $what: one of the val-special-… entries below.
val-host-special = is in { $what }
# The IANA IPv4 Special-Purpose Address Registry (RFC 6890, RFC 8190), multicast and class E, as
# noun phrases after "is in" or "overlaps"; $block is the block.
val-special-this-network = { $block }, "this network" (RFC 791, RFC 1122 3.2.1.3), from which only a host that does not know its address yet sends and to which nothing is sent
val-special-loopback = { $block }, loopback (RFC 1122 3.2.1.3), which the kernel's local table answers on the host itself before any route or port
val-special-link-local = { $block }, link-local (RFC 3927), for hosts without a configured address, which routers never forward
val-special-documentation = { $block }, kept for documentation (RFC 5737), for examples only and never used on a network
val-special-multicast = { $block }, multicast (RFC 5771), which names a group of receivers, never one host, and which TCP cannot use
val-special-limited-broadcast = { $block }, the limited broadcast address (RFC 919, RFC 8190), which reaches every host on the link and is never forwarded
val-special-reserved = { $block }, reserved (RFC 1112 section 4, RFC 6890), to which Linux sends nothing
# $what: the network or the broadcast address; $usable: a range such as 10.0.0.1-10.0.0.254.
val-port-address-reserved = { $name } IP address { $addr }: is { $what } of { $net }; use one from { $usable }
val-port-prefix-invalid = { $name } prefix: { $problem }
val-port-prefix-too-large = { $name } prefix /{ $prefix }: a subnet this large is not supported; use a prefix length from { $min } to 32
# $label: gateway, primary DNS or secondary DNS.
val-port-field-invalid = { $name } { $label }: { $problem }
val-port-mode-unknown = { $name } addressing "{ $text }": choose dhcp or static
val-port-subnet-overlaps-port = { $name } subnet { $net } overlaps { $other }'s subnet { $other_net }; each port needs a subnet of its own
val-port-subnet-overlaps-internal = { $name } subnet { $net } overlaps the internal virtual switch { $internal }; choose another subnet
val-default-gateway-unknown = default gateway: this device has no port named { $name }
val-default-gateway-no-gateway = default gateway: { $name } has no gateway (a static configuration without one); give it a gateway, or choose another port
val-port-gateway-own-address = { $name } gateway { $gw }: is the port's own address; the gateway is another device on { $net }
val-port-gateway-own-address-subnet-unknown = { $name } gateway { $gw }: is the port's own address; the gateway is another device on the port's subnet
val-port-gateway-outside = { $name } gateway { $gw }: outside the port's subnet { $net }; use an address from { $usable }
val-port-gateway-reserved = { $name } gateway { $gw }: is { $what } of { $net }; use an address from { $usable }
val-port-gateway-special = { $name } gateway { $gw }: is in { $what }
val-port-dns-unusable = { $name } { $label } { $addr }: { $problem }
val-port-dns-secondary-without-primary = { $name }: a secondary DNS server is set without a primary; enter the primary first
val-port-dns-secondary-same = { $name } secondary DNS { $addr }: same as the primary; leave it empty or give another server
# The DNS servers the VMs use (the compute port's) against the cluster's own networks.
val-port-dns-cluster-dns = { $name } { $label } { $addr }: is the cluster DNS address, where CoreDNS answers. The VMs' DNS server is where CoreDNS forwards what it cannot answer itself: it would forward to itself, a loop that CoreDNS's loop plugin stops by halting CoreDNS. Give a DNS server outside the cluster
val-port-dns-in-service-network = { $name } { $label } { $addr }: is in the service network { $net }. On the VMs kube-proxy takes every packet to that network for a Service's ClusterIP, so a DNS server there is never reached. Give a DNS server outside the cluster's networks
val-port-dns-in-pod-network = { $name } { $label } { $addr }: is in the pod network { $net }. Calico gives those addresses to pods and blackholes the blocks each node owns, so the VMs never reach a DNS server there. Give a DNS server outside the cluster's networks

## Addresses a port holds, filled in as $what
val-taken-own-address = { $port }'s own address
val-taken-gateway = { $port }'s gateway
val-taken-dns-primary = { $port }'s primary DNS server
val-taken-dns-secondary = { $port }'s secondary DNS server
val-taken-route-next-hop = the next hop of the route to { $destination }
# One item of a list of addresses: "10.0.0.1 (Port3's gateway)".
val-taken-item = { $addr } ({ $what })

## Compute (the external virtual switch and its address ranges)
val-switch-name-empty = Switch name: empty; give the external virtual switch a name such as vSwitch-Port3
val-switch-name-too-long = Switch name: { $count } characters, at most { $max } allowed
val-switch-name-bad-char = Switch name "{ $name }": the character '{ $ch }' is not allowed; use letters, digits, spaces, '-', '_' and '.'
val-switch-name-taken = Switch name "{ $name }": its bridge on the host would be { $bridge }, which names a port, the internal switch (edgenet-int), a VM's NIC (master-eth1) or the loopback; choose another name, such as vSwitch-{ $bridge }
val-compute-port-none = Compute port: none chosen; choose the port for the external virtual switch
val-compute-port-unknown = Compute port { $port }: this device has no such port
# $role: what the port is for (management, internet or data).
val-compute-port-cannot-carry = Compute port { $port }: the { $role ->
        [management] management
        [internet] internet
       *[data] data
    } port cannot carry compute; choose a data port
val-compute-port-dhcp = Compute port { $port }: uses DHCP; give it a static address on the Network page before enabling compute
# $ports: the chosen ports joined with " + ".
val-compute-teaming = Compute port { $ports }: NIC teaming (several ports in one switch) is not supported; choose exactly one port for the external virtual switch
# $label: Node IPs or Service IPs.
# $start, $end: example addresses from the compute port's subnet (192.168.1.x before it is known).
val-range-required = { $label }: required; enter a start and an end address such as { $start } and { $end }
# $text: the range as typed.
val-range-invalid = { $label } { $text }: { $problem }
val-range-outside-compute-subnet = { $label } { $range }: outside the compute port's subnet { $net }; use addresses from { $usable }
val-range-includes-reserved = { $label } { $range }: include { $addr }, { $what } of { $net }; use addresses from { $usable }
val-range-includes-special = { $label } { $range }: include { $addr }, in { $what }
val-range-includes-taken = { $label } { $range }: include { $addr }, { $what }; choose a range that leaves it out
# $list: several "address (what it is)" items.
val-range-includes-taken-many = { $label } { $range }: include { $list }; choose a range that leaves them out
val-node-ips-too-few = Node IPs { $range }: { $count ->
        [one] { $count } address
       *[other] { $count } addresses
    }, { $needed } needed: one for the master VM and one for each worker VM (a further address, when the range has one, is the update spare)
# $at: the addresses both ranges hold.
val-service-ips-overlap-nodes = Service IPs { $range }: overlap the node IPs { $nodes } at { $at }; choose addresses outside the node range
val-service-ips-all-edge = Service IPs { $range }: every address ends in .0 or .255, which are skipped; widen the range or allow them

## Kubernetes networks. $label: Pod network, Service network or Cluster DNS.
val-kubernetes-locked = { $label }: locked since revision { $revision }, when compute was first applied and the cluster was built on it; keep the applied value
val-cidr-required = { $label }: required; give a private range in CIDR form such as 172.27.0.0/16
val-cidr-no-prefix = { $label } "{ $text }": a prefix length is missing; write it as address/prefix, such as 172.27.0.0/16
val-cidr-bad-address = { $label } "{ $text }": "{ $addr }" is not an IPv4 address
val-cidr-bad-prefix = { $label } "{ $text }": { $problem }
val-cidr-host-bits = { $label } { $text } has host bits set; it is read as { $net }
val-cidr-docker-overlap = { $label } { $net } overlaps Docker's default bridge { $docker }; nodes that also run Docker will misroute
val-cluster-dns-invalid = Cluster DNS "{ $text }": not an IPv4 address; leave it empty for the tenth address of the service network
val-cluster-dns-outside = Cluster DNS { $dns }: must be a host address of the service network { $net }, such as { $example }
val-cluster-dns-is-vm-dns = Cluster DNS { $dns }: is also { $what }, the VMs' DNS server, where CoreDNS forwards what it cannot answer: CoreDNS would forward to itself, a loop that its loop plugin stops by halting CoreDNS; choose another address of the service network, or another DNS server for the port
# $example: the tenth address, where kubeadm puts CoreDNS.
val-cluster-dns-api-server = Cluster DNS { $dns }: is the first address of the service network { $net }, which the API server always takes for the "kubernetes" Service; CoreDNS could not get it and name resolution would fail in every pod. Use { $example }, where kubeadm puts it
# A warning: $start-$end is the band Kubernetes keeps for fixed ClusterIPs (KEP-3070).
val-cluster-dns-dynamic-band = Cluster DNS { $dns }: outside { $start }-{ $end }, the part of the service network that Kubernetes keeps for fixed ClusterIPs; a Service created before CoreDNS may be given this address first. { $example } is inside it
val-service-network-too-large = Service network { $net }: larger than /12, which Kubernetes refuses; use a prefix of 12 or more, such as /16
val-service-network-too-small = Service network { $net }: too small, at least 10 addresses are needed; use a prefix of 28 or less
val-service-network-overlaps-pod = Service network { $net }: overlaps the pod network { $pod }; the two must be separate
# $block: the Calico block size, a prefix length such as 26.
val-pod-network-below-block = Pod network { $net }: smaller than one Calico block (/{ $block }); use a prefix of { $block } or less
val-pod-network-too-few-blocks = Pod network { $net }: holds { $blocks } Calico block of /{ $block }, { $needed } needed (one per VM); use a prefix of { $prefix } or less
# $what: one of the val-other-… entries below.
val-network-overlaps = { $label } { $net }: overlaps { $what }; choose a private range used nowhere else
val-network-holds-vm-dns = { $label } { $net }: holds { $addr }, { $what }, which the VMs use as their DNS server: inside the cluster's networks they would never reach it; choose a private range used nowhere else
val-network-overlaps-route = { $label } { $net }: overlaps the custom route to { $destination } via { $interface }; choose a range the routes do not cover

## What a Kubernetes network may overlap, filled in as $what
val-other-internal-switch = the internal virtual switch { $net }
val-other-port-subnet = { $port }'s subnet { $net }
val-other-node-ips = the node IPs { $range }
val-other-service-ips = the external service IPs { $range }

## Custom routes (Routes page)
val-routes-too-many = Routes: { $count } given, at most { $max }
val-routes-full = Routes: the device holds at most { $max }; remove one first
val-route-destination-required = Destination: required, such as 192.168.20.0/24 (0.0.0.0/0 for every destination)
val-route-destination-invalid = Destination: { $problem }
# $text: the prefix length as typed; $prefix: the one after the slash in the destination.
val-route-prefix-differs = Prefix length { $text }: differs from the /{ $prefix } in the destination; give it once
val-route-prefix-required = Prefix length: required; give a whole number from 0 to 32 here, or type the destination with its length, such as 192.168.20.0/24
val-route-prefix-dotted = Prefix length "{ $text }": give a whole number from 0 to 32
val-route-prefix-invalid = Prefix length: { $problem }
val-route-next-hop-required = Next hop: required; the router on the interface's subnet that leads to the destination
val-route-next-hop-invalid = Next hop: { $problem }
val-route-interface-required = Interface: required; a port with a static address, such as Port3
val-route-metric-too-large = Metric { $text }: too large; Linux takes 0 to { $max }
val-route-metric-not-number = Metric "{ $text }": not a whole number; use 0 to { $max } (lower is preferred)
# A note, not an error: the route is added with the network address.
val-route-host-bits = Destination { $text } has host bits set; it is read as { $net }
# $ports: the device's port names.
val-route-interface-unknown = Interface { $interface }: this device has no such port; use one of { $ports }
val-route-interface-dhcp = Interface { $interface }: uses DHCP; routes go only through a port with a static configuration (set one on the Network page)
val-route-next-hop-own = Next hop { $hop }: is { $port }'s own address; give the router on { $net } that leads to { $destination }
val-route-next-hop-outside = Next hop { $hop }: outside { $port }'s subnet { $net }; use an address from { $usable }
val-route-next-hop-reserved = Next hop { $hop }: is { $what } of { $net }
val-route-next-hop-special = Next hop { $hop }: is in { $what }
# A next hop that is an address of the cluster's own ranges ($range: the node IPs or the service IPs).
val-route-next-hop-master = Next hop { $hop }: is the master VM's node IP, not a router. A VM cannot route through its own address (Linux refuses the route: "Nexthop has invalid gateway"), and the worker would hand the traffic to a VM without that route; give a router on { $net }
val-route-next-hop-worker = Next hop { $hop }: is the worker VM's node IP, not a router. A VM cannot route through its own address (Linux refuses the route: "Nexthop has invalid gateway"), and the master would hand the traffic to a VM without that route; give a router on { $net }
val-route-next-hop-spare = Next hop { $hop }: is the update spare of the node IPs { $range }, which no VM holds until an update gives it to the replacement VM; give a router on { $net }
val-route-next-hop-node-ips = Next hop { $hop }: is one of the node IPs { $range }, kept for the cluster's VMs, not a router; give a router on { $net }
val-route-next-hop-pool = Next hop { $hop }: is in MetalLB's service IP pool { $range }: whichever VM holds the Service given that address answers it, not a router; give a router on { $net }
val-route-exists = Destination { $destination }: { $port } already has a route to it; remove that one first or use another interface
val-route-duplicate = Destination { $destination }: { $port } already has a route to it
# A problem of one route of a list; $problem is one of the messages above.
val-route-in-list = Route to { $destination } via { $port }: { $problem }
# $gw: the internal virtual switch's gateway; $builtin: the metric of the VMs' default route (0).
val-route-ties-default = Metric { $metric }: the VMs' own default route via { $gw } has metric { $builtin } too, and Linux holds one route per destination and metric ("File exists" for the second), so which one is used would depend on order. Give a metric above { $builtin } to keep this route as a backup, or route the networks you need instead of 0.0.0.0/0
val-route-inside-internal-switch = Destination { $destination }: lies in { $net }, the internal virtual switch that the VMs reach directly on eth0 (their default gateway { $gw } is there); a route to it would take that traffic away from the switch and break the VMs' way out. Route a network outside { $net }
val-route-inside-compute-subnet = Destination { $destination }: lies in { $port }'s subnet { $net }, which the VMs reach directly on eth1 (the node and service IPs are there); a route to it would send that traffic through a router instead. Route a network outside { $net }
val-route-inside-own-subnet = Destination { $destination }: lies in { $port }'s own subnet { $net }, whose hosts are reached directly, not through a next hop. Route a network beyond the router
val-route-destination-special = Destination { $destination }: lies in { $what }; a custom route there can never carry a packet
# $what: decision-pod-network or decision-service-network.
val-route-overlaps-cluster-network = Destination { $destination }: overlaps { $what }; the cluster routes those addresses itself and a custom route would take them away from it. Route a network outside it
# $free: a metric that no other route to this destination has.
val-route-same-metric = Metric { $metric }: { $destination } already has a route with metric { $metric } (via { $hop } on { $port }); Linux holds one route per destination and metric, so this one would never be installed. Give it another metric, such as { $free }, to make it a backup, or remove the other route first
# Notes for a route that is accepted.
val-route-note-backup-default = A backup default route: the VMs' own default route via { $gw } has the lower metric ({ $builtin } against { $metric }) and is used while it exists
val-route-note-keeps-connected = { $what } stays directly connected: its longer prefix wins over { $destination } for its own addresses
# Why a configured route is not in the VMs' routing table; $problem is one of the messages above.
val-route-inactive-conflict = not installed: { $problem }
val-route-inactive-duplicate = not installed: { $destination } with metric { $metric } is already held via { $hop } on { $port }, and Linux keeps one route per destination and metric

## Which route a destination takes from the Kubernetes VMs (Routes page, "Which route?")
# $what: one of the decision-… routes below.
decision-why = { $destination } goes by { $what }.
decision-why-no-routes = { $destination } goes by { $what }; there are no custom routes.
decision-why-no-match = { $destination } goes by { $what }; no custom route matches.
# $nat: the port the internal virtual switch is NATed out through, or decision-no-port.
decision-default-route = the default route via the internal virtual switch ({ $gw }), NAT out through { $nat }
decision-no-port = no port
decision-internal-subnet = the internal virtual switch subnet { $net }, directly connected
decision-compute-subnet = { $port }'s subnet { $net }, directly connected through the external virtual switch
decision-custom-route = the custom route { $destination } via { $hop } on { $port } (metric { $metric })
decision-custom-route-forwarded = the custom route { $destination } on { $port } (metric { $metric }): the VMs have no NIC on { $port }, so the packet goes to the internal switch ({ $gw }) and the host forwards it to { $hop }
decision-pod-network = the pod network { $net }, which Calico routes inside the cluster
decision-service-network = the service network { $net }, whose ClusterIPs kube-proxy translates to pod addresses inside the cluster
# The routes that also matched, after the answer; $others: decision-loses-… items joined by decision-list.
decision-also-matching = { $why } Routes that also match: { $others }.
decision-list = { $first }; { $rest }
decision-loses-prefix = loses to the longer prefix { $winner }: { $what }
decision-loses-metric = loses on metric ({ $metric } against { $winner }): { $what }
decision-not-installed = { $reason } (this is { $what })

## Manifests (Kubernetes page). Titles name Kubernetes objects; keep their kinds in English.
manifest-title-calico-ippool = Calico IPPool
manifest-title-kubeadm-networking = kubeadm InitConfiguration and ClusterConfiguration (master VM)
manifest-title-kubeadm-join = kubeadm JoinConfiguration (worker VM)
manifest-title-metallb-pool = MetalLB IPAddressPool and L2Advertisement
manifest-title-node-master = Master VM node network
manifest-title-node-worker = Worker VM node network
# Why a manifest is not available yet; shown after "Not available yet:".
manifest-needs-compute = needs compute: enable a port and give the node and service IPs

## Store refusals (shown after a change could not be saved)
store-conflict = revision { $given } is stale: revision { $current } is applied now; reload and try again
store-stale-draft = the staged changes were made against revision { $base }, but revision { $current } is applied now; discard them and stage again
# $part: a port's name or a section; $source: ui, api or factory reset; $client: its address.
store-part-changed = { $part } changed in revision { $revision } (applied through { $source } from { $client }) since this page was loaded. What you typed is kept below: stage it again to put it over them, or reload the page to see the values in force
store-invalid = the configuration is not valid
store-not-staged = { $n ->
    [one] not staged: the form has a problem
   *[other] not staged: the form has { $n } problems
}
store-nothing-staged = there are no staged changes to apply
# $max: how many revisions the history keeps.
store-unknown-revision = revision { $revision } is not in the history (it keeps the last { $max } revisions)
store-unknown-port = this device has no port named { $name }
store-no-such-route = no custom route to { $destination } on { $interface }; list them with GET /api/v1/routes
# $error: the operating system's words, not translated.
store-io = could not write the configuration: { $error }

## HTTP API request errors. $key is a JSON key as sent; $got is the JSON value received.
api-expected-string = { $key }: expected a string, got { $got }
api-expected-whole-number = { $key }: expected a whole number, got { $got }
api-audit-bad-number = { $key }: expected a whole number from 0 to { $max }, got { $text }
api-expected-bool = { $key }: expected true or false, got { $got }
api-expected-range = { $key }: expected {"{"}"start": ..., "end": ...{"}"}, got { $got }
api-revision-required = revision: required; send the revision you read (GET) so that no one else's change is overwritten
api-mode-required = mode: required; "dhcp" or "static"
api-default-gateway-port-required = port: required; the port to hold the default gateway, such as Port2
api-port-required = port: required; the name of the port for the external virtual switch, such as Port3
api-interface-required = interface: required, such as Port3
api-destination-required = destination: required, such as 192.168.20.0/24

## The configuration file (docs/config-file.md). $key is a key path in the file
## (ports.Port3.gateway, routes[3].next_hop); $problem is the TOML reader's words.
file-syntax = The file is not valid TOML at line { $line }, column { $column }: { $problem }
file-format-missing = The file has no format version: it must start with format = { $supported }
file-format-newer = The file has format { $format }, written by a newer edgenet; this device reads format { $supported } and earlier
file-format-invalid = format: expected a whole number such as { $supported }, got { $got }
file-unknown-key = { $key }: unknown key; expected one of { $expected }
file-key-missing = { $key }: required, and missing
file-key-invalid = { $key }: { $problem }
file-port-unknown = ports.{ $name }: this device has no port { $name } (it has { $ports })
file-port-twice = ports.{ $name }: the port appears twice in the file
file-compute-off-with-key = { $key }: compute is off (enabled = false), which takes no other key
