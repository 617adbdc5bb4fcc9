//! The wire checks on the pages: the Compute page's "Check addresses on the
//! network" (a plain form post to `/compute/probe`, so it works without
//! JavaScript), the same result on the Changes review, the reachability
//! after the last apply on the Overview, and a next hop that does not
//! answer on its route's row. Server-rendered markup from `PageState`; no
//! signals.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::CsrfField;
use crate::domain::{
    model::Route,
    probe::{Hop, ProbeReport, ProbeScope, Reach, Reachability, Role, State, Wire},
};
use crate::state::PageState;

/// What a dry run or checks turned off mean, said wherever a result shows.
fn wire_note(wire: Wire) -> Option<impl IntoView> {
    let text = match wire {
        Wire::Checked => return None,
        Wire::DryRun => crate::t!("probe-wire-dry-run"),
        Wire::Off => crate::t!("probe-wire-off"),
    };
    Some(view! { <p class="banner info" data-testid="wire-note">{text}</p> })
}

fn role_name(role: Role) -> String {
    match role {
        Role::Gateway => crate::t!("probe-role-gateway"),
        Role::Dns => crate::t!("probe-role-dns"),
        Role::NodeIps => crate::t!("probe-role-node-ips"),
        Role::ServiceIps => crate::t!("probe-role-service-ips"),
        Role::PortAddress => crate::t!("probe-role-port-address"),
    }
}

fn state_name(state: State) -> &'static str {
    match state {
        State::Up => "up",
        State::Down => "down",
        State::OffSegment => "off-segment",
        State::Unchecked => "unchecked",
    }
}

/// The Compute page's check, and (with `review`) the Changes page's reminder
/// of it before applying: the action, and the stored result if it checked
/// exactly the draft's ranges, each address in use beside its range.
#[component]
pub fn ProbeCard(s: PageState, #[prop(optional)] review: bool) -> impl IntoView {
    let query = use_query_map();
    // A refused check, carried back in the query (`state::errors_query`).
    let refused = query
        .with_untracked(|q| {
            crate::state::errors_from_query(&q.get_all("probe-error").unwrap_or_default())
        })
        .first()
        .map(|e| crate::app::tm(&e.message));
    let scope = ProbeScope::of_draft(&s.draft, &s.applied);
    let report = scope
        .as_ref()
        .ok()
        .and_then(|sc| s.wire.probe_for(sc))
        .cloned();
    let unavailable = scope.as_ref().err().and_then(|e| e.first().cloned());
    let not_run = review && report.is_none() && unavailable.is_none();
    view! {
        <section class="card probe" id="probe" aria-labelledby="probe-title" data-testid="probe">
            <h2 id="probe-title">{crate::t!("probe-title")}</h2>
            <p class="hint">{crate::t!("probe-lead")}</p>
            {wire_note(s.wire.wire)}
            {refused.map(|m| view! { <p class="banner error" role="alert" data-testid="probe-error">{m}</p> })}
            {unavailable.map(|e| view! { <p class="muted" data-testid="probe-unavailable">{crate::app::tm(&e.message)}</p> })}
            {not_run.then(|| view! { <p class="banner warn" data-testid="probe-not-run">{crate::t!("probe-not-run")}</p> })}
            {report.map(|r| view! { <ProbeResult report=r/> })}
            <form method="post" action="/compute/probe" class="actions">
                <CsrfField/>
                <button type="submit" data-testid="probe-run">{crate::t!("probe-run")}</button>
            </form>
        </section>
    }
}

#[component]
fn ProbeResult(report: ProbeReport) -> impl IntoView {
    let sc = report.scope.clone();
    let groups = [
        (
            Role::NodeIps,
            "probe-node-ips",
            crate::t!(
                "probe-range",
                what = role_name(Role::NodeIps),
                range = sc.node_ips.to_string()
            ),
        ),
        (
            Role::ServiceIps,
            "probe-service-ips",
            crate::t!(
                "probe-range",
                what = role_name(Role::ServiceIps),
                range = sc.service_ips.to_string()
            ),
        ),
        (
            Role::PortAddress,
            "probe-port-address",
            crate::t!(
                "probe-range",
                what = role_name(Role::PortAddress),
                range = sc.interface.addr()
            ),
        ),
    ];
    let checked = report.wire == Wire::Checked;
    view! {
        <div class="probe-result" data-testid="probe-result" data-wire=match report.wire { Wire::Checked => "checked", Wire::DryRun => "dry-run", Wire::Off => "off" }>
            <p data-testid="probe-summary">
                {if checked {
                    crate::t!("probe-summary", checked = report.checked, millis = report.millis, in_use = report.in_use.len())
                } else {
                    crate::t!("probe-summary-unchecked", checked = report.checked)
                }}
            </p>
            {groups.into_iter().map(|(role, id, title)| {
                let mine: Vec<_> = report.in_use.iter().filter(|u| u.role == role).cloned().collect();
                view! {
                    <div class="probe-range" data-testid=id>
                        <h3>{title}</h3>
                        {if !checked {
                            view! { <p class="muted">{crate::t!("probe-not-checked")}</p> }.into_any()
                        } else if mine.is_empty() {
                            view! { <p class="ok" data-testid="probe-none">{crate::t!("probe-none-in-use")}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="warnings">
                                    {mine.into_iter().map(|u| view! {
                                        <li class="warn" data-testid="probe-in-use" data-address=u.address.to_string() data-mac=u.mac.clone()>
                                            {crate::t!("probe-in-use", address = u.address, mac = u.mac.clone())}
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    </div>
                }
            }).collect_view()}
            <ul class="probe-neighbours" data-testid="probe-neighbours">
                {report.neighbours.into_iter().map(|n| {
                    let who = role_name(n.role);
                    let text = match n.state {
                        State::Up => crate::t!("probe-neighbour-up", who = who, address = n.address, mac = n.mac.clone().unwrap_or_default()),
                        State::Down => crate::t!("probe-neighbour-down-line", who = who, address = n.address),
                        State::OffSegment => crate::t!("probe-neighbour-off-segment", who = who, address = n.address),
                        State::Unchecked => crate::t!("probe-neighbour-unchecked", who = who, address = n.address),
                    };
                    view! { <li data-state=state_name(n.state) data-address=n.address.to_string()>{text}</li> }
                }).collect_view()}
            </ul>
        </div>
    }
}

fn hop_name(r: &Reach) -> String {
    match &r.hop {
        Hop::Gateway => crate::t!("probe-role-gateway"),
        Hop::Dns => crate::t!("probe-role-dns"),
        Hop::NextHop {
            destination,
            interface,
        } => crate::t!(
            "reach-next-hop",
            destination = destination,
            interface = interface.clone()
        ),
    }
}

/// One line per pinged address: up with the round-trip time, down, or not checked.
pub fn reach_line(r: &Reach) -> String {
    let who = hop_name(r);
    match (r.state, r.rtt_micros) {
        (State::Up, Some(us)) => crate::t!(
            "reach-up",
            who = who,
            address = r.address,
            ms = format!("{:.1}", us as f64 / 1000.0)
        ),
        (State::Down, _) | (State::Up, None) => {
            crate::t!("reach-down", who = who, address = r.address)
        }
        _ => crate::t!("reach-unchecked", who = who, address = r.address),
    }
}

/// The reachability after the last apply, for the Overview (a card, and
/// the same lines in the picture's text alternative via [`reach_line`]).
#[component]
pub fn ReachabilityCard(s: PageState) -> impl IntoView {
    let reach: Option<Reachability> = s.wire.reachability.clone();
    view! {
        <section class="card" aria-labelledby="reach-title" data-testid="reachability">
            <h2 id="reach-title">{crate::t!("reach-title")}</h2>
            {wire_note(s.wire.wire)}
            {match reach {
                None => view! { <p class="muted">{crate::t!("reach-none")}</p> }.into_any(),
                Some(r) if r.results.is_empty() => view! { <p class="muted">{crate::t!("reach-nothing", revision = r.revision)}</p> }.into_any(),
                Some(r) => view! {
                    <p class="hint">{crate::t!("reach-lead", revision = r.revision)}</p>
                    <ul class="reach">
                        {r.results.iter().map(|x| view! {
                            <li data-state=state_name(x.state) data-address=x.address.to_string()>{reach_line(x)}</li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </section>
    }
}

/// On a route's row: a next hop that did not answer after the last apply.
#[component]
pub fn NextHopState(reach: Option<Reachability>, route: Route) -> impl IntoView {
    let down = reach
        .as_ref()
        .and_then(|r| r.of_route(&route))
        .filter(|r| r.state == State::Down)
        .map(|r| r.address);
    down.map(|address| {
        view! {
            <p class="hint next-hop-down" data-testid="next-hop-down">
                <strong class="badge warn">{crate::t!("reach-next-hop-down")}</strong>
                " "
                {crate::t!("reach-next-hop-down-why", address = address)}
            </p>
        }
    })
}

/// The reachability on the Overview's picture: one line under the external
/// switch, counting what answered and what did not.
#[component]
pub fn DiagramReach(reach: Reachability, x: f64, y: f64) -> impl IntoView {
    let up = reach
        .results
        .iter()
        .filter(|r| r.state == State::Up)
        .count();
    let down = reach
        .results
        .iter()
        .filter(|r| r.state == State::Down)
        .count();
    let text = if reach.wire == Wire::Checked {
        crate::t!("reach-diagram", up = up, down = down)
    } else {
        crate::t!("reach-diagram-unchecked")
    };
    view! {
        <a href="/#reach-title">
            <text x=x y=y class="sub reach" class:down=(down > 0) data-testid="diagram-reach">{text}</text>
        </a>
    }
}
