//! What a draft changes, counted by the things an administrator edits (a
//! port, the compute settings, the Kubernetes networks, a route) rather than
//! by field: a port's new address, prefix and gateway are one staged port.

use super::change::{Change, Field, Section};

/// The things a list of [`Change`]s touches (from [`super::form::Draft::changes`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StagedThings {
    /// The ports with a changed field, in the order of the changes (the
    /// device's port order).
    pub ports: Vec<String>,
    pub compute: bool,
    pub kubernetes: bool,
    /// The choice of the port that holds the default gateway.
    pub default_gateway: bool,
    /// Routes added, removed or changed (a restore stages routes).
    pub routes: usize,
}

impl StagedThings {
    pub fn of(changes: &[Change]) -> Self {
        let mut out = Self::default();
        let mut routes: Vec<&Field> = Vec::new();
        for c in changes {
            match &c.section {
                Section::Compute => out.compute = true,
                Section::Kubernetes => out.kubernetes = true,
                Section::Network => out.default_gateway = true,
                // One change per route: its field is the route's destination and port.
                Section::Routes => {
                    if !routes.contains(&&c.field) {
                        routes.push(&c.field);
                    }
                }
                Section::Port(port) => {
                    if !out.ports.iter().any(|p| p == port) {
                        out.ports.push(port.to_string());
                    }
                }
            }
        }
        out.routes = routes.len();
        out
    }

    /// How many things are changed.
    pub fn count(&self) -> usize {
        self.ports.len()
            + usize::from(self.compute)
            + usize::from(self.kubernetes)
            + usize::from(self.default_gateway)
            + self.routes
    }

    pub fn is_empty(&self) -> bool {
        self.count() == 0
    }

    /// Whether the port `name` has a staged change.
    pub fn has_port(&self, name: &str) -> bool {
        self.ports.iter().any(|p| p == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(section: &str, field: &str) -> Change {
        Change {
            section: section.to_string().into(),
            field: field.to_string().into(),
            from: crate::domain::change::Value::text("a"),
            to: crate::domain::change::Value::text("b"),
        }
    }

    /// (section and field of each change, the things, how many)
    type Case = (&'static [(&'static str, &'static str)], StagedThings, usize);

    #[test]
    fn counts_things_not_fields() {
        let cases: [Case; 6] = [
            (&[], StagedThings::default(), 0),
            (
                // A port made static: four fields, one port.
                &[
                    ("Port3", "Addressing"),
                    ("Port3", "IP address"),
                    ("Port3", "Gateway"),
                    ("Port3", "MTU"),
                ],
                StagedThings {
                    ports: vec!["Port3".into()],
                    ..Default::default()
                },
                1,
            ),
            (
                &[
                    ("Port3", "IP address"),
                    ("Port4", "MTU"),
                    ("Compute", "Node IPs"),
                    ("Compute", "Service IPs"),
                    ("Kubernetes", "Pod network"),
                    ("Kubernetes", "Service network"),
                ],
                StagedThings {
                    ports: vec!["Port3".into(), "Port4".into()],
                    compute: true,
                    kubernetes: true,
                    ..Default::default()
                },
                4,
            ),
            (
                // The default gateway's port chosen, with the port given a gateway.
                &[("Port3", "Gateway"), ("Network", "Default gateway")],
                StagedThings {
                    ports: vec!["Port3".into()],
                    default_gateway: true,
                    ..Default::default()
                },
                2,
            ),
            (
                // A restore: two routes go, one comes.
                &[
                    ("Routes", "192.168.20.0/24 on Port3"),
                    ("Routes", "192.168.30.0/24 on Port3"),
                    ("Routes", "10.9.0.0/16 on Port4"),
                ],
                StagedThings {
                    routes: 3,
                    ..Default::default()
                },
                3,
            ),
            (
                &[("Kubernetes", "CoreDNS address")],
                StagedThings {
                    kubernetes: true,
                    ..Default::default()
                },
                1,
            ),
        ];
        for (changes, want, n) in cases {
            let changes: Vec<Change> = changes.iter().map(|(s, f)| change(s, f)).collect();
            let got = StagedThings::of(&changes);
            assert_eq!(got, want, "{changes:?}");
            assert_eq!(got.count(), n, "{changes:?}");
            assert_eq!(got.is_empty(), n == 0);
        }
        let s = StagedThings::of(&[change("Port3", "MTU")]);
        assert!(s.has_port("Port3") && !s.has_port("Port4"));
    }
}
