use super::*;
use crate::agents::{Agent, Tier};
use crate::catalog::Catalog;
use crate::rbac::ResolvedSeed;
use crate::session::{Constraints, Mode, Surface, Who};
use crate::store::Store;

fn person(role: &str) -> StaffMember {
    let seed = ResolvedSeed::builtin();
    let role = seed.roles.iter().find(|r| r.name == role).unwrap();
    StaffMember {
        id: 1,
        email: format!("{}@example.com", role.name),
        name: role.name.clone(),
        role: role.name.clone(),
        level: role.level,
        status: "active".into(),
        permissions: role.permissions.clone(),
    }
}

async fn session(who: Who, constraints: Constraints) -> Session {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&crate::store::DbLocation::Sqlite(dir.path().join("guard.db"))).await.unwrap();
    std::mem::forget(dir);
    Session::new(store, Catalog::builtin(), who, Surface::Cli).with_constraints(constraints)
}

fn agent(tier: Tier) -> Agent {
    Agent {
        name: "bot".into(),
        model: "m".into(),
        tier,
        rate_limit_per_min: 10,
        daily_token_budget: 1000,
        daily_tool_call_budget: 100,
        daily_mutation_budget: 10,
    }
}

#[tokio::test]
async fn a_viewer_may_not_refund_and_is_told_why() {
    let session = session(Who::Person(person("viewer")), Constraints::default()).await;
    let refund = Catalog::builtin().get("bookings.refund").unwrap();
    let verdict = Guard::new(&session).permits(refund, Stage::Plan);
    assert_eq!(verdict.decision, Decision::Denied);
    assert_eq!(verdict.missing_permission.as_deref(), Some("bookings.refund"));
    assert!(verdict.denial.unwrap().contains("lacks `bookings.refund`"));
    assert_eq!(Guard::new(&session).permits(refund, Stage::Plan).initial_status(), ActionStatus::Denied);
}

#[tokio::test]
async fn a_senior_agent_may_refund_with_approval_and_a_second_factor() {
    let session = session(Who::Person(person("senior_agent")), Constraints::default()).await;
    let refund = Catalog::builtin().get("bookings.refund").unwrap();
    let verdict = Guard::new(&session).permits(refund, Stage::Plan);
    assert_eq!(verdict.decision, Decision::Allowed);
    assert_eq!(verdict.requires, Requires::Approval);
    assert_eq!(verdict.approvals, 1);
    assert!(verdict.second_factor);
    assert_eq!(verdict.initial_status(), ActionStatus::PendingApproval);
}

#[tokio::test]
async fn inactive_people_hold_nothing() {
    let mut admin = person("admin");
    admin.status = "inactive".into();
    assert!(require_ai_use(&admin).is_err());
    let session = session(Who::Person(admin), Constraints::default()).await;
    let cancel = Catalog::builtin().get("bookings.cancel").unwrap();
    assert_eq!(Guard::new(&session).permits(cancel, Stage::Plan).decision, Decision::Denied);
}

#[tokio::test]
async fn rights_are_the_intersection_of_person_tier_and_constraints() {
    let catalog = Catalog::builtin();
    let cancel = catalog.get("bookings.cancel").unwrap();
    let list = catalog.get("bookings.list").unwrap();
    let reader =
        session(Who::Agent { agent: agent(Tier::Read), subject: person("admin") }, Constraints::default())
            .await;
    let guard = Guard::new(&reader);
    assert!(guard.permits(cancel, Stage::Plan).denial.unwrap().contains("read tier"));
    assert!(guard.offered(list));
    assert!(guard.offered_actions().iter().all(|a| !a.risk.writes()));

    // A write-tier agent never gets more than its person.
    let writer =
        session(Who::Agent { agent: agent(Tier::Write), subject: person("viewer") }, Constraints::default())
            .await;
    assert!(!Guard::new(&writer).offered(cancel));

    let read_only = session(Who::Person(person("admin")), Constraints::mode(Mode::ReadOnly)).await;
    assert!(!Guard::new(&read_only).offered(cancel));
    let suggest = session(Who::Person(person("admin")), Constraints::mode(Mode::Suggest)).await;
    assert!(Guard::new(&suggest).permits(cancel, Stage::Plan).is_allowed());
    assert!(!Guard::new(&suggest).permits(cancel, Stage::Execute).is_allowed());
    let execute = session(Who::Person(person("admin")), Constraints::mode(Mode::Execute)).await;
    assert!(Guard::new(&execute).permits(cancel, Stage::Execute).is_allowed());
}
