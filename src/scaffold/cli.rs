//! `syllabus theme eject`, `syllabus init` and `syllabus new`: the commands that create files.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::{NewFile, init, write_new};
use crate::cli::fail;
use crate::content::Kind;
use crate::diagnostics::{Diagnostic, Diagnostics, display_path};

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
            Diagnostic::error(format!("'{}' is not a valid theme name", args.name))
                .help("use lowercase letters, digits and hyphens, e.g. `--name my-theme`")
                .into(),
        );
    }
    let files = crate::theme::eject_files(&args.name);
    match write_new(&args.root, &files) {
        Ok(written) => {
            if !quiet {
                let dir = display_path(&args.root.join("themes").join(&args.name));
                crate::cli::say!("Wrote the built-in theme ({} files) to {dir}/", written.len());
                if args.name != crate::theme::BUILTIN_NAME {
                    crate::cli::say!("Set `theme: {}` in content/guide.yaml to use it.", args.name);
                }
            }
            ExitCode::SUCCESS
        }
        Err(diagnostics) => fail(diagnostics),
    }
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create the guide in (default: the current folder).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The guide's title.
    #[arg(long, default_value = "My study guide")]
    pub title: String,
    /// Write into a folder that is not empty (existing files are still never overwritten).
    #[arg(long)]
    pub force: bool,
}

pub fn init(args: InitArgs, quiet: bool) -> ExitCode {
    let not_empty = std::fs::read_dir(&args.dir).is_ok_and(|mut entries| entries.next().is_some());
    if not_empty && !args.force {
        return fail(
            Diagnostic::error(format!("{} is not empty", display_path(&args.dir)))
                .help("give a new folder, e.g. `syllabus init my-guide`, or pass --force to add the guide's files beside the others (none is overwritten)")
                .into(),
        );
    }
    match write_new(&args.dir, &init::guide_files(&args.title)) {
        Ok(written) => {
            if !quiet {
                let dir = display_path(&args.dir);
                crate::cli::say!("Created a guide in {dir}/ ({} files). Next:", written.len());
                crate::cli::say!("  cd {dir} && syllabus build    # then open site/index.html");
            }
            ExitCode::SUCCESS
        }
        Err(diagnostics) => fail(diagnostics),
    }
}

#[derive(Debug, Args)]
pub struct NewArgs {
    #[command(subcommand)]
    pub what: NewCommand,
}

#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// A question, content/topics/TOPIC/SLUG.md, with its kind's sections.
    Question(NewQuestionArgs),
    /// A topic, content/topics/SLUG/_topic.md.
    Topic(NewItemArgs),
    /// A page, content/pages/SLUG.md.
    Page(NewItemArgs),
}

#[derive(Debug, Args)]
pub struct NewQuestionArgs {
    /// TOPIC/SLUG, e.g. `basics/joins`.
    pub path: String,
    /// The guide's folder (holding content/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The question's title (default: from the slug).
    #[arg(long)]
    pub title: Option<String>,
    /// easy, medium or hard.
    #[arg(long, default_value = "medium", value_parser = ["easy", "medium", "hard"])]
    pub difficulty: String,
    /// coding, concept, design, behavioral or debugging.
    #[arg(long, default_value = "coding", value_parser = ["coding", "concept", "design", "behavioral", "debugging"])]
    pub kind: String,
    /// Practice time in minutes.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..))]
    pub minutes: u32,
}

#[derive(Debug, Args)]
pub struct NewItemArgs {
    /// The slug: lowercase letters, digits and hyphens.
    pub slug: String,
    /// The guide's folder (holding content/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The title (default: from the slug).
    #[arg(long)]
    pub title: Option<String>,
}

fn bad_slug(slug: &str) -> Diagnostics {
    Diagnostic::error(format!("'{slug}' is not a valid slug"))
        .help(format!(
            "slugs become URLs: use lowercase letters, digits and hyphens, e.g. `{}`",
            crate::slug::slugify(slug)
        ))
        .into()
}

pub fn new(args: NewArgs, quiet: bool) -> ExitCode {
    let (root, file) = match args.what {
        NewCommand::Question(a) => {
            let Some((topic, slug)) = a.path.split_once('/') else {
                return fail(
                    Diagnostic::error(format!("'{}' is not TOPIC/SLUG", a.path))
                        .help("name the topic folder and the question, e.g. `syllabus new question basics/joins`")
                        .into(),
                );
            };
            for part in [topic, slug] {
                if !crate::slug::is_valid_slug(part) {
                    return fail(bad_slug(part));
                }
            }
            let topics = a.root.join("content/topics");
            if !topics.join(topic).join("_topic.md").is_file() {
                let known: Vec<String> = std::fs::read_dir(&topics)
                    .map(|entries| {
                        entries
                            .filter_map(Result::ok)
                            .filter(|e| e.path().join("_topic.md").is_file())
                            .map(|e| e.file_name().to_string_lossy().into_owned())
                            .collect()
                    })
                    .unwrap_or_default();
                let mut d = Diagnostic::error(format!("there is no topic '{topic}'"));
                d = match crate::content::yaml::closest(topic, &known) {
                    Some(best) => d.help(format!(
                        "did you mean '{best}'? or create it with `syllabus new topic {topic}`"
                    )),
                    None => d.help(format!("create it first with `syllabus new topic {topic}`")),
                };
                return fail(d.into());
            }
            let kind = match a.kind.as_str() {
                "concept" => Kind::Concept,
                "design" => Kind::Design,
                "behavioral" => Kind::Behavioral,
                "debugging" => Kind::Debugging,
                _ => Kind::Coding,
            };
            let title = a.title.unwrap_or_else(|| init::title_from_slug(slug));
            let body = init::question_file(&title, &a.difficulty, kind, a.minutes);
            (a.root, NewFile::new(format!("content/topics/{topic}/{slug}.md"), body))
        }
        NewCommand::Topic(a) => {
            if !crate::slug::is_valid_slug(&a.slug) {
                return fail(bad_slug(&a.slug));
            }
            let title = a.title.unwrap_or_else(|| init::title_from_slug(&a.slug));
            let path = format!("content/topics/{}/_topic.md", a.slug);
            (a.root, NewFile::new(path, init::topic_file(&title)))
        }
        NewCommand::Page(a) => {
            if !crate::slug::is_valid_slug(&a.slug) {
                return fail(bad_slug(&a.slug));
            }
            let title = a.title.unwrap_or_else(|| init::title_from_slug(&a.slug));
            let path = format!("content/pages/{}.md", a.slug);
            (a.root, NewFile::new(path, init::page_file(&title)))
        }
    };
    match write_new(&root, std::slice::from_ref(&file)) {
        Ok(_) => {
            if !quiet {
                crate::cli::say!("Created {}", display_path(&root.join(&file.path)));
            }
            ExitCode::SUCCESS
        }
        Err(diagnostics) => fail(diagnostics),
    }
}
