//! `opsgate staff`: manage people, their signing keys and their second factor.
//! Every change is audited.

use clap::{Args, Subcommand};

use super::Context;
use super::totp_prompt::{ask_code, code_source};
use serde_json::json;

use crate::error::{Error, Result};
use crate::exit_code::ExitCode;
use crate::pipeline::{PlanOptions, plan_proposal};
use crate::plan::{Decision, Proposal};
use crate::rbac::require;
use crate::render::PlanView;
use crate::render::{KeysView, OutputFormat, Tabular, TotpEnrollment, table};
use crate::second_factor::{CodeSource, SecondFactor, confirm, enroll};
use crate::session::Mode;
use crate::staff::{Changer, StaffChange};
use crate::store::StaffRow;
use crate::totp::qr_text;

#[derive(Debug, Args)]
pub struct StaffArgs {
    #[command(subcommand)]
    command: StaffCommand,
}

#[derive(Debug, Subcommand)]
enum StaffCommand {
    /// List staff members with role, level, status and keys (needs ops.staff.view)
    List,
    /// Add a staff member (needs ops.staff.edit; without --as only the first one of an empty database)
    Add {
        /// Their e-mail, which identifies them everywhere
        email: String,
        /// Their display name
        #[arg(long)]
        name: String,
        /// Their role (e.g. agent, manager)
        #[arg(long)]
        role: String,
        /// Also generate your Ed25519 key on this machine: only when you set up your
        /// own first account in an empty database (others get an enrolment code)
        #[arg(long)]
        keygen: bool,
    },
    /// Countersign the enrolment code a colleague issued for EMAIL: it counts only
    /// then, whenever a second person with ops.staff.edit exists (needs your key)
    Countersign {
        /// The staff member the code is for
        email: String,
    },
    /// Issue a one-time enrolment code with which a staff member without a key
    /// registers one on their own machine (needs ops.staff.edit; valid 24 h, once)
    Invite {
        /// The staff member's e-mail
        email: String,
    },
    /// Plan a change of a staff member's role: it needs a second person's approval
    /// and a second factor, like `staff.set_role` on every surface
    SetRole {
        /// The staff member's e-mail
        email: String,
        /// The new role
        role: String,
    },
    /// Plan the deactivation of a staff member: it needs a second person's approval
    /// and a second factor, like `staff.deactivate` on every surface
    Deactivate {
        /// The staff member's e-mail
        email: String,
    },
    /// Generate a new Ed25519 signing key for yourself on this machine and register
    /// its public half: with your current key (a rotation), or with the enrolment
    /// code from `staff invite`; older keys stay registered so that earlier
    /// signatures still verify
    Keygen {
        /// The enrolment code you were given (when you have no key yet)
        #[arg(long, value_name = "CODE")]
        code: Option<String>,
    },
    /// List registered signing keys (yours, or everyone's with ops.staff.view)
    Keys {
        /// Only this person's keys
        #[arg(long, value_name = "EMAIL")]
        email: Option<String>,
    },
    /// Revoke a signing key: approvals signed with it no longer count (needs
    /// ops.staff.edit, except for your own key)
    RevokeKey {
        /// The key (k3, or 3)
        key: String,
        /// Why (recorded in the audit log)
        #[arg(long)]
        reason: String,
    },
    /// Enroll in TOTP second-factor authentication
    Totp {
        #[command(subcommand)]
        command: TotpCommand,
    },
}

#[derive(Debug, Subcommand)]
enum TotpCommand {
    /// Create a TOTP secret and print its otpauth:// URI (needs your registered
    /// private key; replacing a secret needs a current code). It counts once you
    /// confirm a first code: asked at once on a terminal, else `staff totp confirm`
    Enroll {
        /// A current code, when replacing an existing secret
        #[arg(long, value_name = "CODE")]
        totp: Option<String>,
    },
    /// Activate the secret you enrolled with, given the code your authenticator
    /// shows for it (needs your registered private key)
    Confirm {
        /// The code for the new secret (asked on a terminal when missing)
        #[arg(long, value_name = "CODE")]
        totp: Option<String>,
    },
}

impl StaffArgs {
    pub async fn run(self, ctx: &Context) -> Result<ExitCode> {
        match self.command {
            StaffCommand::List => {
                if let Some(person) = ctx.maybe_person().await? {
                    require(&person, "ops.staff.view")?;
                }
                ctx.show(&StaffList(ctx.store.list_staff().await?)).await?;
            }
            StaffCommand::Add { email, name, role, keygen } => {
                let person = ctx.maybe_person().await?;
                let changer = match &person {
                    Some(person) => Changer::Person(person),
                    None => Changer::Bootstrap,
                };
                let key_dir = ctx.key_dir();
                let change =
                    crate::staff::add(&ctx.store, changer, &email, &name, &role, keygen.then_some(&key_dir))
                        .await?;
                ctx.show(&change).await?;
            }
            StaffCommand::Invite { email } => {
                let person = ctx.person().await?;
                ctx.show(&crate::enrolment::invite(&ctx.store, &person, &email).await?).await?;
            }
            StaffCommand::Countersign { email } => {
                let person = ctx.person().await?;
                let countersigned =
                    crate::enrolment::countersign(&ctx.store, &person, &ctx.key_proof(), &email).await?;
                ctx.show(&countersigned).await?;
            }
            StaffCommand::SetRole { email, role } => {
                let prompt = format!("staff set-role {email} {role}");
                return plan_staff_change(
                    ctx,
                    &prompt,
                    "staff.set_role",
                    json!({"staff_email": email, "role": role}),
                )
                .await;
            }
            StaffCommand::Deactivate { email } => {
                let prompt = format!("staff deactivate {email}");
                return plan_staff_change(ctx, &prompt, "staff.deactivate", json!({"staff_email": email}))
                    .await;
            }
            StaffCommand::Keygen { code } => {
                let person = ctx.person().await?;
                let change =
                    crate::staff::keygen(&ctx.store, &person, &ctx.key_dir(), code.as_deref()).await?;
                ctx.show(&change).await?;
            }
            StaffCommand::Keys { email } => {
                let person = ctx.person().await?;
                let staff_id = match email {
                    Some(email) if !email.eq_ignore_ascii_case(&person.email) => {
                        require(&person, "ops.staff.view")?;
                        let member = ctx.store.staff_by_email(&email).await?;
                        Some(member.ok_or_else(|| Error::NotFound(format!("no staff member {email}")))?.id)
                    }
                    Some(_) => Some(person.id),
                    None if person.can("ops.staff.view") => None,
                    None => Some(person.id),
                };
                ctx.show(&KeysView(ctx.store.keys(staff_id).await?)).await?;
            }
            StaffCommand::RevokeKey { key, reason } => {
                let person = ctx.person().await?;
                let key_id = key
                    .strip_prefix('k')
                    .unwrap_or(&key)
                    .parse::<i64>()
                    .map_err(|_| Error::Usage(format!("`{key}` is not a key id (k3)")))?;
                let reason = reason.trim();
                if reason.is_empty() {
                    return Err(Error::Usage("--reason must say why".into()));
                }
                let revoked = crate::staff::revoke_key(&ctx.store, &person, key_id, reason).await?;
                ctx.show(&KeysView(vec![revoked])).await?;
            }
            StaffCommand::Totp { command: TotpCommand::Enroll { totp } } => {
                let person = ctx.person().await?;
                let interactive = ctx.interactive;
                let mut ask = ask_code;
                let mut current = SecondFactor::new(code_source(totp.as_deref(), interactive, &mut ask));
                let enrollment = enroll(&ctx.store, &person, &ctx.key_proof(), &mut current).await?;
                let qr =
                    if ctx.output == OutputFormat::Table { qr_text(&enrollment.otpauth_uri) } else { None };
                ctx.show(&TotpEnrollment {
                    email: enrollment.email,
                    secret: enrollment.secret,
                    otpauth_uri: enrollment.otpauth_uri,
                    qr,
                })
                .await?;
                if interactive {
                    let mut first = ask_code;
                    confirm(&ctx.store, &person, &ctx.key_proof(), CodeSource::Ask(&mut first)).await?;
                    ctx.note(&format!("second factor active for {}", person.email));
                } else {
                    ctx.note(
                        "pending: confirm with `opsgate staff totp confirm --totp CODE` (a code from the new secret)",
                    );
                }
            }
            StaffCommand::Totp { command: TotpCommand::Confirm { totp } } => {
                let person = ctx.person().await?;
                let interactive = ctx.interactive;
                let mut ask = ask_code;
                confirm(
                    &ctx.store,
                    &person,
                    &ctx.key_proof(),
                    code_source(totp.as_deref(), interactive, &mut ask),
                )
                .await?;
                ctx.show(&TotpConfirmed { email: person.email.clone(), active: true }).await?;
            }
        }
        Ok(ExitCode::Success)
    }
}

/// A staff change as a catalog action: planned like any other, so that it
/// needs the approval and second factor the catalog and policy demand.
async fn plan_staff_change(
    ctx: &Context,
    prompt: &str,
    action: &str,
    params: serde_json::Value,
) -> Result<ExitCode> {
    let session = ctx.session(Mode::Suggest, None).await?;
    let rationale = format!("asked for with `opsgate {prompt}`");
    let proposal = Proposal::explicit("command", action, params, rationale, vec![]);
    let plan = plan_proposal(&session, prompt, proposal, PlanOptions { mode: "suggest" }).await?;
    let denied = plan.steps.iter().any(|s| s.decision == Decision::Denied);
    ctx.show(&PlanView(plan)).await?;
    Ok(if denied { ExitCode::Denied } else { ExitCode::Success })
}

impl Tabular for crate::enrolment::Invitation {
    fn human(&self) -> String {
        format!(
            "enrolment code for {} ({}): {}\nshown once; valid until {} for one use{}.\nOn their own machine they run: opsgate staff keygen --as {} --code {}",
            self.email,
            self.role,
            self.code,
            crate::store::format_time(self.expires_at),
            if self.replaced > 0 { "; it replaces the earlier code" } else { "" },
            self.email,
            self.code
        ) + &if self.needs_countersignature {
            format!(
                "\nIt counts once a second person with ops.staff.edit countersigns it: opsgate staff countersign {}",
                self.email
            )
        } else {
            String::new()
        }
    }
}

impl Tabular for crate::enrolment::Countersigned {
    fn human(&self) -> String {
        format!(
            "enrolment code for {} ({}) countersigned by {}; it counts until {}",
            self.email,
            self.role,
            self.countersigned_by,
            crate::store::format_time(self.expires_at)
        )
    }
}

#[derive(serde::Serialize)]
struct TotpConfirmed {
    email: String,
    active: bool,
}

impl Tabular for TotpConfirmed {
    fn human(&self) -> String {
        format!("second factor active for {}", self.email)
    }
}

#[derive(serde::Serialize)]
#[serde(transparent)]
struct StaffList(Vec<StaffRow>);

impl Tabular for StaffList {
    fn human(&self) -> String {
        if self.0.is_empty() {
            return "no staff yet: run `opsgate seed rbac`, then `opsgate staff add`".into();
        }
        table(
            &["email", "name", "role", "level", "status", "keys", "totp"],
            self.0.iter().map(|s| {
                vec![
                    s.email.clone(),
                    s.name.clone(),
                    s.role.clone(),
                    s.level.to_string(),
                    s.status.clone(),
                    s.active_keys.to_string(),
                    if s.totp_enrolled { "yes".into() } else { "no".into() },
                ]
            }),
        )
    }
}

impl Tabular for StaffChange {
    fn human(&self) -> String {
        let mut text = format!("{}: {} ({})", self.email, self.change, self.role);
        if let Some(key) = &self.public_key {
            text.push_str(&format!("\npublic key: {key}"));
        }
        if let Some(file) = &self.private_key_file {
            text.push_str(&format!("\nprivate key: {file} (mode 0600)"));
        }
        if let Some(enrolment) = &self.enrolment {
            text.push('\n');
            text.push_str(&enrolment.human());
        }
        text
    }
}

impl StaffArgs {
    /// Team mode. A new key is generated here, on the person's machine, and
    /// only its public half (with its signature of the possession statement)
    /// goes to the server; the private half is written here once it is registered.
    pub async fn run_remote(self, global: &super::GlobalArgs, server: &str) -> Result<ExitCode> {
        use super::remote::RemoteContext;
        use crate::remote::Call;

        if let StaffCommand::Keygen { code: Some(code) } = self.command {
            return enrol(global, server, &code).await;
        }
        let rc = RemoteContext::open(global, server)?;
        let call = match self.command {
            StaffCommand::List => Call::get("/v1/staff"),
            StaffCommand::Add { keygen: true, .. } => {
                return Err(Error::Usage(
                    "--keygen sets up the first account next to the database; against a server, the new member runs `opsgate --server URL --as EMAIL staff keygen --code CODE` on their own machine".into(),
                ));
            }
            StaffCommand::Add { email, name, role, keygen: false } => {
                Call::post("/v1/staff", json!({"email": email, "name": name, "role": role}))
            }
            StaffCommand::Invite { email } => Call::post("/v1/staff/invitations", json!({"email": email})),
            StaffCommand::Countersign { email } => {
                Call::post("/v1/staff/countersignatures", json!({"email": email}))
            }
            StaffCommand::SetRole { email, role } => {
                Call::post("/v1/staff/role-changes", json!({"email": email, "role": role}))
            }
            StaffCommand::Deactivate { email } => {
                Call::post("/v1/staff/deactivations", json!({"email": email}))
            }
            StaffCommand::Keys { email } => Call::get("/v1/staff/keys").query("email", email),
            StaffCommand::RevokeKey { key, reason } => {
                Call::post(format!("/v1/staff/keys/{key}/revocation"), json!({"reason": reason}))
            }
            StaffCommand::Keygen { code: None } => {
                let key = crate::keys::KeyPair::generate()?;
                let email = rc.remote.email.clone();
                let body = presented_key(&email, &key, None);
                return registered(&rc, &Call::post("/v1/staff/keys", body), &email, &key).await;
            }
            StaffCommand::Keygen { code: Some(code) } => return enrol(global, server, &code).await,
            StaffCommand::Totp { command: TotpCommand::Enroll { totp } } => {
                let call = Call::post("/v1/staff/totp", json!({"totp": totp}));
                if !rc.interactive {
                    return rc.print(&call).await;
                }
                // As locally: show the secret, then ask for a first code from it.
                let answer = rc.remote.send(&call, rc.output).await?;
                crate::render::print_stdout(&answer.output)?;
                answer.result?;
                let code = ask_code()?;
                rc.document(&Call::post("/v1/staff/totp/confirmation", json!({"totp": code}))).await?;
                eprintln!("second factor active for {}", rc.remote.email);
                return Ok(ExitCode::Success);
            }
            StaffCommand::Totp { command: TotpCommand::Confirm { totp } } => {
                let totp = match totp {
                    Some(code) => Some(code),
                    None if rc.interactive => Some(ask_code()?),
                    None => None,
                };
                Call::post("/v1/staff/totp/confirmation", json!({"totp": totp}))
            }
        };
        rc.print(&call).await
    }
}

/// Registers a first key, made here, with the enrolment code the person was
/// given: the new key signs, the code authorizes.
async fn enrol(global: &super::GlobalArgs, server: &str, code: &str) -> Result<ExitCode> {
    let email =
        global.as_user.clone().or_else(|| super::context::env_nonempty("OPSGATE_USER")).ok_or_else(|| {
            Error::Usage("enrolling: pass --as EMAIL, the address you were invited as".into())
        })?;
    crate::email::validate(&email)?;
    let key = crate::keys::KeyPair::generate()?;
    let signer = crate::keys::KeyPair::from_seed(key.signing_key().as_bytes());
    let rc = super::remote::RemoteContext::with_key(global, server, signer, email.clone())?;
    let body = presented_key(&email, &key, Some(code));
    registered(&rc, &crate::remote::Call::post("/v1/enrolments", body), &email, &key).await
}

/// A request body presenting `key`'s public half for `email`, with its possession signature.
fn presented_key(email: &str, key: &crate::keys::KeyPair, code: Option<&str>) -> serde_json::Value {
    use ed25519_dalek::Signer;
    let statement = crate::staff::possession_statement(email, &key.public_hex());
    let possession = crate::canonical::hex(&key.signing_key().sign(statement.as_bytes()).to_bytes());
    json!({"email": email, "public_key": key.public_hex(), "possession": possession, "code": code})
}

/// Sends a key registration and, once the server has registered the key,
/// writes its private half here and shows the change as `staff keygen` does locally.
async fn registered(
    rc: &super::remote::RemoteContext,
    call: &crate::remote::Call,
    email: &str,
    key: &crate::keys::KeyPair,
) -> Result<ExitCode> {
    let document = rc.document(call).await?;
    let key_dir = crate::keys::KeyDir::new(crate::paths::Paths::from_env()?.key_dir());
    let path = key_dir.write(email, key)?;
    let change = crate::staff::StaffChange {
        email: email.to_owned(),
        role: document["role"].as_str().unwrap_or_default().to_owned(),
        change: "key registered",
        public_key: Some(key.public_hex()),
        private_key_file: Some(path.display().to_string()),
        enrolment: None,
    };
    crate::render::print_stdout(&crate::render::rendered(
        &change,
        rc.output,
        &crate::pii::Audience::unmasked(),
    )?)?;
    Ok(ExitCode::Success)
}

impl StaffArgs {
    /// Whether this changes who someone is or can do (everything but listing).
    pub fn changes_identity(&self) -> bool {
        !matches!(self.command, StaffCommand::List | StaffCommand::Keys { .. })
    }
}
