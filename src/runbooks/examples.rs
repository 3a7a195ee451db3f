//! The example runbooks shipped in the binary (`runbooks/` in the repository),
//! indexed by `--demo` under their repository paths.

use crate::audit::Actor;
use crate::error::Result;
use crate::store::Store;

use super::{Indexed, Source, index};

/// `(path, text)` of each example runbook.
pub const EXAMPLES: &[(&str, &str)] = &[
    ("runbooks/provider-onboarding.md", include_str!("../../runbooks/provider-onboarding.md")),
    ("runbooks/refund-policy.md", include_str!("../../runbooks/refund-policy.md")),
    ("runbooks/sla-escalation.md", include_str!("../../runbooks/sla-escalation.md")),
];

/// Indexes the example runbooks (audited as `actor`, like any `docs add`).
pub async fn index_examples(store: &Store, actor: Actor) -> Result<Vec<Indexed>> {
    let sources: Vec<Source> = EXAMPLES.iter().map(|(path, text)| Source::from_text(path, text)).collect();
    index(store, actor, &sources).await
}
