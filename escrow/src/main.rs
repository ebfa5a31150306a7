//! Prints the escrow contract's Solidity interface (`export-abi`).
fn main() {
    escrow::print_from_args();
}
