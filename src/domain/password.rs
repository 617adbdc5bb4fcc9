//! The device password's rules, shared by the server (the authority) and the
//! browser (instant feedback while typing).
//!
//! ```
//! use edgenet::domain::password::{check_new, PasswordProblem};
//!
//! assert_eq!(check_new("Edge-2026", "Edge-2026"), Ok(()));
//! assert_eq!(check_new("short1A", "short1A"), Err(PasswordProblem::TooShort));
//! assert_eq!(check_new("edgedevice", "edgedevice"), Err(PasswordProblem::TooFewKinds { kinds: 1 }));
//! ```

use std::{fmt, str::FromStr};

pub const MIN_LEN: usize = 8;
pub const MAX_LEN: usize = 16;
/// Of upper case, lower case, digits and symbols, how many a password must mix.
pub const MIN_KINDS: usize = 3;

/// Why a password (or a sign-in) was refused. Each has a stable code, so that
/// a plain form post can carry it back to the page in the query string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordProblem {
    Required,
    TooShort,
    TooLong,
    TooFewKinds {
        kinds: usize,
    },
    /// Spaces and control characters are hard to type the same way twice.
    BadCharacter,
    Mismatch,
    SameAsCurrent,
    WrongCurrent,
    WrongPassword,
    Locked {
        seconds: u64,
    },
}

impl PasswordProblem {
    /// The form field the problem belongs beside.
    pub fn field(self) -> &'static str {
        match self {
            Self::WrongCurrent => "current",
            Self::Mismatch => "confirm",
            Self::WrongPassword | Self::Locked { .. } => "password",
            _ => "new",
        }
    }
}

impl PasswordProblem {
    /// The problem as a message, in whichever language the reader uses.
    ///
    /// ```
    /// use edgenet::domain::password::PasswordProblem;
    /// use edgenet::i18n::Lang;
    /// let m = PasswordProblem::Locked { seconds: 30 }.message();
    /// assert!(m.render(Lang::En).ends_with("locked for 30 s."));
    /// assert!(m.render(Lang::Ja).contains("30 秒"));
    /// ```
    pub fn message(self) -> crate::i18n::Message {
        match self {
            Self::Required => crate::msg!("password-required"),
            Self::TooShort => crate::msg!("password-too-short", min = MIN_LEN),
            Self::TooLong => crate::msg!("password-too-long", max = MAX_LEN),
            Self::TooFewKinds { kinds } => {
                crate::msg!("password-too-few-kinds", min = MIN_KINDS, kinds = kinds)
            }
            Self::BadCharacter => crate::msg!("password-bad-character"),
            Self::Mismatch => crate::msg!("password-mismatch"),
            Self::SameAsCurrent => crate::msg!("password-same-as-current"),
            Self::WrongCurrent => crate::msg!("password-wrong-current"),
            Self::WrongPassword => crate::msg!("password-wrong"),
            Self::Locked { seconds } => {
                crate::msg!("password-locked", duration = duration(seconds))
            }
        }
    }
}

/// English, as the API and the logs read it.
impl fmt::Display for PasswordProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.message(), f)
    }
}

/// "30 s" up to a minute and a half, then whole minutes rounded up ("5 min").
fn duration(seconds: u64) -> crate::i18n::Message {
    match seconds {
        0..=90 => crate::msg!("password-duration-seconds", n = seconds),
        s => crate::msg!("password-duration-minutes", n = s.div_ceil(60)),
    }
}

/// The code carried in a query string: `too-short`, `locked-300`...
impl PasswordProblem {
    pub fn code(self) -> String {
        match self {
            Self::Required => "required".into(),
            Self::TooShort => "too-short".into(),
            Self::TooLong => "too-long".into(),
            Self::TooFewKinds { kinds } => format!("kinds-{kinds}"),
            Self::BadCharacter => "bad-character".into(),
            Self::Mismatch => "mismatch".into(),
            Self::SameAsCurrent => "same".into(),
            Self::WrongCurrent => "wrong-current".into(),
            Self::WrongPassword => "wrong".into(),
            Self::Locked { seconds } => format!("locked-{seconds}"),
        }
    }
}

impl FromStr for PasswordProblem {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Ok(match s {
            "required" => Self::Required,
            "too-short" => Self::TooShort,
            "too-long" => Self::TooLong,
            "bad-character" => Self::BadCharacter,
            "mismatch" => Self::Mismatch,
            "same" => Self::SameAsCurrent,
            "wrong-current" => Self::WrongCurrent,
            "wrong" => Self::WrongPassword,
            _ => {
                if let Some(k) = s.strip_prefix("kinds-") {
                    Self::TooFewKinds {
                        kinds: k.parse().map_err(|_| ())?,
                    }
                } else if let Some(t) = s.strip_prefix("locked-") {
                    Self::Locked {
                        seconds: t.parse().map_err(|_| ())?,
                    }
                } else {
                    return Err(());
                }
            }
        })
    }
}

/// How many of the four kinds of character `p` mixes.
pub fn kinds(p: &str) -> usize {
    let has = |f: fn(char) -> bool| p.chars().any(f) as usize;
    has(char::is_uppercase)
        + has(char::is_lowercase)
        + has(|c| c.is_ascii_digit())
        + has(|c| !c.is_alphanumeric() && !c.is_whitespace() && !c.is_control())
}

/// Checks a new password and its confirmation: the first of [`problems`].
/// Length counts characters, not bytes, so "Kubernetes-ノード1" is as long as
/// it looks.
pub fn check_new(new: &str, confirm: &str) -> Result<(), PasswordProblem> {
    problems(new, confirm)
        .into_iter()
        .next()
        .map_or(Ok(()), Err)
}

/// Every problem with a new password and its confirmation, at most one for
/// each field, in the form's order: the new password's first broken rule
/// (empty, a space or control character, length, kinds), then
/// [`PasswordProblem::Mismatch`] when the confirmation differs. A form shows
/// them all at once.
///
/// ```
/// use edgenet::domain::password::{problems, PasswordProblem::*};
/// assert_eq!(problems("short", "shrt"), [TooShort, Mismatch]);
/// assert_eq!(problems("Edge-2026", "Edge-2026"), []);
/// ```
pub fn problems(new: &str, confirm: &str) -> Vec<PasswordProblem> {
    let mut out: Vec<_> = rule(new).err().into_iter().collect();
    if new != confirm {
        out.push(PasswordProblem::Mismatch);
    }
    out
}

/// The new password's first broken rule.
fn rule(new: &str) -> Result<(), PasswordProblem> {
    let len = new.chars().count();
    if len == 0 {
        return Err(PasswordProblem::Required);
    }
    if new.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(PasswordProblem::BadCharacter);
    }
    if len < MIN_LEN {
        return Err(PasswordProblem::TooShort);
    }
    if len > MAX_LEN {
        return Err(PasswordProblem::TooLong);
    }
    let k = kinds(new);
    if k < MIN_KINDS {
        return Err(PasswordProblem::TooFewKinds { kinds: k });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn rules() {
        use PasswordProblem::*;
        let cases: &[(&str, Result<(), PasswordProblem>)] = &[
            ("", Err(Required)),
            ("Ab1-xyz", Err(TooShort)),
            ("Ab1-xyzw", Ok(())),
            ("Ab1-xyzwAb1-xyzw", Ok(())),
            ("Ab1-xyzwAb1-xyzwX", Err(TooLong)),
            ("abcdefgh", Err(TooFewKinds { kinds: 1 })),
            ("abcdEFGH", Err(TooFewKinds { kinds: 2 })),
            ("abcdEF12", Ok(())),
            ("abcd-123", Ok(())),
            ("ABCD-123", Ok(())),
            ("abcd EF12", Err(BadCharacter)),
            ("abcd\tEF12", Err(BadCharacter)),
            ("ノAb1-xy", Err(TooShort)),
            ("ノードAb1-xyz", Ok(())),
        ];
        for (p, want) in cases {
            assert_eq!(check_new(p, p), *want, "{p:?}");
        }
        assert_eq!(check_new("abcdEF12", "abcdEF13"), Err(Mismatch));
    }

    /// #29: one problem for each field, all at once.
    #[test]
    fn every_field_gets_its_problem() {
        use PasswordProblem::*;
        let cases: &[(&str, &str, &[PasswordProblem])] = &[
            ("short1A", "other", &[TooShort, Mismatch]),
            (
                "abcdefgh",
                "abcdefgi",
                &[TooFewKinds { kinds: 1 }, Mismatch],
            ),
            ("Ab1-xyzwAb1-xyzwX", "", &[TooLong, Mismatch]),
            ("", "x", &[Required, Mismatch]),
            ("", "", &[Required]),
            ("short1A", "short1A", &[TooShort]),
            ("abcdEF12", "abcdEF13", &[Mismatch]),
            ("abcdEF12", "abcdEF12", &[]),
        ];
        for (new, confirm, want) in cases {
            assert_eq!(problems(new, confirm), *want, "{new:?} / {confirm:?}");
            assert_eq!(
                check_new(new, confirm),
                want.first().map_or(Ok(()), |p| Err(*p))
            );
        }
    }

    #[test]
    fn every_problem_has_a_field_and_a_sentence() {
        for p in [
            PasswordProblem::TooShort,
            PasswordProblem::Mismatch,
            PasswordProblem::WrongCurrent,
            PasswordProblem::Locked { seconds: 300 },
        ] {
            assert!(["new", "confirm", "current", "password"].contains(&p.field()));
            assert!(p.to_string().ends_with('.'));
        }
        assert_eq!(
            PasswordProblem::Locked { seconds: 300 }.to_string(),
            "Too many wrong passwords from this address: sign-in is locked for 5 min."
        );
    }

    #[test]
    fn english_reads_as_before() {
        use PasswordProblem::*;
        for (p, want) in [
            (Required, "Enter a password."),
            (TooShort, "Use at least 8 characters."),
            (TooLong, "Use at most 16 characters."),
            (
                TooFewKinds { kinds: 2 },
                "Mix at least 3 of: upper case, lower case, digits, symbols (this has 2).",
            ),
            (
                BadCharacter,
                "Use letters, digits and symbols only: no spaces or control characters.",
            ),
            (Mismatch, "The two new passwords differ."),
            (
                SameAsCurrent,
                "Choose a password different from the current one.",
            ),
            (WrongCurrent, "The current password is wrong."),
            (WrongPassword, "Wrong password."),
            (
                Locked { seconds: 90 },
                "Too many wrong passwords from this address: sign-in is locked for 90 s.",
            ),
            (
                Locked { seconds: 91 },
                "Too many wrong passwords from this address: sign-in is locked for 2 min.",
            ),
            (
                Locked { seconds: 6000 },
                "Too many wrong passwords from this address: sign-in is locked for 100 min.",
            ),
        ] {
            assert_eq!(p.to_string(), want);
            let ja = p.message().render(crate::i18n::Lang::Ja);
            assert!(ja.ends_with('。'), "{ja}");
        }
    }

    proptest! {
        #[test]
        fn codes_round_trip(kinds in 0usize..5, seconds in 0u64..100_000, pick in 0usize..10) {
            use PasswordProblem::*;
            let all = [Required, TooShort, TooLong, TooFewKinds { kinds }, BadCharacter, Mismatch,
                       SameAsCurrent, WrongCurrent, WrongPassword, Locked { seconds }];
            let p = all[pick];
            prop_assert_eq!(p.code().parse::<PasswordProblem>(), Ok(p));
        }

        #[test]
        fn accepted_passwords_meet_every_rule(p in "[ -~]{0,20}") {
            if check_new(&p, &p).is_ok() {
                let n = p.chars().count();
                prop_assert!((MIN_LEN..=MAX_LEN).contains(&n));
                prop_assert!(kinds(&p) >= MIN_KINDS);
                prop_assert!(!p.contains(' '));
            }
        }
    }
}
