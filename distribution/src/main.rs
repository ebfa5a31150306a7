//! Prints the distribution contract's Solidity interface (`export-abi`).
fn main() {
    distribution::print_from_args();
}
