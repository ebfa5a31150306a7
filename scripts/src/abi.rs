//! The contracts' interfaces for wallets and dApps: one flat Solidity
//! interface and one JSON ABI per contract, with every function, event and
//! error.
//!
//! Functions come from the contract's `export-abi` output (what its router
//! dispatches); events and errors come from the `sol!` declarations in its
//! sources (with their parameter names and `indexed` flags), the errors
//! restricted to those `export-abi` lists for the contract. The JSON is
//! alloy's parse of the same declarations.
use alloy_json_abi::JsonAbi;
use anyhow::{ensure, Context, Result};

/// The `event` and `error` declarations of Rust sources holding `sol!`
/// blocks, one string each, without the trailing `;`.
#[must_use]
pub fn sol_declarations(source: &str) -> (Vec<String>, Vec<String>) {
    let mut events = Vec::new();
    let mut errors = Vec::new();
    let mut lines = source.lines().map(str::trim);
    while let Some(line) = lines.next() {
        let list = if line.starts_with("event ") {
            &mut events
        } else if line.starts_with("error ") {
            &mut errors
        } else {
            continue;
        };
        let mut declaration = String::from(line);
        while !declaration.ends_with(';') {
            let Some(next) = lines.next() else { break };
            if !declaration.ends_with('(') {
                declaration.push(' ');
            }
            declaration.push_str(next);
        }
        let declaration = declaration
            .trim_end_matches(';')
            .replace("( ", "(")
            .replace(" )", ")");
        list.push(declaration);
    }
    (events, errors)
}

/// The name of a declaration: `error Foo(address a)` -> `Foo`.
fn name_of(declaration: &str) -> &str {
    let rest = declaration
        .split_once(' ')
        .map_or(declaration, |(_, rest)| rest);
    rest.split('(').next().unwrap_or(rest).trim()
}

/// The function declarations of an `export-abi` output, in order, without
/// the trailing `;`.
#[must_use]
pub fn exported(lines: &str, keyword: &str) -> Vec<String> {
    lines
        .lines()
        .map(str::trim)
        .filter(|line| line.starts_with(keyword))
        .map(|line| wrap_returns(line.trim_end_matches(';')))
        .collect()
}

/// Wraps a return clause that is not a parenthesised list: stylus-sdk
/// 0.9's `export-abi` prints `returns (uint64,uint256)[] memory` for
/// `Vec<(u64, U256)>`; a return list always ends with `)`.
fn wrap_returns(line: &str) -> String {
    const RETURNS: &str = " returns ";
    match line.split_once(RETURNS) {
        Some((head, clause)) if !clause.ends_with(')') => {
            format!("{head}{RETURNS}({clause})")
        }
        _ => line.to_string(),
    }
}

/// The names of the outputs of every function returning several values,
/// per contract: the Solidity interface and the JSON ABI carry them
/// (`suite check` refuses a multi-value return missing here).
const OUTPUT_NAMES: &[(&str, &str, &[&str])] = &[
    (
        "identity-registry",
        "verifiedIdentity",
        &["identity", "country"],
    ),
    (
        "identity-registry",
        "transferIdentities",
        &["fromIdentity", "toIdentity", "toCountry"],
    ),
    (
        "identity-registry",
        "getClaim",
        &["issuer", "expiry", "dataHash", "revoked"],
    ),
    (
        "compliance",
        "checkAndRecord",
        &["passed", "wantsFromIdentity"],
    ),
    (
        "compliance",
        "rules",
        &[
            "switches",
            "maxBalance",
            "maxHolders",
            "supplyCap",
            "lockUpPeriod",
        ],
    ),
    (
        "compliance",
        "country",
        &["allowed", "blocked", "capped", "maxHolders", "holders"],
    ),
    (
        "offering",
        "contracts",
        &["token", "identityRegistry", "escrow", "paymentAsset"],
    ),
    (
        "offering",
        "terms",
        &[
            "basePrice",
            "slope",
            "decimals",
            "hardCap",
            "raiseCap",
            "minInvestment",
            "capAccredited",
            "capNonAccredited",
            "accreditationTopic",
            "start",
            "end",
        ],
    ),
    (
        "escrow",
        "totals",
        &["deposited", "released", "withdrawn", "refunded"],
    ),
    ("escrow", "deposits", &["paid", "tokens", "returned"]),
    (
        "distribution",
        "getDistribution",
        &[
            "asset",
            "total",
            "claimed",
            "merkleRoot",
            "deadline",
            "swept",
        ],
    ),
    (
        "distribution",
        "getRedemption",
        &[
            "asset", "price", "decimals", "pool", "spent", "start", "end", "swept",
        ],
    ),
    (
        "documents",
        "getDocument",
        &["uri", "documentHash", "lastModified"],
    ),
    (
        "escrow",
        "terms",
        &[
            "token",
            "paymentAsset",
            "treasury",
            "approver",
            "offering",
            "softCap",
        ],
    ),
];

/// Which contracts each contract calls: a call passes their errors through
/// unchanged (`common::error`), so its ABI lists them too.
const CALLS: &[(&str, &[&str])] = &[
    ("identity-registry", &["compliance"]),
    ("compliance", &["identity-registry", "token"]),
    ("token", &["identity-registry", "compliance"]),
    ("offering", &["token", "identity-registry", "escrow"]),
    ("escrow", &["token", "identity-registry"]),
    ("documents", &[]),
    ("distribution", &["token", "identity-registry"]),
];

/// The contracts whose errors a call of `name` can pass through: those it
/// calls, and those they call, without `name` itself.
#[must_use]
pub fn callees(name: &str) -> Vec<&'static str> {
    let mut found: Vec<&'static str> = Vec::new();
    let mut queue = vec![name.to_string()];
    while let Some(next) = queue.pop() {
        let called = CALLS
            .iter()
            .find(|(caller, _)| *caller == next)
            .map_or(&[][..], |(_, called)| called);
        for callee in called {
            if *callee != name && !found.contains(callee) {
                found.push(callee);
                queue.push((*callee).to_string());
            }
        }
    }
    found
}

/// `min_tokens_out` -> `minTokensOut`; a name with no `_` between letters
/// (or led by one, as T-REX's `_newName`) is kept.
#[must_use]
pub fn camel(name: &str) -> String {
    if name.starts_with('_') {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The index of the `)` closing the `(` at `open` in `text`.
fn closing(text: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text.char_indices().skip_while(|(i, _)| *i < open) {
        match c {
            '(' => depth += 1,
            ')' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// `text` split at its top-level commas, each part trimmed; nothing for
/// an empty list.
fn split_top(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(text[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    let last = text[start..].trim();
    if !last.is_empty() || !parts.is_empty() {
        parts.push(last);
    }
    parts
}

/// A parameter list with each name in camelCase (`uint256 min_out` ->
/// `uint256 minOut`; unnamed parameters stay).
fn camel_parameters(list: &str) -> String {
    split_top(list)
        .into_iter()
        .map(|parameter| {
            let words: Vec<&str> = parameter.split_whitespace().collect();
            match words.split_last() {
                Some((name, head))
                    if !head.is_empty()
                        && !["memory", "calldata", "storage", "indexed"].contains(name) =>
                {
                    format!("{} {}", head.join(" "), camel(name))
                }
                _ => parameter.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A function declaration of contract `name` as integrators read it: its
/// parameters in camelCase, its outputs named when there are several
/// ([`OUTPUT_NAMES`]).
///
/// # Errors
///
/// When it returns several values none of [`OUTPUT_NAMES`] names, or
/// another number of them.
pub fn polish(name: &str, declaration: &str) -> Result<String> {
    let open = declaration
        .find('(')
        .context("a function without parameters")?;
    let close = closing(declaration, open).context("unbalanced parentheses")?;
    let function = declaration["function ".len().min(open)..open].trim();
    let mut out = format!(
        "{}({}){}",
        &declaration[..open],
        camel_parameters(&declaration[open + 1..close]),
        &declaration[close + 1..]
    );
    if let Some(at) = out.find(" returns (") {
        let open = at + " returns ".len();
        let close = closing(&out, open).context("unbalanced returns")?;
        let outputs = split_top(&out[open + 1..close]);
        if outputs.len() > 1 {
            let names = OUTPUT_NAMES
                .iter()
                .find(|(contract, f, _)| *contract == name && *f == function)
                .map(|(_, _, names)| *names)
                .with_context(|| {
                    format!("{name}.{function} returns several values: name them in OUTPUT_NAMES")
                })?;
            ensure!(
                names.len() == outputs.len(),
                "{name}.{function}: {} outputs, {} names",
                outputs.len(),
                names.len()
            );
            let named: Vec<String> = outputs
                .iter()
                .zip(names)
                .map(|(kind, output)| format!("{kind} {output}"))
                .collect();
            out = format!(
                "{}({}){}",
                &out[..open],
                named.join(", "),
                &out[close + 1..]
            );
        }
    }
    Ok(out)
}

/// The first paragraph of the doc comment of each public function of
/// `sources` (Rust files, the crate's `lib.rs` first), by its Solidity
/// name (camelCase, or its `#[selector(name = ..)]`), with intra-doc links
/// written plainly: the `@notice` of the Solidity interface.
#[must_use]
pub fn notices(sources: &[String]) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = Vec::new();
    for source in sources {
        let mut doc: Vec<&str> = Vec::new();
        let mut selector: Option<String> = None;
        for line in source.lines().map(str::trim) {
            if let Some(text) = line.strip_prefix("///") {
                doc.push(text.trim());
            } else if line.starts_with("#[") {
                if let Some(rest) = line.strip_prefix("#[selector(name = \"") {
                    selector = rest.split('"').next().map(String::from);
                }
            } else {
                if let Some(rest) = line.strip_prefix("pub fn ") {
                    let rust = rest.split(['(', '<']).next().unwrap_or(rest);
                    let name = selector.take().unwrap_or_else(|| camel(rust));
                    let first: Vec<&str> =
                        doc.iter().copied().take_while(|l| !l.is_empty()).collect();
                    let notice = first
                        .join(" ")
                        .replace("[`Self::", "`")
                        .replace("[`Error::", "`")
                        .replace("[`", "`")
                        .replace("`]", "`");
                    if !notice.is_empty() && !found.iter().any(|(known, _)| *known == name) {
                        found.push((name, notice));
                    }
                }
                doc.clear();
                selector = None;
            }
        }
    }
    found
}

/// `notice` as NatSpec lines indented by four spaces, wrapped before 100
/// columns.
fn natspec(notice: &str) -> String {
    let mut lines = Vec::new();
    let mut line = String::from("    /// @notice");
    for word in notice.split_whitespace() {
        if line.len() + 1 + word.len() > 99 && line.len() > "    ///".len() + 1 {
            lines.push(std::mem::replace(&mut line, String::from("    ///")));
        }
        line.push(' ');
        line.push_str(word);
    }
    lines.push(line);
    lines.join("\n") + "\n"
}

/// The constructor of a contract's `lib.rs` (`pub fn constructor(&mut
/// self, admin: Address, ...)`) as a Solidity declaration, parameters in
/// camelCase; none when it has none.
///
/// # Errors
///
/// When a parameter's Rust type has no Solidity type here.
pub fn constructor(source: &str) -> Result<Option<String>> {
    let Some(at) = source.find("pub fn constructor(") else {
        return Ok(None);
    };
    let open = at + "pub fn constructor".len();
    let close = closing(source, open).context("constructor: unbalanced parentheses")?;
    let mut parameters = Vec::new();
    for parameter in split_top(&source[open + 1..close]) {
        let Some((name, rust)) = parameter.split_once(':') else {
            continue; // &mut self
        };
        let kind = match rust.trim() {
            "Address" => "address",
            "U256" => "uint256",
            "String" => "string",
            "bool" => "bool",
            "u8" => "uint8",
            "u16" => "uint16",
            "u32" => "uint32",
            "u64" => "uint64",
            "Vec<u16>" => "uint16[]",
            "Vec<u64>" => "uint64[]",
            "Vec<Address>" => "address[]",
            "Vec<U256>" => "uint256[]",
            other => anyhow::bail!("constructor: no Solidity type for {other}"),
        };
        parameters.push(format!("{kind} {}", camel(name.trim())));
    }
    Ok(Some(format!("constructor({})", parameters.join(", "))))
}

/// The declarations (from `declared`) of the errors contract `name`'s
/// `export-abi` output lists, once each, in its order.
///
/// # Errors
///
/// When an exported error has no declaration.
pub fn raised_errors(name: &str, export: &str, declared: &[String]) -> Result<Vec<String>> {
    let mut errors = Vec::new();
    for exported_error in exported(export, "error ") {
        let error_name = name_of(&exported_error);
        let declaration = declared
            .iter()
            .find(|d| name_of(d) == error_name)
            .with_context(|| format!("{name}: no declaration of error {error_name}"))?;
        if !errors.contains(declaration) {
            errors.push(declaration.clone());
        }
    }
    Ok(errors)
}

/// A contract's interface for dApps.
pub struct Interface {
    /// The flat Solidity interface.
    pub solidity: String,
    /// The JSON ABI.
    pub json: String,
    /// The JSON ABI as a TypeScript module (`as const`, for viem and
    /// wagmi's type inference).
    pub typescript: String,
}

/// What a contract's interface is composed of.
pub struct Parts<'a> {
    /// Its `export-abi` output.
    pub export: &'a str,
    /// The `event` declarations of its sources.
    pub events: &'a [String],
    /// The `error` declarations of its sources.
    pub declared_errors: &'a [String],
    /// The errors of the contracts it calls, passed through.
    pub passed_errors: &'a [String],
    /// Its constructor ([`constructor`]).
    pub constructor: Option<&'a str>,
    /// Its functions' notices ([`notices`]).
    pub notices: &'a [(String, String)],
}

/// Composes contract `name`'s interface from its `export-abi` output and
/// the `event` / `error` declarations of its sources.
///
/// # Errors
///
/// When an error the contract exports has no declaration in its sources,
/// a function returns several unnamed values, or alloy cannot parse a
/// declaration.
pub fn interface(name: &str, parts: &Parts) -> Result<Interface> {
    let functions = exported(parts.export, "function ")
        .iter()
        .map(|declaration| polish(name, declaration))
        .collect::<Result<Vec<_>>>()?;
    let errors = raised_errors(name, parts.export, parts.declared_errors)?;
    let passed: Vec<String> = parts
        .passed_errors
        .iter()
        .filter(|error| !errors.iter().any(|own| name_of(own) == name_of(error)))
        .fold(Vec::new(), |mut kept, error| {
            if !kept
                .iter()
                .any(|known: &String| name_of(known) == name_of(error))
            {
                kept.push(error.clone());
            }
            kept
        });
    let title = interface_name(name);
    let mut solidity = format!(
        "// SPDX-License-Identifier: MIT\n\
         // Generated by `suite check --bless` from the contract's export-abi output, its\n\
         // `sol!` declarations and its doc comments; `suite check` keeps it equal to the\n\
         // contract.\n\
         pragma solidity ^0.8.23;\n\n\
         /// The `{name}` contract of the security-token suite, as wallets and dApps call it.\n"
    );
    if let Some(constructor) = parts.constructor {
        solidity.push_str(&format!(
            "/// Deployed with `{constructor}` (in the JSON ABI).\n"
        ));
    }
    solidity.push_str(&format!("interface {title} {{\n"));
    for section in [parts.events, &errors[..]] {
        for declaration in section {
            solidity.push_str(&format!("    {declaration};\n"));
        }
        solidity.push('\n');
    }
    if !passed.is_empty() {
        solidity.push_str("    // Errors of the contracts it calls, passed through unchanged.\n");
        for declaration in &passed {
            solidity.push_str(&format!("    {declaration};\n"));
        }
        solidity.push('\n');
    }
    for declaration in &functions {
        let function = declaration["function ".len()..]
            .split('(')
            .next()
            .unwrap_or_default();
        if let Some((_, notice)) = parts.notices.iter().find(|(known, _)| known == function) {
            solidity.push_str(&natspec(notice));
        }
        solidity.push_str(&format!("    {declaration};\n"));
    }
    solidity = solidity.trim_end().to_string();
    solidity.push_str("\n}\n");

    let all = parts
        .constructor
        .into_iter()
        .chain(parts.events.iter().map(String::as_str))
        .chain(errors.iter().map(String::as_str))
        .chain(passed.iter().map(String::as_str))
        .chain(functions.iter().map(String::as_str));
    let abi = JsonAbi::parse(all).with_context(|| format!("{name}: parsing its declarations"))?;
    let mut json = serde_json::to_string_pretty(&abi)?;
    json.push('\n');
    let constant = {
        let mut constant = camel(&name.replace('-', "_"));
        constant.push_str("Abi");
        constant
    };
    let typescript = format!(
        "// Generated by `suite check --bless` from {name}.json; `suite check` keeps it equal.\n\
         // `as const` lets viem and wagmi infer every function's and event's types.\n\
         export const {constant} = {} as const;\n\n\
         export default {constant};\n",
        json.trim_end()
    );
    Ok(Interface {
        solidity,
        json,
        typescript,
    })
}

/// `identity-registry` -> `IIdentityRegistry`.
fn interface_name(name: &str) -> String {
    let mut title = String::from("I");
    for part in name.split('-') {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            title.extend(first.to_uppercase());
            title.push_str(chars.as_str());
        }
    }
    title
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = r"
        sol! {
            /// Docs are skipped.
            #[derive(Debug)]
            event Transfer(address indexed from, address indexed to, uint256 value);
            event Updated(
                string indexed _newName,
                uint8 _newDecimals
            );
            error Refused(address account);
            error Empty();
        }
    ";

    const EXPORT: &str = "
        interface IRoles {
            function owner() external view returns (address);
            error Refused(address);
        }
        interface IToken is IRoles {
            function transfer(address to, uint256 amount) external returns (bool);
            error Refused(address);
        }
    ";

    /// The parts of an interface with nothing passed through, no
    /// constructor and no notices.
    fn parts<'a>(export: &'a str, events: &'a [String], errors: &'a [String]) -> Parts<'a> {
        Parts {
            export,
            events,
            declared_errors: errors,
            passed_errors: &[],
            constructor: None,
            notices: &[],
        }
    }

    #[test]
    fn parameter_names_become_camel_case() {
        assert_eq!(camel("min_tokens_out"), "minTokensOut");
        assert_eq!(camel("amount"), "amount");
        assert_eq!(camel("_newName"), "_newName");
        assert_eq!(
            polish(
                "offering",
                "function buy(uint256 min_tokens_out, uint64 deadline) external payable returns (uint256)"
            )
            .unwrap(),
            "function buy(uint256 minTokensOut, uint64 deadline) external payable returns (uint256)"
        );
        assert_eq!(
            polish(
                "token",
                "function batchTransfer(address[] memory to_list, uint256[] memory amounts) external"
            )
            .unwrap(),
            "function batchTransfer(address[] memory toList, uint256[] memory amounts) external"
        );
        assert_eq!(
            polish("token", "function unpause() external").unwrap(),
            "function unpause() external"
        );
    }

    #[test]
    fn several_outputs_are_named_and_unnamed_ones_are_refused() {
        assert_eq!(
            polish(
                "escrow",
                "function deposits(address investor) external view returns (uint256, uint256, uint256)"
            )
            .unwrap(),
            "function deposits(address investor) external view returns (uint256 paid, uint256 tokens, \
             uint256 returned)"
        );
        // One value, even an array of tuples, needs no name.
        let one =
            "function lockUps(address wallet) external view returns ((uint64,uint256)[] memory)";
        assert_eq!(polish("compliance", one).unwrap(), one);
        let err = polish(
            "escrow",
            "function pair() external view returns (uint256, uint256)",
        );
        assert!(err
            .unwrap_err()
            .to_string()
            .contains("name them in OUTPUT_NAMES"));
        let err = polish(
            "escrow",
            "function totals() external view returns (uint256, uint256)",
        );
        assert!(err.unwrap_err().to_string().contains("2 outputs, 4 names"));
    }

    #[test]
    fn notices_are_the_first_paragraph_of_each_public_functions_docs() {
        let source = r#"
            /// Returns the identity of `wallet`: see [`Self::is_verified`].
            /// Zero when none.
            ///
            /// # Errors
            #[allow(clippy::x)]
            pub fn identity_of(&self, wallet: Address) -> Address {}

            fn _private(&self) {}

            /// The EIP-712 domain.
            #[selector(name = "DOMAIN_SEPARATOR")]
            pub fn domain_separator(&self) -> B256 {}

            pub fn undocumented(&self) {}
        "#;
        let notices = notices(&[source.to_string()]);
        assert_eq!(
            notices,
            vec![
                (
                    "identityOf".to_string(),
                    "Returns the identity of `wallet`: see `is_verified`. Zero when none."
                        .to_string()
                ),
                (
                    "DOMAIN_SEPARATOR".to_string(),
                    "The EIP-712 domain.".to_string()
                ),
            ]
        );
        let lines = natspec(&"word ".repeat(40));
        assert!(lines.lines().all(|line| line.len() < 100), "{lines}");
        assert!(lines.starts_with("    /// @notice word"));
    }

    #[test]
    fn the_constructor_is_read_from_the_source_in_solidity_types() {
        let source =
            "pub fn constructor(\n    &mut self,\n    admin: Address,\n    soft_cap: U256,\n    \
                      shares: Vec<u16>,\n) -> Result<(), Error> {";
        assert_eq!(
            constructor(source).unwrap().as_deref(),
            Some("constructor(address admin, uint256 softCap, uint16[] shares)")
        );
        assert_eq!(constructor("pub fn other(&self)").unwrap(), None);
        assert!(constructor("pub fn constructor(&mut self, x: [u8; 3])").is_err());
    }

    #[test]
    fn errors_pass_through_from_every_contract_a_call_reaches() {
        let offering = callees("offering");
        for callee in ["token", "identity-registry", "escrow", "compliance"] {
            assert!(offering.contains(&callee), "{callee}");
        }
        assert!(!offering.contains(&"offering"));
        assert!(!callees("token").contains(&"token"));
        assert!(!callees("token").contains(&"offering"));
    }

    #[test]
    fn passed_errors_are_listed_once_after_the_contracts_own() {
        let (events, errors) = sol_declarations(SOURCE);
        let passed = vec![
            "error Refused(address account)".to_string(),
            "error TokenComplianceRefused(address from, address to, uint256 amount)".to_string(),
            "error TokenComplianceRefused(address from, address to, uint256 amount)".to_string(),
        ];
        let interface = interface(
            "offering",
            &Parts {
                passed_errors: &passed,
                constructor: Some("constructor(address admin)"),
                ..parts(EXPORT, &events, &errors)
            },
        )
        .unwrap();
        assert_eq!(interface.solidity.matches("error Refused(").count(), 1);
        assert_eq!(
            interface.solidity.matches("TokenComplianceRefused").count(),
            1
        );
        let abi: JsonAbi = serde_json::from_str(&interface.json).unwrap();
        assert!(abi.errors.contains_key("TokenComplianceRefused"));
        assert_eq!(abi.constructor.unwrap().inputs[0].name, "admin");
        assert!(interface
            .typescript
            .contains("export const offeringAbi = ["));
        assert!(interface
            .typescript
            .trim_end()
            .ends_with("export default offeringAbi;"));
        assert!(interface.typescript.contains("] as const;"));
    }

    #[test]
    fn the_readme_viem_example_typechecks_against_the_committed_abis() {
        let root = crate::workspace_root();
        let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
        let start = readme.find("```ts\n").expect("a TypeScript example") + "```ts\n".len();
        let example = &readme[start..start + readme[start..].find("```").unwrap()];
        assert!(example.contains("identityRegistryAbi") && example.contains("offeringAbi"));
        // viem and TypeScript, pinned, each in its own prefix; the example
        // sits beside viem's node_modules and imports the committed ABIs.
        let viem = crate::tools::npm_package(&root, "viem", "2.21.0").unwrap();
        let typescript = crate::tools::npm_package(&root, "typescript", "5.6.3").unwrap();
        let dir = viem
            .parent()
            .unwrap()
            .parent()
            .unwrap()
            .join("readme-example");
        std::fs::create_dir_all(&dir).unwrap();
        let source = example.replace("\"./", &format!("\"{}/", root.display()));
        let file = dir.join("example.ts");
        std::fs::write(&file, source).unwrap();
        let output = std::process::Command::new("node")
            .arg(typescript.join("bin/tsc"))
            .args([
                "--noEmit",
                "--strict",
                "--skipLibCheck",
                "--target",
                "es2022",
                "--module",
                "esnext",
                "--moduleResolution",
                "bundler",
            ])
            .arg(&file)
            .output()
            .expect("node");
        assert!(
            output.status.success(),
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }

    #[test]
    fn declarations_are_read_across_lines() {
        let (events, errors) = sol_declarations(SOURCE);
        assert_eq!(
            events,
            vec![
                "event Transfer(address indexed from, address indexed to, uint256 value)",
                "event Updated(string indexed _newName, uint8 _newDecimals)",
            ]
        );
        assert_eq!(
            errors,
            vec!["error Refused(address account)", "error Empty()"]
        );
    }

    #[test]
    fn interface_has_events_named_errors_and_functions() {
        let (events, errors) = sol_declarations(SOURCE);
        let interface = interface("token", &parts(EXPORT, &events, &errors)).unwrap();
        assert!(interface.solidity.contains("interface IToken {"));
        assert!(interface
            .solidity
            .contains("    error Refused(address account);\n"));
        assert!(
            !interface.solidity.contains("error Empty"),
            "only exported errors"
        );
        assert!(interface.solidity.contains(
            "    function transfer(address to, uint256 amount) external returns (bool);\n"
        ));
        let abi: JsonAbi = serde_json::from_str(&interface.json).unwrap();
        assert_eq!(abi.functions().count(), 2);
        assert_eq!(abi.events().count(), 2);
        let transfer = &abi.events["Transfer"][0];
        assert_eq!(transfer.signature(), "Transfer(address,address,uint256)");
        assert!(transfer.inputs[0].indexed);
        assert_eq!(abi.errors["Refused"][0].inputs[0].name, "account");
    }

    #[test]
    fn an_exported_error_without_declaration_is_refused() {
        let export = "interface I {\n    error Unknown(address);\n}";
        assert!(interface("token", &parts(export, &[], &[])).is_err());
    }

    #[test]
    fn a_returned_array_of_tuples_becomes_one_return_value() {
        let lines =
            "function lockUps(address wallet) external view returns (uint64,uint256)[] memory;\n\
                     function rules() external view returns (uint8, uint256);\n\
                     function owner() external view returns (address);";
        assert_eq!(
            exported(lines, "function"),
            vec![
                "function lockUps(address wallet) external view returns ((uint64,uint256)[] memory)",
                "function rules() external view returns (uint8, uint256)",
                "function owner() external view returns (address)",
            ]
        );
    }

    #[test]
    fn interface_names_are_camel_case() {
        assert_eq!(interface_name("identity-registry"), "IIdentityRegistry");
        assert_eq!(interface_name("token"), "IToken");
    }
}
