//! HTTPS: the administrator's certificate when `Leptos.toml` names one, else a
//! self-signed certificate made on first start for the device's name and
//! addresses and kept in the data directory.

use std::{
    net::IpAddr,
    path::{Path, PathBuf},
};

use crate::server::storage::files::write_atomic_mode;

/// How the server speaks to browsers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tls {
    /// Plain HTTP: only when configured explicitly (tests, a TLS-terminating proxy).
    Off,
    /// A certificate made by the device itself (the default).
    SelfSigned,
    /// The administrator's certificate chain and private key (PEM files).
    Files { cert: PathBuf, key: PathBuf },
}

/// Where the certificate and key to serve are: made now if need be.
pub fn certificate(
    tls: &Tls,
    data_dir: &Path,
    device_name: &str,
    listen: IpAddr,
) -> Result<Option<(PathBuf, PathBuf)>, String> {
    match tls {
        Tls::Off => Ok(None),
        Tls::Files { cert, key } => {
            for p in [cert, key] {
                if !p.is_file() {
                    return Err(format!("TLS file {} does not exist", p.display()));
                }
            }
            Ok(Some((cert.clone(), key.clone())))
        }
        Tls::SelfSigned => {
            let dir = data_dir.join("tls");
            let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
            if !(cert.is_file() && key.is_file()) {
                std::fs::create_dir_all(&dir)
                    .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
                let names = subject_names(device_name, listen);
                let (c, k) = self_signed(device_name, &names)?;
                write_atomic_mode(&key, k.as_bytes(), 0o600)
                    .map_err(|e| format!("writing {}: {e}", key.display()))?;
                write_atomic_mode(&cert, c.as_bytes(), 0o644)
                    .map_err(|e| format!("writing {}: {e}", cert.display()))?;
                tracing::info!(names = %names.join(", "), path = %cert.display(), "made a self-signed TLS certificate");
            }
            Ok(Some((cert, key)))
        }
    }
}

/// The names a browser may use to reach the device: its name (when it is a
/// valid host name), localhost, the address it listens on, and every address
/// of its interfaces.
pub fn subject_names(device_name: &str, listen: IpAddr) -> Vec<String> {
    let mut names = Vec::new();
    let host_name = !device_name.is_empty()
        && device_name.len() <= 63
        && device_name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !device_name.starts_with('-');
    if host_name {
        names.push(device_name.to_ascii_lowercase());
    }
    names.push("localhost".into());
    let mut ips: Vec<IpAddr> = vec!["127.0.0.1".parse().unwrap(), "::1".parse().unwrap()];
    if !listen.is_unspecified() {
        ips.push(listen);
    }
    ips.extend(interface_addresses());
    for ip in ips {
        let s = ip.to_string();
        if !names.contains(&s) {
            names.push(s);
        }
    }
    names
}

fn self_signed(device_name: &str, names: &[String]) -> Result<(String, String), String> {
    let err = |e: rcgen::Error| format!("making the TLS certificate: {e}");
    let mut params = rcgen::CertificateParams::new(names.to_vec()).map_err(err)?;
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, device_name);
    params
        .distinguished_name
        .push(rcgen::DnType::OrganizationName, "edgenet");
    let year = 1970
        + (std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0)
            / 31_556_952) as i32;
    params.not_before = rcgen::date_time_ymd(year - 1, 1, 1);
    params.not_after = rcgen::date_time_ymd(year + 10, 1, 1);
    let key = rcgen::KeyPair::generate().map_err(err)?;
    let cert = params.self_signed(&key).map_err(err)?;
    Ok((cert.pem(), key.serialize_pem()))
}

/// The addresses of this host's interfaces (link-local ones left out: a
/// browser cannot use them in a URL without a zone).
fn interface_addresses() -> Vec<IpAddr> {
    let mut out = Vec::new();
    let mut head: *mut libc::ifaddrs = std::ptr::null_mut();
    // SAFETY: getifaddrs fills `head` with a list that freeifaddrs releases;
    // every pointer read below comes from that list and is checked for null.
    unsafe {
        if libc::getifaddrs(&mut head) != 0 {
            return out;
        }
        let mut cur = head;
        while !cur.is_null() {
            let sa = (*cur).ifa_addr;
            if !sa.is_null() {
                match (*sa).sa_family as i32 {
                    libc::AF_INET => {
                        let a = &*(sa as *const libc::sockaddr_in);
                        out.push(IpAddr::from(u32::from_be(a.sin_addr.s_addr).to_be_bytes()));
                    }
                    libc::AF_INET6 => {
                        let a = &*(sa as *const libc::sockaddr_in6);
                        let ip = std::net::Ipv6Addr::from(a.sin6_addr.s6_addr);
                        if ip.segments()[0] & 0xffc0 != 0xfe80 {
                            out.push(IpAddr::V6(ip));
                        }
                    }
                    _ => {}
                }
            }
            cur = (*cur).ifa_next;
        }
        libc::freeifaddrs(head);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_cover_the_device_and_loopback() {
        let n = subject_names("EDGE-01", "10.0.0.5".parse().unwrap());
        assert_eq!(n[0], "edge-01");
        for want in ["localhost", "127.0.0.1", "::1", "10.0.0.5"] {
            assert!(n.iter().any(|x| x == want), "{want} in {n:?}");
        }
        let n = subject_names("my device", "0.0.0.0".parse().unwrap());
        assert_eq!(n[0], "localhost");
        assert!(!n.iter().any(|x| x == "0.0.0.0"));
    }

    #[test]
    fn self_signed_pem() {
        let (c, k) = self_signed("EDGE-01", &["edge-01".into(), "127.0.0.1".into()]).unwrap();
        assert!(c.starts_with("-----BEGIN CERTIFICATE-----"));
        assert!(k.contains("PRIVATE KEY"));
    }
}
