//! `plan`: prompt → proposal → guarded, costed steps, stored with their tokens.

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use super::token_ttl;
use crate::audit::{Event, Outcome};
use crate::canonical::{hash_value, to_canonical_string};
use crate::catalog::{ActionSpec, Requires};
use crate::confirm::{TOKEN_SECRET, mint};
use crate::error::{Error, Result};
use crate::guard::{Charge, Guard, Stage, Step as GuardStep, Verdict};
use crate::payload::{self, Built};
use crate::plan::{ActionId, ActionStatus, Decision, Plan, PlanId, Proposal, Step};
use crate::planner::{PlanRequest, Planner};
use crate::session::Session;
use crate::settings::Settings;
use crate::store::{NewAction, TokenRow};

/// Steps one prompt may become; a longer plan is refused (exit 7), never cut short.
pub const MAX_STEPS: usize = 20;

/// How a plan is being made.
pub struct PlanOptions<'a> {
    /// suggest | dry-run | execute
    pub mode: &'a str,
}

/// Plans a prompt in a session and stores the plan. Denials and unplannable
/// prompts are audited before the error is returned.
pub async fn plan_prompt(
    session: &Session,
    planner: &dyn Planner,
    prompt: &str,
    options: PlanOptions<'_>,
) -> Result<Plan> {
    let mut batch = PlanBatch::new(session);
    batch.add(planner, prompt).await?;
    batch.store(options).await?.pop().ok_or_else(|| Error::Internal("the plan was not stored".into()))
}

/// Like [`plan_prompt`], for a proposal made without a planner; `prompt` is
/// what the plan records as asked.
pub async fn plan_proposal(
    session: &Session,
    prompt: &str,
    proposal: Proposal,
    options: PlanOptions<'_>,
) -> Result<Plan> {
    let mut batch = PlanBatch::new(session);
    batch.add_proposal(prompt, proposal).await?;
    batch.store(options).await?.pop().ok_or_else(|| Error::Internal("the plan was not stored".into()))
}

/// A prompt proposed and checked (catalog, schemas, guard, payloads), not stored yet.
struct PreparedPlan {
    prompt: String,
    proposal: Proposal,
    /// Per step: its index in the proposal, its action, the guard's verdict, the payload.
    steps: Vec<(usize, &'static ActionSpec, Verdict, Option<Built>)>,
    prepared_at: DateTime<Utc>,
}

/// Plans of one session, stored together: each prompt is proposed and checked
/// exactly as [`plan_prompt`] does when it is added (refusals audited at once),
/// and [`PlanBatch::store`] writes every plan, its actions, tokens and audit
/// entries in one transaction. A playbook's `for_each` plans thousands of
/// prompts this way without a commit per plan.
pub struct PlanBatch<'a> {
    session: &'a Session,
    settings: Option<Settings>,
    prepared: Vec<PreparedPlan>,
}

impl<'a> PlanBatch<'a> {
    pub fn new(session: &'a Session) -> PlanBatch<'a> {
        PlanBatch { session, settings: None, prepared: Vec::new() }
    }

    /// Plans added and not stored yet.
    pub fn len(&self) -> usize {
        self.prepared.len()
    }

    pub fn is_empty(&self) -> bool {
        self.prepared.is_empty()
    }

    async fn settings(&mut self) -> Result<&Settings> {
        if self.settings.is_none() {
            self.settings = Some(Settings::load(self.session.store()).await?);
        }
        Ok(self.settings.as_ref().expect("loaded above"))
    }

    /// Proposes and checks `prompt`; true when the guard denied one of its steps
    /// (the plan is still stored, as by [`plan_prompt`]). A refusal is audited
    /// and returned, and nothing of it is stored.
    pub async fn add(&mut self, planner: &dyn Planner, prompt: &str) -> Result<bool> {
        let session = self.session;
        let guard = Guard::new(session);
        let person = match guard.require_ai_use() {
            Ok(person) => person,
            Err(denied) => {
                return Err(session
                    .refuse(Event::PlanDenied, Outcome::Denied, None, json!({"prompt": prompt}), denied)
                    .await);
            }
        };
        let now = session.now();
        let local = self.settings().await?.local(now);
        let offer = guard.offer();
        let request = PlanRequest { prompt, catalog: session.catalog(), now: local, person, offer: &offer };
        let proposal = match planner.propose_for(request).await.and_then(|proposal| {
            crate::planner::check_amounts(prompt, &proposal, session.catalog(), local).map(|()| proposal)
        }) {
            Ok(proposal) => proposal,
            Err(error) => {
                let payload = json!({"prompt": prompt, "planner": planner.name()});
                return Err(session
                    .refuse(Event::PlanUnplannable, Outcome::Failed, None, payload, error)
                    .await);
            }
        };
        self.add_proposal(prompt, proposal).await
    }

    /// Checks a proposal made without a planner (a playbook's `action:` step)
    /// exactly like a planned one; `prompt` is what the plan records as asked.
    pub async fn add_proposal(&mut self, prompt: &str, proposal: Proposal) -> Result<bool> {
        let session = self.session;
        let guard = Guard::new(session);
        if let Err(denied) = guard.require_ai_use() {
            return Err(session
                .refuse(Event::PlanDenied, Outcome::Denied, None, json!({"prompt": prompt}), denied)
                .await);
        }
        let now = session.now();
        if proposal.steps.len() > MAX_STEPS {
            let error = Error::Unplannable(format!(
                "the request became {} steps; one request may have at most {MAX_STEPS}: split it",
                proposal.steps.len()
            ));
            let payload = json!({"prompt": prompt, "planner": proposal.planner});
            return Err(session.refuse(Event::PlanUnplannable, Outcome::Failed, None, payload, error).await);
        }

        // The proposal is untrusted: every step is checked against the catalog and its schema.
        let catalog = session.catalog();
        let mut prepared = Vec::with_capacity(proposal.steps.len());
        for (index, step) in proposal.steps.iter().enumerate() {
            let action = catalog.require(&step.action).map_err(|e| Error::Unplannable(e.to_string()))?;
            catalog.validate(&action.name, &step.params).map_err(|e| Error::Unplannable(e.to_string()))?;
            let permitted = guard.permits(action, Stage::Plan);
            let built = if permitted.is_allowed() {
                let person = session.person()?;
                match payload::build(session.store(), action, &step.params, person).await {
                    Ok(built) => Some(built),
                    Err(error) => {
                        let event = if matches!(error, Error::Conflict(_)) {
                            Event::PlanConflict
                        } else {
                            Event::PlanFailed
                        };
                        let payload = json!({"prompt": prompt, "action": action.name, "params": step.params});
                        return Err(session.refuse(event, Outcome::Failed, None, payload, error).await);
                    }
                }
            } else {
                None
            };
            let verdict = match &built {
                None => permitted,
                Some(built) => {
                    let step = GuardStep::new(action, &built.params).target(built.payload.target());
                    match guard.decide(&step, Stage::Plan).await {
                        Ok(verdict) => verdict,
                        Err(error) => {
                            let event = if matches!(error, Error::RateLimited(_)) {
                                Event::PlanRateLimited
                            } else {
                                Event::PlanFailed
                            };
                            let payload =
                                json!({"prompt": prompt, "action": action.name, "params": built.params});
                            return Err(session.refuse(event, Outcome::Refused, None, payload, error).await);
                        }
                    }
                }
            };
            prepared.push((index, action, verdict, built));
        }
        let charge = Charge {
            tool_calls: prepared.len() as i64,
            mutations: prepared.iter().filter(|(_, a, v, _)| v.is_allowed() && a.risk.writes()).count()
                as i64,
        };
        if let Err(over) = guard.charge(charge).await {
            let payload =
                json!({"prompt": prompt, "tool_calls": charge.tool_calls, "mutations": charge.mutations});
            return Err(session.refuse(Event::PlanOverBudget, Outcome::Refused, None, payload, over).await);
        }
        let denied = prepared.iter().any(|(_, _, verdict, _)| !verdict.is_allowed());
        self.prepared.push(PreparedPlan {
            prompt: prompt.to_owned(),
            proposal,
            steps: prepared,
            prepared_at: now,
        });
        Ok(denied)
    }

    /// Stores every added plan in one transaction and returns them in order.
    pub async fn store(&mut self, options: PlanOptions<'_>) -> Result<Vec<Plan>> {
        let session = self.session;
        if self.prepared.is_empty() {
            return Ok(Vec::new());
        }
        let person = session.person()?;
        let store = session.store();
        let token_key = store.instance_secret(TOKEN_SECRET).await?;
        let ttl = token_ttl(self.settings().await?);
        let agent = session.agent().map(|agent| agent.name.as_str());
        let surface = session.surface().as_str();
        let mut tx = store.begin().await?;
        let mut entries = Vec::new();
        let mut plans = Vec::with_capacity(self.prepared.len());
        for PreparedPlan { prompt, proposal, steps: prepared, prepared_at: now } in self.prepared.drain(..) {
            let prompt = prompt.as_str();
            let first_entry = entries.len();
            let document = to_canonical_string(&serde_json::to_value(&proposal).unwrap_or(Value::Null));
            let plan_id = tx
                .insert_plan(prompt, options.mode, &proposal.planner, person.id, &document, surface)
                .await?;
            let mut steps = Vec::with_capacity(prepared.len());
            for (index, (step_index, action, verdict, built)) in prepared.into_iter().enumerate() {
                let proposed = &proposal.steps[step_index];
                let (payload_value, target_version, params) = match &built {
                    Some(Built { payload, target_version, params }) => {
                        (payload.to_value(), target_version.clone(), params.clone())
                    }
                    None => (Value::Null, None, proposed.params.clone()),
                };
                let payload_hash = hash_value(&payload_value);
                let status = verdict.initial_status();
                let params_text = to_canonical_string(&params);
                let sources_text = to_canonical_string(&json!(proposed.sources));
                let payload_text = to_canonical_string(&payload_value);
                let action_id = tx
                    .insert_action(&NewAction {
                        plan_id,
                        step_index: index as i64,
                        action: &action.name,
                        params: &params_text,
                        risk: action.risk.as_str(),
                        permission: &action.permission,
                        decision: verdict.decision.as_str(),
                        missing_permission: verdict.missing_permission.as_deref(),
                        requires: verdict.requires.as_str(),
                        second_factor: verdict.second_factor,
                        approvals_required: if verdict.requires == Requires::Approval {
                            i64::from(verdict.approvals.max(1))
                        } else {
                            0
                        },
                        payload: &payload_text,
                        payload_hash: &payload_hash,
                        target_version: target_version.as_deref(),
                        confidence: proposed.confidence,
                        rationale: &proposed.rationale,
                        sources: &sources_text,
                        status: status.as_str(),
                        requested_by: person.id,
                        agent,
                        surface,
                        denial: verdict.denial.as_deref(),
                    })
                    .await?;
                let mut token = None;
                if status == ActionStatus::PendingConfirmation {
                    let expires_at = now + ttl;
                    let (text, nonce) = mint(&token_key, action_id, &payload_hash, person.id, expires_at)?;
                    tx.insert_token(&TokenRow {
                        nonce,
                        action_id,
                        staff_id: person.id,
                        payload_hash: payload_hash.clone(),
                        expires_at,
                        used_at: None,
                    })
                    .await?;
                    token = Some((text, expires_at));
                }
                let step_entry = json!({
                    "plan_id": PlanId(plan_id).to_string(),
                    "action": action.name,
                    "params": params,
                    "decision": verdict.decision.as_str(),
                    "missing_permission": verdict.missing_permission,
                    "denial": verdict.denial,
                    "requires": verdict.requires.as_str(),
                    "second_factor": verdict.second_factor,
                    "approvals_required": verdict.approvals,
                    "policy_rules": &verdict.rules,
                    "payload_hash": payload_hash,
                    "confidence": proposed.confidence,
                    "token_expires_at": token.as_ref().map(|(_, at)| at.to_rfc3339()),
                });
                let (event, audit_status) = if verdict.decision == Decision::Denied {
                    (Event::StepDenied, Outcome::Denied)
                } else {
                    (Event::StepPlanned, status.into())
                };
                entries.push(session.entry(event, audit_status, step_entry).action(action_id));
                steps.push(Step {
                    action_id: ActionId(action_id),
                    action: action.name.clone(),
                    params,
                    risk: action.risk,
                    permission: action.permission.clone(),
                    decision: verdict.decision,
                    missing_permission: verdict.missing_permission,
                    denial: verdict.denial,
                    requires: verdict.requires,
                    approvals: if verdict.requires == Requires::Approval {
                        verdict.approvals.max(1)
                    } else {
                        0
                    },
                    second_factor: verdict.second_factor,
                    rules: verdict.rules,
                    payload: payload_value,
                    payload_hash,
                    confidence: proposed.confidence,
                    rationale: proposed.rationale.clone(),
                    sources: proposed.sources.clone(),
                    status,
                    token_expires_at: token.as_ref().map(|(_, at)| *at),
                    confirmation_token: token.map(|(text, _)| text),
                });
            }
            entries.insert(
                first_entry,
                session.entry(
                    Event::PlanCreated,
                    Outcome::Succeeded,
                    json!({"plan_id": PlanId(plan_id).to_string(), "prompt": prompt, "mode": options.mode, "planner": proposal.planner, "steps": steps.len()}),
                ),
            );
            plans.push(Plan {
                plan_id: PlanId(plan_id),
                prompt: prompt.to_owned(),
                mode: options.mode.to_owned(),
                planner: proposal.planner,
                requested_by: person.email.clone(),
                created_at: now,
                steps,
            })
        }
        tx.append_audit(&entries).await?;
        tx.commit().await?;
        Ok(plans)
    }
}
