//! The front matter of each kind of file exactly as authors write it. These structs exist to be
//! deserialized strictly (unknown keys are errors); [`crate::load`] turns them into the model.

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::{Difficulty, Kind, Stage};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HomeMeta {
    pub title: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageMeta {
    pub title: String,
    #[serde(default)]
    pub order: Option<i64>,
    #[serde(default)]
    pub nav: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicMeta {
    pub title: String,
    #[serde(default)]
    pub order: Option<i64>,
    #[serde(default)]
    pub share: Option<Spanned<u32>>,
    #[serde(default)]
    pub summary: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionMeta {
    pub title: String,
    pub difficulty: Difficulty,
    pub kind: Kind,
    pub minutes: Spanned<u32>,
    #[serde(default)]
    pub tags: Vec<Spanned<String>>,
    #[serde(default)]
    pub stage: Option<Stage>,
    #[serde(default)]
    pub order: Option<i64>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub slug: Option<Spanned<String>>,
}
