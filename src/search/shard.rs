//! The index on disk: postings encoded as compact strings and the terms cut into shards, so
//! that a query downloads only the shards its words fall in. The format is described in
//! docs/search.md; `search.js` decodes it.

use std::cmp::Ordering;

use rayon::prelude::*;

use super::index::Index;

/// A shard stops growing past this many bytes (a single term with a very long posting list
/// may still make one larger). Smaller means less to download per query but more files.
pub const TARGET_SHARD_BYTES: usize = 12 * 1024;

/// URL-safe, quote-free: the encoded postings never need escaping inside a JS string.
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Appends `n` as base-32 digits, most significant first; every digit but the last is
/// marked by adding 32, so a reader knows where a number ends.
pub fn push_varint(out: &mut String, mut n: u32) {
    let mut digits = [0u8; 7];
    let mut len = 0;
    loop {
        digits[len] = (n % 32) as u8;
        len += 1;
        n /= 32;
        if n == 0 {
            break;
        }
    }
    for i in (0..len).rev() {
        let digit = if i == 0 { digits[i] } else { digits[i] + 32 };
        out.push(ALPHABET[digit as usize] as char);
    }
}

/// A term's postings: groups by impact level, highest first; each group is
/// `level count first-doc (gap-1)…`, so a long list of neighbouring pages costs one
/// character per page.
pub fn encode_postings(postings: &[(u32, u8)]) -> String {
    let mut levels: Vec<u8> = postings.iter().map(|p| p.1).collect();
    levels.sort_unstable_by(|a, b| b.cmp(a));
    levels.dedup();
    let mut out = String::new();
    for level in levels {
        let docs: Vec<u32> = postings.iter().filter(|p| p.1 == level).map(|p| p.0).collect();
        push_varint(&mut out, u32::from(level));
        push_varint(&mut out, docs.len() as u32);
        let mut previous: Option<u32> = None;
        for doc in docs {
            let value = match previous {
                None => doc,
                Some(p) => doc.saturating_sub(p).saturating_sub(1),
            };
            push_varint(&mut out, value);
            previous = Some(doc);
        }
    }
    out
}

/// JavaScript compares strings by UTF-16 code units, Rust by code points; the two disagree
/// above U+FFFF. Terms are sorted the browser's way so its binary searches find them.
pub fn js_order(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// One shard: its terms, sorted, each with its encoded postings.
#[derive(Debug, Default)]
pub struct Shard {
    pub terms: Vec<(String, String)>,
}

impl Shard {
    pub fn first_term(&self) -> &str {
        self.terms.first().map_or("", |(t, _)| t.as_str())
    }
}

/// Cuts the sorted terms into consecutive shards of about `target` bytes. Shard `i` holds
/// the terms from its first term up to the next shard's first term, so the browser finds a
/// term's shard by binary search over the first terms, and a prefix's terms in a run of
/// consecutive shards.
pub fn shards(index: &Index, target: usize) -> Vec<Shard> {
    let mut terms: Vec<(&String, &Vec<(u32, u8)>)> = index.terms.iter().collect();
    terms.sort_by(|a, b| js_order(a.0, b.0));
    let encoded: Vec<String> = terms
        .par_iter()
        .map(|(_, postings)| encode_postings(postings))
        .collect();
    let mut out: Vec<Shard> = Vec::new();
    let mut current = Shard::default();
    let mut size = 0;
    for ((term, _), encoded) in terms.into_iter().zip(encoded) {
        // The term, its postings, two pairs of quotes and two commas.
        let bytes = term.len() + encoded.len() + 6;
        if size + bytes > target && !current.terms.is_empty() {
            out.push(std::mem::take(&mut current));
            size = 0;
        }
        size += bytes;
        current.terms.push((term.clone(), encoded));
    }
    if !current.terms.is_empty() || out.is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn varint(n: u32) -> String {
        let mut s = String::new();
        push_varint(&mut s, n);
        s
    }

    #[test]
    fn varints_mark_continuation() {
        assert_eq!(varint(0), "A");
        assert_eq!(varint(31), "f");
        assert_eq!(varint(32), "hA");
        assert_eq!(varint(1025), "hgB");
    }

    #[test]
    fn postings_group_by_level_then_gap() {
        // Level 5: docs 2, 3, 10; level 2: doc 7.
        let encoded = encode_postings(&[(2, 5), (3, 5), (7, 2), (10, 5)]);
        assert_eq!(encoded, "FDCAGCBH");
    }

    #[test]
    fn shards_are_consecutive_sorted_and_bounded() {
        let mut index = Index::default();
        for i in 0..500u32 {
            index.terms.insert(format!("term{i:04}"), vec![(i, 3), (i + 1, 4)]);
        }
        index.terms.insert("😀".into(), vec![(0, 1)]);
        index.terms.insert("\u{ff01}".into(), vec![(0, 1)]);
        let shards = shards(&index, 1024);
        assert!(shards.len() > 5);
        let all: Vec<&str> = shards
            .iter()
            .flat_map(|s| s.terms.iter().map(|t| t.0.as_str()))
            .collect();
        assert_eq!(all.len(), index.terms.len());
        assert!(all.windows(2).all(|w| js_order(w[0], w[1]) == Ordering::Less));
        // UTF-16 order puts the emoji (a surrogate pair, 0xD83D…) before U+FF01.
        assert_eq!(&all[all.len() - 2..], ["😀", "\u{ff01}"]);
        for shard in &shards[..shards.len() - 1] {
            let size: usize = shard.terms.iter().map(|(t, p)| t.len() + p.len() + 6).sum();
            assert!(size <= 1024, "{size}");
        }
    }

    #[test]
    fn an_empty_index_still_has_one_shard() {
        assert_eq!(shards(&Index::default(), 1024).len(), 1);
    }
}
