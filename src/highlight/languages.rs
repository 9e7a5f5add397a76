//! Which grammar a fence's language names. Authors write `py`, `postgres` or `console` as
//! often as `python`, `sql` or `bash`; each alias maps to one grammar here, and a name that
//! maps to none is a warning at validation (with the closest known name), not a silently
//! plain block.

use std::sync::OnceLock;

use syntect::parsing::SyntaxSet;

/// The grammar a fence's language is highlighted with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grammar {
    /// Our lean Python grammar (`python.sublime-syntax`).
    Python,
    /// Our lean SQL grammar (`sql.sublime-syntax`), for every dialect.
    Sql,
    /// One of syntect's bundled grammars, by the token it is found with.
    Bundled(&'static str),
    /// Known, and shown as plain text on purpose (`text`, `output`, formats without a grammar).
    Plain,
}

const PYTHON: &[&str] = &["python", "py", "python3", "py3", "pycon", "pyi"];
const SQL: &[&str] = &[
    "sql",
    "postgresql",
    "postgres",
    "pgsql",
    "psql",
    "plpgsql",
    "mysql",
    "mariadb",
    "sqlite",
    "sqlite3",
    "tsql",
    "t-sql",
    "mssql",
    "plsql",
    "duckdb",
    "bigquery",
    "snowflake",
    "redshift",
    "sparksql",
];
/// Aliases of bundled grammars: `(alias, token syntect finds the grammar by)`.
const BUNDLED_ALIASES: &[(&str, &str)] = &[
    ("sh", "bash"),
    ("shell", "bash"),
    ("bash", "bash"),
    ("zsh", "bash"),
    ("console", "bash"),
    ("shell-session", "bash"),
    ("yml", "yaml"),
    ("yaml", "yaml"),
    ("js", "js"),
    ("javascript", "js"),
    ("mjs", "js"),
    ("cjs", "js"),
    ("jsx", "js"),
    ("ts", "js"),
    ("typescript", "js"),
    ("tsx", "js"),
    ("rs", "rs"),
    ("rust", "rs"),
    ("go", "go"),
    ("golang", "go"),
    ("c++", "cpp"),
    ("cs", "cs"),
    ("csharp", "cs"),
    ("c#", "cs"),
    ("md", "md"),
    ("markdown", "md"),
    ("html", "html"),
    ("xml", "xml"),
    ("json", "json"),
    ("diff", "diff"),
    ("patch", "diff"),
    ("make", "makefile"),
    ("makefile", "makefile"),
];
/// Languages shown plain: no highlighting wanted, or no grammar bundled.
const PLAIN: &[&str] = &[
    "",
    "text",
    "txt",
    "plain",
    "plaintext",
    "output",
    "none",
    "nohighlight",
    "log",
    "dockerfile",
    "docker",
    "toml",
    "ini",
    "cfg",
    "conf",
    "env",
    "dotenv",
    "csv",
    "tsv",
    "http",
    "graphql",
    "proto",
    "protobuf",
    "hcl",
    "terraform",
    "nginx",
];

/// syntect's bundled grammars, loaded once per process and shared (highlighting and the
/// validation of fence languages both need them).
pub fn bundled() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// The grammar for a fence's language (already lowercased by the Markdown outline), or
/// `None` for a language syllabus does not know.
pub fn grammar(lang: &str) -> Option<Grammar> {
    if PYTHON.contains(&lang) {
        return Some(Grammar::Python);
    }
    if SQL.contains(&lang) {
        return Some(Grammar::Sql);
    }
    if PLAIN.contains(&lang) {
        return Some(Grammar::Plain);
    }
    if let Some((_, token)) = BUNDLED_ALIASES.iter().find(|(alias, _)| *alias == lang) {
        return Some(Grammar::Bundled(token));
    }
    // Any other name or file extension of a bundled grammar (`ruby`, `rb`, `java`, `c`).
    let set = bundled();
    let syntax = set
        .find_syntax_by_extension(lang)
        .or_else(|| set.syntaxes().iter().find(|s| s.name.eq_ignore_ascii_case(lang)))?;
    // Stored as a static token: the set is static, so its names live as long.
    let token: &'static str = syntax
        .file_extensions
        .first()
        .map_or(syntax.name.as_str(), String::as_str);
    Some(Grammar::Bundled(token))
}

/// The known language name closest to `lang`, when it looks like a typo of one.
pub fn suggest(lang: &str) -> Option<String> {
    let mut names: Vec<String> = PYTHON
        .iter()
        .chain(SQL)
        .chain(PLAIN.iter().filter(|p| !p.is_empty()))
        .map(|s| s.to_string())
        .chain(BUNDLED_ALIASES.iter().map(|(alias, _)| alias.to_string()))
        .collect();
    for syntax in bundled().syntaxes() {
        if !syntax.name.contains(' ') {
            names.push(syntax.name.to_lowercase());
        }
        names.extend(syntax.file_extensions.iter().map(|e| e.to_lowercase()));
    }
    names
        .iter()
        .map(|name| (strsim::damerau_levenshtein(lang, name), name))
        .filter(|(distance, name)| *distance > 0 && *distance <= (name.len() / 3).max(1))
        .min_by_key(|(distance, name)| (*distance, name.len()))
        .map(|(_, name)| name.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_map_to_one_grammar_each() {
        for lang in ["py", "python3", "python"] {
            assert_eq!(grammar(lang), Some(Grammar::Python), "{lang}");
        }
        for lang in [
            "postgresql",
            "postgres",
            "pgsql",
            "psql",
            "mysql",
            "sqlite",
            "tsql",
            "plsql",
            "sql",
        ] {
            assert_eq!(grammar(lang), Some(Grammar::Sql), "{lang}");
        }
        for lang in ["sh", "shell", "console", "zsh", "bash"] {
            assert_eq!(grammar(lang), Some(Grammar::Bundled("bash")), "{lang}");
        }
        assert_eq!(grammar("yml"), Some(Grammar::Bundled("yaml")));
        for lang in ["js", "ts", "jsx", "tsx"] {
            assert_eq!(grammar(lang), Some(Grammar::Bundled("js")), "{lang}");
        }
        assert_eq!(grammar("rs"), Some(Grammar::Bundled("rs")));
        assert_eq!(grammar("golang"), Some(Grammar::Bundled("go")));
        assert!(matches!(grammar("ruby"), Some(Grammar::Bundled(_))));
        assert_eq!(grammar("text"), Some(Grammar::Plain));
        assert_eq!(grammar("nosuchlang"), None);
    }

    #[test]
    fn every_bundled_alias_finds_its_grammar() {
        for (alias, token) in BUNDLED_ALIASES {
            assert!(bundled().find_syntax_by_token(token).is_some(), "{alias} → {token}");
        }
    }

    #[test]
    fn typos_get_the_closest_name() {
        assert_eq!(suggest("pyhton").as_deref(), Some("python"));
        assert_eq!(suggest("postgre").as_deref(), Some("postgres"));
        assert_eq!(suggest("yalm").as_deref(), Some("yaml"));
        assert_eq!(suggest("zzzzzzzzzz"), None);
    }
}
