//! The distribution contract's ABI where a standard defines it.

/// The golden interface the check command keeps equal to `export-abi`.
const EXPORTED: &str = include_str!("../../abi/distribution.sol");

#[test]
fn ownership_moves_in_two_steps_with_openzeppelin_signatures() {
    common::abi_check::assert_exports_other_standard(EXPORTED, "Ownable2Step");
}
