//! Prints the identity registry's Solidity interface (`export-abi`).
fn main() {
    identity_registry::print_from_args();
}
