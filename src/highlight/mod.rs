//! Build-time syntax highlighting with short CSS classes.
//!
//! syntect's own class output writes every scope of every token as a prefixed class, which
//! makes a 25-line Python block weigh ~17 KB. Readers only see a dozen colours, so each token
//! is mapped to one of a dozen one-letter classes (`k` keyword, `s` string, ...) by matching
//! its scope stack against selectors, and adjacent tokens of one class share a span. The
//! light and dark stylesheets give those classes the colours that real syntect themes give
//! the same scopes, so the look is the theme's and the markup stays small.
//!
//! Python, the guide's language, is parsed with our own lean grammar
//! (`python.sublime-syntax`) instead of syntect's bundled one: the bundled grammar spends
//! ~45 µs on a line, which made highlighting 84% of a build. Ours names only what the
//! classes need and is 2.5 to 3 times faster; a test below keeps the classes it gives in
//! agreement with the bundled grammar's on every Python block of the guide.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Write;
use std::str::FromStr;

use syntect::highlighting::{Color, FontStyle, Highlighter as ThemeHighlighter, ScopeSelectors, Theme, ThemeSet};
use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxDefinition, SyntaxReference, SyntaxSet, SyntaxSetBuilder};
use syntect::util::LinesWithEndings;

pub mod languages;

use languages::Grammar;

/// `(scope selector, class, scope whose colour the theme gives the class)`. Order only
/// matters for ties; the most specific selector wins.
const CLASSES: &[(&str, &str, &str)] = &[
    ("comment, punctuation.definition.comment", "c", "comment.line"),
    ("string, punctuation.definition.string", "s", "string.quoted.double"),
    (
        "constant.character.escape, constant.other.placeholder",
        "e",
        "constant.character.escape",
    ),
    ("constant.numeric", "n", "constant.numeric"),
    (
        "constant.language, support.constant, variable.other.constant",
        "l",
        "constant.language",
    ),
    (
        "keyword, storage, keyword.operator.logical, keyword.operator.word",
        "k",
        "keyword.control",
    ),
    ("keyword.operator", "o", "keyword.operator"),
    ("entity.name.function, variable.function", "f", "entity.name.function"),
    ("support.function", "b", "support.function"),
    (
        "entity.name.class, entity.name.type, support.type, support.class, entity.other.inherited-class",
        "t",
        "entity.name.class",
    ),
    ("variable.parameter, variable.language", "v", "variable.parameter"),
    (
        "meta.decorator, entity.name.function.decorator, punctuation.definition.decorator, \
         punctuation.definition.annotation, variable.annotation",
        "d",
        "entity.name.function.decorator",
    ),
    ("entity.name.tag", "g", "entity.name.tag"),
    (
        "entity.other.attribute-name, meta.mapping.key string, entity.name.key",
        "a",
        "entity.other.attribute-name",
    ),
    ("markup.heading", "h", "markup.heading"),
    ("markup.inserted", "i", "markup.inserted"),
    ("markup.deleted", "x", "markup.deleted"),
];

/// Our Python grammar, compiled into the binary.
const PYTHON_SYNTAX: &str = include_str!("python.sublime-syntax");
/// Our SQL grammar (syntect's bundled one knows no window functions or CTEs).
const SQL_SYNTAX: &str = include_str!("sql.sublime-syntax");

/// Loaded once per run and shared by every page (syntect's sets are `Sync`).
pub struct Highlighter {
    /// syntect's bundled grammars, for every language but Python and SQL.
    syntaxes: &'static SyntaxSet,
    /// Our own grammars: Python and SQL (see the module comment).
    ours: SyntaxSet,
    selectors: Vec<(ScopeSelectors, &'static str)>,
    /// Every block highlighted, by language and text: a build sees each block up to three
    /// times (its page, `/print/` and its topic's print view), and `serve` keeps it for the
    /// session so that unchanged code is never highlighted twice. `None` only in unit tests.
    code_cache: Option<std::sync::Mutex<CodeCache>>,
    highlighted: std::sync::atomic::AtomicUsize,
}

/// Highlighted blocks by `(language, code)`, each filled by the first render that needs it.
type CodeCache = HashMap<(String, String), std::sync::Arc<std::sync::OnceLock<std::sync::Arc<str>>>>;

/// A class for each scope stack seen, kept per thread for the whole build: a guide's code
/// revisits the same few hundred stacks, and matching selectors is the costly part.
type ClassCache = HashMap<Vec<Scope>, Option<&'static str>>;

thread_local! {
    static CLASS_CACHE: RefCell<ClassCache> = RefCell::new(HashMap::new());
}

impl Default for Highlighter {
    fn default() -> Self {
        Self::new()
    }
}

impl Highlighter {
    pub fn new() -> Self {
        let selectors = CLASSES
            .iter()
            .filter_map(|(sel, class, _)| ScopeSelectors::from_str(sel).ok().map(|s| (s, *class)))
            .collect();
        Self {
            syntaxes: languages::bundled(),
            ours: lean_syntax_set(),
            selectors,
            code_cache: None,
            highlighted: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    /// A highlighter that remembers every block it highlighted (what builds and `serve` use).
    pub fn with_code_cache() -> Self {
        Self {
            code_cache: Some(std::sync::Mutex::new(HashMap::new())),
            ..Self::new()
        }
    }

    /// How many blocks were highlighted (not taken from the cache) so far.
    pub fn blocks_highlighted(&self) -> usize {
        self.highlighted.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The set and grammar for a fence's language, if we know it (see [`languages`]).
    fn syntax(&self, lang: &str) -> Option<(&SyntaxSet, &SyntaxReference)> {
        let ours = |name: &str| self.ours.find_syntax_by_name(name).map(|syntax| (&self.ours, syntax));
        match languages::grammar(lang)? {
            Grammar::Plain => None,
            Grammar::Python => ours("Python").or_else(|| self.bundled("python")),
            Grammar::Sql => ours("SQL").or_else(|| self.bundled("sql")),
            Grammar::Bundled(token) => self.bundled(token),
        }
    }

    fn bundled(&self, token: &str) -> Option<(&SyntaxSet, &SyntaxReference)> {
        self.syntaxes
            .find_syntax_by_token(token)
            .map(|syntax| (self.syntaxes, syntax))
    }

    /// A `<pre>` block for `code`. Unknown languages come out as plain escaped text.
    ///
    /// Each block is highlighted once even when several pages that show it render at the
    /// same time: the first takes the block's slot and the others wait for its result.
    pub fn highlight(&self, code: &str, lang: &str) -> String {
        let Some(cache) = &self.code_cache else {
            return self.highlight_block(code, lang);
        };
        let key = (lang.to_string(), code.to_string());
        let slot = std::sync::Arc::clone(cache.lock().unwrap_or_else(|e| e.into_inner()).entry(key).or_default());
        slot.get_or_init(|| std::sync::Arc::from(self.highlight_block(code, lang).as_str()))
            .to_string()
    }

    fn highlight_block(&self, code: &str, lang: &str) -> String {
        self.highlighted.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut html = String::with_capacity(code.len() * 2 + 64);
        let lang_attr: String = lang
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '+')
            .collect();
        if lang_attr.is_empty() {
            html.push_str("<pre class=\"hl\" tabindex=\"0\"><code>");
        } else {
            let _ = write!(
                html,
                "<pre class=\"hl\" tabindex=\"0\" data-lang=\"{lang_attr}\"><code>"
            );
        }
        match self
            .syntax(lang)
            .and_then(|(set, syntax)| self.spans(code, set, syntax))
        {
            Some(body) => html.push_str(&body),
            None => escape_into(&mut html, code),
        }
        html.push_str("</code></pre>");
        html
    }

    /// The highlighted body, or `None` if syntect fails on this input (then the block is
    /// shown plain rather than failing the build).
    fn spans(&self, code: &str, set: &SyntaxSet, syntax: &SyntaxReference) -> Option<String> {
        let mut out = Spans::default();
        self.classify(code, set, syntax, |text, class| out.push(text, class))?;
        Some(out.finish())
    }

    /// Calls `emit` with each run of `code` and its class, in order.
    fn classify(
        &self,
        code: &str,
        set: &SyntaxSet,
        syntax: &SyntaxReference,
        mut emit: impl FnMut(&str, Option<&'static str>),
    ) -> Option<()> {
        let mut state = ParseState::new(syntax);
        let mut stack = ScopeStack::new();
        let mut class = None;
        CLASS_CACHE.with_borrow_mut(|classes| {
            for line in LinesWithEndings::from(code) {
                let ops = state.parse_line(line, set).ok()?;
                let mut pos = 0;
                for (index, op) in ops {
                    let index = index.min(line.len());
                    if index > pos {
                        emit(&line[pos..index], class);
                        pos = index;
                    }
                    stack.apply(&op).ok()?;
                    class = match classes.get(stack.as_slice()) {
                        Some(known) => *known,
                        None => {
                            let found = self.class_of(&stack);
                            classes.insert(stack.as_slice().to_vec(), found);
                            found
                        }
                    };
                }
                emit(&line[pos..], class);
            }
            Some(())
        })
    }

    fn class_of(&self, stack: &ScopeStack) -> Option<&'static str> {
        let scopes = stack.as_slice();
        self.selectors
            .iter()
            .filter_map(|(selector, class)| selector.does_match(scopes).map(|power| (power, *class)))
            .max_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(std::cmp::Ordering::Equal))
            .map(|(_, class)| class)
    }

    /// The stylesheet giving each class the colour `theme` gives its scope.
    pub fn stylesheet(theme: &Theme) -> String {
        let highlighter = ThemeHighlighter::new(theme);
        let background = theme.settings.background.unwrap_or(Color::WHITE);
        let foreground = theme.settings.foreground.unwrap_or(Color::BLACK);
        let mut css = format!(
            "/* generated by syntax highlighting from a syntect theme */\n.hl{{background:{};color:{}}}\n",
            hex(background),
            hex(foreground)
        );
        for (_, class, scope) in CLASSES {
            let Ok(scope) = Scope::new(scope) else { continue };
            let style = highlighter.style_for_stack(&[scope]);
            let mut rules = Vec::new();
            if style.foreground != foreground {
                rules.push(format!("color:{}", hex(readable(style.foreground, background))));
            }
            if style.font_style.contains(FontStyle::BOLD) {
                rules.push("font-weight:700".to_string());
            }
            if style.font_style.contains(FontStyle::ITALIC) {
                rules.push("font-style:italic".to_string());
            }
            if !rules.is_empty() {
                let _ = writeln!(css, ".hl .{class}{{{}}}", rules.join(";"));
            }
        }
        css
    }

    /// `(light, dark)` stylesheets from syntect's bundled themes.
    pub fn stylesheets() -> (String, String) {
        let themes = ThemeSet::load_defaults();
        let pick = |name: &str| themes.themes.get(name).map(Self::stylesheet).unwrap_or_default();
        (pick("InspiredGitHub"), pick("base16-ocean.dark"))
    }
}

/// A set holding our grammars (Python, SQL). They are part of the binary and a test loads
/// them, so this cannot fail for a user; if it ever did, the set would lack the grammar and
/// the language would fall back to the bundled one.
pub fn lean_syntax_set() -> SyntaxSet {
    let mut builder = SyntaxSetBuilder::new();
    for (text, name) in [(PYTHON_SYNTAX, "Python"), (SQL_SYNTAX, "SQL")] {
        if let Ok(definition) = SyntaxDefinition::load_from_str(text, true, Some(name)) {
            builder.add(definition);
        }
    }
    builder.build()
}

/// Our Python grammar alone, for `examples/python_grammar_speed.rs`.
pub fn python_syntax_set() -> SyntaxSet {
    let mut builder = SyntaxSetBuilder::new();
    if let Ok(definition) = SyntaxDefinition::load_from_str(PYTHON_SYNTAX, true, Some("Python")) {
        builder.add(definition);
    }
    builder.build()
}

/// The code of every ```python block of the Markdown files under `root`, for the grammar's
/// agreement test and `examples/python_grammar_speed.rs`.
pub fn python_blocks(root: &std::path::Path) -> Vec<String> {
    walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|entry| entry.path().extension().is_some_and(|e| e == "md"))
        .filter_map(|entry| std::fs::read_to_string(entry.path()).ok())
        .flat_map(|text| crate::markdown::outline(&text).code_blocks)
        .filter(|block| block.lang == "python")
        .map(|block| block.code)
        .collect()
}

/// Themes pick colours for looks; readers need 4.5:1 contrast (WCAG AA). Moves a colour
/// toward black on light backgrounds (white on dark ones) until it has that contrast.
fn readable(fg: Color, bg: Color) -> Color {
    let dark_bg = luminance(bg) < 0.5;
    let mut c = fg;
    for step in 1..=20 {
        if contrast(c, bg) >= 4.5 {
            break;
        }
        let t = f32::from(step as u8) / 20.0;
        let target = if dark_bg { 255.0 } else { 0.0 };
        let mix = |v: u8| (f32::from(v) + (target - f32::from(v)) * t).round().clamp(0.0, 255.0) as u8;
        c = Color {
            r: mix(fg.r),
            g: mix(fg.g),
            b: mix(fg.b),
            a: fg.a,
        };
    }
    c
}

fn luminance(c: Color) -> f32 {
    let channel = |v: u8| {
        let v = f32::from(v) / 255.0;
        if v <= 0.03928 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
}

fn contrast(a: Color, b: Color) -> f32 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

fn hex(c: Color) -> String {
    format!("#{:02x}{:02x}{:02x}", c.r, c.g, c.b)
}

/// Accumulates text into as few spans as possible: whitespace joins whatever span is open.
#[derive(Default)]
struct Spans {
    html: String,
    open: Option<&'static str>,
}

impl Spans {
    fn push(&mut self, text: &str, class: Option<&'static str>) {
        if text.is_empty() {
            return;
        }
        if class != self.open && !text.trim().is_empty() {
            if self.open.is_some() {
                self.html.push_str("</span>");
            }
            if let Some(class) = class {
                let _ = write!(self.html, "<span class=\"{class}\">");
            }
            self.open = class;
        }
        escape_into(&mut self.html, text);
    }

    fn finish(mut self) -> String {
        if self.open.is_some() {
            self.html.push_str("</span>");
        }
        self.html
    }
}

/// Escapes text for HTML element content.
pub fn escape_into(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(ch),
        }
    }
}

#[cfg(test)]
mod tests;
