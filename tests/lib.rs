//! opsgate's integration tests: one binary (STYLE.md §13), exercising the real
//! `opsgate` executable against the backend named by `OPSGATE_TEST_BACKEND`
//! (`sqlite`, the default, or `postgres` with `OPSGATE_TEST_PG_URL`).
//! `scripts/test` runs the suite once per backend.

mod support;

mod alerts;
mod amounts;
mod approvals;
mod ask;
mod audit_checkpoints;
mod audit_log;
mod cli_frame;
mod concurrent_audit;
mod demo;
mod docs;
mod dry_run;
mod generated;
mod guard;
mod httpsig;
mod identity;
mod llm;
mod masking;
mod mcp;
mod namespace;
mod packs;
mod pipeline;
mod playbooks;
mod policy;
mod seed_rbac;
mod staff;
mod targets;
mod team_mode;
mod understanding;
mod worker_fleet;
