//! Running a playbook: under its lock, each step in order, for each of its
//! items, through the same pipeline as `ask` and `plan` (catalog schemas, the
//! guard, payloads, stored plans, audit). Every step is audited with the
//! playbook's name and the run id.

use std::path::PathBuf;
use std::time::Instant;

use serde_json::{Map, Value, json};

use super::fixed::explicit_action;
use super::format::{Mode, OnError, Playbook, StepSpec};
use super::inputs::{resolve_mode, resolve_vars};
use super::lock;
use super::report::{PlanReport, RunId, RunReport, RunStatus, StepReport, StepStatus, Totals};
use super::template;
use super::work::{self, Work};
use crate::answer::{AskRequest, ask};
use crate::audit::{Event, NewAuditEntry};
use crate::canonical::to_canonical_string;
use crate::error::{Error, Result};
use crate::identity::StaffMember;
use crate::pipeline::{
    Confirmation, ExecuteRequest, PlanBatch, PlanOptions, Review, claimer_name, execute_action, simulate_plan,
};
use crate::plan::{ActionStatus, Plan};
use crate::planner::Planner;
use crate::second_factor::SecondFactor;
use crate::session::{Constraints, Session};
use crate::settings::Settings;
use crate::store::Store;
use crate::time::now_micros;

/// Plans stored per transaction: a commit per plan would cap a `for_each` at the
/// speed of one audited transaction (≈ 500/s on SQLite here).
const PLAN_BATCH: usize = 500;

/// A person at a terminal, who can confirm writes of an `execute` run.
pub struct Terminal<'a, 'b> {
    /// Shows the review and returns the answer.
    pub ask: &'a mut (dyn FnMut(&Review) -> Result<bool> + Send),
    pub second_factor: &'a mut SecondFactor<'b>,
}

/// Told how far a run got (a progress bar on a terminal; nothing in cron).
pub trait Progress {
    /// Step `index` (0-based) of `total` starts, with `items` iterations to run.
    fn step(&self, _index: usize, _total: usize, _id: &str, _items: usize) {}
    /// One iteration done.
    fn advance(&self) {}
    /// The run is over.
    fn finish(&self) {}
}

/// No progress display.
pub struct Quiet;

impl Progress for Quiet {}

/// What a run needs besides the store, the catalog and the playbook.
pub struct RunRequest<'a, 'b> {
    /// `--var key=value`, in order.
    pub overrides: &'a [(String, String)],
    /// `--allow-execute`.
    pub allow_execute: bool,
    pub planner: &'a dyn Planner,
    /// Draft template overrides (`$XDG_CONFIG_HOME/opsgate/templates`).
    pub templates_dir: PathBuf,
    /// Reads an environment variable; only names the playbook lists are asked for.
    pub environment: &'a dyn Fn(&str) -> Option<String>,
    /// Set only on a terminal: in execute mode, writes are confirmed here.
    pub terminal: Option<Terminal<'a, 'b>>,
    pub progress: &'a dyn Progress,
}

/// Runs a playbook and reports. Refusals that come before the lock (execute
/// asked by one side only, unknown `--var`, a bad template) write nothing; a
/// lock held by a live run is audited and returned as [`Error::Conflict`].
pub async fn run(session: &Session, playbook: &Playbook, request: RunRequest<'_, '_>) -> Result<RunReport> {
    let mode = resolve_mode(playbook, request.allow_execute)?;
    // The run's mode is one more constraint: it can only narrow the session's.
    let constraints = Constraints {
        mode: session.constraints().mode.min(mode.session_mode()),
        ..session.constraints().clone()
    };
    let session = &session.clone().with_constraints(constraints);
    let (store, catalog) = (session.store(), session.catalog());
    let vars = resolve_vars(playbook, request.overrides)?;
    super::check(playbook, catalog)?;
    let settings = Settings::load(store).await?;
    let now = settings.now();
    let env = template::environment(now);
    let environment: Map<String, Value> = playbook
        .env
        .iter()
        .map(|name| (name.clone(), (request.environment)(name).map(Value::String).unwrap_or(Value::Null)))
        .collect();
    let person = session.person()?;
    let holder = claimer_name(&person.email);
    let lock = lock::acquire(store, playbook, person, mode, &vars, &holder).await?;

    let mut context = template::time_values(now);
    context.insert("vars".into(), Value::Object(vars.clone()));
    context.insert("env".into(), Value::Object(environment));
    context.insert("steps".into(), json!({}));
    context.insert(
        "playbook".into(),
        json!({"name": playbook.name, "file": playbook.file_name(), "mode": mode.as_str(), "run_id": lock.run_id}),
    );
    let progress = request.progress;
    let mut runner = Runner {
        session,
        store,
        playbook,
        person,
        planner: request.planner,
        mode,
        run_id: lock.run_id,
        templates_dir: request.templates_dir,
        terminal: request.terminal,
        progress,
    };
    let outcome = runner.steps(&env, context).await;
    progress.finish();
    let steps = match outcome {
        Ok(steps) => steps,
        Err(error) => {
            // Release the lock; the error (an audit or database failure) is what the caller sees.
            let summary = json!({"error": error.to_string()});
            let _ = lock::finish(store, person, playbook, lock.run_id, RunStatus::Failed, summary).await;
            return Err(error);
        }
    };
    let totals = Totals::of(&steps);
    let status = totals.status(mode);
    let summary = json!({"exit_code": status.exit_code().code(), "totals": totals});
    lock::finish(store, person, playbook, lock.run_id, status, summary).await?;
    Ok(RunReport {
        run_id: lock.run_id,
        playbook: playbook.name.clone(),
        description: playbook.description.clone(),
        file: playbook.file_name(),
        mode,
        acting: person.email.clone(),
        status,
        exit_code: status.exit_code().code(),
        started_at: lock.started_at,
        finished_at: now_micros(),
        vars,
        lock_recovered: lock.recovered,
        totals,
        steps,
    })
}

struct Runner<'a, 't, 'b> {
    session: &'a Session,
    store: &'a Store,
    playbook: &'a Playbook,
    person: &'a StaffMember,
    planner: &'a dyn Planner,
    mode: Mode,
    run_id: RunId,
    templates_dir: PathBuf,
    terminal: Option<Terminal<'t, 'b>>,
    progress: &'a dyn Progress,
}

impl Runner<'_, '_, '_> {
    async fn steps(
        &mut self,
        env: &minijinja::Environment<'_>,
        mut context: Map<String, Value>,
    ) -> Result<Vec<StepReport>> {
        let total = self.playbook.steps.len();
        let mut reports: Vec<StepReport> = Vec::with_capacity(total);
        let mut stopped = false;
        for (index, step) in self.playbook.steps.iter().enumerate() {
            let report = if stopped {
                StepReport::empty(step, StepStatus::NotRun)
            } else {
                let base = minijinja::Value::from(minijinja::value::Serde(&context));
                self.step(env, index, step, &base).await
            };
            self.audit_step(&report).await?;
            if let Some(Value::Object(steps)) = context.get_mut("steps") {
                steps.insert(step.id.clone(), report.outputs());
            }
            stopped |=
                matches!(report.status, StepStatus::Failed | StepStatus::Denied | StepStatus::RateLimited)
                    && step.on_error == OnError::Stop;
            reports.push(report);
        }
        Ok(reports)
    }

    async fn audit_step(&self, report: &StepReport) -> Result<()> {
        let count = |status: ActionStatus| report.actions().filter(|a| a.status == status).count();
        let payload = json!({
            "playbook": self.playbook.name,
            "run_id": self.run_id,
            "step": report.id,
            "kind": report.kind,
            "status": report.status.as_str(),
            "count": report.count,
            "skipped": report.skipped,
            "answers": report.answers.len(),
            "plan_ids": report.plans.iter().map(|p| p.plan_id).collect::<Vec<_>>(),
            "pending_confirmation": count(ActionStatus::PendingConfirmation),
            "pending_approval": count(ActionStatus::PendingApproval),
            "denied": count(ActionStatus::Denied),
            "errors": report.errors,
        });
        self.store
            .append_audit(&[NewAuditEntry::by_person(
                self.person,
                Event::PlaybookStep,
                report.status.into(),
                payload,
            )])
            .await?;
        Ok(())
    }

    async fn step(
        &mut self,
        env: &minijinja::Environment<'_>,
        index: usize,
        step: &StepSpec,
        base: &minijinja::Value,
    ) -> StepReport {
        let started = Instant::now();
        let mut report = StepReport::empty(step, StepStatus::Succeeded);
        // Every item is rendered before anything runs: a template that fails
        // on one item fails the step with nothing of it written.
        let works = match work::render(env, self.playbook, step, base) {
            Ok((works, skipped)) => {
                report.skipped = skipped;
                works
            }
            Err(error) => {
                report.status = StepStatus::Failed;
                report.errors.push(error.to_string());
                report.duration_ms = started.elapsed().as_millis() as u64;
                return report;
            }
        };
        self.progress.step(index, self.playbook.steps.len(), &step.id, works.len());
        let (mut failed, mut denied, mut limited) = (false, false, false);
        let mut batch = PlanBatch::new(self.session);
        for work in works {
            report.count += 1;
            let label = work.label();
            match self.perform(work, &mut batch, &mut report).await {
                Ok(true) => denied = true,
                Ok(false) => {}
                Err(error) => {
                    match error {
                        Error::Denied(_) => denied = true,
                        Error::RateLimited(_) => limited = true,
                        _ => failed = true,
                    }
                    report.errors.push(format!("{}: {error}", crate::sanitize::one_line(&label)));
                }
            }
            self.progress.advance();
            let stop = (failed || denied || limited) && step.on_error == OnError::Stop;
            if (stop || batch.len() >= self.batch_size())
                && let Err(error) = self.flush(&mut batch, &mut report).await
            {
                match error {
                    Error::RateLimited(_) => limited = true,
                    _ => failed = true,
                }
                report.errors.push(error.to_string());
            }
            if stop {
                break;
            }
        }
        if let Err(error) = self.flush(&mut batch, &mut report).await {
            match error {
                Error::RateLimited(_) => limited = true,
                _ => failed = true,
            }
            report.errors.push(error.to_string());
        }
        report.status = if failed {
            StepStatus::Failed
        } else if limited {
            StepStatus::RateLimited
        } else if denied {
            StepStatus::Denied
        } else if report.count == 0 {
            StepStatus::Skipped
        } else {
            StepStatus::Succeeded
        };
        report.duration_ms = started.elapsed().as_millis() as u64;
        report
    }

    /// Plans are stored in batches of this many (one transaction each); in
    /// execute mode one at a time, so that each is confirmed right after it is planned.
    fn batch_size(&self) -> usize {
        if self.mode == Mode::Execute { 1 } else { PLAN_BATCH }
    }

    /// Runs one item's work: an answer at once, a plan into `batch`. True when
    /// the guard denied a step of the plan.
    async fn perform(
        &mut self,
        work: Work,
        batch: &mut PlanBatch<'_>,
        report: &mut StepReport,
    ) -> Result<bool> {
        match work {
            Work::Ask(prompt) => {
                let request = AskRequest { prompt: &prompt, templates_dir: self.templates_dir.clone() };
                let answer = ask(self.session, self.planner, request).await?;
                report.answers.push(answer.into());
                Ok(false)
            }
            Work::Plan(prompt) => batch.add(self.planner, &prompt).await,
            Work::Action { action, params } => {
                let prompt = format!("{action} {}", to_canonical_string(&params));
                let step = self.playbook.steps.iter().find(|s| s.id == report.id);
                let source = format!("{}:{}", self.playbook.file_name(), step.map_or(0, |s| s.at.line));
                let rationale =
                    format!("explicit action in step `{}` of playbook `{}`", report.id, self.playbook.name);
                batch.add_proposal(&prompt, explicit_action(action, params, rationale, source)).await
            }
        }
    }

    /// Stores the batched plans and applies the mode to each.
    async fn flush(&mut self, batch: &mut PlanBatch<'_>, report: &mut StepReport) -> Result<()> {
        if batch.is_empty() {
            return Ok(());
        }
        let plans = batch.store(PlanOptions { mode: self.mode.as_str() }).await?;
        for plan in plans {
            self.after_plan(plan, report).await?;
        }
        Ok(())
    }

    /// What the mode adds to a stored plan: nothing, a simulation, or execution.
    async fn after_plan(&mut self, plan: Plan, report: &mut StepReport) -> Result<()> {
        let simulations = match self.mode {
            // A step that would fail shows in its report (`would_fail`); the run goes on.
            Mode::DryRun => Some(simulate_plan(self.session, &plan).await?.steps),
            _ => None,
        };
        let mut planned = PlanReport::new(plan);
        if let Some(simulations) = simulations {
            for (action, simulation) in planned.actions.iter_mut().zip(simulations) {
                action.simulation = simulation.simulation;
                if action.note.is_none() {
                    action.note = simulation.note;
                }
            }
        }
        report.plans.push(planned);
        if self.mode == Mode::Execute {
            let planned = report.plans.last_mut().expect("pushed above");
            self.execute(planned).await?;
        }
        Ok(())
    }

    /// Execute mode: writes that need a confirmation are confirmed on the
    /// terminal when there is one; otherwise they stay pending for people, as
    /// do writes that need another person's approval.
    async fn execute(&mut self, plan: &mut PlanReport) -> Result<()> {
        for action in &mut plan.actions {
            match action.status {
                ActionStatus::PendingApproval => {
                    action.note = Some("waits for approval by a second person; nothing was written".into());
                }
                ActionStatus::PendingConfirmation => {
                    let Some(terminal) = self.terminal.as_mut() else {
                        action.note = Some(
                            "waits for confirmation: no terminal to confirm on (and a scheduled run has no token); nothing was written"
                                .into(),
                        );
                        continue;
                    };
                    let row = self
                        .store
                        .load_action(action.action_id.0)
                        .await?
                        .ok_or_else(|| Error::NotFound(format!("{} disappeared", action.action_id)))?;
                    let request = ExecuteRequest {
                        confirmation: Confirmation::Terminal(&mut *terminal.ask),
                        second_factor: &mut *terminal.second_factor,
                        queue: false,
                    };
                    match execute_action(self.session, &row, request).await {
                        Ok(execution) => {
                            action.status =
                                ActionStatus::parse(&execution.status).unwrap_or(ActionStatus::Succeeded);
                            action.next = None;
                            action.execution = Some(execution);
                        }
                        Err(Error::NeedsConfirmation(message)) => action.note = Some(message),
                        Err(error) => return Err(error),
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }
}

impl StepReport {
    fn empty(step: &StepSpec, status: StepStatus) -> StepReport {
        StepReport {
            id: step.id.clone(),
            kind: step.kind.name(),
            description: step.description.clone(),
            status,
            count: 0,
            skipped: 0,
            answers: Vec::new(),
            plans: Vec::new(),
            errors: Vec::new(),
            duration_ms: 0,
        }
    }
}
