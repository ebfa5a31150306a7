//! The key that signs a deployment or a keepalive: a plaintext key file
//! (64 hex digits), or an encrypted JSON keystore (Web3 Secret Storage, as
//! `cast wallet new` and geth make) whose password comes from a file or a
//! prompt on the terminal. The key and the password never appear in a
//! message.
use std::{
    fs,
    io::IsTerminal,
    path::{Path, PathBuf},
};

use alloy_signer_local::PrivateKeySigner;
use anyhow::{ensure, Context, Result};

/// Where the signing key comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeySource {
    /// A file holding the private key in hex.
    File(PathBuf),
    /// An encrypted JSON keystore, and the file holding its password (none:
    /// ask on the terminal).
    Keystore {
        /// The keystore.
        path: PathBuf,
        /// The password's file.
        password_file: Option<PathBuf>,
    },
}

impl KeySource {
    /// The signer.
    ///
    /// # Errors
    ///
    /// When the key cannot be read or decrypted, or a password is needed
    /// and there is no terminal to ask on.
    pub fn load(&self) -> Result<PrivateKeySigner> {
        match self {
            Self::File(path) => read_key(path),
            Self::Keystore {
                path,
                password_file,
            } => {
                let password = match password_file {
                    Some(file) => {
                        warn_if_readable(file);
                        let text = fs::read_to_string(file).with_context(|| {
                            format!("reading the password file {}", file.display())
                        })?;
                        text.trim_end_matches(['\n', '\r']).to_string()
                    }
                    None => {
                        ensure!(
                            std::io::stdin().is_terminal(),
                            "{}: no terminal to ask its password on; pass --password-file <file>",
                            path.display()
                        );
                        rpassword::prompt_password(format!(
                            "password of the keystore {}: ",
                            path.display()
                        ))
                        .context("reading the password")?
                    }
                };
                PrivateKeySigner::decrypt_keystore(path, password).map_err(|_| {
                    anyhow::anyhow!("{}: not a keystore, or the wrong password", path.display())
                })
            }
        }
    }
}

/// Warns when others may read `path`.
fn warn_if_readable(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if fs::metadata(path).is_ok_and(|meta| meta.permissions().mode() & 0o077 != 0) {
            eprintln!(
                "warning: {} is readable by other users (chmod 600 it)",
                path.display()
            );
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// The signer whose private key (64 hex digits, `0x` optional) is in
/// `path`. The key never appears in a message.
///
/// # Errors
///
/// When the file cannot be read or holds no valid key.
pub fn read_key(path: &Path) -> Result<PrivateKeySigner> {
    let text = fs::read_to_string(path)
        .with_context(|| format!("reading the private key file {}", path.display()))?;
    warn_if_readable(path);
    let hex = text.trim();
    let hex = hex.strip_prefix("0x").unwrap_or(hex);
    ensure!(
        hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit()),
        "{}: not a private key (64 hex digits expected)",
        path.display()
    );
    hex.parse()
        .map_err(|_| anyhow::anyhow!("{}: not a valid secp256k1 key", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_keystore_decrypts_with_its_password_and_only_with_it() {
        let dir = std::env::temp_dir().join(format!("suite-keystore-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let mut rng = <rand::rngs::StdRng as rand::SeedableRng>::seed_from_u64(7);
        let (signer, _) =
            PrivateKeySigner::new_keystore(&dir, &mut rng, "correct horse", Some("deployer"))
                .unwrap();
        let password = dir.join("password");
        fs::write(&password, "correct horse\n").unwrap();
        let source = KeySource::Keystore {
            path: dir.join("deployer"),
            password_file: Some(password.clone()),
        };
        assert_eq!(source.load().unwrap().address(), signer.address());

        fs::write(&password, "wrong").unwrap();
        let err = source.load().unwrap_err().to_string();
        assert!(
            err.contains("not a keystore, or the wrong password"),
            "{err}"
        );
        assert!(
            !err.contains("wrong\""),
            "the password is never shown: {err}"
        );

        let not_a_keystore = KeySource::Keystore {
            path: password,
            password_file: Some(dir.join("password")),
        };
        assert!(not_a_keystore.load().is_err());
        let _ = fs::remove_dir_all(&dir);
    }
}
