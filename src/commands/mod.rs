//! What the command line runs: one module a command. Each returns typed
//! results; `main.rs` only parses arguments, prints and picks the exit code.
//! The top of the pipeline: commands use every stage, no stage uses them.

pub mod build;
pub mod import;
pub mod init;
pub mod new;
pub mod schema;
pub mod serve;
pub mod status;
pub mod watch;
