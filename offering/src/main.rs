//! Prints the offering contract's Solidity interface (`export-abi`).
fn main() {
    offering::print_from_args();
}
