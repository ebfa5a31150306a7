//! Prints the compliance contract's Solidity interface (`export-abi`).
fn main() {
    compliance::print_from_args();
}
