//! The guard's last layer: the policy rules in force. They only tighten a
//! verdict the person, the tier and the constraints already allowed.

use serde_json::Value;

use super::{Guard, Stage, Step, Verdict};
use crate::catalog::Requires;
use crate::error::{Error, Result};
use crate::payload::TargetRef;
use crate::policy::{ActorKind, CapHold, Facts, Tally, cap_overrun, rate_overrun};
use crate::settings::Settings;
use crate::store::{Counting, Store};

impl Guard<'_> {
    pub(super) async fn settings(&self) -> Result<&Settings> {
        self.settings.get_or_try_init(|| Settings::load(self.session.store())).await
    }

    pub(super) async fn apply_rules(
        &self,
        step: &Step<'_>,
        stage: Stage,
        mut verdict: Verdict,
    ) -> Result<Verdict> {
        let session = self.session;
        let policy = session.policy().await?;
        if policy.is_empty() {
            return Ok(verdict);
        }
        let person = session.person()?;
        let actor = if session.agent().is_some() { ActorKind::Agent } else { ActorKind::Person };
        let target = match step.target {
            Some(target) if policy.reads_target(step.action, actor, session.surface()) => {
                read_target(session.store(), target).await?
            }
            _ => None,
        };
        let facts = Facts {
            action: step.action,
            params: step.params,
            target,
            person,
            agent: session.agent(),
            surface: session.surface(),
            now: self.settings().await?.local(session.now()),
        };
        let judgement = policy.judge(&facts);
        verdict.rules = judgement.applied.iter().map(|name| (*name).to_owned()).collect();
        if let Some(denial) = judgement.denial {
            return Ok(verdict.deny_by_rule(denial));
        }
        if let Some(level) = judgement.requires {
            verdict.requires = verdict.requires.max(level);
        }
        if verdict.requires == Requires::Approval {
            verdict.approvals = verdict.approvals.max(judgement.approvals).max(1);
        }
        verdict.second_factor |= judgement.second_factor;

        let catalog = session.catalog();
        let counting = match stage {
            Stage::Plan => Counting::Planned,
            Stage::Execute => Counting::Ran,
        };
        for (rule, rate) in judgement.rates {
            let covered = crate::policy::Policy::covered_actions(rule, catalog);
            let earlier = self
                .decided
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .iter()
                .filter(|name| covered.iter().any(|c| c == *name))
                .count() as i64;
            let tally = Tally {
                counting,
                earlier: if stage == Stage::Plan { earlier } else { 0 },
                exclude: step.action_id,
            };
            if let Some(why) = rate_overrun(session.store(), rule, rate, &facts, &covered, tally).await? {
                return Err(Error::RateLimited(why));
            }
        }
        for (rule, cap) in judgement.caps {
            let Some(hold) = CapHold::new(rule, cap, &facts, catalog) else { continue };
            if let Some(why) = cap_overrun(session.store(), &hold, step.action_id).await? {
                return Ok(verdict.deny_by_rule(why));
            }
            verdict.holds.push(hold);
        }
        Ok(verdict)
    }
}

impl Verdict {
    fn deny_by_rule(mut self, why: String) -> Verdict {
        self.decision = crate::plan::Decision::Denied;
        self.denial = Some(why);
        self.holds.clear();
        self
    }
}

/// The target row as a rule sees it: every column, typed as the database has it.
async fn read_target(store: &Store, target: &TargetRef) -> Result<Option<Value>> {
    let rows = store.row_by_key(&target.table, &target.key_column, &target.key).await?;
    Ok(rows.objects().into_iter().next())
}
