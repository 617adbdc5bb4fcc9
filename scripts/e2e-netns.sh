#!/usr/bin/env bash
# The wire the end-to-end tests look at: network namespaces standing for the
# VMs ($1, the route-namespace the e2e server is given), a LAN with the
# gateway 10.77.0.1 and a DNS server 10.77.0.53 on a bridge, and a "squatter"
# (MAC 02:00:00:00:5a:01) holding the node IP 10.77.0.11 and the service IP
# 10.77.0.21 (end2end/tests/probe.spec.ts). No interface has a peer in the
# host's namespace, so no frame leaves these namespaces.
#
#   scripts/e2e-netns.sh up NAME     # as root, with iproute2
#   scripts/e2e-netns.sh down NAME
set -euo pipefail
action=${1:?up or down}
vm=${2:?namespace name}
lan="$vm-lan"
sq="$vm-sq"

down() {
  for ns in "$vm" "$lan" "$sq"; do ip netns del "$ns" 2>/dev/null || true; done
}

case "$action" in
  down) down ;;
  up)
    down
    for ns in "$vm" "$lan" "$sq"; do
      ip netns add "$ns"
      ip -n "$ns" link set lo up
    done
    ip -n "$lan" link add br0 type bridge
    ip -n "$lan" addr add 10.77.0.1/24 dev br0
    ip -n "$lan" addr add 10.77.0.53/24 dev br0
    ip -n "$lan" link set br0 up
    # eth1: the compute port's segment.
    ip -n "$lan" link add vm0 type veth peer name eth1 netns "$vm"
    ip -n "$lan" link set vm0 master br0 up
    ip -n "$vm" link set eth1 up
    # eth0: the internal virtual switch (its host end in the LAN namespace, not bridged).
    ip -n "$lan" link add int0 type veth peer name eth0 netns "$vm"
    ip -n "$lan" addr add 172.31.255.1/24 dev int0
    ip -n "$lan" link set int0 up
    ip -n "$vm" addr add 172.31.255.2/24 dev eth0
    ip -n "$vm" link set eth0 up
    ip -n "$vm" route add default via 172.31.255.1 dev eth0
    # The squatter.
    ip -n "$lan" link add sq0 type veth peer name eth0 netns "$sq"
    ip -n "$lan" link set sq0 master br0 up
    ip -n "$sq" link set eth0 address 02:00:00:00:5a:01 up
    ip -n "$sq" addr add 10.77.0.11/24 dev eth0
    ip -n "$sq" addr add 10.77.0.21/24 dev eth0
    ;;
  *) echo "usage: $0 up|down NAME" >&2; exit 2 ;;
esac
