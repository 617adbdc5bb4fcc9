# common: en

## Shared pieces

# Joins the items of a list in a sentence.
list-separator = {", "}
# Text shown as it came (a system error); no translation.
verbatim = { $text }

## Form fields
# The hidden labels of a range's two inputs, for screen readers.
range-start-label = { $field } start
range-end-label = { $field } end
# $example: an address from the compute port's subnet.
range-start-placeholder = Start, e.g. { $example }
range-end-placeholder = End

## The console around every page
skip-to-content = Skip to content
loading = Loading…
load-failed = Could not load the configuration: { $reason }
# The embedded device profile's description (another profile's is shown as written).
header-model-default = Edge compute appliance (1 node)
header-revision = Revision { $revision }
# The header's pill: what is staged, counted by thing. $what: a list of the pieces below.
header-staged = Staged: { $what }
staged-ports = { $n ->
    [one] { $n } port
   *[other] { $n } ports
}
staged-compute = Compute
staged-kubernetes = Kubernetes networks
staged-default-gateway = Default gateway
staged-routes = { $n ->
    [one] { $n } route
   *[other] { $n } routes
}
header-change-password = Change password
nav-label = Sections
nav-overview = Overview
nav-network = Network
nav-compute = Compute
nav-kubernetes = Kubernetes
nav-routes = Routes
nav-changes = Changes
nav-audit = Audit trail

## Language switch
# The name of the group of language buttons, for screen readers.
lang-switch-label = Language

## The notice after an action
notice-staged = Changes staged. Review them, then apply.
notice-review-and-apply = Review and apply
# Followed by the list of problems, each a link to the page (and card) where it is fixed.
notice-staged-with-problems = { $n ->
    [one] Staged with { $n } problem; fix it before applying:
   *[other] Staged with { $n } problems; fix them before applying:
}
notice-applied = Revision { $revision } applied.
notice-discarded = Staged changes discarded.
notice-restored = Revision { $revision } is staged for restore. Review the changes below, then apply.
notice-conflict = Not saved: revision { $revision } was applied since this page was loaded, so your input is based on an older configuration.
# $reason: what changed, in which revision and by whom (store-part-changed).
notice-changed = Not staged: { $reason }
part-compute = Compute
part-kubernetes = The Kubernetes networks
part-default-gateway = The default gateway
notice-reload = Reload the page
# Beside a form's button, when it was held back for its own errors (with and without JavaScript).
form-not-staged = { $n ->
    [one] Not staged: { $n } problem, shown beside its field.
   *[other] Not staged: { $n } problems, shown beside the fields.
}
notice-invalid = { $n ->
    [one] Not applied: the staged changes have { $n } problem. Fix them first.
   *[other] Not applied: the staged changes have { $n } problems. Fix them first.
}
notice-password-changed = Password changed. Any other signed-in sessions were signed out.
# $reason: why the device refused, already in the reader's language.
notice-refused = Not done: { $reason }
notice-file-staged = { $n ->
    [one] The file was read: { $n } change staged. Review it below, then apply.
   *[other] The file was read: { $n } changes staged. Review them below, then apply.
}
notice-file-unchanged = The file changes nothing: revision { $revision } stays applied, and nothing was staged.
notice-file-refused = { $n ->
    [one] The file was refused for { $n } problem, shown beside the upload field; nothing was staged.
   *[other] The file was refused for { $n } problems, shown beside the upload field; nothing was staged.
}
# After staging a form that holds what is already staged or applied.
notice-unchanged = Nothing changed: these values are already staged or applied, so nothing was staged.
# Routes are applied at once, never staged. $destination: the prefix saved, such as 192.168.20.0/24.
notice-route-added = Route { $destination } added and applied as revision { $revision }.
# $typed: the destination as typed, with host bits set (192.168.40.7/24); $destination: its network.
notice-route-added-host-bits = Route { $destination } added and applied as revision { $revision }. { $typed } had host bits set, so it was saved as its network, { $destination }.
notice-route-removed = Route { $destination } removed; applied as revision { $revision }.
notice-route-refused = { $n ->
    [one] Route not added: { $n } problem, shown beside its field.
   *[other] Route not added: { $n } problems, shown beside the fields.
}

## Page not found
not-found-title = Page not found
# The sentence reads: before + link + after.
not-found-before = There is no page at this address. Go to the{" "}
not-found-link = overview
not-found-after = .

## When a call to the device fails
error-unreachable = The device did not answer. Check the connection, then try again.
error-signed-out = Your session has ended. Sign in again to continue.
error-token = The page is out of date. Reload it and try again.
error-cross-site = Refused: the request came from another site. Open the device's own address and try again.
error-change-password = Change the initial password first.

## The page shown when the server failed while answering (src/server/panic.rs)
error-500-title = Something went wrong
error-500-lead = The device could not show this page because of an internal error. The error has been logged; your configuration is unchanged.
error-500-retry = Try again
error-500-overview = Go to the overview
## Trials: an apply that can cut the administrator off runs on trial (src/domain/trial.rs)
trial-risk-addressing = { $port }'s addressing changes
trial-risk-mtu = { $port }'s MTU changes
trial-risk-gateway = the default gateway moves from { $from } to { $to }
trial-risk-compute = compute moves from { $from } to { $to }
trial-seconds-bad = trial_seconds: "{ $text }" is not a whole number of seconds from 0 to { $max }
trial-reverted-timeout = reverted: not confirmed within { $seconds } s
trial-reverted-request = reverted on request
store-trial-running = revision { $revision } is on trial until { $deadline }: keep it or revert it before staging or applying anything else
store-no-trial = no trial is running: there is nothing to keep or revert
audit-source-trial = trial timer
audit-event-trial-kept = Settings on trial kept
trial-banner-title = These settings are on trial
trial-banner-body = Revision { $revision } goes back to revision { $replaced } at { $deadline } unless you keep it.
trial-banner-left = { $seconds } s left
trial-banner-why = Why a trial: { $risks }.
trial-keep = Keep these settings
trial-revert = Revert now
trial-moved = The device answers at { $address } now: open it there, sign in, and keep the settings from there.
notice-trial-kept = The settings are kept: the trial is over.
notice-trial-reverted = Reverted: revision { $revision } restores revision { $replaced }.

## The device's host (the Overview's card, the API)
host-title = Device host
host-dry-run = No host namespace is configured: the ports, switches and NAT are written to the revision only (a dry run). Nothing on the host was looked at.
host-pending = The host has not been looked at yet since start-up.
host-unreachable = The host could not be asked about revision { $revision }:
host-matches = The host holds revision { $revision }: every port, switch, route and the NAT as applied.
host-differs = The host differs from revision { $revision } in { $count ->
    [one] one way
   *[other] { $count } ways
  }:
host-checked-older = Last looked at against revision { $checked }; revision { $revision } is being programmed.
host-dhcp-port = { $port } (DHCP)
host-dhcp-none = holds no IPv4 address
host-dhcp-holds = holds { $addresses }, default gateway { $gateways }
host-diff-missing-port = { $port } has no interface on the host
host-diff-missing-bridge = the bridge { $bridge } is missing (or a device of that name is not edgenet's)
host-diff-stale-bridge = the bridge { $bridge } is left from an older revision
host-diff-addresses = { $device } holds { $have }, the revision says { $want }
host-diff-mtu = { $device }'s MTU is { $have }, the revision says { $want }
host-diff-bridge = { $device } is on bridge { $have }, the revision says { $want }
host-diff-down = { $device } is down
host-diff-default-route = the default route is { $have }, the revision says { $want }
host-diff-dns = the name servers are { $have }, the revision says { $want }
host-diff-nat = the internal switch's NAT is { $have }, the revision says { $want }
