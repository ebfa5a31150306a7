#![cfg_attr(not(any(test, feature = "export-abi")), no_std, no_main)]
extern crate alloc;
