# compute: en

## Compute page
compute-title = Compute
compute-lead = Enable one physical port for compute: it gets an external virtual switch that the Kubernetes master and worker VMs attach to. Then give the cluster its node IPs and the external service IPs that MetalLB hands out to LoadBalancer services.

## The port choice
compute-port-legend = Port for the external virtual switch
compute-port-hint = One port only: NIC teaming (several ports in one switch) is not supported. The port needs a static address.
# The choice that turns compute off.
compute-port-off = Off
compute-port-off-sub = Compute not enabled
# Under a port that cannot carry compute; $speed is the link speed as printed on the device, e.g. "25 GbE".
compute-port-management-only = { $speed } · management only

## The form
compute-switch-name-label = External virtual switch name
compute-switch-name-hint = Named after the port unless you rename it.
compute-node-ips-label = Kubernetes node IPs
# $example: a range from the compute port's subnet.
compute-node-ips-hint = Static addresses on the compute port's subnet, taken in order: the master VM, the worker VM, and, with a third address, the update spare (the address an update gives the replacement VM). Two are enough for the cluster; without the spare an update has no address for the replacement VM. A whole range such as { $example } may be typed into the first box.
compute-service-ips-label = Kubernetes external service IPs
compute-service-ips-hint = Handed out by MetalLB to services of type LoadBalancer, so users outside the cluster reach apps. Same subnet, outside the node range.
# A checkbox label.
compute-skip-edge = Skip service addresses ending in .0 and .255 (some clients mishandle them)
# Buttons: save the form as staged changes, then go to the Changes page.
compute-stage = Stage changes
compute-review = Review and apply

## The allocation card: which VM gets which address
compute-alloc-title = Allocation
compute-alloc-empty = Enter a port and valid ranges to see who gets which address.
compute-alloc-switch = External switch
# $switch is the virtual switch's name, $port a port name such as Port3.
compute-alloc-switch-value = { $switch } on { $port }
compute-alloc-master = Master VM
compute-alloc-worker = Worker VM
# The spare node address kept for rolling updates.
compute-alloc-spare = Update spare
compute-alloc-spare-none = none: add an address to keep one
# In place of the numbers of a range that has an error.
compute-alloc-in-error = not shown: the range has an error
compute-alloc-service-free = Service IPs free
# How many service IPs are free, of how many in the range.
compute-alloc-service-free-value = { $free } of { $total }

## The subnet card: the port's subnet drawn as a bar
compute-subnet-title = Subnet
compute-subnet-empty = Choose a port with a static address to see its subnet.
# A marker on the bar and in its legend.
compute-subnet-gateway = Gateway { $address }
# Read out by screen readers for the whole bar.
compute-subnet-bar-label = Subnet { $subnet } with the port address, gateway and ranges
# A segment of the bar and its legend entry; $range such as 10.0.0.10-10.0.0.12.
compute-subnet-nodes = Node IPs { $range }
compute-subnet-services = Service IPs { $range }
compute-subnet-summary = Subnet { $subnet } · { $hosts ->
    [one] { $hosts } host address
   *[other] { $hosts } host addresses
    }
