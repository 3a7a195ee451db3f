//! The `opsgate` binary: parse, run the library, map the result to an exit code.

use clap::Parser;
use opsgate::cli::Cli;
use opsgate::render;

fn main() -> std::process::ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return opsgate::cli::usage_error(error),
    };
    let output = cli.global.output;
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            let error = opsgate::Error::io("cannot start the async runtime", error);
            render::error(&error, output);
            return error.exit_code().into();
        }
    };
    match runtime.block_on(cli.run()) {
        Ok(code) => code.into(),
        Err(error) => {
            render::error(&error, output);
            error.exit_code().into()
        }
    }
}
