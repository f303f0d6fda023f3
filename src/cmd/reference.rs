//! The manual's command-line page, generated from the clap definitions (`sitegen
//! command-line-reference`, hidden), so the page cannot drift from the flags; a test compares it
//! with `docs/pages/reference/command-line.md`.

use clap::{Arg, Command};

/// The page's front matter and introduction.
const HEAD: &str = "+++
title = \"Command line\"
menu = 30
summary = \"Every command and flag of sitegen.\"
+++

This page is generated from sitegen's own definition of its command line (`sitegen
command-line-reference > docs/pages/reference/command-line.md`), so it lists exactly what the
program accepts. `sitegen help COMMAND` prints the same text in a terminal.
";

/// The whole page for `cli` (the `sitegen` command).
pub fn page(mut cli: Command) -> String {
    cli.build();
    let cli = &cli;
    let mut out = String::from(HEAD);
    out.push_str("\n## Options of every command\n\n");
    options(&mut out, cli.get_arguments().filter(|a| a.is_global_set()));
    for sub in visible(cli) {
        command(&mut out, sub, "sitegen");
    }
    out
}

/// The subcommands of `cmd` a user can see.
fn visible(cmd: &Command) -> impl Iterator<Item = &Command> {
    cmd.get_subcommands()
        .filter(|c| !c.is_hide_set() && c.get_name() != "help")
}

/// A command's section (and its subcommands' after it).
fn command(out: &mut String, cmd: &Command, parent: &str) {
    let name = format!("{parent} {}", cmd.get_name());
    if !out.ends_with("\n\n") {
        out.push('\n');
    }
    out.push_str(&format!("## `{name}`\n\n"));
    let about = cmd.get_long_about().or(cmd.get_about());
    if let Some(about) = about {
        out.push_str(&format!("{}\n\n", prose(about.to_string().trim())));
    }
    let aliases: Vec<&str> = cmd.get_visible_aliases().collect();
    if !aliases.is_empty() {
        out.push_str(&format!("Also `{parent} {}`.\n\n", aliases.join("`, `")));
    }
    let usage = cmd.clone().bin_name(&name).render_usage().to_string();
    let usage = usage.trim_start_matches("Usage: ");
    out.push_str(&format!("```sh\n{usage}\n```\n\n"));
    options(
        out,
        cmd.get_arguments()
            .filter(|a| !a.is_hide_set() && !a.is_global_set()),
    );
    for sub in visible(cmd) {
        command(out, sub, &name);
    }
}

/// A list item per argument: its form, its help, its values and default.
fn options<'a>(out: &mut String, args: impl Iterator<Item = &'a Arg>) {
    let mut any = false;
    for arg in args.filter(|a| !matches!(a.get_id().as_str(), "help" | "version")) {
        any = true;
        out.push_str(&format!("- `{}`", form(arg)));
        if let Some(help) = arg.get_long_help().or(arg.get_help()) {
            let help = help
                .to_string()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            out.push_str(&format!(": {}", prose(&help)));
        }
        let values: Vec<String> = arg
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| format!("`{}`", v.get_name()))
            .collect();
        if !values.is_empty() {
            out.push_str(&format!(" (one of {})", values.join(", ")));
        }
        let defaults: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        let switch = matches!(arg.get_action(), clap::ArgAction::SetTrue);
        if !defaults.is_empty() && !switch {
            out.push_str(&format!(" [default: `{}`]", defaults.join(" ")));
        }
        out.push('\n');
    }
    if any {
        out.push('\n');
    }
}

/// Help text as Markdown prose: a `<` outside backticks (`posts/<slug>.md`) is escaped, so it
/// is read as text, not as an HTML tag.
fn prose(text: &str) -> String {
    text.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 0 {
                part.replace('<', "\\<")
            } else {
                part.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("`")
}

/// How an argument is written: `-o, --output <DIR>` or `<EXPORT>`.
fn form(arg: &Arg) -> String {
    let value = arg
        .get_value_names()
        .map(|names| {
            names
                .iter()
                .map(|n| format!("<{n}>"))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_else(|| format!("<{}>", arg.get_id().as_str().to_uppercase()));
    let mut flags = Vec::new();
    if let Some(s) = arg.get_short() {
        flags.push(format!("-{s}"));
    }
    if let Some(l) = arg.get_long() {
        flags.push(format!("--{l}"));
    }
    if flags.is_empty() {
        return value;
    }
    let takes_value = arg.get_num_args().is_some_and(|n| n.takes_values());
    let flags = flags.join(", ");
    if takes_value {
        format!("{flags} {value}")
    } else {
        flags
    }
}
