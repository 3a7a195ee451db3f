//! The catalog in force for a store: the built-in pack and every added pack.

use std::path::Path;

use super::Catalog;
use crate::error::{Error, Result};
use crate::pack::Pack;
use crate::store::Store;

impl Store {
    /// The packs as added, validated again (a pack that no longer validates —
    /// a newer opsgate with a built-in module of its name — stops every
    /// command but `pack`, which can remove it: fail closed).
    pub async fn installed_packs(&self) -> Result<Vec<Pack>> {
        let rows = self.packs().await?;
        let mut packs = Vec::with_capacity(rows.len());
        for row in rows {
            let label = format!("pack {} (sha256 {})", row.name, &row.sha256[..row.sha256.len().min(12)]);
            let pack = Pack::parse(Path::new(&label), row.text).map_err(|problems| {
                Error::Config(format!(
                    "the added pack `{}` no longer validates ({}); remove it with `opsgate pack remove {}` or add a corrected one",
                    row.name,
                    problems.first().map(ToString::to_string).unwrap_or_default(),
                    row.name
                ))
            })?;
            packs.push(pack);
        }
        Ok(packs)
    }

    /// The built-in actions and those of every added pack.
    /// Only the packs' SHA-256s are read when the catalog for them is built
    /// already: a long-running server pays one small query per session, not a parse.
    pub async fn catalog(&self) -> Result<&'static Catalog> {
        let shas = self.pack_shas().await?;
        if shas.is_empty() {
            return Ok(Catalog::builtin());
        }
        if let Some(catalog) = Catalog::built_for(shas.iter().map(String::as_str)) {
            return Ok(catalog);
        }
        Catalog::with_packs(&self.installed_packs().await?)
    }
}
