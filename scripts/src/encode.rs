//! The transactions a deployment plan turns into, without the network:
//! Stylus init code, the StylusDeployer call that deploys, activates and
//! constructs a contract in one transaction, and the calldata of the wiring
//! calls, with the plan's `@<crate>` / `@deployer` placeholders resolved.
use std::collections::BTreeMap;

use alloy_dyn_abi::{DynSolType, DynSolValue};
use alloy_primitives::{keccak256, Address, B256, U256};
use anyhow::{bail, Context, Result};
use serde_json::Value;

use crate::plan::{Call, Deployment};

/// The canonical StylusDeployer: deploys, activates and calls the
/// constructor in one transaction (the same address on Arbitrum chains).
pub const STYLUS_DEPLOYER: Address = Address::new([
    0xce, 0xcb, 0xa2, 0xf1, 0xdc, 0x23, 0x4f, 0x70, 0xdd, 0x89, 0xf2, 0x04, 0x10, 0x29, 0x80, 0x7f,
    0x8d, 0x03, 0xa9, 0x90,
]);

/// Prefix of a Stylus program's code: the Stylus discriminant and no
/// compression dictionary.
const STYLUS_PREFIX: [u8; 4] = [0xef, 0xf0, 0x00, 0x00];

/// The 4-byte selector of a canonical signature.
#[must_use]
pub fn selector(signature: &str) -> [u8; 4] {
    let hash = keccak256(signature.as_bytes());
    [hash[0], hash[1], hash[2], hash[3]]
}

/// A Stylus program's code as the chain stores it: the Stylus prefix, then
/// the brotli-compressed wasm. Its keccak256 is the code hash activation is
/// keyed by.
#[must_use]
pub fn program_code(compressed_wasm: &[u8]) -> Vec<u8> {
    let mut code = STYLUS_PREFIX.to_vec();
    code.extend_from_slice(compressed_wasm);
    code
}

/// The EVM init code that deploys `wasm` as a Stylus program: a 42-byte
/// prelude that returns the code after it, a version byte (0), then the
/// [`program_code`].
#[must_use]
pub fn initcode(compressed_wasm: &[u8]) -> Vec<u8> {
    let code = program_code(compressed_wasm);
    let prelude_length: u8 = 42 + 1;
    let mut init = vec![0x7f]; // PUSH32 code length
    init.extend_from_slice(&U256::from(code.len()).to_be_bytes::<32>());
    init.extend_from_slice(&[
        0x80, // DUP1
        0x60,
        prelude_length, // PUSH1 offset of the code
        0x60,
        0x00, // PUSH1 0
        0x39, // CODECOPY
        0x60,
        0x00, // PUSH1 0
        0xf3, // RETURN
        0x00, // version
    ]);
    init.extend_from_slice(&code);
    init
}

/// The salt the StylusDeployer deploys a contract's full program with
/// (`deploy(code, "", 0, salt)`): with it and no init data, the full
/// program's address depends only on its code ([`full_program_address`]).
pub const FULL_PROGRAM_SALT: B256 = B256::new([
    0x53, 0x55, 0x49, 0x54, 0x45, 0x2d, 0x46, 0x55, 0x4c, 0x4c, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
]);

/// Where the canonical StylusDeployer puts the full program `compressed_wasm`
/// (CREATE2 with its `initSalt(FULL_PROGRAM_SALT, "")`): the same address on
/// every chain, compiled into the contract's hot program.
#[must_use]
pub fn full_program_address(compressed_wasm: &[u8]) -> Address {
    STYLUS_DEPLOYER.create2(
        keccak256(FULL_PROGRAM_SALT),
        keccak256(initcode(compressed_wasm)),
    )
}

/// The StylusDeployer's calldata deploying and activating the full program
/// `compressed_wasm` at [`full_program_address`], constructed by nobody: it
/// runs only as its hot program's delegate.
#[must_use]
pub fn full_program_deployment(compressed_wasm: &[u8]) -> Vec<u8> {
    deploy_call(compressed_wasm, Vec::new(), FULL_PROGRAM_SALT)
}

/// The parameter types of a signature: `f(address,uint256[])` ->
/// `[address, uint256[]]`.
fn parameter_types(signature: &str) -> Result<Vec<DynSolType>> {
    let inner = signature
        .split_once('(')
        .and_then(|(_, rest)| rest.strip_suffix(')'))
        .with_context(|| format!("not a signature: {signature}"))?;
    DynSolType::parse(&format!("({inner})"))
        .map(|tuple| match tuple {
            DynSolType::Tuple(types) => types,
            single => vec![single],
        })
        .with_context(|| format!("parsing the types of {signature}"))
}

/// A plan argument as the text alloy coerces, placeholders resolved.
fn argument(value: &Value, addresses: &BTreeMap<String, Address>) -> Result<String> {
    Ok(match value {
        Value::String(text) if text.starts_with('@') => {
            let name = &text[1..];
            addresses
                .get(name)
                .with_context(|| format!("no address for {text}"))?
                .to_string()
        }
        Value::String(text) => text.clone(),
        Value::Number(number) => number.to_string(),
        Value::Bool(flag) => flag.to_string(),
        Value::Array(items) => {
            let items: Result<Vec<String>> = items.iter().map(|v| argument(v, addresses)).collect();
            format!("[{}]", items?.join(","))
        }
        other => bail!("unsupported argument {other}"),
    })
}

/// ABI-encodes `args` for the parameters of `signature`, with the plan's
/// placeholders taken from `addresses` (`deployer` and each deployed
/// crate).
///
/// # Errors
///
/// When an argument does not fit its type or a placeholder is unknown.
pub fn encode_args(
    signature: &str,
    args: &[Value],
    addresses: &BTreeMap<String, Address>,
) -> Result<Vec<u8>> {
    let types = parameter_types(signature)?;
    if types.len() != args.len() {
        bail!(
            "{signature}: {} arguments for {} parameters",
            args.len(),
            types.len()
        );
    }
    let values = types
        .iter()
        .zip(args)
        .map(|(ty, arg)| {
            let text = argument(arg, addresses)?;
            ty.coerce_str(&text)
                .with_context(|| format!("{signature}: {text} is not a {ty}"))
        })
        .collect::<Result<Vec<DynSolValue>>>()?;
    Ok(DynSolValue::Tuple(values).abi_encode_params())
}

/// The calldata of a wiring call.
///
/// # Errors
///
/// As [`encode_args`].
pub fn calldata(
    function: &str,
    args: &[Value],
    addresses: &BTreeMap<String, Address>,
) -> Result<Vec<u8>> {
    let mut data = selector(function).to_vec();
    data.extend(encode_args(function, args, addresses)?);
    Ok(data)
}

/// The StylusDeployer call deploying `compressed_wasm` and running its
/// constructor with `args`: `deploy(initcode, stylus_constructor() ++
/// args, 0, salt)`. The transaction's value must also pay the activation
/// data fee.
///
/// # Errors
///
/// As [`encode_args`].
pub fn deployer_calldata(
    compressed_wasm: &[u8],
    constructor: &str,
    args: &[Value],
    addresses: &BTreeMap<String, Address>,
    salt: B256,
) -> Result<Vec<u8>> {
    let init_data = constructor_data(constructor, args, addresses)?;
    Ok(deploy_call(compressed_wasm, init_data, salt))
}

/// The StylusDeployer's init data running a program's constructor with
/// `args`: `stylus_constructor() ++ args`.
///
/// # Errors
///
/// As [`encode_args`].
fn constructor_data(
    constructor: &str,
    args: &[Value],
    addresses: &BTreeMap<String, Address>,
) -> Result<Vec<u8>> {
    let mut init_data = selector("stylus_constructor()").to_vec();
    init_data.extend(encode_args(constructor, args, addresses)?);
    Ok(init_data)
}

/// The StylusDeployer's `deploy(initcode, init_data, 0, salt)` of
/// `compressed_wasm`.
fn deploy_call(compressed_wasm: &[u8], init_data: Vec<u8>, salt: B256) -> Vec<u8> {
    let mut data = selector("deploy(bytes,bytes,uint256,bytes32)").to_vec();
    data.extend(
        DynSolValue::Tuple(vec![
            DynSolValue::Bytes(initcode(compressed_wasm)),
            DynSolValue::Bytes(init_data),
            DynSolValue::Uint(U256::ZERO, 256),
            DynSolValue::FixedBytes(salt, 32),
        ])
        .abi_encode_params(),
    );
    data
}

/// The target and calldata of a plan's wiring call, placeholders resolved.
///
/// # Errors
///
/// When its target has no address yet, or as [`encode_args`].
pub fn wiring_call(
    call: &Call,
    addresses: &BTreeMap<String, Address>,
) -> Result<(Address, Vec<u8>)> {
    let to = addresses
        .get(call.target())
        .copied()
        .with_context(|| format!("no address for {}", call.to))?;
    let data = calldata(&call.function, &call.args, addresses)
        .with_context(|| format!("{}.{}", call.to, call.function))?;
    Ok((to, data))
}

/// The StylusDeployer calldata of a planned contract whose compressed wasm
/// is `compressed_wasm` ([`deployer_calldata`] with no salt).
///
/// # Errors
///
/// As [`encode_args`].
pub fn deployment(
    contract: &Deployment,
    compressed_wasm: &[u8],
    addresses: &BTreeMap<String, Address>,
) -> Result<Vec<u8>> {
    deployer_calldata(
        compressed_wasm,
        &contract.constructor,
        &contract.args,
        addresses,
        B256::ZERO,
    )
    .with_context(|| format!("deploying {}", contract.name))
}

/// The StylusDeployer calldata deploying a planned contract with `salt`
/// (not zero), and the address it lands at: CREATE2 of the StylusDeployer
/// with `initSalt(salt, initData)` = `keccak256(salt ++ initData)` and the
/// init code's hash, so that a batch signed before anything is deployed
/// (a Safe's) knows every address.
///
/// # Errors
///
/// As [`encode_args`].
pub fn salted_deployment(
    contract: &Deployment,
    compressed_wasm: &[u8],
    addresses: &BTreeMap<String, Address>,
    salt: B256,
) -> Result<(Vec<u8>, Address)> {
    let init_data = constructor_data(&contract.constructor, &contract.args, addresses)
        .with_context(|| format!("deploying {}", contract.name))?;
    let mut mixed = salt.to_vec();
    mixed.extend_from_slice(&init_data);
    let address = STYLUS_DEPLOYER.create2(keccak256(mixed), keccak256(initcode(compressed_wasm)));
    Ok((deploy_call(compressed_wasm, init_data, salt), address))
}

#[cfg(test)]
mod tests {
    use alloy_sol_types::{sol, SolCall};
    use serde_json::json;

    use super::*;

    sol! {
        function constructor(address admin, string name, string symbol, uint8 decimals, address registry, address compliance, address onchainId);
        function addTrustedIssuer(address issuer, uint256[] topics);
        function deploy(bytes bytecode, bytes initData, uint256 initValue, bytes32 salt);
    }

    fn addresses() -> BTreeMap<String, Address> {
        BTreeMap::from([
            ("deployer".to_string(), Address::repeat_byte(0xde)),
            ("identity-registry".to_string(), Address::repeat_byte(0x01)),
            ("compliance".to_string(), Address::repeat_byte(0x02)),
        ])
    }

    #[test]
    fn selectors_are_keccak_prefixes() {
        assert_eq!(
            selector("transfer(address,uint256)"),
            [0xa9, 0x05, 0x9c, 0xbb]
        );
        assert_eq!(
            selector("deploy(bytes,bytes,uint256,bytes32)"),
            deployCall::SELECTOR
        );
    }

    #[test]
    fn initcode_returns_the_prefixed_program() {
        let init = initcode(&[1, 2, 3]);
        assert_eq!(init.len(), 43 + 4 + 3);
        assert_eq!(init[0], 0x7f);
        assert_eq!(&init[1..33], &U256::from(7).to_be_bytes::<32>());
        assert_eq!(init[35], 43, "the code starts after the prelude");
        assert_eq!(&init[43..], &[0xef, 0xf0, 0x00, 0x00, 1, 2, 3]);
    }

    #[test]
    fn constructor_arguments_encode_like_solidity() {
        let args = [
            json!("@deployer"),
            json!("Acme Fund"),
            json!("ACME"),
            json!(18),
            json!("@identity-registry"),
            json!("@compliance"),
            json!("0x0000000000000000000000000000000000000000"),
        ];
        let encoded = encode_args(
            "constructor(address,string,string,uint8,address,address,address)",
            &args,
            &addresses(),
        )
        .unwrap();
        let expected = constructorCall {
            admin: Address::repeat_byte(0xde),
            name: "Acme Fund".into(),
            symbol: "ACME".into(),
            decimals: 18,
            registry: Address::repeat_byte(0x01),
            compliance: Address::repeat_byte(0x02),
            onchainId: Address::ZERO,
        }
        .abi_encode();
        assert_eq!(encoded, expected[4..]);
    }

    #[test]
    fn wiring_calldata_encodes_arrays_and_placeholders() {
        let data = calldata(
            "addTrustedIssuer(address,uint256[])",
            &[json!("@compliance"), json!([1, 7])],
            &addresses(),
        )
        .unwrap();
        let expected = addTrustedIssuerCall {
            issuer: Address::repeat_byte(0x02),
            topics: vec![U256::from(1), U256::from(7)],
        }
        .abi_encode();
        assert_eq!(data, expected);
        assert!(calldata("addAgent(address)", &[json!("@offering")], &addresses()).is_err());
        assert!(calldata("addAgent(address)", &[], &addresses()).is_err());
    }

    #[test]
    fn deployer_call_carries_initcode_and_constructor() {
        let data = deployer_calldata(
            &[9, 9],
            "constructor(address)",
            &[json!("@deployer")],
            &addresses(),
            B256::ZERO,
        )
        .unwrap();
        let call = deployCall::abi_decode(&data, true).unwrap();
        assert_eq!(call.bytecode.to_vec(), initcode(&[9, 9]));
        assert_eq!(&call.initData[..4], &selector("stylus_constructor()"));
        assert_eq!(
            &call.initData[16..36],
            Address::repeat_byte(0xde).as_slice()
        );
        assert_eq!(call.initValue, U256::ZERO);
    }
}
