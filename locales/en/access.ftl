# access: en

## Password rules (src/domain/password.rs): why a password or a sign-in was refused

password-required = Enter a password.
password-too-short = Use at least { $min } characters.
password-too-long = Use at most { $max } characters.
# $min: how many kinds a password must mix (3); $kinds: how many the typed one mixes.
password-too-few-kinds = Mix at least { $min } of: upper case, lower case, digits, symbols (this has { $kinds }).
password-bad-character = Use letters, digits and symbols only: no spaces or control characters.
password-mismatch = The two new passwords differ.
password-same-as-current = Choose a password different from the current one.
password-wrong-current = The current password is wrong.
password-wrong = Wrong password.
# $duration: password-duration-seconds or password-duration-minutes.
password-locked = Too many wrong passwords from this address: sign-in is locked for { $duration }.
password-duration-seconds = { $n } s
password-duration-minutes = { $n } min

## Sign-in page, password page, sign-out button (src/app/access.rs)

access-sign-out = Sign out
# The page title and heading.
access-signin-title = Sign in
access-signin-lead = Enter the device password to configure this appliance.
access-signin-expired = Your session ended after a period without use. Sign in again to continue.
access-signin-signed-out = You are signed out.
access-device-password = Device password
# The button that submits the sign-in form.
access-signin-button = Sign in
# The browser tab title of the password page.
access-password-title = Change the password
# Heading when the device still has its initial password.
access-password-heading-first = Choose a new device password
access-password-heading = Change the device password
access-password-first-banner = This device still uses its initial password. Choose a new one before you continue.
access-password-current = Current password
access-password-new = New password
access-password-confirm = New password again
# The hidden name of the list of rules under the new password (screen readers).
access-password-rules = Password rules
# A rule, ticked off while the new password is typed.
access-password-rule-length = { $min } to { $max } characters
access-password-rule-kinds = At least { $min } of: upper case, lower case, digits, symbols
access-password-button = Change password
access-password-cancel = Cancel

## Audit trail page (src/app/audit.rs)

audit-title = Audit trail
audit-lead = Every applied revision: when, through which door (pages or API), from which client address, and each field it changed; and every sign-in, failed sign-in, lock-out, sign-out and password change, with its client address. Kept on the device across restarts.
audit-loading = Loading…
# $error: a system error, shown as it came.
audit-load-failed = Could not load the audit trail: { $error }
audit-empty = Nothing was recorded on this page of the trail.
audit-revision = Revision { $revision }
# $revision: the earlier revision a restore brought back.
audit-restored-from = Restored from revision { $revision }.
# Security events.
audit-event-sign-in = Signed in
audit-event-sign-in-failed = Failed sign-in: wrong password
audit-event-locked-out = Sign-in locked out after repeated wrong passwords
audit-event-sign-out = Signed out
audit-event-password-changed = Password changed; other sessions signed out
audit-event-password-change-failed = Password not changed: wrong current password
# Where the client address of a revision was not recorded (older records).
audit-client-unknown = address not recorded
# $client: the client's IP address.
audit-client = from { $client }
# A revision that changed nothing: the factory configuration.
audit-factory-settings = Factory settings.
# Column headers of a revision's changes.
audit-col-section = Section
audit-col-field = Field
audit-col-before = Before
audit-col-after = After
# The hidden name of the links to newer and older pages (screen readers).
audit-pages = Audit trail pages
audit-newer = ← Newer
audit-older = Older →
# Where a revision came from: the web pages, the HTTP API, or a reset to factory settings.
audit-source-ui = ui
audit-source-api = api
audit-source-factory-reset = factory reset
# The time of the factory configuration, which was never applied.
audit-time-factory = factory

## Changes page: staged changes and history (src/app/changes.rs)

changes-title = Changes
changes-lead = Staged changes are reviewed here against the applied revision, then applied as a new revision. Every applied revision is kept and can be restored.
changes-staged-title = Staged changes
changes-stale = These changes were staged against revision { $base }, but revision { $revision } has been applied since. Discard them and stage again.
changes-none = Nothing staged. Edit a port on the Network page or the Compute settings, then stage the changes.
# Column headers of the staged changes: the applied value and the staged one.
changes-col-section = Section
changes-col-field = Field
changes-col-applied = Applied
changes-col-staged = Staged
# Followed by the list of problems, each a link to its page.
changes-problems = { $n ->
    [one] { $n } problem
   *[other] { $n } problems
} must be fixed before applying:
changes-apply = Apply as revision { $revision }
changes-discard = Discard staged changes
# Asked before an apply that locks the cluster networks; the lock message follows.
changes-confirm-lock-question = Apply as revision { $revision } and lock the cluster networks?
changes-confirm-lock-yes = Yes, apply revision { $revision } and lock them
changes-confirm-cancel = Cancel
# Asked before staged changes are thrown away; the list of them follows.
changes-confirm-discard-question = Discard the { $n ->
    [one] staged change
   *[other] { $n } staged changes
}? This cannot be undone:
changes-confirm-discard-yes = Yes, discard them
changes-confirm-keep = No, keep the staged changes
changes-confirm-restore-question = Restoring revision { $revision } replaces what is staged: { $n ->
    [one] this staged change is lost
   *[other] these { $n } staged changes are lost
}:
changes-confirm-restore-yes = Yes, restore revision { $revision }
# The rest of a long list of staged changes.
changes-confirm-more = and { $n } more
changes-history-title = History
changes-history-empty = No revision applied yet: the device runs its factory configuration.
changes-history-col-revision = Revision
# When the revision was applied.
changes-history-col-applied = Applied
# Where it came from (ui, api, factory reset).
changes-history-col-by = By
changes-history-col-what = What changed
# Hidden header of the column of restore buttons (screen readers).
changes-history-col-actions = Actions
# After the revision number of the applied revision; starts with a space.
changes-history-current = {" "}(applied)
# A revision that changed nothing.
changes-history-factory = Factory settings
# One section of a revision's summary: "Port3: IP address, Gateway".
changes-history-summary = { $section }: { $fields }
changes-restore = Restore revision { $revision }
# The configuration as a file (docs/config-file.md).
changes-file-title = Configuration file
changes-file-lead = Download the whole configuration as a TOML file to keep it, or upload a file (from this device or another) to stage it for review here. Sections a file leaves out stay as they are.
changes-download-applied = Download revision { $revision }
# A link in each row of the history.
changes-download = Download
changes-download-label = Download revision { $revision } as a file
changes-import-label = File to stage
changes-import-hint = A TOML file of format 1. It replaces whatever is staged; nothing is applied until you apply it.
# A link to the file format's reference, served by the device at /docs/config-file.
changes-file-reference = The file's format, key by key
# The reference page.
docs-config-file-title = The configuration file
# Shown above a reference that exists only in English.
docs-english-only = This reference is in English only.
changes-import-submit = Read and stage the file
changes-import-no-file = Choose a file to upload.
changes-import-not-text = The file is not UTF-8 text; a configuration file is TOML.

## Labels of recorded changes (sections and fields), translated when shown
## (the audit file and the API keep English). Port names, Kubernetes and MTU
## are shown as they are.

change-addressing = Addressing
change-ip-address = IP address
change-gateway = Gateway
change-primary-dns = Primary DNS
change-secondary-dns = Secondary DNS
# The compute feature as a whole (on or off), also the section name.
change-compute = Compute
# The physical port of the external virtual switch.
change-compute-port = Compute port
change-switch-name = Switch name
# Kubernetes node IPs.
change-node-ips = Node IPs
# Kubernetes external service IPs.
change-service-ips = Service IPs
# Whether addresses ending in .0 and .255 are left out of the ranges.
change-skip-edge = Skip .0 and .255
change-pod-network = Pod network
change-service-network = Service network
change-cluster-dns = Cluster DNS
change-routes = Routes
change-network = Network
change-default-gateway = Default gateway
# A custom route: its destination and interface.
change-route = { $destination } on { $interface }
change-route-via = via { $next_hop } metric { $metric }
# In the history: a route added or removed by a revision.
change-route-added = added { $destination } on { $interface }
change-route-removed = removed { $destination } on { $interface }
change-route-changed = changed { $destination } on { $interface }
# In the history, after the summary of a restore.
changes-history-restored = restored from revision { $revision }
# Values of changes.
change-value-static = Static
change-value-on = On
change-value-off = Off
change-value-yes = Yes
change-value-no = No
# Cluster DNS left at its default address.
change-value-default = default

## What a change does beyond its fields (src/domain/consequences.rs), on the
## Changes page, in the audit trail and in the API. $from, $to: port names.
consequence-gateway-moves = The default gateway and the VMs' NAT (the internal virtual switch's way out) move from { $from } to { $to }.
consequence-gateway-set = The default gateway and the VMs' NAT (the internal virtual switch's way out) go to { $to }.
consequence-gateway-gone = No port holds the default gateway any more ({ $from } did): the VMs lose their way out through the internal virtual switch.
# $pod, $service: the networks as CIDR.
consequence-cluster-lock = Applying locks the pod network { $pod }, the service network { $service } and the cluster DNS address { $dns }: the cluster is built with them, and only a factory reset changes them afterwards.
consequence-cluster-unlock = The pod and service networks and the cluster DNS address unlock: the cluster is built anew.
# $was: the address that was the update spare.
consequence-spare-lost = The node IPs no longer hold an update spare ({ $was } was): an update has no address for the replacement VM.
consequence-no-spare = The node IPs hold no update spare: an update has no address for the replacement VM. Add a third address to keep one.
# Heading of the list of consequences on the Changes page and in the audit trail.
consequences-title = What else this changes
