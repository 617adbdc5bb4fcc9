//! The internal virtual switch's way out: a masquerade in edgenet's own
//! nftables table (`table ip edgenet`), through `nft`'s JSON API (the
//! `nftables` crate), run from a thread inside the host namespace so that
//! `nft` inherits it. Nothing outside that table is touched.
//!
//! ```text
//! table ip edgenet {
//!     chain postrouting {
//!         type nat hook postrouting priority srcnat; policy accept;
//!         ip saddr 172.31.255.0/24 oifname "Port2" masquerade
//!     }
//! }
//! ```

use std::borrow::Cow;

use ipnet::Ipv4Net;
use nftables::{
    batch::Batch,
    expr::{Expression, Meta, MetaKey, NamedExpression, Payload, PayloadField, Prefix},
    helper,
    schema::{Chain, NfListObject, NfObject, Rule, Table},
    stmt::{Match, Operator, Statement},
    types::{NfChainPolicy, NfChainType, NfFamily, NfHook},
};

use crate::domain::host::Nat;

/// edgenet's table; the only one it writes.
pub const TABLE: &str = "edgenet";
const CHAIN: &str = "postrouting";
/// `srcnat`, the priority of source NAT (nft(8)).
const SRCNAT: i32 = 100;

fn table() -> NfListObject<'static> {
    NfListObject::Table(Table {
        family: NfFamily::IP,
        name: TABLE.into(),
        handle: None,
    })
}

fn rule(nat: &Nat) -> Rule<'static> {
    let saddr = Statement::Match(Match {
        left: Expression::Named(NamedExpression::Payload(Payload::PayloadField(
            PayloadField {
                protocol: "ip".into(),
                field: "saddr".into(),
            },
        ))),
        right: Expression::Named(NamedExpression::Prefix(Prefix {
            addr: Box::new(Expression::String(nat.source.network().to_string().into())),
            len: nat.source.prefix_len().into(),
        })),
        op: Operator::EQ,
    });
    let oifname = Statement::Match(Match {
        left: Expression::Named(NamedExpression::Meta(Meta {
            key: MetaKey::Oifname,
        })),
        right: Expression::String(nat.out.clone().into()),
        op: Operator::EQ,
    });
    Rule {
        family: NfFamily::IP,
        table: TABLE.into(),
        chain: CHAIN.into(),
        expr: Cow::Owned(vec![saddr, oifname, Statement::Masquerade(None)]),
        comment: Some("edgenet: the internal virtual switch's NAT".into()),
        ..Default::default()
    }
}

/// Replaces edgenet's table with one holding `nat` (none: the table goes),
/// in one `nft` transaction: either the old table or the new one holds.
pub fn program(nat: Option<&Nat>) -> Result<(), String> {
    let mut batch = Batch::new();
    // Adding first makes the delete succeed when the table is not there yet.
    batch.add(table());
    batch.delete(table());
    if let Some(nat) = nat {
        batch.add(table());
        batch.add(NfListObject::Chain(Chain {
            family: NfFamily::IP,
            table: TABLE.into(),
            name: CHAIN.into(),
            _type: Some(NfChainType::NAT),
            hook: Some(NfHook::Postrouting),
            prio: Some(SRCNAT),
            policy: Some(NfChainPolicy::Accept),
            ..Default::default()
        }));
        batch.add(NfListObject::Rule(rule(nat)));
    }
    helper::apply_ruleset(&batch.to_nftables()).map_err(|e| format!("nft: {e}"))
}

/// The masquerades in edgenet's table, as nft lists them; none when the
/// table is not there. Only edgenet's table is read: other tables (a
/// firewall's, kube-proxy's) may hold statements the crate cannot model,
/// and they are none of edgenet's business.
pub fn observe() -> Result<Vec<Nat>, String> {
    let nft = |args: &[&str]| {
        helper::get_current_ruleset_with_args(helper::DEFAULT_NFT, args.iter().copied())
            .map_err(|e| format!("nft: {e}"))
    };
    // The table names alone parse whatever the tables hold.
    let tables = nft(&["list", "tables", "ip"])?;
    let present = tables.objects.iter().any(|o| {
        matches!(o, NfObject::ListObject(NfListObject::Table(t)) if t.name == TABLE)
    });
    if !present {
        return Ok(Vec::new());
    }
    let ruleset = nft(&["list", "table", "ip", TABLE])?;
    let mut out = Vec::new();
    for o in ruleset.objects.iter() {
        let NfObject::ListObject(NfListObject::Rule(r)) = o else {
            continue;
        };
        if r.table != TABLE || r.chain != CHAIN {
            continue;
        }
        if let Some(n) = masquerade(&r.expr) {
            out.push(n);
        }
    }
    Ok(out)
}

/// A rule that is exactly `ip saddr P oifname "D" masquerade`.
fn masquerade(expr: &[Statement]) -> Option<Nat> {
    let (mut source, mut out, mut masq) = (None, None, false);
    for s in expr {
        match s {
            Statement::Match(Match { left, right, op: Operator::EQ }) => match (left, right) {
                (
                    Expression::Named(NamedExpression::Payload(Payload::PayloadField(f))),
                    Expression::Named(NamedExpression::Prefix(p)),
                ) if f.protocol == "ip" && f.field == "saddr" => {
                    let Expression::String(a) = p.addr.as_ref() else {
                        return None;
                    };
                    source = Ipv4Net::new(a.parse().ok()?, u8::try_from(p.len).ok()?).ok();
                }
                (
                    Expression::Named(NamedExpression::Meta(Meta { key: MetaKey::Oifname })),
                    Expression::String(d),
                ) => out = Some(d.to_string()),
                _ => return None,
            },
            Statement::Masquerade(_) => masq = true,
            _ => return None,
        }
    }
    masq.then_some(Nat {
        source: source?,
        out: out?,
    })
}
