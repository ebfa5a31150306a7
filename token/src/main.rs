//! Prints the token contract's Solidity interface (`export-abi`).
fn main() {
    token::print_from_args();
}
