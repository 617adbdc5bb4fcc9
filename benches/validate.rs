//! How the cost of validating a whole configuration grows with its custom
//! routes: 10, 100, 1,000 and 10,000 (the most a configuration may hold).
//! Run by `scripts/bench.sh`, or `cargo bench --bench validate`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use edgenet::domain::{
    config::validate,
    model::DeviceProfile,
    model::Route,
    model::{Addressing, Config, StaticAddressing},
};
use std::{hint::black_box, net::Ipv4Addr};

/// Port3 static on 10.0.0.0/24 with `n` distinct /24 routes out of
/// 100.64.0.0/10, all valid: the work is the whole rule set, not an early exit.
fn config_with_routes(n: u32) -> (Config, DeviceProfile) {
    let profile = DeviceProfile::default_appliance();
    let mut c = Config::factory(&profile);
    c.port_mut("Port3").unwrap().addressing = Addressing::Static(StaticAddressing {
        interface: "10.0.0.2/24".parse().unwrap(),
        gateway: Some("10.0.0.1".parse().unwrap()),
        dns_primary: None,
        dns_secondary: None,
    });
    let base = u32::from(Ipv4Addr::new(100, 64, 0, 0));
    c.routes = (0..n)
        .map(|i| Route {
            destination: format!("{}/24", Ipv4Addr::from(base + (i << 8)))
                .parse()
                .unwrap(),
            next_hop: Ipv4Addr::new(10, 0, 0, 1),
            interface: "Port3".into(),
            metric: 100 + i % 50,
        })
        .collect();
    (c, profile)
}

fn routes(c: &mut Criterion) {
    let mut group = c.benchmark_group("validate");
    for n in [10u32, 100, 1_000, 10_000] {
        let (config, profile) = config_with_routes(n);
        let errors = validate(&config, &profile);
        assert!(errors.is_empty(), "{n} routes: {errors:?}");
        group.throughput(Throughput::Elements(u64::from(n)));
        group.bench_with_input(BenchmarkId::from_parameter(n), &config, |b, config| {
            b.iter(|| validate(black_box(config), black_box(&profile)))
        });
    }
    group.finish();
}

criterion_group!(benches, routes);
criterion_main!(benches);
