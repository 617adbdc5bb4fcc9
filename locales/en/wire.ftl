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
