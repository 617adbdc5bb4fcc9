//! Who may change the device: the password (an Argon2 hash on disk), the
//! sessions signed in with it (in memory: a restart signs everyone out), and
//! the throttle that slows down and then locks out guessing.

pub mod access;

use std::{
    collections::HashMap,
    net::IpAddr,
    path::{Path, PathBuf},
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, Mutex, MutexGuard,
    },
    time::{Duration, Instant},
};

use argon2::{
    password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Argon2,
};
use serde::{Deserialize, Serialize};

use crate::domain::password::{problems, PasswordProblem};
use crate::server::storage::files::write_atomic_mode;

/// Sessions kept at most; the least recently used goes first. A device UI has
/// a handful of administrators, so this only bounds memory against scripts.
const MAX_SESSIONS: usize = 64;
/// Failures older than this are forgotten.
const FAILURE_WINDOW: Duration = Duration::from_secs(15 * 60);
/// Client addresses tracked at most by the throttle.
const MAX_TRACKED: usize = 10_000;

/// How sign-in and sessions behave; from `[edgenet]` in `Leptos.toml`.
#[derive(Clone, Debug)]
pub struct Policy {
    /// A session unused this long is signed out.
    pub idle: Duration,
    /// Wrong passwords in a row from one address before it is locked out.
    pub attempts: u32,
    pub lockout: Duration,
    /// Cookies are `Secure` (and `__Host-` prefixed) when served over HTTPS.
    pub secure: bool,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            idle: Duration::from_secs(15 * 60),
            attempts: 5,
            lockout: Duration::from_secs(5 * 60),
            secure: true,
        }
    }
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct PasswordFile {
    /// PHC string: `$argon2id$v=19$m=...`.
    password_hash: String,
    /// The initial password is still in use.
    must_change: bool,
}

/// What a request signed in with: the guard puts it in the request's extensions.
#[derive(Clone, Debug)]
pub struct SessionInfo {
    pub id: String,
    pub csrf: String,
    pub must_change: bool,
}

struct Session {
    csrf: String,
    must_change: bool,
    last_seen: Instant,
}

#[derive(Default)]
struct Failures {
    count: u32,
    last: Option<Instant>,
    locked_until: Option<Instant>,
}

pub struct Auth {
    path: PathBuf,
    policy: Policy,
    password: Mutex<PasswordFile>,
    sessions: Mutex<HashMap<String, Session>>,
    failures: Mutex<HashMap<IpAddr, Failures>>,
    /// Bumped by every password change, so that a sign-in checked against the
    /// old password cannot complete after the change.
    version: AtomicU64,
    /// Password hashes computed at once, at most.
    hashing: tokio::sync::Semaphore,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // Every critical section replaces whole values: a poisoned lock is still consistent.
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// 32 random bytes as hex: session ids and CSRF tokens.
pub fn random_token() -> String {
    let mut b = [0u8; 32];
    getrandom::fill(&mut b).expect("the operating system's random source");
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// An initial password that meets the rules and is easy to read off a log:
/// no 0/O, 1/l/I.
fn generated_password() -> String {
    const LOWER: &[u8] = b"abcdefghijkmnpqrstuvwxyz";
    const UPPER: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";
    const DIGIT: &[u8] = b"23456789";
    let mut b = [0u8; 12];
    getrandom::fill(&mut b).expect("the operating system's random source");
    let pick = |set: &[u8], x: u8| set[x as usize % set.len()] as char;
    // Four groups of three, joined by '-': "Kx7-mPq-4Rt-w9E".
    (0..4)
        .map(|g| {
            let i = g * 3;
            [
                pick(UPPER, b[i]),
                pick(LOWER, b[i + 1]),
                pick(DIGIT, b[i + 2]),
            ]
            .iter()
            .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("-")
}

fn hash(password: &str) -> Result<String, String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| format!("random source: {e}"))?;
    let salt = SaltString::encode_b64(&bytes).map_err(|e| format!("salt: {e}"))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| format!("hashing the password: {e}"))
}

fn verify(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A refused sign-in or password check: why, and whether this very attempt
/// locked its address out (for the audit trail, which records the lock-out once).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    pub problem: PasswordProblem,
    /// The problems of the other fields, found at the same time (a password
    /// change with a short new password and a confirmation that differs).
    pub more: Vec<PasswordProblem>,
    pub locked_out_now: bool,
}

impl Refused {
    /// Every problem, the first one first.
    pub fn all(&self) -> impl Iterator<Item = PasswordProblem> + '_ {
        std::iter::once(self.problem).chain(self.more.iter().copied())
    }
}

impl From<PasswordProblem> for Refused {
    fn from(problem: PasswordProblem) -> Self {
        Refused {
            problem,
            more: Vec::new(),
            locked_out_now: false,
        }
    }
}

/// The answer to a sign-in.
pub struct SignedIn {
    pub id: String,
    pub csrf: String,
    pub must_change: bool,
}

impl Auth {
    /// Opens `auth.toml` in `dir`, creating it from `initial` (or a generated
    /// password, logged once) on first start.
    pub fn open(dir: &Path, initial: Option<&str>, policy: Policy) -> Result<Auth, String> {
        let path = dir.join("auth.toml");
        let file = match std::fs::read_to_string(&path) {
            Ok(text) => toml::from_str::<PasswordFile>(&text)
                .map_err(|e| format!("{}: {}", path.display(), e.message()))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let (password, generated) = match initial {
                    Some(p) => (p.to_string(), false),
                    None => (generated_password(), true),
                };
                let file = PasswordFile {
                    password_hash: hash(&password)?,
                    must_change: true,
                };
                write_secret(&path, &file)?;
                if generated {
                    tracing::warn!(
                        "initial password (shown only now; change it at first sign-in): {password}"
                    );
                } else {
                    tracing::info!("initial password set from the configuration; it must be changed at first sign-in");
                }
                file
            }
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        };
        Ok(Auth {
            path,
            policy,
            password: Mutex::new(file),
            sessions: Mutex::new(HashMap::new()),
            failures: Mutex::new(HashMap::new()),
            version: AtomicU64::new(0),
            hashing: tokio::sync::Semaphore::new(2),
        })
    }

    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Counts an attempt from `client` before its password is checked, so
    /// that guesses sent in parallel are counted too; refuses it when the
    /// address is locked out or has no attempts left.
    fn begin(&self, client: IpAddr, now: Instant) -> Result<(), PasswordProblem> {
        let mut all = lock(&self.failures);
        if all.len() >= MAX_TRACKED {
            all.retain(|_, f| {
                f.last.is_some_and(|t| now - t < FAILURE_WINDOW)
                    || f.locked_until.is_some_and(|t| t > now)
            });
        }
        let f = all.entry(client).or_default();
        match f.locked_until {
            Some(until) if until > now => {
                return Err(PasswordProblem::Locked {
                    seconds: (until - now).as_secs_f64().ceil() as u64,
                })
            }
            Some(_) => *f = Failures::default(),
            None => {}
        }
        if f.last.is_some_and(|t| now - t > FAILURE_WINDOW) {
            f.count = 0;
        }
        if f.count >= self.policy.attempts {
            // Attempts still being checked have used up what was left.
            return Err(PasswordProblem::Locked {
                seconds: self.policy.lockout.as_secs(),
            });
        }
        f.count += 1;
        f.last = Some(now);
        Ok(())
    }

    /// A wrong password (already counted by [`Auth::begin`]): locks the
    /// address out after the last attempt; returns how long to hold the answer back.
    fn fail(&self, client: IpAddr, now: Instant) -> Result<Duration, Refused> {
        let mut all = lock(&self.failures);
        let f = all.entry(client).or_default();
        if f.count >= self.policy.attempts {
            let locked_out_now = f.locked_until.is_none_or(|t| t <= now);
            if locked_out_now {
                f.locked_until = Some(now + self.policy.lockout);
                tracing::warn!(%client, attempts = f.count, seconds = self.policy.lockout.as_secs(), "sign-in locked out after repeated wrong passwords");
            }
            return Err(Refused {
                problem: PasswordProblem::Locked {
                    seconds: self.policy.lockout.as_secs(),
                },
                more: Vec::new(),
                locked_out_now,
            });
        }
        tracing::info!(%client, attempts = f.count, "wrong password");
        // Two free mistakes, then each further one waits twice as long.
        Ok(match f.count {
            0..=2 => Duration::ZERO,
            n => Duration::from_millis(250 << (n - 3).min(3)),
        })
    }

    fn succeed(&self, client: IpAddr) {
        lock(&self.failures).remove(&client);
    }

    /// Checks `password` unless `client` is locked out. Hashing runs on a
    /// blocking thread, a few at a time (each takes ~19 MiB): a flood of
    /// sign-ins queues instead of exhausting the appliance's memory.
    /// Returns the password version it was checked against.
    async fn check(self: &Arc<Self>, client: IpAddr, password: String) -> Result<u64, Refused> {
        self.begin(client, Instant::now())?;
        let (phc, version) = {
            let p = lock(&self.password);
            (p.password_hash.clone(), self.version.load(Ordering::SeqCst))
        };
        let ok = match self.hashing.acquire().await {
            Ok(_permit) => tokio::task::spawn_blocking(move || verify(&password, &phc))
                .await
                .unwrap_or(false),
            Err(_) => false,
        };
        if ok {
            self.succeed(client);
            return Ok(version);
        }
        let delay = self.fail(client, Instant::now())?;
        tokio::time::sleep(delay).await;
        Err(PasswordProblem::WrongPassword.into())
    }

    pub async fn sign_in(
        self: &Arc<Self>,
        client: IpAddr,
        password: String,
    ) -> Result<SignedIn, Refused> {
        if password.is_empty() {
            return Err(PasswordProblem::Required.into());
        }
        let version = self.check(client, password).await?;
        let must_change = lock(&self.password).must_change;
        let id = random_token();
        let csrf = random_token();
        let mut sessions = lock(&self.sessions);
        // The password was changed while this one was being checked: it was the old one.
        if self.version.load(Ordering::SeqCst) != version {
            return Err(PasswordProblem::WrongPassword.into());
        }
        if sessions.len() >= MAX_SESSIONS {
            if let Some(oldest) = sessions
                .iter()
                .min_by_key(|(_, s)| s.last_seen)
                .map(|(k, _)| k.clone())
            {
                sessions.remove(&oldest);
            }
        }
        sessions.insert(
            id.clone(),
            Session {
                csrf: csrf.clone(),
                must_change,
                last_seen: Instant::now(),
            },
        );
        tracing::info!(%client, "signed in");
        Ok(SignedIn {
            id,
            csrf,
            must_change,
        })
    }

    /// The live session with this id, which counts as a use of it.
    pub fn session(&self, id: &str) -> Option<SessionInfo> {
        let now = Instant::now();
        let mut sessions = lock(&self.sessions);
        let s = sessions.get_mut(id)?;
        if now - s.last_seen > self.policy.idle {
            sessions.remove(id);
            return None;
        }
        s.last_seen = now;
        Some(SessionInfo {
            id: id.to_string(),
            csrf: s.csrf.clone(),
            must_change: s.must_change,
        })
    }

    pub fn sign_out(&self, id: &str) {
        lock(&self.sessions).remove(id);
    }

    /// Replaces the password; every other session is signed out.
    pub async fn change_password(
        self: &Arc<Self>,
        client: IpAddr,
        session: &str,
        current: String,
        new: String,
        confirm: String,
    ) -> Result<(), Refused> {
        // Every field's problem at once, in the form's order.
        let mut found = Vec::new();
        if current.is_empty() {
            found.push(PasswordProblem::WrongCurrent);
        }
        let of_new = problems(&new, &confirm);
        if !of_new.iter().any(|p| p.field() == "new") && new == current {
            found.push(PasswordProblem::SameAsCurrent);
        }
        found.extend(of_new);
        if let Some((&problem, more)) = found.split_first() {
            return Err(Refused {
                problem,
                more: more.to_vec(),
                locked_out_now: false,
            });
        }
        self.check(client, current)
            .await
            .map_err(|e| match e.problem {
                PasswordProblem::WrongPassword => PasswordProblem::WrongCurrent.into(),
                _ => e,
            })?;
        let phc = tokio::task::spawn_blocking(move || hash(&new))
            .await
            .map_err(|_| PasswordProblem::Required)?
            .map_err(|e| {
                tracing::error!("{e}");
                PasswordProblem::Required
            })?;
        let file = PasswordFile {
            password_hash: phc,
            must_change: false,
        };
        if let Err(e) = write_secret(&self.path, &file) {
            tracing::error!("{e}");
            return Err(PasswordProblem::Required.into());
        }
        *lock(&self.password) = file;
        self.version.fetch_add(1, Ordering::SeqCst);
        let mut sessions = lock(&self.sessions);
        sessions.retain(|id, _| id == session);
        if let Some(s) = sessions.get_mut(session) {
            s.must_change = false;
        }
        tracing::info!(%client, "password changed; other sessions signed out");
        Ok(())
    }

    /// The session cookie's name: `__Host-` binds it to this origin over HTTPS.
    pub fn cookie_name(&self) -> &'static str {
        if self.policy.secure {
            "__Host-edgenet"
        } else {
            "edgenet"
        }
    }

    pub fn set_cookie(&self, id: &str) -> String {
        format!(
            "{}={id}; Path=/; HttpOnly; SameSite=Strict{}",
            self.cookie_name(),
            if self.policy.secure { "; Secure" } else { "" }
        )
    }

    pub fn clear_cookie(&self) -> String {
        format!(
            "{}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{}",
            self.cookie_name(),
            if self.policy.secure { "; Secure" } else { "" }
        )
    }
}

/// Writes the password file readable by its owner only.
fn write_secret(path: &Path, file: &PasswordFile) -> Result<(), String> {
    let text = toml::to_string(file).map_err(|e| e.to_string())?;
    write_atomic_mode(path, text.as_bytes(), 0o600)
        .map_err(|e| format!("writing {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::password::check_new;

    #[test]
    fn generated_passwords_meet_the_rules() {
        for _ in 0..50 {
            let p = generated_password();
            assert_eq!(check_new(&p, &p), Ok(()), "{p}");
        }
    }

    #[test]
    fn hashes_verify_only_their_password() {
        let h = hash("Edge-2026").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("Edge-2026", &h));
        assert!(!verify("Edge-2027", &h));
        assert!(!verify("Edge-2026", "not a hash"));
    }
}
