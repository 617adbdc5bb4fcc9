# routes: en

## Routes page
routes-title = Routes
routes-lead = Custom routes for the Kubernetes master and worker VMs, never the host. A route sends a destination prefix to a next hop through a port with a static address; the lower metric wins. Changes apply at once, before or after compute is configured.

## The table of custom routes
routes-table-title = Custom routes
routes-empty = No custom routes: the VMs reach everything through their default route.
routes-col-destination = Destination
routes-col-next-hop = Next hop
routes-col-interface = Interface
routes-col-metric = Metric
# Header of the column of Remove buttons, read by screen readers only.
routes-col-actions = Actions
# The Remove button of a row; the label read by screen readers names the route.
routes-remove = Remove
routes-remove-label = Remove the route to { $destination }
# Asked in the row after Remove; $destination is a prefix such as 192.168.20.0/24.
routes-remove-confirm = Remove the route to { $destination }?
routes-remove-yes = Yes, remove
routes-remove-cancel = Cancel

## Adding a route
routes-add-title = Add a route
routes-destination-label = Destination prefix
routes-destination-hint = Network address with /length, or the length in the next box.
routes-prefix-label = Prefix length
routes-next-hop-label = Next hop
routes-interface-label = Interface
# The empty choice of the interface list.
routes-interface-choose = Choose a port
routes-interface-hint = Only ports with a static address carry routes.
routes-metric-label = Metric
routes-metric-hint = Lower is preferred; 100 when empty.
# The submit button.
routes-add = Add route

## "Which route?": the route a destination address takes
routes-which-title = Which route?
routes-lookup-label = Destination address
# The button that shows the answer.
routes-lookup = Look up
# $error says why what was typed is not an address.
routes-lookup-error = Destination: { $error }
routes-decision-route = Route
# The custom route taken: $destination is its prefix, $interface a port name such as Port3.
routes-decision-route-value = { $destination } on { $interface }
# Shown as the route when no custom route is taken.
routes-decision-system = system route
# The network device the traffic leaves through.
routes-decision-device = Leaves through
# The next hop (gateway) the traffic goes to.
routes-decision-via = Via
routes-decision-direct = directly connected
routes-col-status = In the VMs
routes-status-installed = Installed
routes-status-inactive = Not installed
# The route is in the configuration only: no route-namespace is configured (a dry run).
routes-status-dry-run = Not sent
routes-status-dry-run-why = Dry run: no route-namespace is configured, so no kernel was asked.
routes-status-pending = Not checked yet
routes-status-pending-why = The VMs' routes for revision { $revision } are still being programmed.
# $reason: the kernel's own answer, such as "File exists".
routes-status-refused = Refused by the kernel
routes-status-refused-why = The kernel answered: { $reason }
routes-status-unknown = Not known
routes-status-unknown-why = The VMs' network namespace could not be asked: { $reason }
routes-decision-cluster = handled inside the cluster
routes-candidates-title = Every route that matches, the chosen one first
routes-candidate-chosen = Chosen:
