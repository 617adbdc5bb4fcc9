//! What the pages receive from the server, and what actions answer.

use serde::{Deserialize, Serialize};

use crate::i18n::Message;

use crate::domain::records::HistoryEntry;
use crate::domain::{
    change::Change,
    error::FieldError,
    form::Draft,
    manifests::{Manifest, Pending},
    model::Config,
    model::DeviceProfile,
};

/// What the server tells the page it renders about the request: the
/// addresses of the module's files (with their content hash in release
/// builds), of the reader's catalog, and the session's form token. The router
/// provides it as context while rendering; the browser never has one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Served {
    pub css: String,
    pub js: String,
    pub wasm: String,
    pub catalog: String,
    /// Empty without a session (the sign-in page).
    pub csrf: String,
}

/// Everything a page needs, fetched once and shared by all pages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PageState {
    pub device_name: String,
    pub profile: DeviceProfile,
    pub applied: Config,
    /// Seconds since the epoch at which the applied revision was applied (0: factory).
    pub applied_at: u64,
    /// The staged draft, or the applied configuration as a draft when nothing is staged.
    pub draft: Draft,
    pub staged: bool,
    /// True when the staged draft was made against an older revision.
    pub stale: bool,
    pub errors: Vec<FieldError>,
    /// Notes on the draft that do not block applying.
    pub warnings: Vec<FieldError>,
    pub changes: Vec<Change>,
    /// What applying the staged changes would do beyond them (see `domain::consequences`).
    #[serde(default)]
    pub consequences: Vec<crate::domain::consequences::Consequence>,
    /// The manifests of the applied configuration, and those it cannot render yet.
    pub manifests: Vec<Manifest>,
    pub pending_manifests: Vec<Pending>,
    pub history: Vec<HistoryEntry>,
    /// The wire checks: the last address-conflict probe and the reachability
    /// after the last apply.
    #[serde(default)]
    pub wire: crate::domain::probe::WireStatus,
    /// What the route backend's last reconcile found in the VMs' kernel.
    #[serde(default)]
    pub kernel: crate::domain::routes::kernel::KernelView,
    /// What the host backend last found on the device's own side.
    #[serde(default)]
    pub host: crate::domain::host::HostView,
    /// The running trial, if any: every page shows its banner.
    #[serde(default)]
    pub trial: Option<crate::domain::trial::Trial>,
}

/// Why the server refused a call before it reached a server function, as
/// data: the guard and the server functions answer a refused call with its
/// [`code`](Refusal::code) (the whole message of the server function's
/// error), the pages match the code exactly and explain it in the reader's
/// language. The API says the same in English ([`Refusal::english`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// No session, or it ended.
    SignInFirst,
    /// A change without the session's form token.
    Token,
    /// A change sent from another site (its `Origin` is not the device's).
    CrossSite,
    /// Anything but changing it while the initial password is in force.
    ChangePasswordFirst,
}

impl Refusal {
    pub const ALL: [Refusal; 4] = [
        Refusal::SignInFirst,
        Refusal::Token,
        Refusal::CrossSite,
        Refusal::ChangePasswordFirst,
    ];

    /// What a refused server-function call answers: `refused:sign-in-first`,
    /// `refused:token`.
    pub const fn code(self) -> &'static str {
        match self {
            Refusal::SignInFirst => "refused:sign-in-first",
            Refusal::Token => "refused:token",
            Refusal::CrossSite => "refused:cross-site",
            Refusal::ChangePasswordFirst => "refused:change-password-first",
        }
    }

    /// The refusal whose [`code`](Refusal::code) is exactly `text`.
    ///
    /// ```
    /// use edgenet::state::Refusal;
    /// assert_eq!(Refusal::of_code("refused:token"), Some(Refusal::Token));
    /// assert_eq!(Refusal::of_code("refused:token (and more)"), None);
    /// ```
    pub fn of_code(text: &str) -> Option<Refusal> {
        Refusal::ALL.into_iter().find(|r| r.code() == text)
    }

    /// The refusal in English, as the API's error message starts.
    pub const fn english(self) -> &'static str {
        match self {
            Refusal::SignInFirst => "sign in first",
            Refusal::Token => "the session's token is missing or wrong",
            Refusal::CrossSite => "this request came from another site",
            Refusal::ChangePasswordFirst => "change the initial password first",
        }
    }
}

/// How a stage, apply, discard or restore ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// Staged; the errors (if any) are shown beside their fields.
    Staged {
        errors: usize,
    },
    Applied {
        revision: u64,
    },
    Discarded,
    Restored {
        revision: u64,
    },
    /// Refused: the page was based on an older revision.
    Conflict {
        current: u64,
    },
    /// Not staged: a later revision changed the part the form edits; the
    /// message names the revision and who applied it (in the page's
    /// language), and the page shows the form again as typed.
    Changed {
        message: Message,
    },
    /// Not staged: the form has errors of its own, shown beside its fields
    /// (the page shows the form again as it was typed).
    NotStaged {
        errors: usize,
    },
    /// Refused: the draft has errors (apply only).
    Invalid {
        errors: usize,
    },
    /// The device password was changed (other sessions were signed out).
    PasswordChanged,
    /// Refused for another reason, said in the message.
    Refused {
        message: Message,
    },
    /// A configuration file was read and staged: this many changes.
    FileStaged {
        changes: usize,
    },
    /// A configuration file changed nothing: this revision stays applied.
    FileUnchanged {
        revision: u64,
    },
    /// A configuration file was refused with this many errors; nothing was staged.
    FileRefused {
        errors: usize,
    },
    /// A form was staged that holds what is already staged or applied:
    /// nothing was written.
    Unchanged,
    /// A route was added (routes are applied at once) as this revision.
    /// `typed`: the destination as typed, when it had host bits set and was
    /// saved as its network `destination`.
    RouteAdded {
        revision: u64,
        destination: String,
        typed: Option<String>,
    },
    /// A route was removed (at once, like an added one) as this revision.
    RouteRemoved {
        revision: u64,
        destination: String,
    },
    /// A route was refused for this many problems, shown beside its fields.
    RouteRefused {
        errors: usize,
    },
    /// The settings on trial were kept.
    TrialKept,
    /// The trial was reverted: `revision` restores `replaced`.
    TrialReverted {
        revision: u64,
        replaced: u64,
    },
}

/// The query parameters that carry an [`Outcome`] (and where on the page it
/// belongs: `at`, a port's name): a one-off, dropped from the address once
/// shown and from links that keep the rest of the query.
pub const NOTICE_PARAMS: [&str; 5] = ["notice", "n", "m", "h", "at"];

impl Outcome {
    /// The query string that carries the outcome across a redirect when the
    /// browser runs no JavaScript.
    pub fn to_query(&self) -> String {
        match self {
            Outcome::Staged { errors } => format!("notice=staged&n={errors}"),
            Outcome::Applied { revision } => format!("notice=applied&n={revision}"),
            Outcome::Discarded => "notice=discarded".into(),
            Outcome::Restored { revision } => format!("notice=restored&n={revision}"),
            Outcome::Conflict { current } => format!("notice=conflict&n={current}"),
            Outcome::Changed { message } => format!("notice=changed&m={}", encode_message(message)),
            Outcome::NotStaged { errors } => format!("notice=not-staged&n={errors}"),
            Outcome::Invalid { errors } => format!("notice=invalid&n={errors}"),
            Outcome::PasswordChanged => "notice=password".into(),
            Outcome::Refused { message } => format!("notice=refused&m={}", encode_message(message)),
            Outcome::FileStaged { changes } => format!("notice=file-staged&n={changes}"),
            Outcome::FileUnchanged { revision } => format!("notice=file-unchanged&n={revision}"),
            Outcome::FileRefused { errors } => format!("notice=file-refused&n={errors}"),
            Outcome::Unchanged => "notice=unchanged".into(),
            Outcome::RouteAdded {
                revision,
                destination,
                typed,
            } => {
                let mut q = format!("notice=route-added&n={revision}&m={}", encode(destination));
                if let Some(t) = typed {
                    q.push_str(&format!("&h={}", encode(t)));
                }
                q
            }
            Outcome::RouteRemoved {
                revision,
                destination,
            } => format!(
                "notice=route-removed&n={revision}&m={}",
                encode(destination)
            ),
            Outcome::RouteRefused { errors } => format!("notice=route-refused&n={errors}"),
            Outcome::TrialKept => "notice=trial-kept".into(),
            Outcome::TrialReverted { revision, replaced } => {
                format!("notice=trial-reverted&n={revision}&m={replaced}")
            }
        }
    }

    /// The outcome a query carries: `q` gives a parameter's value.
    pub fn from_query<'a>(q: impl Fn(&str) -> Option<&'a str>) -> Option<Outcome> {
        let notice = q("notice")?;
        let (n, m) = (q("n"), q("m"));
        // Text from the address bar, shown on the page: bounded.
        let short = |t: &str| t.chars().take(300).collect::<String>();
        let n = || n.and_then(|n| n.parse::<u64>().ok());
        Some(match notice {
            "staged" => Outcome::Staged {
                errors: n()? as usize,
            },
            "applied" => Outcome::Applied { revision: n()? },
            "discarded" => Outcome::Discarded,
            "restored" => Outcome::Restored { revision: n()? },
            "conflict" => Outcome::Conflict { current: n()? },
            "changed" => Outcome::Changed {
                message: decode_message(m?)?,
            },
            "not-staged" => Outcome::NotStaged {
                errors: n()? as usize,
            },
            "invalid" => Outcome::Invalid {
                errors: n()? as usize,
            },
            "password" => Outcome::PasswordChanged,
            "refused" => Outcome::Refused {
                message: decode_message(m?)?,
            },
            "file-staged" => Outcome::FileStaged {
                changes: n()? as usize,
            },
            "file-unchanged" => Outcome::FileUnchanged { revision: n()? },
            "file-refused" => Outcome::FileRefused {
                errors: n()? as usize,
            },
            "unchanged" => Outcome::Unchanged,
            "route-added" => Outcome::RouteAdded {
                revision: n()?,
                destination: short(m?),
                typed: q("h").map(short),
            },
            "route-removed" => Outcome::RouteRemoved {
                revision: n()?,
                destination: short(m?),
            },
            "route-refused" => Outcome::RouteRefused {
                errors: n()? as usize,
            },
            "trial-kept" => Outcome::TrialKept,
            "trial-reverted" => Outcome::TrialReverted {
                revision: n()?,
                replaced: m?.parse().ok()?,
            },
            _ => return None,
        })
    }
}

/// A message carried in a query parameter, as data (its id and arguments,
/// JSON): the page renders it in the reader's language.
fn encode_message(m: &Message) -> String {
    encode(&serde_json::to_string(m).unwrap_or_default())
}

/// What [`encode_message`] wrote (decoded by the router); `None` for anything
/// else, or more than 2,000 bytes.
fn decode_message(v: &str) -> Option<Message> {
    (v.len() <= 2_000)
        .then(|| serde_json::from_str(v).ok())
        .flatten()
}

/// Field errors a redirect carries to the page it lands on: one `key`
/// parameter per error (`&fe=…&fe=…`), each the error as data (its field, its
/// message id and arguments, as JSON), which the page renders in the reader's
/// language. At most `max` errors.
///
/// ```
/// use edgenet::domain::error::FieldError;
/// use edgenet::state::{errors_from_query, errors_query};
/// let e = FieldError::new("compute.node_ips", edgenet::msg!("range-reversed", start = "10.0.0.9", end = "10.0.0.5"));
/// let q = errors_query("fe", std::slice::from_ref(&e), 8);
/// assert!(q.starts_with("&fe=%7B"));
/// // The page reads the parameter's value, decoded by the router.
/// let value = serde_json::to_string(&e).unwrap();
/// assert_eq!(errors_from_query(&[value, "typed by hand".into()]), [e]);
/// ```
pub fn errors_query(key: &str, errors: &[FieldError], max: usize) -> String {
    errors
        .iter()
        .take(max)
        .filter_map(|e| serde_json::to_string(e).ok())
        .map(|json| format!("&{key}={}", encode(&json)))
        .collect()
}

/// The errors [`errors_query`] wrote, from the parameters' (decoded) values;
/// a value that is not one (typed into the address bar, cut short) is left
/// out. At most 8, each at most 2,000 bytes: the address bar is not a file.
pub fn errors_from_query(values: &[String]) -> Vec<FieldError> {
    values
        .iter()
        .take(8)
        .filter(|v| v.len() <= 2_000)
        .filter_map(|v| serde_json::from_str(v).ok())
        .collect()
}

/// Percent-encodes everything but unreserved characters.
pub fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A date and time in UTC, `2026-11-28 09:05 UTC`, computed without a
/// calendar crate so that server and browser print the same text.
pub fn format_time(secs: u64) -> String {
    if secs == 0 {
        return "factory".into();
    }
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02} UTC",
        rem / 3600,
        rem % 3600 / 60
    )
}

/// A trial's risk in words, in any language (the banner, the API).
pub fn risk_message(r: &crate::domain::trial::Risk) -> Message {
    use crate::domain::trial::Risk;
    let name = |p: &Option<String>| p.clone().unwrap_or_else(|| "-".into());
    match r {
        Risk::PortAddressing { port } => crate::msg!("trial-risk-addressing", port = port),
        Risk::PortMtu { port } => crate::msg!("trial-risk-mtu", port = port),
        Risk::DefaultGateway { from, to } => {
            crate::msg!("trial-risk-gateway", from = name(from), to = name(to))
        }
        Risk::ComputePort { from, to } => {
            crate::msg!("trial-risk-compute", from = name(from), to = name(to))
        }
    }
}

/// How a trial ended in a revert, in words: "reverted: not confirmed within 60 s".
pub fn reverted_message(r: &crate::domain::trial::Reverted) -> Message {
    use crate::domain::trial::Reverted;
    match r {
        Reverted::NotConfirmed { seconds } => {
            crate::msg!("trial-reverted-timeout", seconds = *seconds)
        }
        Reverted::ByRequest => crate::msg!("trial-reverted-request"),
    }
}

/// A trial length out of range, in words (its text and the maximum).
pub fn trial_seconds_message(e: &crate::domain::trial::BadTrialSeconds) -> Message {
    crate::msg!(
        "trial-seconds-bad",
        text = e.0.as_str(),
        max = crate::domain::trial::TrialSeconds::MAX
    )
}


/// `items` as the host card and its differences show them: joined by
/// ", ", or "-" when there are none.
pub fn listed<T: std::fmt::Display>(items: impl IntoIterator<Item = T>) -> String {
    let all: Vec<String> = items.into_iter().map(|i| i.to_string()).collect();
    if all.is_empty() {
        "-".into()
    } else {
        all.join(", ")
    }
}

/// How the host differs from the applied revision, in words, in any
/// language (the Overview, the API).
pub fn host_difference_message(d: &crate::domain::host::Difference) -> Message {
    use crate::domain::host::Difference;
    let gw = |g: &crate::domain::host::Gateway| format!("{} dev {}", g.via, g.device);
    match d {
        Difference::MissingPort { port } => crate::msg!("host-diff-missing-port", port = port),
        Difference::MissingBridge { bridge } => {
            crate::msg!("host-diff-missing-bridge", bridge = bridge)
        }
        Difference::StaleBridge { bridge } => crate::msg!("host-diff-stale-bridge", bridge = bridge),
        Difference::Addresses { device, want, have } => crate::msg!(
            "host-diff-addresses",
            device = device,
            want = listed(want),
            have = listed(have)
        ),
        Difference::Mtu { device, want, have } => {
            crate::msg!("host-diff-mtu", device = device, want = *want, have = *have)
        }
        Difference::Bridge { device, want, have } => crate::msg!(
            "host-diff-bridge",
            device = device,
            want = listed(want),
            have = listed(have)
        ),
        Difference::Down { device } => crate::msg!("host-diff-down", device = device),
        Difference::DefaultRoute { want, have } => crate::msg!(
            "host-diff-default-route",
            want = listed(want.iter().map(gw)),
            have = listed(have.iter().map(gw))
        ),
        Difference::Dns { want, have } => {
            crate::msg!("host-diff-dns", want = listed(want), have = listed(have))
        }
        Difference::Nat { want, have } => {
            let nat = |n: &crate::domain::host::Nat| format!("{} → {}", n.source, n.out);
            crate::msg!(
                "host-diff-nat",
                want = listed(want.iter().map(nat)),
                have = listed(have.iter().map(nat))
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_times() {
        assert_eq!(format_time(0), "factory");
        assert_eq!(format_time(86_400 * 365), "1971-01-01 00:00 UTC");
        assert_eq!(format_time(1_795_856_700), "2026-11-28 09:05 UTC");
        assert_eq!(format_time(951_782_400), "2000-02-29 00:00 UTC");
    }

    #[test]
    fn outcomes_survive_the_query_string() {
        for o in [
            Outcome::Staged { errors: 2 },
            Outcome::Applied { revision: 7 },
            Outcome::Discarded,
            Outcome::Restored { revision: 3 },
            Outcome::Conflict { current: 9 },
            Outcome::Changed {
                message: crate::msg!("store-part-changed", part = "Compute & more", revision = 4),
            },
            Outcome::Refused {
                message: crate::msg!("list-separator"),
            },
            Outcome::Invalid { errors: 1 },
            Outcome::FileStaged { changes: 4 },
            Outcome::FileUnchanged { revision: 5 },
            Outcome::FileRefused { errors: 2 },
            Outcome::Unchanged,
            Outcome::RouteAdded {
                revision: 4,
                destination: "192.168.40.0/24".into(),
                typed: Some("192.168.40.7/24".into()),
            },
            Outcome::RouteAdded {
                revision: 4,
                destination: "192.168.40.0/24".into(),
                typed: None,
            },
            Outcome::RouteRemoved {
                revision: 5,
                destination: "0.0.0.0/0".into(),
            },
            Outcome::RouteRefused { errors: 3 },
        ] {
            let q = o.to_query();
            let pairs: Vec<(String, String)> = q
                .split('&')
                .map(|kv| {
                    let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                    (k.to_string(), decode(v))
                })
                .collect();
            assert!(
                pairs
                    .iter()
                    .all(|(k, _)| NOTICE_PARAMS.contains(&k.as_str())),
                "{q}: every parameter is a notice's"
            );
            let get = |k: &str| pairs.iter().find(|(p, _)| p == k).map(|(_, v)| v.as_str());
            assert_eq!(Outcome::from_query(get), Some(o));
        }
    }

    fn decode(v: &str) -> String {
        let b = v.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'%' {
                out.push(u8::from_str_radix(&v[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(b[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    }
}
