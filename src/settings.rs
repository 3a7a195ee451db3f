//! The team's settings from `ops_config`, read once per command: the time zone
//! that calendar words are resolved in, and the SLA policy.

use std::collections::HashMap;

use chrono::Utc;
use chrono_tz::Tz;

use crate::error::{Error, Result};
use crate::sla::SlaPolicy;
use crate::store::Store;
use crate::time::{LocalTime, now_micros};

/// `ops_config` key: an IANA time zone name (`Europe/Berlin`); UTC when unset.
pub const TIME_ZONE_KEY: &str = "time_zone";

#[derive(Debug, Clone)]
pub struct Settings {
    pub time_zone: Tz,
    pub sla: SlaPolicy,
    values: HashMap<String, String>,
}

impl Settings {
    pub async fn load(store: &Store) -> Result<Settings> {
        Settings::from_values(store.config_values().await?)
    }

    /// Settings from `ops_config` values; an unknown time zone is a configuration error.
    pub fn from_values(values: HashMap<String, String>) -> Result<Settings> {
        let time_zone = match values.get(TIME_ZONE_KEY).map(|v| v.trim()).filter(|v| !v.is_empty()) {
            None => Tz::UTC,
            Some(name) => name.parse::<Tz>().map_err(|_| {
                Error::Config(format!(
                    "ops_config `{TIME_ZONE_KEY}` is `{name}`, which is not an IANA time zone (e.g. `Europe/Berlin`, `UTC`)"
                ))
            })?,
        };
        let sla = SlaPolicy::from_config(&values);
        Ok(Settings { time_zone, sla, values })
    }

    /// Now, in the team's time zone.
    pub fn now(&self) -> LocalTime {
        now_micros().with_timezone(&self.time_zone)
    }

    /// An instant in the team's time zone.
    pub fn local(&self, time: chrono::DateTime<Utc>) -> LocalTime {
        time.with_timezone(&self.time_zone)
    }

    /// A raw configured value.
    pub fn value(&self, key: &str) -> Option<&str> {
        self.values.get(key).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unset_means_utc_and_a_bad_zone_is_a_configuration_error() {
        assert_eq!(Settings::from_values(HashMap::new()).unwrap().time_zone, Tz::UTC);
        let berlin = [(TIME_ZONE_KEY.to_owned(), "Europe/Berlin".to_owned())].into_iter().collect();
        assert_eq!(Settings::from_values(berlin).unwrap().time_zone, chrono_tz::Europe::Berlin);
        let bad = [(TIME_ZONE_KEY.to_owned(), "Mars/Olympus".to_owned())].into_iter().collect();
        let error = Settings::from_values(bad).unwrap_err().to_string();
        assert!(error.contains("Mars/Olympus"), "{error}");
    }
}
