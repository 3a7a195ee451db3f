//! Enums stored as text: a column reads straight into the enum, and a value
//! the enum does not know is a decode error naming it, not a string that
//! slips through the code.

/// Implements sqlx's `Type`, `Encode` and `Decode` for an enum with
/// `as_str(self) -> &'static str` and `parse(&str) -> Option<Self>`, for every
/// backend whose text type is a `String`.
macro_rules! text_column {
    ($($name:ty => $what:literal),+ $(,)?) => {$(
        impl<DB: sqlx::Database> sqlx::Type<DB> for $name
        where
            String: sqlx::Type<DB>,
        {
            fn type_info() -> DB::TypeInfo {
                <String as sqlx::Type<DB>>::type_info()
            }

            fn compatible(ty: &DB::TypeInfo) -> bool {
                <String as sqlx::Type<DB>>::compatible(ty)
            }
        }

        impl<'r, DB: sqlx::Database> sqlx::Decode<'r, DB> for $name
        where
            String: sqlx::Decode<'r, DB>,
        {
            fn decode(value: DB::ValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
                let text = <String as sqlx::Decode<'r, DB>>::decode(value)?;
                <$name>::parse(&text).ok_or_else(|| format!("unknown {} `{text}`", $what).into())
            }
        }

        impl<'q, DB: sqlx::Database> sqlx::Encode<'q, DB> for $name
        where
            &'static str: sqlx::Encode<'q, DB>,
        {
            fn encode_by_ref(
                &self,
                buf: &mut DB::ArgumentBuffer,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                <&'static str as sqlx::Encode<'q, DB>>::encode(self.as_str(), buf)
            }
        }
    )+};
}

text_column! {
    crate::plan::ActionStatus => "action status",
    crate::plan::Decision => "decision",
    crate::catalog::Risk => "risk",
    crate::catalog::Requires => "requirement",
}
