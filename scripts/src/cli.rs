//! The command line of `suite` (clap): `suite --help`, `suite help <command>`,
//! `suite <command> --help`, `--version`, `--opt value` or `--opt=value`,
//! exit code 2 for usage errors, environment variables for the endpoint and
//! the key (`ETH_RPC_URL`, as Foundry's; `SUITE_PRIVATE_KEY_PATH`), and
//! `--json` / `--quiet` for scripts ([`crate::out`]).
use std::{path::PathBuf, time::Duration};

use alloy_primitives::{Address, B256, U256};
use clap::{Args, Parser, Subcommand};

use crate::{deploy, encode::STYLUS_DEPLOYER, keepalive, signer::KeySource};

/// Host tooling of the compliant security-token suite for Arbitrum Stylus:
/// build and check the contracts, measure their gas, plan, simulate and
/// deploy an offering, keep it alive, run a test node.
#[derive(Debug, Parser)]
#[command(name = "suite", version, propagate_version = true)]
pub struct Cli {
    /// Print results as JSON on stdout (progress goes to stderr).
    #[arg(long, global = true)]
    pub json: bool,
    /// Print no progress: results, warnings and errors only.
    #[arg(long, short, global = true, conflicts_with = "json")]
    pub quiet: bool,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build and process every contract into target/contracts/.
    Build,
    /// Build, validate, measure sizes, compare ABIs and gas (what CI runs).
    Check {
        /// Rewrite the committed ABI files instead of comparing.
        #[arg(long)]
        bless: bool,
    },
    /// Measure the gas of each operation into benches/gas.md.
    Bench {
        /// Print where the gas of transfers, a purchase, onboarding and a
        /// claim goes, program by program, instead.
        #[arg(long)]
        explain: bool,
    },
    /// Plan an offering from its TOML: check its terms, build, simulate
    /// every step, write deployments/<chain id>/<name>/plan.json. With
    /// --rpc, deploy it; without, deploy it on the embedded test node and
    /// play an offering there.
    Plan {
        /// The offering's description (see deploy/example.toml).
        config: PathBuf,
        /// The deployment's name (default: the TOML file's stem).
        #[arg(long)]
        name: Option<String>,
        /// Stop after the plan (no test-node demonstration).
        #[arg(long, conflicts_with = "rpc")]
        no_demo: bool,
        /// Deploy to the node at this JSON-RPC endpoint (never read from
        /// ETH_RPC_URL: without it, the plan goes to the embedded test
        /// node).
        #[arg(long, visible_alias = "rpc-url")]
        rpc: Option<String>,
        /// The deploying key.
        #[command(flatten)]
        key: KeyArgs,
        /// How to send.
        #[command(flatten)]
        send: SendArgs,
    },
    /// Execute a plan against a node: simulate, show the cost, confirm,
    /// send each step, record it.
    Deploy {
        /// The plan (deployments/<chain id>/<name>/plan.json).
        plan: PathBuf,
        /// The node's JSON-RPC endpoint.
        #[arg(long, visible_alias = "rpc-url", env = "ETH_RPC_URL")]
        rpc: String,
        /// The deploying key.
        #[command(flatten)]
        key: KeyArgs,
        /// How to send.
        #[command(flatten)]
        send: SendArgs,
    },
    /// Encode every transaction of a plan offline (for signing elsewhere)
    /// and the admin's acceptOwnership calls as a Safe batch.
    Transactions {
        /// The plan.
        plan: PathBuf,
        /// The address book of the deployer and each contract.
        addresses: PathBuf,
    },
    /// Keep a deployment's programs from expiring (report only without a
    /// key).
    Keepalive {
        /// The deployment's address book (addresses.json).
        addresses: PathBuf,
        /// The node's JSON-RPC endpoint.
        #[arg(long, visible_alias = "rpc-url", env = "ETH_RPC_URL")]
        rpc: String,
        /// The key that pays; none: report what would be done.
        #[command(flatten)]
        key: KeyArgs,
        /// Keep alive the programs with fewer days than this left.
        #[arg(long, default_value_t = 60)]
        within_days: u64,
        /// Added to the data fee ArbWasm asks for, in percent.
        #[arg(long = "data-fee-bump", default_value_t = 20, value_name = "PERCENT")]
        data_fee_bump_percent: u64,
        /// Seconds to wait for each receipt.
        #[arg(long, default_value_t = 300, value_name = "SECONDS")]
        timeout: u64,
    },
    /// Rebuild, then compare every deployed program's code with the local
    /// build, and report owners, agents, bindings and rules as deployed.
    Verify {
        /// The deployment's folder (deployments/<chain id>/<name>/).
        deployment: PathBuf,
        /// The node's JSON-RPC endpoint.
        #[arg(long, visible_alias = "rpc-url", env = "ETH_RPC_URL")]
        rpc: String,
        /// Compare with the build in target/contracts/ as it is.
        #[arg(long)]
        no_build: bool,
    },
    /// Rebuild the token's holders at a block from its events (no archive
    /// node), grouped by identity, with countries, freezes, lock-ups and
    /// accreditation, and totals per country.
    CapTable {
        #[command(flatten)]
        deployment: DeploymentArg,
        /// The node's JSON-RPC endpoint.
        #[arg(long, visible_alias = "rpc-url", env = "ETH_RPC_URL")]
        rpc: String,
        /// The block (default: the latest).
        #[arg(long)]
        block: Option<u64>,
        /// The output's format.
        #[arg(long, value_enum, default_value_t = Format::Csv)]
        format: Format,
        /// Blocks per log request (nodes limit a request's range).
        #[arg(long, default_value_t = 10_000)]
        chunk: u64,
        /// Write the table to this file instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Compute a distribution's entitlements pro rata to each identity's
    /// holding at the record block; write them, their Merkle tree, every
    /// proof, and the funding and creation transactions.
    Distribution {
        #[command(flatten)]
        deployment: DeploymentArg,
        /// The node's JSON-RPC endpoint.
        #[arg(long, visible_alias = "rpc-url", env = "ETH_RPC_URL")]
        rpc: String,
        /// Entitlements follow the holdings at the end of this block.
        #[arg(long)]
        record_block: u64,
        /// `eth`, or the ERC-20 paid (a stablecoin).
        #[arg(long, value_parser = asset)]
        asset: Address,
        /// The total, in the asset's base units (decimal, 0x-hex, `_`
        /// between digits), at most 2^128 - 1; what rounding leaves is
        /// stated, not sent.
        #[arg(long, value_parser = distribution_total)]
        amount: U256,
        /// Days the claims stay open, from the latest block.
        #[arg(long, default_value_t = 90)]
        claim_days: u64,
        /// Where the distribution's notice is published.
        #[arg(long, default_value = "")]
        uri: String,
        /// Also write the transactions as a Safe Transaction Builder batch
        /// for this Safe (an agent of the token).
        #[arg(long, value_parser = address)]
        safe: Option<Address>,
        /// Blocks per log request.
        #[arg(long, default_value_t = 10_000)]
        chunk: u64,
        /// The folder to write (default:
        /// <deployment>/distributions/<record block>/).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Send the transactions from this key (an agent of the token
        /// holding the total) after writing them.
        #[command(flatten)]
        key: KeyArgs,
        /// Send without asking.
        #[arg(short = 'y', long)]
        yes: bool,
        /// Seconds to wait for each receipt.
        #[arg(long, default_value_t = 300, value_name = "SECONDS")]
        timeout: u64,
    },
    /// Serve a test node on loopback over the Stylus test runtime.
    Node {
        /// The port.
        #[arg(long, default_value_t = 8547)]
        port: u16,
        /// The chain id it answers.
        #[arg(long, default_value_t = 421_614)]
        chain_id: u64,
    },
}

/// The key that signs: a plaintext key file, or an encrypted JSON keystore
/// (Web3 Secret Storage, as `cast wallet new` makes) with its password from
/// a file or the terminal.
#[derive(Debug, Args)]
pub struct KeyArgs {
    /// A file holding the private key (64 hex digits).
    #[arg(long, env = "SUITE_PRIVATE_KEY_PATH", conflicts_with = "keystore")]
    pub private_key_path: Option<PathBuf>,
    /// An encrypted JSON keystore.
    #[arg(long, env = "ETH_KEYSTORE")]
    pub keystore: Option<PathBuf>,
    /// The keystore's password, in a file (otherwise asked on the
    /// terminal).
    #[arg(long, env = "ETH_PASSWORD", requires = "keystore")]
    pub password_file: Option<PathBuf>,
}

impl KeyArgs {
    /// Where the key comes from, if given.
    #[must_use]
    pub fn source(&self) -> Option<KeySource> {
        match (&self.private_key_path, &self.keystore) {
            (Some(path), _) => Some(KeySource::File(path.clone())),
            (None, Some(path)) => Some(KeySource::Keystore {
                path: path.clone(),
                password_file: self.password_file.clone(),
            }),
            (None, None) => None,
        }
    }
}

/// How a plan is sent.
#[derive(Debug, Args)]
pub struct SendArgs {
    /// Continue the run recorded beside the plan.
    #[arg(long)]
    pub resume: bool,
    /// Send without asking to confirm the cost.
    #[arg(long, short)]
    pub yes: bool,
    /// Added to the simulated activation data fee, in percent.
    #[arg(long = "data-fee-bump", default_value_t = 20, value_name = "PERCENT")]
    pub data_fee_bump_percent: u64,
    /// Seconds to wait for each receipt.
    #[arg(long, default_value_t = 300, value_name = "SECONDS")]
    pub timeout: u64,
    /// The StylusDeployer to deploy through.
    #[arg(long, default_value_t = STYLUS_DEPLOYER, value_parser = address)]
    pub stylus_deployer: Address,
    /// Deploy from this Safe multisig: write every transaction as Safe
    /// Transaction Builder batches beside the plan instead of sending.
    #[arg(long, value_parser = address)]
    pub safe: Option<Address>,
    /// The salt of the Safe's deployments (another one deploys the same
    /// plan again at other addresses).
    #[arg(long, default_value_t = B256::ZERO, requires = "safe")]
    pub salt: B256,
}

/// A deployment, named by its folder or a file in it, as an argument or
/// with `--deployment`.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct DeploymentArg {
    /// The deployment: its folder (deployments/<chain id>/<name>/) or a
    /// file in it (its deployment.json).
    #[arg(value_name = "DEPLOYMENT")]
    path: Option<PathBuf>,
    /// The deployment, as an option.
    #[arg(long = "deployment", value_name = "DEPLOYMENT")]
    option: Option<PathBuf>,
}

impl DeploymentArg {
    /// The deployment's folder.
    #[must_use]
    pub fn dir(&self) -> PathBuf {
        let path = self
            .path
            .clone()
            .or_else(|| self.option.clone())
            .unwrap_or_default();
        match path.parent() {
            Some(parent) if path.is_file() => parent.to_path_buf(),
            _ => path,
        }
    }
}

/// A table's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Comma-separated values.
    Csv,
    /// JSON.
    Json,
}

/// Parses `eth` (the zero address) or an ERC-20's address.
fn asset(text: &str) -> Result<Address, String> {
    if text.eq_ignore_ascii_case("eth") {
        Ok(Address::ZERO)
    } else {
        address(text)
    }
}

/// Parses a distribution's total: an amount
/// ([`crate::plan::values::parse_amount`]) the distribution contract
/// keeps, at most 2^128 - 1.
fn distribution_total(text: &str) -> Result<U256, String> {
    let amount = crate::plan::values::parse_amount(text)?;
    if amount > common::storage::HALF_MAX {
        return Err(format!(
            "{text} is above 2^128 - 1, the most a distribution holds"
        ));
    }
    Ok(amount)
}

/// Parses an address ([`crate::plan::values::parse_address`]).
fn address(text: &str) -> Result<Address, String> {
    crate::plan::values::parse_address(text)
}

impl SendArgs {
    /// The executor's options for `rpc` and `key`.
    ///
    /// # Errors
    ///
    /// When no key is given.
    pub fn options(&self, rpc: String, key: &KeyArgs) -> anyhow::Result<deploy::Options> {
        let key = key.source().ok_or_else(|| {
            anyhow::anyhow!(
                "a key is needed: --private-key-path <file> (SUITE_PRIVATE_KEY_PATH) or \
                 --keystore <file> (ETH_KEYSTORE)"
            )
        })?;
        Ok(deploy::Options {
            rpc,
            key,
            resume: self.resume,
            data_fee_bump_percent: self.data_fee_bump_percent,
            timeout: Duration::from_secs(self.timeout),
            stylus_deployer: self.stylus_deployer,
            yes: self.yes,
            simulate: true,
        })
    }
}

/// `suite keepalive`'s options.
#[must_use]
pub fn keepalive_options(
    rpc: String,
    key: &KeyArgs,
    within_days: u64,
    data_fee_bump_percent: u64,
    timeout: u64,
) -> keepalive::Options {
    keepalive::Options {
        rpc,
        key: key.source(),
        within_days,
        data_fee_bump_percent,
        timeout: Duration::from_secs(timeout),
    }
}

#[cfg(test)]
mod tests {
    use clap::{error::ErrorKind, CommandFactory};

    use super::*;

    /// `suite <args>` parsed.
    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("suite").chain(args.iter().copied()))
    }

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn deploy_takes_the_documented_flags_in_either_form() {
        let cli = parse(&[
            "deploy",
            "plan.json",
            "--rpc=http://localhost:8547",
            "--private-key-path",
            "key.txt",
            "--resume",
            "--yes",
            "--data-fee-bump",
            "50",
            "--timeout=60",
            "--stylus-deployer",
            "0x00000000000000000000000000000000000000d0",
        ])
        .unwrap();
        let Command::Deploy {
            plan,
            rpc,
            key,
            send,
        } = cli.command
        else {
            panic!("not deploy");
        };
        assert_eq!(plan, PathBuf::from("plan.json"));
        let options = send.options(rpc, &key).unwrap();
        assert_eq!(
            options,
            deploy::Options {
                rpc: "http://localhost:8547".into(),
                key: KeySource::File("key.txt".into()),
                resume: true,
                data_fee_bump_percent: 50,
                timeout: Duration::from_secs(60),
                stylus_deployer: alloy_primitives::address!(
                    "00000000000000000000000000000000000000d0"
                ),
                yes: true,
                simulate: true,
            }
        );
    }

    #[test]
    fn corporate_commands_take_the_deployment_either_way() {
        let dir = std::env::temp_dir().join(format!("suite-cli-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let record = dir.join("deployment.json");
        std::fs::write(&record, "{}").unwrap();
        let record = record.to_str().unwrap();
        for args in [
            &["cap-table", record, "--rpc", "http://x", "--format", "json"][..],
            &["cap-table", "--deployment", record, "--rpc=http://x"],
        ] {
            let Command::CapTable {
                deployment, format, ..
            } = parse(args).unwrap().command
            else {
                panic!("not cap-table");
            };
            assert_eq!(deployment.dir(), dir);
            assert_eq!(
                format,
                if args.len() == 6 {
                    Format::Json
                } else {
                    Format::Csv
                }
            );
        }
        let cli = parse(&[
            "distribution",
            "--deployment",
            dir.to_str().unwrap(),
            "--rpc",
            "http://x",
            "--record-block",
            "7",
            "--asset",
            "eth",
            "--amount",
            "1_000",
        ]);
        let Command::Distribution {
            deployment,
            asset,
            amount,
            record_block,
            ..
        } = cli.unwrap().command
        else {
            panic!("not distribution");
        };
        assert_eq!(deployment.dir(), dir);
        assert_eq!(
            (asset, amount, record_block),
            (Address::ZERO, U256::from(1_000), 7)
        );
        // The total: at most 2^128 - 1, as the contract keeps it.
        let total = |amount: &str| {
            parse(&[
                "distribution",
                "a",
                "--rpc",
                "http://x",
                "--record-block",
                "1",
                "--asset",
                "eth",
                "--amount",
                amount,
            ])
        };
        let refusal = total("340282366920938463463374607431768211456")
            .err()
            .unwrap()
            .to_string();
        assert!(refusal.contains("above 2^128 - 1"), "{refusal}");
        let largest = total("340282366920938463463374607431768211455");
        let Command::Distribution { amount, .. } = largest.unwrap().command else {
            panic!("not distribution");
        };
        assert_eq!(amount, common::storage::HALF_MAX);
        for args in [
            &["cap-table", "--rpc", "http://x"][..],
            &["cap-table", "a", "--deployment", "b", "--rpc", "http://x"],
            &[
                "distribution",
                "a",
                "--rpc",
                "http://x",
                "--record-block",
                "1",
                "--asset",
                "usd",
                "--amount",
                "1",
            ],
        ] {
            assert!(
                Cli::try_parse_from(std::iter::once("suite").chain(args.iter().copied())).is_err(),
                "{args:?}"
            );
        }
    }

    #[test]
    fn usage_errors_are_clap_errors_and_exit_with_2() {
        for args in [
            &["deploy", "plan.json", "--rpc", "http://x", "--fast"][..],
            &["deploy", "plan.json", "--rpc"],
            &[
                "deploy",
                "plan.json",
                "--rpc",
                "http://x",
                "--timeout",
                "soon",
            ],
            &["plan"],
            &[
                "plan",
                "x.toml",
                "--no-demo",
                "--rpc",
                "http://x",
                "--private-key-path",
                "k",
            ],
            &[
                "deploy",
                "p",
                "--rpc",
                "http://x",
                "--private-key-path",
                "k",
                "--keystore",
                "s",
            ],
            &["deploy", "p", "--rpc", "http://x", "--password-file", "p"],
            &["keepalive", "a.json", "--rpc", "http://x", "--now"],
            &["frobnicate"],
            &["--json", "--quiet", "build"],
        ] {
            let err = parse(args).unwrap_err();
            assert_eq!(err.exit_code(), 2, "{args:?}: {err}");
        }
        let err = parse(&[
            "deploy",
            "p",
            "--rpc",
            "http://x",
            "--stylus-deployer",
            "0xd8Da6BF26964aF9D7eEd9e03E53415D37aA96045",
        ])
        .unwrap_err();
        assert!(err.to_string().contains("EIP-55"), "{err}");
    }

    #[test]
    fn help_and_version_are_answered_for_the_tool_and_each_command() {
        for args in [
            &["--help"][..],
            &["help"],
            &["help", "deploy"],
            &["plan", "--help"],
        ] {
            let err = parse(args).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::DisplayHelp, "{args:?}");
            assert_eq!(err.exit_code(), 0);
        }
        let err = parse(&["--version"]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::DisplayVersion);
        assert!(err.to_string().contains(env!("CARGO_PKG_VERSION")));
        let help = Cli::command().render_long_help().to_string();
        for command in [
            "build",
            "check",
            "bench",
            "plan",
            "deploy",
            "transactions",
            "keepalive",
            "node",
        ] {
            assert!(help.contains(command), "{command}");
        }
    }

    #[test]
    fn a_keystore_and_its_password_file_are_a_key() {
        let cli = parse(&[
            "deploy",
            "p",
            "--rpc",
            "http://x",
            "--keystore",
            "deployer.json",
            "--password-file=pw",
        ])
        .unwrap();
        let Command::Deploy { key, .. } = cli.command else {
            panic!("not deploy");
        };
        assert_eq!(
            key.source(),
            Some(KeySource::Keystore {
                path: "deployer.json".into(),
                password_file: Some("pw".into()),
            })
        );
    }

    #[test]
    fn keepalive_reports_without_a_key_and_reads_its_flags() {
        let cli = parse(&[
            "keepalive",
            "a.json",
            "--rpc",
            "http://x",
            "--within-days",
            "30",
        ])
        .unwrap();
        let Command::Keepalive {
            key, within_days, ..
        } = cli.command
        else {
            panic!("not keepalive");
        };
        assert_eq!(key.source(), None);
        assert_eq!(within_days, 30);
    }

    #[test]
    fn plan_without_rpc_plans_and_json_and_quiet_are_global() {
        let cli = parse(&["plan", "deploy/example.toml", "--name", "fund-i", "--quiet"]).unwrap();
        assert!(cli.quiet && !cli.json);
        let Command::Plan {
            name, rpc, no_demo, ..
        } = cli.command
        else {
            panic!("not plan");
        };
        assert_eq!(name.as_deref(), Some("fund-i"));
        assert_eq!(rpc, None);
        assert!(!no_demo);
        assert!(parse(&["--json", "check"]).unwrap().json);
    }
}
