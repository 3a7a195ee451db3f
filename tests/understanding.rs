//! The rules planner from the command line on requests typed the way staff
//! type them: shorthand and typos are understood, other languages and
//! doubtful requests exit 7 with one line and write nothing.

use crate::support::Env;

const PERSON: &str = "senior_agent@example.com";

#[test]
fn shorthand_typos_and_everyday_words_plan_the_action_meant() {
    let env = Env::new().with_demo_data();
    let booking =
        env.scalar("SELECT id FROM bookings WHERE status IN ('pending', 'confirmed') ORDER BY id LIMIT 1");
    for (prompt, action) in [
        (format!("cancle bkg #{booking} pls"), "bookings.cancel"),
        (format!("scrap the reservation {booking}, customer asked by phone"), "bookings.cancel"),
        (format!("bk {booking} status?"), "bookings.get"),
        (format!("push appt {booking} to Friday at 14:30"), "bookings.reschedule"),
    ] {
        let plan = env.run_as(PERSON, ["plan", &prompt, "-o", "json"]).exit(0).json();
        assert_eq!(plan["steps"][0]["action"], action, "{prompt}: {plan}");
        assert_eq!(plan["steps"][0]["params"]["booking_id"], booking, "{prompt}: {plan}");
    }
    let moved =
        env.run_as(PERSON, ["plan", &format!("push appt {booking} to Friday at 14:30"), "-o", "json"]);
    let scheduled = moved.exit(0).json()["steps"][0]["params"]["scheduled_at"].as_str().unwrap().to_owned();
    let at = chrono::DateTime::parse_from_rfc3339(&scheduled).unwrap();
    assert_eq!(chrono::Datelike::weekday(&at), chrono::Weekday::Fri, "{scheduled}");
    assert_eq!(at.format("%H:%M").to_string(), "14:30");
}

#[test]
fn other_languages_and_doubtful_requests_exit_7_in_one_line_and_write_nothing() {
    let env = Env::new().with_demo_data();
    let before = env.ops_checksum();
    let plans = env.scalar("SELECT COUNT(*) FROM opsgate_plans");
    for (prompt, says) in [
        ("cancelar la reserva 12 por favor", "English"),
        ("Bitte die Buchung 12 stornieren", "English"),
        ("delete user 12, or maybe it was 21", "exactly one"),
        ("move booking 12 to 03/12 at 10", "could be"),
        ("UPDATE users SET status = 'suspended' WHERE id = 4", "SQL"),
        ("suspend every customer with a chargeback", "many"),
        ("don't refund booking 12", "could not turn"),
    ] {
        let run = env.run_as(PERSON, ["plan", prompt]).exit(7);
        let line = run.stderr.trim();
        assert!(line.contains(says), "{prompt}: {line}");
        assert_eq!(line.lines().count(), 1, "{prompt}: {line}");
    }
    assert_eq!(env.ops_checksum(), before);
    assert_eq!(env.scalar("SELECT COUNT(*) FROM opsgate_plans"), plans);
}
