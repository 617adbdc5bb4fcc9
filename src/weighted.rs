//! HTTP's weighted lists, as in `Accept-Language` and `Accept-Encoding`:
//! comma-separated items, each with an optional weight `;q=0.5` (RFC 9110,
//! section 12.4.2, "Quality Values").

/// Each item of `list` with its weight in thousandths (`1000` when none is
/// given; `q=0` is `0`, "not this one"). The parameter name is matched
/// without regard to case, as the RFC says; an item whose weight is not a
/// number from 0 to 1 is left out.
///
/// ```
/// use edgenet::weighted::items;
/// let got: Vec<_> = items("ja-JP, en;q=0.5, br;Q=0, x;q=2").collect();
/// assert_eq!(got, [("ja-JP", 1000), ("en", 500), ("br", 0)]);
/// ```
pub fn items(list: &str) -> impl Iterator<Item = (&str, u16)> {
    list.split(',').filter_map(|item| {
        let mut parts = item.split(';').map(str::trim);
        let name = parts.next().unwrap_or_default();
        let weight = parts
            .find_map(|p| p.strip_prefix("q=").or_else(|| p.strip_prefix("Q=")))
            .map_or(Some(1000), thousandths)?;
        Some((name, weight))
    })
}

/// A weight `0.000`-`1.000` in thousandths; anything else is `None`.
fn thousandths(q: &str) -> Option<u16> {
    let v: f32 = q.trim().parse().ok()?;
    (0.0..=1.0)
        .contains(&v)
        .then(|| (v * 1000.0).round() as u16)
}

#[cfg(test)]
mod tests {
    use super::items;

    #[test]
    fn reads_each_item_with_its_weight() {
        for (list, want) in [
            ("", vec![("", 1000)]),
            ("br", vec![("br", 1000)]),
            (
                "gzip, deflate, br, zstd",
                vec![
                    ("gzip", 1000),
                    ("deflate", 1000),
                    ("br", 1000),
                    ("zstd", 1000),
                ],
            ),
            ("br;q=0, gzip", vec![("br", 0), ("gzip", 1000)]),
            ("br; Q=0.25", vec![("br", 250)]),
            ("ja;q=0.9;level=1", vec![("ja", 900)]),
            ("br;q=1.000", vec![("br", 1000)]),
            ("br;q=2, gzip;q=-1, x;q=abc, en", vec![("en", 1000)]),
        ] {
            assert_eq!(items(list).collect::<Vec<_>>(), want, "{list:?}");
        }
    }
}
