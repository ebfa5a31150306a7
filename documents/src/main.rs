//! Prints the documents contract's Solidity interface (`export-abi`).
fn main() {
    documents::print_from_args();
}
