//! The upload token: read once from the file given to `--token-file`, then compared with each
//! request's `Authorization: Bearer …` in constant time.
//!
//! Both sides are hashed (SHA-256) and the digests compared byte by byte without an early exit,
//! so neither the time taken nor the token's length tells a guesser how close they came.

use std::path::Path;

use axum::http::HeaderMap;
use axum::http::header::AUTHORIZATION;
use sha2::{Digest, Sha256};

use crate::WebError;

/// A secret that allows uploads and deletes.
pub struct Token {
    digest: [u8; 32],
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(…)")
    }
}

impl Token {
    /// The token in `path`: its content without surrounding whitespace, which must not be
    /// empty.
    pub fn from_file(path: &Path) -> Result<Token, WebError> {
        let bytes = std::fs::read(path).map_err(WebError::TokenFile)?;
        let text = String::from_utf8(bytes).map_err(|_| WebError::TokenNotText)?;
        Token::new(&text)
    }

    /// A token from its text (surrounding whitespace ignored); refused when empty.
    pub fn new(secret: &str) -> Result<Token, WebError> {
        let secret = secret.trim();
        if secret.is_empty() {
            return Err(WebError::TokenEmpty);
        }
        Ok(Token {
            digest: Sha256::digest(secret.as_bytes()).into(),
        })
    }

    /// Whether `headers` carry `Authorization: Bearer <this token>`.
    pub fn allows(&self, headers: &HeaderMap) -> bool {
        let Some(value) = headers.get(AUTHORIZATION) else {
            return false;
        };
        let value = value.as_bytes();
        let Some((scheme, presented)) = value
            .iter()
            .position(|b| *b == b' ')
            .map(|i| value.split_at(i))
        else {
            return false;
        };
        if !scheme.eq_ignore_ascii_case(b"bearer") {
            return false;
        }
        let presented = presented.trim_ascii();
        let digest: [u8; 32] = Sha256::digest(presented).into();
        same(&digest, &self.digest)
    }
}

/// Constant-time equality of two digests.
fn same(a: &[u8; 32], b: &[u8; 32]) -> bool {
    let diff = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    std::hint::black_box(diff) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn with_auth(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(AUTHORIZATION, HeaderValue::from_str(value).unwrap());
        h
    }

    #[test]
    fn only_the_exact_bearer_token_is_allowed() {
        let t = Token::new("  s3cret-token\n").unwrap();
        assert!(t.allows(&with_auth("Bearer s3cret-token")));
        assert!(t.allows(&with_auth("bearer s3cret-token")));
        assert!(!t.allows(&with_auth("Bearer s3cret-toke")));
        assert!(!t.allows(&with_auth("Bearer s3cret-token2")));
        assert!(!t.allows(&with_auth("Basic s3cret-token")));
        assert!(!t.allows(&with_auth("s3cret-token")));
        assert!(!t.allows(&with_auth("Bearer ")));
        assert!(!t.allows(&HeaderMap::new()));
    }

    #[test]
    fn token_files_must_hold_a_token() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty");
        std::fs::write(&empty, " \n").unwrap();
        assert!(matches!(
            Token::from_file(&empty),
            Err(WebError::TokenEmpty)
        ));
        assert!(matches!(
            Token::from_file(&dir.path().join("missing")),
            Err(WebError::TokenFile(_))
        ));
        let good = dir.path().join("token");
        std::fs::write(&good, "abc\n").unwrap();
        assert!(
            Token::from_file(&good)
                .unwrap()
                .allows(&with_auth("Bearer abc"))
        );
        assert_eq!(format!("{:?}", Token::new("abc").unwrap()), "Token(…)");
    }
}
