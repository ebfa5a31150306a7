//! The documents contract's ABI: ERC-1643's and Ownable2Step's exact
//! signatures, return types and events, and getDocument's encoding.
use alloy_primitives::{B256, U256};
use alloy_sol_types::{SolEvent, SolValue};
use common::abi_check::{exported_functions, other_standard};
use stylus_sdk::abi::internal::EncodableReturnType;

use crate::*;

/// The golden interface the check command keeps equal to `export-abi`.
const EXPORTED: &str = include_str!("../../abi/documents.sol");

#[test]
fn erc1643_functions_are_exported_with_their_exact_signatures_and_returns() {
    common::abi_check::assert_exports_other_standard(EXPORTED, "IERC1643");
    let exported = exported_functions(EXPORTED);
    let returns = |signature: &str| {
        exported
            .iter()
            .find(|f| f.signature == signature)
            .map(|f| (f.returns.clone(), f.mutability.clone()))
            .unwrap()
    };
    assert_eq!(
        returns("getDocument(bytes32)"),
        ("string,bytes32,uint256".into(), "view".into())
    );
    assert_eq!(
        returns("getAllDocuments()"),
        ("bytes32[]".into(), "view".into())
    );
    assert_eq!(
        returns("setDocument(bytes32,string,bytes32)").1,
        "nonpayable"
    );
    assert_eq!(returns("removeDocument(bytes32)").1, "nonpayable");
}

#[test]
fn erc1643_events_have_their_exact_signatures() {
    let events = other_standard("IERC1643", "event");
    let ours = [
        (DocumentUpdated::SIGNATURE, DocumentUpdated::SIGNATURE_HASH),
        (DocumentRemoved::SIGNATURE, DocumentRemoved::SIGNATURE_HASH),
    ];
    assert_eq!(events.len(), ours.len());
    for (signature, topic0) in ours {
        let (_, expected) = events.iter().find(|(s, _)| s == signature).unwrap();
        assert_eq!(topic0.as_slice(), expected.as_slice(), "{signature}");
    }
}

#[test]
fn ownership_moves_in_two_steps_with_openzeppelin_signatures() {
    common::abi_check::assert_exports_other_standard(EXPORTED, "Ownable2Step");
}

#[test]
fn get_document_answers_as_solidity_returns_three_values() {
    let record = DocumentRecord(
        "ipfs://prospectus".into(),
        B256::repeat_byte(7),
        U256::from(5),
    );
    let encoded = record.encode().unwrap();
    // Solidity: the string's offset (three head words), hash, time, then
    // the string; no leading offset of a tuple.
    assert_eq!(
        &encoded[..32],
        U256::from(96).to_be_bytes::<32>().as_slice()
    );
    let (uri, hash, time) = <(String, B256, U256)>::abi_decode_params(&encoded, true).unwrap();
    assert_eq!(
        (uri.as_str(), hash, time),
        ("ipfs://prospectus", B256::repeat_byte(7), U256::from(5))
    );
}
