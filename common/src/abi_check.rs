//! Test support: proves a contract's exported Solidity interface matches
//! T-REX v4.1.6 as listed in `reference/erc3643-interfaces.txt` (a copy of
//! `shared/reference/`, kept in the repository so that the tests run from
//! any checkout).
//!
//! The exported interface is the golden file the check command keeps equal
//! to the contract's `export-abi` output, so together they prove that the
//! deployed contract answers every reference selector with the reference's
//! argument and return types.
use std::{string::String, vec::Vec};

use alloy_primitives::{hex, keccak256, B256};

/// The reference list of T-REX v4.1.6 signatures.
pub const REFERENCE: &str = include_str!("../../reference/erc3643-interfaces.txt");

/// The other standards' signatures the suite matches (Ownable2Step,
/// ERC-1643, ArbWasm, ...), a copy of `shared/reference/`.
pub const OTHER_STANDARDS: &str = include_str!("../../reference/other-standards.txt");

/// The `(signature, selector or topic0)` pairs of the `kind` lines
/// (`function`, `event`, `error`) of `section` in
/// [`OTHER_STANDARDS`], each checked against its signature.
///
/// # Panics
///
/// When the section is missing or states a wrong selector or topic.
#[must_use]
pub fn other_standard(section: &str, kind: &str) -> Vec<(String, Vec<u8>)> {
    let mut inside = false;
    let prefix = format!("{kind} ");
    let entries: Vec<(String, Vec<u8>)> = OTHER_STANDARDS
        .lines()
        .filter(|line| {
            if let Some(title) = line.strip_prefix("## ") {
                inside = title.starts_with(section);
                return false;
            }
            inside
        })
        .filter_map(|line| line.strip_prefix(prefix.as_str()))
        .map(|rest| {
            let mut parts = rest.split_whitespace();
            let signature = parts.next().expect("signature").to_string();
            let (_, value) = parts
                .next()
                .and_then(|p| p.split_once("=0x"))
                .expect("selector or topic0");
            let value = hex::decode(value).expect("hex");
            let hash = keccak256(signature.as_bytes());
            assert_eq!(&hash[..value.len()], &value[..], "{signature}");
            (signature, value)
        })
        .collect();
    assert!(!entries.is_empty(), "no {kind} in {section}");
    entries
}

/// Asserts that `solidity` exports every function of the `section` of
/// [`OTHER_STANDARDS`] (for example `Ownable2Step`) by its exact
/// signature.
///
/// # Panics
///
/// Listing every missing function.
pub fn assert_exports_other_standard(solidity: &str, section: &str) {
    let exported = exported_functions(solidity);
    let missing: Vec<String> = other_standard(section, "function")
        .into_iter()
        .filter(|(signature, _)| !exported.iter().any(|f| &f.signature == signature))
        .map(|(signature, _)| signature)
        .collect();
    assert!(missing.is_empty(), "{section}: missing {missing:?}");
}

/// A function of the reference or of an exported interface.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Function {
    /// Canonical signature, e.g. `transfer(address,uint256)`.
    pub signature: String,
    /// `view`, `pure`, `payable` or `nonpayable`.
    pub mutability: String,
    /// Return types, comma-separated, no spaces.
    pub returns: String,
}

impl Function {
    /// The 4-byte selector.
    #[must_use]
    pub fn selector(&self) -> [u8; 4] {
        crate::bindings::selector(&self.signature)
    }
}

/// An event of the reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Canonical signature, e.g. `Transfer(address,address,uint256)`.
    pub signature: String,
    /// keccak256 of the signature.
    pub topic0: B256,
    /// Topics: topic0 plus one per indexed field.
    pub topics: usize,
}

/// Lines of the reference sections whose title starts with one of
/// `sections`.
fn section_lines<'a>(sections: &'a [&'a str]) -> impl Iterator<Item = &'static str> + 'a {
    let mut inside = false;
    REFERENCE.lines().filter(move |line| {
        if let Some(title) = line.strip_prefix("## ") {
            inside = sections.iter().any(|s| title.starts_with(s));
            return false;
        }
        inside
    })
}

/// The reference functions of `sections`, each with the selector the file
/// states checked against its signature.
///
/// # Panics
///
/// When the file is malformed or states a wrong selector.
#[must_use]
pub fn reference_functions(sections: &[&str]) -> Vec<Function> {
    section_lines(sections)
        .filter_map(|line| line.strip_prefix("function "))
        .map(|rest| {
            let mut parts = rest.split_whitespace();
            let signature = parts.next().expect("signature").to_string();
            let selector = parts
                .next()
                .and_then(|s| s.strip_prefix("selector=0x"))
                .expect("selector");
            let mutability = parts.next().expect("mutability").to_string();
            let returns = parts.skip(1).collect::<String>();
            let function = Function {
                signature,
                mutability,
                returns: strip_parens(&returns),
            };
            assert_eq!(
                hex::encode(function.selector()),
                selector,
                "{}",
                function.signature
            );
            function
        })
        .collect()
}

/// The reference events of `sections`, with topic0 checked.
///
/// # Panics
///
/// When the file is malformed or states a wrong topic0.
#[must_use]
pub fn reference_events(sections: &[&str]) -> Vec<Event> {
    section_lines(sections)
        .filter_map(|line| line.strip_prefix("event "))
        .map(|rest| {
            let mut parts = rest.split_whitespace();
            let signature = parts.next().expect("signature").to_string();
            let topic0: B256 = parts
                .next()
                .and_then(|s| s.strip_prefix("topic0="))
                .expect("topic0")
                .parse()
                .expect("hex");
            assert_eq!(keccak256(signature.as_bytes()), topic0, "{signature}");
            let topics = 1 + rest.matches("indexed ").count();
            Event {
                signature,
                topic0,
                topics,
            }
        })
        .collect()
}

/// The functions of an exported Solidity interface (`export-abi` output).
#[must_use]
pub fn exported_functions(solidity: &str) -> Vec<Function> {
    solidity
        .lines()
        .filter_map(|line| line.trim().strip_prefix("function "))
        .map(|rest| {
            let (name, rest) = rest.split_once('(').expect("(");
            let (params, tail) = rest.split_once(')').expect(")");
            let types: Vec<&str> = params
                .split(',')
                .filter_map(|p| p.split_whitespace().next())
                .collect();
            let mutability = ["view", "pure", "payable"]
                .into_iter()
                .find(|m| {
                    tail.split_whitespace()
                        .any(|w| w.trim_end_matches(';') == *m)
                })
                .unwrap_or("nonpayable")
                .to_string();
            let returns = tail
                .split_once("returns")
                .map(|(_, r)| {
                    // Types only: `(string memory uri, bytes32 hash)` ->
                    // `string,bytes32`.
                    r.trim()
                        .trim_end_matches(';')
                        .trim()
                        .trim_start_matches('(')
                        .trim_end_matches(')')
                        .split(',')
                        .filter_map(|t| t.split_whitespace().next())
                        .collect::<Vec<_>>()
                        .join(",")
                })
                .unwrap_or_default();
            Function {
                signature: format!("{name}({})", types.join(",")),
                mutability,
                returns,
            }
        })
        .collect()
}

/// Asserts that `solidity` exports every reference function of `sections`
/// with the same selector, argument types, return types and mutability
/// (`view` stands for the reference's `pure`: both are static calls).
///
/// # Panics
///
/// Listing every missing or different function.
pub fn assert_exports_reference(solidity: &str, sections: &[&str]) {
    assert_exports_reference_except(solidity, sections, &[]);
}

/// As [`assert_exports_reference`], leaving out the reference functions
/// whose signatures are in `exempt`.
///
/// # Panics
///
/// When a function is missing or differs.
pub fn assert_exports_reference_except(solidity: &str, sections: &[&str], exempt: &[&str]) {
    let exported = exported_functions(solidity);
    let mut problems = Vec::new();
    let reference = reference_functions(sections);
    assert!(
        !reference.is_empty(),
        "no reference functions in {sections:?}"
    );
    for expected in reference
        .into_iter()
        .filter(|f| !exempt.contains(&f.signature.as_str()))
    {
        match exported
            .iter()
            .find(|f| f.selector() == expected.selector())
        {
            None => problems.push(format!("missing {}", expected.signature)),
            Some(found) => {
                let mutability_ok = found.mutability == expected.mutability
                    || (expected.mutability == "pure" && found.mutability == "view");
                if !mutability_ok || found.returns != expected.returns {
                    problems.push(format!("{found:?} differs from {expected:?}"));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "ABI differs from T-REX v4.1.6:\n{}",
        problems.join("\n")
    );
}

/// Asserts that the contract's `events` (signature, topic0, topic count,
/// from `sol!`) include every reference event of `sections` except
/// `exempt`, with identical signature, topic0 and indexed fields.
///
/// # Panics
///
/// Listing every missing or different event.
pub fn assert_emits_reference(events: &[(&str, B256, usize)], sections: &[&str], exempt: &[&str]) {
    let mut problems = Vec::new();
    for expected in reference_events(sections) {
        if exempt.contains(&expected.signature.as_str()) {
            continue;
        }
        match events
            .iter()
            .find(|(signature, ..)| *signature == expected.signature)
        {
            None => problems.push(format!("missing event {}", expected.signature)),
            Some(&(_, topic0, topics)) => {
                if topic0 != expected.topic0 || topics != expected.topics {
                    problems.push(format!(
                        "event {} differs: {topics} topics",
                        expected.signature
                    ));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "events differ from T-REX v4.1.6:\n{}",
        problems.join("\n")
    );
}

fn strip_parens(s: &str) -> String {
    s.trim()
        .trim_start_matches('(')
        .trim_end_matches(')')
        .replace("memory", "")
        .replace(' ', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_parses_with_consistent_selectors() {
        let functions = reference_functions(&["IToken"]);
        assert_eq!(functions.len(), 37);
        let transfer = functions
            .iter()
            .find(|f| f.signature == "transfer(address,uint256)")
            .unwrap();
        assert_eq!(transfer.mutability, "nonpayable");
        assert_eq!(transfer.returns, "bool");
        let events = reference_events(&["IToken"]);
        let frozen = events
            .iter()
            .find(|e| e.signature == "AddressFrozen(address,bool,address)")
            .unwrap();
        assert_eq!(frozen.topics, 4);
    }

    #[test]
    fn reference_copy_equals_shared_reference_when_present() {
        let shared = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../shared/reference/erc3643-interfaces.txt"
        );
        if let Ok(text) = std::fs::read_to_string(shared) {
            assert_eq!(
                text, REFERENCE,
                "reference/ is out of date with shared/reference/"
            );
        }
    }

    #[test]
    fn other_standards_copy_equals_shared_reference_when_present() {
        let shared = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../shared/reference/other-standards.txt"
        );
        if let Ok(text) = std::fs::read_to_string(shared) {
            assert_eq!(
                text, OTHER_STANDARDS,
                "reference/ is out of date with shared/reference/"
            );
        }
    }

    #[test]
    fn ownable2step_events_and_errors_match_the_roles_module() {
        use alloy_sol_types::{SolError, SolEvent};

        use crate::roles::*;
        let events = other_standard("Ownable2Step", "event");
        for (signature, topic0) in [
            (
                OwnershipTransferStarted::SIGNATURE,
                OwnershipTransferStarted::SIGNATURE_HASH,
            ),
            (
                OwnershipTransferred::SIGNATURE,
                OwnershipTransferred::SIGNATURE_HASH,
            ),
        ] {
            assert!(events.contains(&(signature.to_string(), topic0.to_vec())));
        }
        // Both indexed: topic0 plus two topics.
        assert_eq!(
            <<OwnershipTransferStarted as SolEvent>::TopicList as alloy_sol_types::TopicList>::COUNT,
            3
        );
        let errors = other_standard("Ownable2Step", "error");
        for (signature, selector) in [
            (
                OwnableUnauthorizedAccount::SIGNATURE,
                OwnableUnauthorizedAccount::SELECTOR,
            ),
            (
                OwnableInvalidOwner::SIGNATURE,
                OwnableInvalidOwner::SELECTOR,
            ),
        ] {
            assert!(errors.contains(&(signature.to_string(), selector.to_vec())));
        }
    }

    #[test]
    fn exported_functions_parse_solidity() {
        let sol = "interface I {\n    function f(address[] memory a, uint16 b) external view returns (uint256[] memory);\n    function g(bytes calldata s) external;\n    function h() external view returns (address, uint64, bytes32, bool);\n    function d(bytes32 name) external view returns (string memory uri, bytes32 documentHash, uint256 lastModified);\n}";
        let fns = exported_functions(sol);
        assert_eq!(
            fns[0],
            Function {
                signature: "f(address[],uint16)".into(),
                mutability: "view".into(),
                returns: "uint256[]".into()
            }
        );
        assert_eq!(
            fns[1],
            Function {
                signature: "g(bytes)".into(),
                mutability: "nonpayable".into(),
                returns: String::new()
            }
        );
        assert_eq!(fns[2].returns, "address,uint64,bytes32,bool");
        // Named outputs: their types only.
        assert_eq!(fns[3].returns, "string,bytes32,uint256");
    }
}
