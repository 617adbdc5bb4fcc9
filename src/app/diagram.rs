//! The network picture of the Overview page: an SVG drawn on the server, so it
//! shows without JavaScript.

use leptos::prelude::*;

use crate::domain::{
    model::{Addressing, Allocation, Config},
    model::{DeviceProfile, PortRole},
    vm::internal_addresses,
};
use crate::i18n::{Arg, Message};
use crate::{msg, t};

const PORT_X: f64 = 20.0;
const PORT_W: f64 = 220.0;
const PORT_H: f64 = 58.0;
const PORT_GAP: f64 = 70.0;
const SW_X: f64 = 320.0;
const SW_W: f64 = 260.0;
const VM_X: f64 = 680.0;
const VM_W: f64 = 300.0;
/// The master and worker VMs stand side by side, each this wide.
const VM_BOX_W: f64 = 144.0;
const VM_GAP: f64 = 12.0;

fn port_y(i: usize) -> f64 {
    56.0 + i as f64 * PORT_GAP
}

/// The curve from a port's right edge to a switch's left edge.
fn port_to_switch(from_y: f64, to_y: f64) -> String {
    let (x0, bend) = (PORT_X + PORT_W, SW_X - 50.0);
    format!("M{x0} {from_y} C {bend} {from_y}, {bend} {to_y}, {SW_X} {to_y}")
}

/// A port's role, as the Network page and the picture name it.
pub fn role_message(role: PortRole) -> Message {
    match role {
        PortRole::Management => msg!("network-role-management"),
        PortRole::Internet => msg!("network-role-internet"),
        PortRole::Data => msg!("network-role-data"),
    }
}

/// A part in the middle column that compute has not set up yet: dashed, and a link to the Compute page.
#[component]
fn NotConfigured(
    class: &'static str,
    y: f64,
    height: f64,
    title: String,
    action: String,
) -> impl IntoView {
    view! {
        <a href="/compute">
            <g class=format!("node {class} todo")>
                <rect x=SW_X y=y width=SW_W height=height rx="8"/>
                <text x=SW_X + 14.0 y=y + 24.0 class="title">{title}</text>
                <text x=SW_X + 14.0 y=y + 46.0 class="sub">{t!("diagram-not-configured")}</text>
                <text x=SW_X + 14.0 y=y + 70.0 class="action">{action}</text>
            </g>
        </a>
    }
}

/// One sentence per part, for screen readers and as the diagram's description.
pub fn describe(c: &Config, p: &DeviceProfile) -> Vec<Message> {
    let mut out = Vec::new();
    for port in &c.ports {
        let role = p
            .port(&port.name)
            .map_or_else(|| Arg::from(""), |s| role_message(s.role).into());
        out.push(match &port.addressing {
            Addressing::Static(st) => msg!(
                "diagram-desc-port-static",
                port = &port.name,
                role = role,
                interface = st.interface.to_string()
            ),
            Addressing::Dhcp => msg!("diagram-desc-port-dhcp", port = &port.name, role = role),
        });
    }
    out.push(match c.default_gateway_port() {
        Some(gw) => msg!(
            "diagram-desc-internal",
            subnet = p.internal_switch,
            port = &gw.name
        ),
        None => msg!("diagram-desc-internal-no-nat", subnet = p.internal_switch),
    });
    let (_, mi, wi) = internal_addresses(p);
    match &c.compute {
        Some(cc) => {
            out.push(msg!(
                "diagram-desc-external",
                switch = &cc.switch_name,
                port = &cc.port
            ));
            if let Some(a) = Allocation::of(cc) {
                out.push(msg!(
                    "diagram-desc-master",
                    internal = mi,
                    external = a.master
                ));
                out.push(msg!(
                    "diagram-desc-worker",
                    internal = wi,
                    external = a.worker
                ));
                out.push(msg!(
                    "diagram-desc-service-ips",
                    range = cc.service_ips.to_string(),
                    free = a.service_ips_free
                ));
            }
        }
        None => out.push(msg!("diagram-desc-external-none")),
    }
    let k = &c.kubernetes;
    out.push(msg!(
        "diagram-desc-cluster",
        pods = k.pod_cidr,
        services = k.service_cidr,
        dns = k.dns()
    ));
    out
}

#[component]
pub fn NetworkDiagram(
    config: Config,
    profile: DeviceProfile,
    /// The reachability after the last apply, summed up under the external switch.
    reach: Option<crate::domain::probe::Reachability>,
) -> impl IntoView {
    let c = config;
    let p = profile;
    let n = c.ports.len();
    let gw_port = c.default_gateway_port().map(|x| x.name.clone());
    let compute = c.compute.clone();
    let alloc = compute.as_ref().and_then(Allocation::of);
    let (_, master_int, worker_int) = internal_addresses(&p);
    let index_of = |name: &str| c.ports.iter().position(|x| x.name == name);
    let port_mid = |i: usize| port_y(i) + PORT_H / 2.0;

    // The switches sit between the ports they connect to and the VMs. The
    // VMs stand side by side between them: the internal switch's lines reach
    // their tops (eth0), the external switch's their bottoms (eth1), so that
    // no two lines cross.
    let int_y = 60.0;
    let int_h = 96.0;
    let ext_y = 390.0;
    let ext_h = 96.0;
    let vm_y = 190.0;
    let vm_h = 170.0;
    let bottom_y = ext_y + ext_h + 84.0;
    let height = (port_y(n) + 20.0).max(bottom_y + 100.0);
    let desc = describe(&c, &p)
        .iter()
        .map(crate::app::tm)
        .collect::<Vec<_>>()
        .join(" ");

    let ports = c
        .ports
        .iter()
        .enumerate()
        .map(|(i, port)| {
            let spec = p.port(&port.name);
            let role = spec
                .map(|s| t!("diagram-port-role", role = role_message(s.role), speed = &s.speed))
                .unwrap_or_default();
            let addr = match &port.addressing {
                Addressing::Static(st) => st.interface.to_string(),
                Addressing::Dhcp => "DHCP".into(),
            };
            let is_compute = compute.as_ref().is_some_and(|cc| cc.port == port.name);
            let is_gw = gw_port.as_deref() == Some(port.name.as_str());
            let y = port_y(i);
            let class = if is_compute { "node port compute" } else { "node port" };
            view! {
                <g class=class>
                    <rect x=PORT_X y=y width=PORT_W height=PORT_H rx="6"/>
                    <text x=PORT_X + 12.0 y=y + 22.0 class="title">{port.name.clone()}</text>
                    <text x=PORT_X + PORT_W - 10.0 y=y + 22.0 class="sub" text-anchor="end">{role}</text>
                    <text x=PORT_X + 12.0 y=y + 44.0 class="addr">{addr}</text>
                    {is_gw.then(|| view! { <text x=PORT_X + PORT_W - 12.0 y=y + 44.0 class="badge" text-anchor="end">{t!("diagram-default-gw")}</text> })}
                </g>
            }
        })
        .collect_view();

    let nat_link = gw_port.as_deref().and_then(index_of).map(|i| {
        let d = port_to_switch(port_mid(i), int_y + int_h / 2.0);
        view! { <path class="link nat" d=d/> }
    });

    let external = match &compute {
        Some(cc) => {
            let i = index_of(&cc.port).unwrap_or(0);
            let subnet = c.port(&cc.port).and_then(|x| x.addressing.as_static()).map(|st| st.subnet().to_string()).unwrap_or_default();
            let d = port_to_switch(port_mid(i), ext_y + ext_h / 2.0);
            view! {
                <path class="link ext" d=d/>
                <g class="node switch ext">
                    <rect x=SW_X y=ext_y width=SW_W height=ext_h rx="8"/>
                    <text x=SW_X + 14.0 y=ext_y + 24.0 class="title">{t!("diagram-external-switch")}</text>
                    <text x=SW_X + 14.0 y=ext_y + 46.0 class="addr">{t!("diagram-switch-on", switch = &cc.switch_name, port = &cc.port)}</text>
                    <text x=SW_X + 14.0 y=ext_y + 68.0 class="sub">{t!("diagram-subnet", subnet = subnet)}</text>
                </g>
                {reach.clone().map(|r| view! { <super::probe::DiagramReach reach=r x=SW_X + 14.0 y=ext_y + ext_h + 22.0/> })}
            }
            .into_any()
        }
        None => view! { <NotConfigured class="switch" y=ext_y height=ext_h title=t!("diagram-external-switch") action=t!("diagram-enable-compute")/> }.into_any(),
    };

    let vm = move |label: String,
                   x: f64,
                   internal: std::net::Ipv4Addr,
                   external: Option<std::net::Ipv4Addr>| {
        let mid = x + VM_BOX_W / 2.0;
        let int_link = format!("M{} {} L{} {}", SW_X + SW_W, int_y + int_h / 2.0, mid, vm_y);
        let ext_link = external.map(|_| {
            format!(
                "M{} {} L{} {}",
                SW_X + SW_W,
                ext_y + ext_h / 2.0,
                mid,
                vm_y + vm_h
            )
        });
        let class = if external.is_some() {
            "node vm"
        } else {
            "node vm todo"
        };
        view! {
            <path class="link" d=int_link/>
            {ext_link.map(|d| view! { <path class="link ext" d=d/> })}
            <g class=class>
                <rect x=x y=vm_y width=VM_BOX_W height=vm_h rx="8"/>
                <text x=x + 12.0 y=vm_y + 26.0 class="title">{label}</text>
                <text x=x + 12.0 y=vm_y + 56.0 class="nic">{t!("diagram-nic-internal")}</text>
                <text x=x + 12.0 y=vm_y + 76.0 class="addr">{internal.to_string()}</text>
                <text x=x + 12.0 y=vm_y + 126.0 class="nic">{t!("diagram-nic-external")}</text>
                <text x=x + 12.0 y=vm_y + 146.0 class="addr">
                    {external.map_or_else(|| t!("diagram-nic-not-configured"), |a| a.to_string())}
                </text>
            </g>
        }
    };

    let k = c.kubernetes.clone();
    let metallb = match (&compute, &alloc) {
        (Some(cc), Some(a)) => view! {
            <g class="node svc">
                <rect x=SW_X y=bottom_y width=SW_W height="86" rx="8"/>
                <text x=SW_X + 14.0 y=bottom_y + 24.0 class="title">{t!("diagram-service-ips")}</text>
                <text x=SW_X + 14.0 y=bottom_y + 48.0 class="addr">{cc.service_ips.to_string()}</text>
                <text x=SW_X + 14.0 y=bottom_y + 70.0 class="sub">{t!("diagram-service-ips-free", free = a.service_ips_free)}</text>
            </g>
        }
        .into_any(),
        _ => view! { <NotConfigured class="svc" y=bottom_y height=86.0 title=t!("diagram-service-ips") action=t!("diagram-set-service-ips")/> }.into_any(),
    };

    view! {
        <figure class="diagram" data-testid="diagram">
            <svg viewBox=format!("0 0 1000 {height}") role="group" aria-labelledby="diagram-title diagram-desc" xmlns="http://www.w3.org/2000/svg">
                <title id="diagram-title">{t!("diagram-title")}</title>
                <desc id="diagram-desc">{desc}</desc>
                <text x=PORT_X y="32" class="col">{t!("diagram-col-ports")}</text>
                <text x=SW_X y="32" class="col">{t!("diagram-col-switches")}</text>
                <text x=VM_X y="28" class="col">{t!("diagram-col-vms")}</text>
                {ports}
                {nat_link}
                <g class="node switch int">
                    <rect x=SW_X y=int_y width=SW_W height=int_h rx="8"/>
                    <text x=SW_X + 14.0 y=int_y + 24.0 class="title">{t!("diagram-internal-switch")}</text>
                    <text x=SW_X + 14.0 y=int_y + 46.0 class="addr">{p.internal_switch.to_string()}</text>
                    <text x=SW_X + 14.0 y=int_y + 68.0 class="sub">
                        {match &gw_port {
                            Some(port) => t!("diagram-nat-via", port = port),
                            None => t!("diagram-nat-none"),
                        }}
                    </text>
                </g>
                {external}
                {vm(t!("diagram-master-vm"), VM_X, master_int, alloc.as_ref().map(|a| a.master))}
                {vm(t!("diagram-worker-vm"), VM_X + VM_BOX_W + VM_GAP, worker_int, alloc.as_ref().map(|a| a.worker))}
                {metallb}
                <g class="node cluster">
                    <rect x=VM_X y=bottom_y - 80.0 width=VM_W height="160" rx="8"/>
                    <text x=VM_X + 14.0 y=bottom_y - 56.0 class="title">{t!("diagram-cluster-networks")}</text>
                    <text x=VM_X + 14.0 y=bottom_y - 28.0 class="nic">{t!("diagram-calico-pods")}</text>
                    <text x=VM_X + VM_W - 14.0 y=bottom_y - 28.0 class="addr" text-anchor="end">{k.pod_cidr.to_string()}</text>
                    <text x=VM_X + 14.0 y=bottom_y + 2.0 class="nic">{t!("diagram-services")}</text>
                    <text x=VM_X + VM_W - 14.0 y=bottom_y + 2.0 class="addr" text-anchor="end">{k.service_cidr.to_string()}</text>
                    <text x=VM_X + 14.0 y=bottom_y + 32.0 class="nic">"CoreDNS"</text>
                    <text x=VM_X + VM_W - 14.0 y=bottom_y + 32.0 class="addr" text-anchor="end">{k.dns().to_string()}</text>
                    <a href="/kubernetes"><text x=VM_X + 14.0 y=bottom_y + 68.0 class="action">{t!("diagram-k8s-settings")}</text></a>
                </g>
            </svg>
        </figure>
    }
}
