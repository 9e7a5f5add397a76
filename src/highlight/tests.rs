//! Tests of the highlighter: classes, size, contrast, and our grammars against the bundled ones.

use super::*;

#[test]
fn python_gets_short_classes() {
    let h = Highlighter::new();
    let html = h.highlight("def f(x):\n    return \"a\" # c\n", "python");
    assert!(html.starts_with("<pre class=\"hl\" tabindex=\"0\" data-lang=\"python\"><code>"));
    assert!(
        html.contains("<span class=\"k\">def </span><span class=\"f\">f</span>"),
        "{html}"
    );
    assert!(html.contains("<span class=\"s\">\"a\" </span>"), "{html}");
    assert!(html.contains("<span class=\"c\"># c"), "{html}");
    assert!(!html.contains("style="));
}

#[test]
fn unknown_language_is_escaped_plain_text() {
    let html = Highlighter::new().highlight("<script>x</script>", "nosuchlang");
    assert_eq!(
        html,
        "<pre class=\"hl\" tabindex=\"0\" data-lang=\"nosuchlang\"><code>&lt;script&gt;x&lt;/script&gt;</code></pre>"
    );
}

#[test]
fn highlighted_block_is_much_smaller_than_syntects_classed_output() {
    use syntect::html::{ClassStyle, ClassedHTMLGenerator};
    let code: String = (0..25)
        .map(|i| format!("    total += values[{i}] * 2  # step {i}\n"))
        .collect();
    let h = Highlighter::new();
    let ours = h.highlight(&code, "python");
    let syntax = h.syntaxes.find_syntax_by_token("python").unwrap();
    let mut generator =
        ClassedHTMLGenerator::new_with_class_style(syntax, h.syntaxes, ClassStyle::SpacedPrefixed { prefix: "syn-" });
    for line in LinesWithEndings::from(&code) {
        generator.parse_html_for_line_which_includes_newline(line).unwrap();
    }
    let theirs = generator.finalize();
    eprintln!(
        "25-line block: ours {} bytes, syntect's classed output {} bytes",
        ours.len(),
        theirs.len()
    );
    assert!(
        ours.len() * 3 < theirs.len(),
        "ours {} bytes, syntect's {} bytes",
        ours.len(),
        theirs.len()
    );
}

#[test]
fn every_class_colour_is_readable_on_its_background() {
    let themes = ThemeSet::load_defaults();
    for name in ["InspiredGitHub", "base16-ocean.dark"] {
        let theme = &themes.themes[name];
        let bg = theme.settings.background.unwrap();
        let highlighter = ThemeHighlighter::new(theme);
        for (_, _, scope) in CLASSES {
            let fg = highlighter.style_for_stack(&[Scope::new(scope).unwrap()]).foreground;
            assert!(contrast(readable(fg, bg), bg) >= 4.5, "{name} {scope}");
        }
    }
}

/// Odd and broken Python keeps every character: highlighting only adds spans.
#[test]
fn python_grammar_keeps_all_text_of_odd_input() {
    let h = Highlighter::new();
    let deep = format!("x = {}1{}\n", "(".repeat(150), ")".repeat(150));
    let cases = [
        "s = 'unterminated\nprint(s)\n",
        "f\"{x!r:>{width}} {{literal}} {d['k']}\" rb'\\d+' Rb\"x\" bf'not a prefix'\n",
        "\"\"\"docstring\nacross lines\n",
        "def f(a, /, b=[1, (2, 3)], *args, c: dict[str, int] | None = None, **kw) -> 'T': ...\n",
        "@ decorator . chain(x=1)\nclass A(B, metaclass=M): pass\nlambda x=1, *y: (x, y)\n",
        "match p:\n    case [x, *rest] if x > 0: print(x)\n    case {'k': v}: ...\n",
        "ünïcödé = '日本語' + \"emoji 🎉\" # コメント\n",
        "x = 0x_FF + 0o17 + 0b1010 + 1_000.5e-3j + .5\n",
        "<script>alert('&')</script>\n",
        &deep,
        "",
    ];
    for code in cases {
        let html = h.highlight(code, "python");
        let inner = html
            .strip_prefix("<pre class=\"hl\" tabindex=\"0\" data-lang=\"python\"><code>")
            .and_then(|rest| rest.strip_suffix("</code></pre>"))
            .unwrap_or_else(|| panic!("{html}"));
        let mut text = String::new();
        let mut in_tag = false;
        for ch in inner.chars() {
            match ch {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        let text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        assert_eq!(text, code);
        assert!(html.contains("<span") || code.trim().is_empty(), "{html}");
    }
}

/// The class of every byte of `code`, as the given grammar sees it.
fn byte_classes(h: &Highlighter, code: &str, set: &SyntaxSet, syntax: &SyntaxReference) -> Vec<Option<&'static str>> {
    let mut classes = Vec::with_capacity(code.len());
    h.classify(code, set, syntax, |text, class| {
        classes.extend(std::iter::repeat_n(class, text.len()))
    })
    .expect("parses");
    classes
}

/// Every fenced Python block of the shipped guide (its frozen copy under
/// `tests/fixtures/`, so a fork with other content still passes), found by the outline.
fn guide_python_blocks() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/python-guide/content");
    python_blocks(&root)
}

/// Our Python grammar gives (nearly) the classes the bundled grammar gives, on every
/// Python block of the guide. The largest differences are printed so they can be judged
/// (`cargo test python_grammar -- --nocapture`); known ones are SQL keywords inside
/// strings (the bundled grammar highlights embedded SQL) and exception names the
/// bundled grammar does not know (`RecursionError`).
#[test]
fn python_grammar_agrees_with_the_bundled_one() {
    let h = Highlighter::new();
    let bundled = h.syntaxes.find_syntax_by_token("python").unwrap();
    let ours = h.ours.find_syntax_by_name("Python").expect("our grammar loads");
    let blocks = guide_python_blocks();
    assert!(blocks.len() > 200, "found {} blocks", blocks.len());
    let (mut same, mut total) = (0usize, 0usize);
    let mut differences: HashMap<(Option<&str>, Option<&str>, String), usize> = HashMap::new();
    for code in &blocks {
        let theirs = byte_classes(&h, code, h.syntaxes, bundled);
        let mine = byte_classes(&h, code, &h.ours, ours);
        assert_eq!(theirs.len(), mine.len());
        for (i, ch) in code.char_indices() {
            if ch.is_whitespace() {
                continue;
            }
            total += 1;
            if theirs[i] == mine[i] {
                same += 1;
            } else {
                let start = code[..i]
                    .rfind(|c: char| !c.is_alphanumeric() && c != '_')
                    .map_or(0, |p| p + 1);
                let end = code[i..]
                    .find(|c: char| !c.is_alphanumeric() && c != '_')
                    .map_or(code.len(), |p| i + p);
                let word = if start < end {
                    &code[start..end]
                } else {
                    &code[i..i + ch.len_utf8()]
                };
                *differences.entry((theirs[i], mine[i], word.to_string())).or_default() += 1;
            }
        }
    }
    let mut listed: Vec<_> = differences.into_iter().collect();
    listed.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.2.cmp(&b.0.2)));
    for ((theirs, mine, word), n) in listed.iter().take(30) {
        eprintln!("{n:>5}  bundled {theirs:?} ours {mine:?}  {word:?}");
    }
    let agreement = same as f64 / total as f64;
    eprintln!(
        "{} blocks, {total} characters, agreement {:.2}%",
        blocks.len(),
        agreement * 100.0
    );
    assert!(agreement > 0.99, "agreement {:.2}%", agreement * 100.0);
}

#[test]
fn stylesheets_differ_between_light_and_dark() {
    let (light, dark) = Highlighter::stylesheets();
    assert!(light.contains(".hl .k{"), "{light}");
    assert_ne!(light, dark);
}

/// Each word of highlighted `code` with the class of its span (`None` outside any span),
/// read back from the HTML by a real parser.
fn word_classes(h: &Highlighter, code: &str, lang: &str) -> Vec<(String, Option<String>)> {
    let html = scraper::Html::parse_fragment(&h.highlight(code, lang));
    let code_el = scraper::Selector::parse("pre > code").expect("selector");
    let mut words = Vec::new();
    let Some(root) = html.select(&code_el).next() else {
        return words;
    };
    for node in root.children() {
        let (text, class) = match scraper::ElementRef::wrap(node) {
            Some(span) => (
                span.text().collect::<String>(),
                span.value().attr("class").map(str::to_string),
            ),
            None => (node.value().as_text().map(|t| t.to_string()).unwrap_or_default(), None),
        };
        for word in text.split(|c: char| c.is_whitespace() || ",;()".contains(c)) {
            if !word.is_empty() {
                words.push((word.to_string(), class.clone()));
            }
        }
    }
    words
}

/// The class every occurrence of `word` got, failing if two occurrences differ.
fn class_of_word(words: &[(String, Option<String>)], word: &str) -> Option<String> {
    let found: Vec<&Option<String>> = words.iter().filter(|(w, _)| w == word).map(|(_, c)| c).collect();
    assert!(!found.is_empty(), "{word} is not in the code");
    assert!(found.windows(2).all(|p| p[0] == p[1]), "{word}: {found:?}");
    found[0].clone()
}

/// Queries as data-engineering guides write them: window functions, CTEs (recursive too),
/// upserts, EXPLAIN ANALYZE and RETURNING.
const SQL_QUERIES: &str = r#"-- top three orders per customer, with the gap to the previous one
WITH RECURSIVE ranked AS (
    SELECT customer_id,
           total,
           DENSE_RANK() OVER (PARTITION BY customer_id ORDER BY total DESC) AS rnk,
           ROW_NUMBER() OVER w AS rn,
           total - LAG(total, 1, 0) OVER w AS gap,
           LEAD(total) OVER w AS next_total,
           SUM(total) OVER (ORDER BY created_at ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS week_sum
    FROM orders
    WHERE status = 'paid' AND coupon IS NOT NULL
    WINDOW w AS (PARTITION BY customer_id ORDER BY created_at)
)
SELECT * FROM ranked WHERE rnk <= 3;
INSERT INTO daily_totals (day, total) VALUES ($1, 42.5)
ON CONFLICT (day) DO UPDATE SET total = EXCLUDED.total
RETURNING id;
/* the plan, with real timings */
EXPLAIN ANALYZE SELECT count(*) FROM orders WHERE created_at >= now() - interval '7 days';
"#;

#[test]
fn sql_window_functions_ctes_and_upserts_are_highlighted() {
    let h = Highlighter::new();
    for lang in [
        "sql",
        "postgresql",
        "postgres",
        "pgsql",
        "psql",
        "mysql",
        "sqlite",
        "tsql",
        "plsql",
    ] {
        let words = word_classes(&h, SQL_QUERIES, lang);
        let class = |w: &str| class_of_word(&words, w);
        let k = Some("k".to_string());
        for keyword in [
            "WITH",
            "RECURSIVE",
            "AS",
            "SELECT",
            "OVER",
            "PARTITION",
            "BY",
            "ORDER",
            "DESC",
            "ROWS",
            "BETWEEN",
            "PRECEDING",
            "CURRENT",
            "ROW",
            "FROM",
            "WHERE",
            "WINDOW",
            "INSERT",
            "INTO",
            "VALUES",
            "ON",
            "CONFLICT",
            "DO",
            "UPDATE",
            "SET",
            "RETURNING",
            "EXPLAIN",
            "ANALYZE",
            "AND",
            "IS",
            "NOT",
        ] {
            assert_eq!(class(keyword), k, "{lang}: {keyword}");
        }
        for function in ["DENSE_RANK", "ROW_NUMBER", "LAG", "LEAD", "SUM", "count", "now"] {
            assert_eq!(class(function).as_deref(), Some("b"), "{lang}: {function}");
        }
        assert_eq!(class("NULL").as_deref(), Some("l"), "{lang}");
        assert_eq!(class("'paid'").as_deref(), Some("s"), "{lang}");
        assert_eq!(class("42.5").as_deref(), Some("n"), "{lang}");
        assert_eq!(class("$1").as_deref(), Some("e"), "{lang}");
        assert_eq!(class("interval").as_deref(), Some("t"), "{lang}");
        assert_eq!(class("--").as_deref(), Some("c"), "{lang}");
        assert_eq!(class("timings").as_deref(), Some("c"), "{lang}");
        // Names stay plain: a column called `total` is not a keyword.
        assert_eq!(class("customer_id"), None, "{lang}");
        assert_eq!(class("ranked"), None, "{lang}");
    }
}

#[test]
fn sql_strings_comments_and_dollar_quotes_keep_their_text() {
    let h = Highlighter::new();
    let code = "SELECT 'it''s', E'a\\'b', $$ SELECT 'x' $$, $fn$ body $fn$ FROM \"Order\" -- done\n";
    let words = word_classes(&h, code, "sql");
    assert_eq!(class_of_word(&words, "'it").as_deref(), Some("s"), "{words:?}");
    assert_eq!(
        class_of_word(&words, "''").as_deref(),
        Some("e"),
        "a doubled quote is an escape"
    );
    assert_eq!(class_of_word(&words, "body").as_deref(), Some("s"), "{words:?}");
    assert_eq!(class_of_word(&words, "FROM").as_deref(), Some("k"), "{words:?}");
    assert_eq!(class_of_word(&words, "\"Order\""), None, "a quoted name is a name");
    assert_eq!(class_of_word(&words, "done").as_deref(), Some("c"));
    let text: String = scraper::Html::parse_fragment(&h.highlight(code, "sql"))
        .root_element()
        .text()
        .collect();
    assert_eq!(text, code);
}
