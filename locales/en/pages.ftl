# pages: en

## Overview page

overview-title = Overview
overview-lead = How this device's Kubernetes cluster reaches the network, and what is left to set up.
# Opens the list of sentences that describe the network picture.
overview-diagram-as-text = The picture as text
overview-steps-title = Set-up steps
# Read out by screen readers after a set-up step's title (keep the leading space).
overview-step-done = {" "}(done)
overview-step-todo = {" "}(to do)
overview-step-network = Network
overview-step-compute = Compute
overview-step-kubernetes = Kubernetes networks
overview-step-routes = Routes (optional)
overview-step-apply = Apply
overview-network-todo = Give a data port a static address: compute needs one.
# $ports: the data ports with a static address (Port3, Port4).
overview-network-done = Static data ports: { $ports }.
overview-compute-todo = Not enabled: choose a port, the node IPs and the service IPs.
# $switch: the external virtual switch's name; $nodes, $services: address ranges.
overview-compute-done = { $switch } on { $port }: node IPs { $nodes }, service IPs { $services }.
overview-kubernetes-locked = Pods { $pods }, services { $services }, DNS { $dns } (in use by the cluster).
overview-kubernetes-open = Pods { $pods }, services { $services }, DNS { $dns }: change them now if they collide with your networks; they lock when compute is applied.
overview-routes-none = No custom routes for the Kubernetes VMs.
overview-routes = { $n ->
    [one] { $n } custom route
   *[other] { $n } custom routes
} for the Kubernetes VMs.
overview-apply-done = Everything staged is applied (revision { $revision }).
overview-apply-nothing = Nothing applied yet: this is the factory configuration. Stage the steps above, then review and apply them here.
overview-apply-waiting = Staged, waiting for review: { $what }.
overview-applied-title = Applied configuration
overview-revision = Revision
# When the applied configuration was applied.
overview-applied-at = Applied
# Shown as the time of the configuration the device left the factory with.
overview-applied-factory = factory
overview-staged-changes = Staged changes
overview-manifests = Manifests
overview-manifests-count = { $ready } ready, { $waiting } waiting for compute

## Network page

network-title = Network
network-lead = Set up each physical port. A port that will carry compute needs a static address; the subnets of the ports must not overlap.
network-internal-title = Internal virtual switch
# The sentence about the internal virtual switch is split around its subnet
# (in <code>) and the port NAT goes out through (in <strong>):
# before + SUBNET + middle + PORT + after.
network-internal-before = Created at the factory for the Kubernetes VMs' first NIC. Subnet{" "}
network-internal-middle = , NAT out through{" "}
network-internal-after = , the port that holds the default gateway. The switch itself is not editable; which port it goes out through is chosen below.
# Shown in place of the port when no port has a default gateway.
network-internal-no-nat = no port yet (no default gateway)
# Split around the switch name and the port (both in <strong>):
# before + SWITCH + middle + PORT + after.
network-external-before = External virtual switch{" "}
network-external-middle = {" "}on{" "}
network-external-after = .
# Port roles, as set by the device's profile.
network-role-management = Management
network-role-internet = Internet
network-role-data = Data
# A tag on a port that carries the external virtual switch.
network-compute-tag = Compute
# On a port's card while it has staged changes (not yet applied).
network-staged-tag = Staged
# $mode: "DHCP" or the text of network-applied-static.
network-applied = Applied: { $mode }
network-applied-static = Static { $interface }
# The heading of the DHCP/static choice.
network-addressing = Addressing
# The label after the radio button (keep the leading space).
network-static-option = {" "}Static
network-management-static = {" "}The management port keeps a static address.
network-address-label = IP address
network-prefix-label = Prefix or subnet mask
network-prefix-placeholder = 24 or 255.255.255.0
network-gateway-label = Gateway (optional)
network-dns-primary-label = Primary DNS
network-dns-secondary-label = Secondary DNS
network-mtu-fixed = Fixed on this port.
network-mtu-range = 1400 to 1500.
# The button that saves a port's settings for review; $port: Port1…
network-stage = Stage { $port }

## The network picture (an SVG on the Overview page)

diagram-title = How the device's Kubernetes cluster reaches the network
diagram-col-ports = Physical ports
diagram-col-switches = Virtual switches
diagram-col-vms = Kubernetes VMs
# A port's role and link speed ("Data · 25 GbE").
diagram-port-role = { $role } · { $speed }
# A badge on the port that holds the default gateway.
diagram-default-gw = default gw
diagram-internal-switch = Internal virtual switch
diagram-nat-via = NAT via { $port }
diagram-nat-none = NAT via no port
diagram-external-switch = External virtual switch
# $switch: the switch's name; $port: Port1…
diagram-switch-on = { $switch } on { $port }
diagram-subnet = Subnet { $subnet }
diagram-not-configured = Not configured
diagram-enable-compute = Enable compute →
diagram-master-vm = Master VM
diagram-worker-vm = Worker VM
# The VMs' network cards: eth0 on the internal switch, eth1 on the external one.
diagram-nic-internal = eth0 · internal
diagram-nic-external = eth1 · external
diagram-nic-not-configured = not configured
diagram-service-ips = MetalLB service IPs
diagram-service-ips-free = { $free } free for LoadBalancer services
diagram-set-service-ips = Set service IPs →
diagram-cluster-networks = Cluster networks
diagram-calico-pods = Calico pods
diagram-services = Services
diagram-k8s-settings = Kubernetes settings →
# The picture as text: one sentence per part, read by screen readers.
# $role: a port role (network-role-…).
diagram-desc-port-static = { $port } ({ $role }): static { $interface }.
diagram-desc-port-dhcp = { $port } ({ $role }): DHCP.
diagram-desc-internal = Internal virtual switch { $subnet } with NAT out through { $port }.
diagram-desc-internal-no-nat = Internal virtual switch { $subnet } with NAT out through no port.
diagram-desc-external = External virtual switch { $switch } on { $port }.
diagram-desc-external-none = External virtual switch: not configured; enable a port for compute.
diagram-desc-master = Master VM: { $internal } on the internal switch, { $external } on the external switch.
diagram-desc-worker = Worker VM: { $internal } on the internal switch, { $external } on the external switch.
diagram-desc-service-ips = MetalLB service IPs { $range } ({ $free } free).
diagram-desc-cluster = Calico pod network { $pods }; service network { $services } with CoreDNS at { $dns }.

## Kubernetes page

k8s-title = Kubernetes
k8s-lead = The cluster's own networks: Calico gives every pod an address from the pod network, ClusterIP services get theirs from the service network, and CoreDNS maps service names to them. Below, the manifests the cluster consumes, rendered from the applied configuration.
k8s-networks-title = Pod and service networks
# $blocks: how many Calico address blocks of prefix length /$block_size fit the pod network.
k8s-applied-facts = Applied: pods { $pods } ({ $blocks } Calico blocks of /{ $block_size }), services { $services }, cluster DNS { $dns }.
k8s-locked = Locked since revision { $revision }: compute was applied and the cluster was built on these networks. Changing them means redeploying the cluster, so they are read-only here.
k8s-pod-network-label = Pod network (Calico)
k8s-pod-network-hint = A private range used nowhere else; at least two /26 blocks.
k8s-service-network-label = Service network
k8s-service-network-hint = Cluster IPs of services: /12 to /28.
k8s-dns-label = Cluster DNS address (optional)
k8s-dns-label-locked = Cluster DNS address
k8s-dns-hint-locked = In force since revision { $revision }, with the networks above.
# $address: the address the cluster DNS gets when the field is left empty.
k8s-dns-hint-address = Leave empty for { $address }, the tenth address of the service network.
k8s-dns-hint = Leave empty for the tenth address of the service network.
k8s-stage = Stage changes
k8s-review-apply = Review and apply
k8s-manifests-title = Manifests of revision { $revision }
k8s-download = Download
# A link to the manifest's plain YAML.
k8s-raw = Raw
k8s-preview = Preview
# $reason: why the manifest cannot be rendered yet (manifest-needs-compute). Keep the trailing space.
k8s-pending = Not available yet: { $reason }.{" "}
k8s-set-up-compute = Set up compute

## Beside a port's Gateway field: where the default gateway (and the VMs' NAT) is
gateway-note-here = This port holds the default gateway and the VMs' NAT.
gateway-note-moves-here = Applying moves the default gateway and the VMs' NAT to this port, from { $from }.
gateway-note-moves-away = Applying moves the default gateway and the VMs' NAT from this port to { $to }.
gateway-note-gone = Applying leaves no port holding the default gateway: the VMs lose their way out.
gateway-note-elsewhere = { $holder } holds the default gateway and the VMs' NAT; this gateway is not the default route. To move it to { $port }, choose { $port } under "Default gateway and the VMs' NAT" above.
## The choice of the port that holds the default gateway (Network page)
network-default-gateway-legend = Default gateway and the VMs' NAT
network-default-gateway-hint = The device's default route, and the way out of the internal virtual switch, go through one port. Only a port with a gateway (static, or from DHCP) can hold it; it stays where it is until you choose another.
network-default-gateway-stage = Stage default gateway
network-default-gateway-dhcp = gateway from DHCP
network-default-gateway-static = gateway { $gateway }
