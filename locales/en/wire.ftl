# The wire checks: the address-conflict probe before applying and the
# reachability check after it.

## Refusals of a probe, beside the field they concern
probe-no-compute = Choose a compute port with a static address before checking addresses on the network.
probe-port-not-static = { $port } takes its address from DHCP: edgenet does not know its segment, so it cannot check addresses on it.
# $range such as 10.0.1.20-10.0.1.29; $net such as 10.0.0.0/24.
probe-off-segment = { $range } is not on { $port }'s segment { $net }: the check asks by ARP, which does not cross a router.
probe-too-many = The check asks about at most { $max } addresses at once; these ranges, the port's address, gateway and DNS servers make { $count }. Check a smaller range.
probe-busy = A check is already running on this device; try again in a few seconds.

## Warnings: applying stays the administrator's decision
probe-in-use = { $address } is already in use on the network, by the device with MAC address { $mac }
probe-neighbour-down = { $address } did not answer on the network
probe-failed = The check could not run on this device; the server's log says why.

## The check on the Compute page (and again on the Changes review)
probe-title = Check addresses on the network
probe-lead = Asks the compute port's segment, with ARP probes (RFC 5227) from the VMs' side of the port, whether another device already answers for a node IP, a service IP or the port's own address, and whether the gateway and DNS servers answer. It sends at most 1,024 small frames and takes a few seconds. An address in use is a warning; applying stays your decision.
probe-run = Check addresses on the network
probe-wire-dry-run = Dry run: no route-namespace is configured, so edgenet cannot look at the wire. Nothing is sent, and nothing can be known about the network.
probe-wire-off = Wire checks are turned off (wire-checks = false): nothing is sent on the network.
probe-not-run = The addresses of these ranges have not been checked on the network yet.
probe-not-checked = Not checked on the wire.
probe-summary = Checked { $checked } addresses in { $millis } ms: { $in_use ->
    [0] none in use by another device
    [one] { $in_use } in use by another device
   *[other] { $in_use } in use by another device
    }
# $what such as "Node IPs"; $range such as 10.0.0.10-10.0.0.12.
probe-range = { $what } { $range }
probe-none-in-use = No other device answers for these addresses.
probe-role-node-ips = Node IPs
probe-role-service-ips = Service IPs
probe-role-port-address = Port address
probe-role-gateway = Gateway
probe-role-dns = DNS server
probe-neighbour-up = { $who } { $address } answers ({ $mac })
probe-neighbour-down-line = { $who } { $address } does not answer
probe-neighbour-off-segment = { $who } { $address } is not on the port's segment; it is pinged after applying
probe-neighbour-unchecked = { $who } { $address }: not checked

## Reachability after the last apply (Overview, Routes)
reach-title = Reachability
reach-lead = Checked from the VMs' side after revision { $revision } was applied (ICMP echo).
reach-none = Nothing has been checked since the server started.
reach-nothing = Revision { $revision } has no gateway, next hop or DNS server to check.
reach-next-hop = Next hop of { $destination } on { $interface }
# $ms: the round-trip time in milliseconds, such as 0.4.
reach-up = { $who } { $address }: up, { $ms } ms
reach-down = { $who } { $address }: down (no answer)
reach-unchecked = { $who } { $address }: not checked
reach-next-hop-down = Next hop down
reach-next-hop-down-why = { $address } did not answer the check after the last apply.
# Under the external switch on the Overview's picture.
reach-diagram = Reachability: { $up } up, { $down } down
reach-diagram-unchecked = Reachability: not checked (no wire)
probe-summary-unchecked = { $checked } addresses not checked: nothing was sent on the network.
