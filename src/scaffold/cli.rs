//! `syllabus theme eject`, `syllabus init` and `syllabus new`: the commands that create files.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::write_new;
use crate::cli::fail;
use crate::diagnostics::display_path;

#[derive(Debug, Args)]
pub struct ThemeArgs {
    #[command(subcommand)]
    pub command: ThemeCommand,
}

#[derive(Debug, Subcommand)]
pub enum ThemeCommand {
    /// Copy the built-in theme into themes/NAME/ to change it freely (never overwrites a file).
    Eject(EjectArgs),
}

#[derive(Debug, Args)]
pub struct EjectArgs {
    /// The guide's folder (holding content/ and themes/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The theme folder to write, themes/NAME/; set `theme: NAME` in guide.yaml to use
    /// another name than `default`.
    #[arg(long, default_value = crate::theme::BUILTIN_NAME)]
    pub name: String,
}

pub fn theme(args: ThemeArgs, quiet: bool) -> ExitCode {
    match args.command {
        ThemeCommand::Eject(args) => eject(args, quiet),
    }
}

fn eject(args: EjectArgs, quiet: bool) -> ExitCode {
    if !crate::slug::is_valid_slug(&args.name) {
        return fail(
            crate::diagnostics::Diagnostic::error(format!("'{}' is not a valid theme name", args.name))
                .help("use lowercase letters, digits and hyphens, e.g. `--name my-theme`")
                .into(),
        );
    }
    let files = crate::theme::eject_files(&args.name);
    match write_new(&args.root, &files) {
        Ok(written) => {
            if !quiet {
                let dir = display_path(&args.root.join("themes").join(&args.name));
                println!("Wrote the built-in theme ({} files) to {dir}/", written.len());
                if args.name != crate::theme::BUILTIN_NAME {
                    println!("Set `theme: {}` in content/guide.yaml to use it.", args.name);
                }
            }
            ExitCode::SUCCESS
        }
        Err(diagnostics) => fail(diagnostics),
    }
}
