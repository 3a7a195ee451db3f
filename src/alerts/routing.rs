//! Who hears about a rule's alerts: the assignee and everyone told, from the
//! rule's subscriptions. Pure and deterministic.

use std::collections::HashSet;

use crate::store::{AlertStaffRow, AlertSubscriptionRow};

/// One person told about an alert, and the subscription that reached them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub staff_id: i64,
    pub subscription_id: i64,
    pub channel: String,
}

/// Where a rule's new alerts go.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Routing {
    /// The oldest direct subscription of an active staff member; `None` when
    /// only roles (or nobody) subscribed: the alert is broadcast, not assigned.
    pub assigned_to: Option<i64>,
    /// Direct subscribers first, then every active member of each subscribed
    /// role; each person once, by the first subscription that reached them.
    pub recipients: Vec<Recipient>,
}

/// The routing of `rule_id`'s alerts. Inactive staff are never assigned or told.
pub fn route(rule_id: i64, subscriptions: &[AlertSubscriptionRow], staff: &[AlertStaffRow]) -> Routing {
    let mut subscriptions: Vec<&AlertSubscriptionRow> =
        subscriptions.iter().filter(|s| s.rule_id == rule_id).collect();
    subscriptions.sort_by_key(|s| s.id);
    let active: Vec<&AlertStaffRow> = staff.iter().filter(|s| s.status == "active").collect();
    let is_active = |id: i64| active.iter().any(|s| s.id == id);

    let mut routing = Routing::default();
    let mut told = HashSet::new();
    let mut tell = |routing: &mut Routing, staff_id: i64, subscription: &AlertSubscriptionRow| {
        if told.insert(staff_id) {
            routing.recipients.push(Recipient {
                staff_id,
                subscription_id: subscription.id,
                channel: subscription.channel.clone(),
            });
        }
    };
    for subscription in &subscriptions {
        if let Some(staff_id) = subscription.staff_id.filter(|&id| is_active(id)) {
            routing.assigned_to.get_or_insert(staff_id);
            tell(&mut routing, staff_id, subscription);
        }
    }
    for subscription in &subscriptions {
        let Some(role_id) = subscription.role_id else { continue };
        let mut members: Vec<i64> = active.iter().filter(|s| s.role_id == role_id).map(|s| s.id).collect();
        members.sort_unstable();
        for staff_id in members {
            tell(&mut routing, staff_id, subscription);
        }
    }
    routing
}

#[cfg(test)]
mod tests {
    use super::*;

    fn staff(id: i64, role_id: i64, status: &str) -> AlertStaffRow {
        AlertStaffRow { id, email: format!("s{id}@example.com"), role_id, status: status.into() }
    }

    fn subscription(
        id: i64,
        rule_id: i64,
        staff_id: Option<i64>,
        role_id: Option<i64>,
    ) -> AlertSubscriptionRow {
        AlertSubscriptionRow { id, rule_id, staff_id, role_id, channel: "cli".into() }
    }

    fn told(routing: &Routing) -> Vec<(i64, i64)> {
        routing.recipients.iter().map(|r| (r.staff_id, r.subscription_id)).collect()
    }

    #[test]
    fn the_oldest_active_direct_subscriber_is_assigned_and_roles_are_broadcast() {
        let staff = [
            staff(1, 10, "active"),
            staff(2, 10, "active"),
            staff(3, 20, "inactive"),
            staff(4, 20, "active"),
        ];
        let subscriptions = [
            subscription(7, 1, None, Some(10)),
            subscription(8, 1, Some(3), None), // inactive: skipped
            subscription(9, 1, Some(4), None),
            subscription(11, 1, Some(2), None),
            subscription(12, 2, Some(1), None), // another rule
        ];
        let routing = route(1, &subscriptions, &staff);
        assert_eq!(routing.assigned_to, Some(4));
        // Direct subscribers first; the role adds only who was not told yet.
        assert_eq!(told(&routing), [(4, 9), (2, 11), (1, 7)]);
    }

    #[test]
    fn only_roles_means_broadcast_without_an_assignee() {
        let staff = [staff(1, 10, "active"), staff(2, 10, "inactive"), staff(5, 10, "active")];
        let routing = route(1, &[subscription(3, 1, None, Some(10))], &staff);
        assert_eq!(routing.assigned_to, None);
        assert_eq!(told(&routing), [(1, 3), (5, 3)]);
        assert_eq!(route(2, &[subscription(3, 1, None, Some(10))], &staff), Routing::default());
    }
}
