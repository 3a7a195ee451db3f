//! Whether a request is written in another language than English. The rules
//! planner understands English only, and says so in one line rather than
//! offering the closest English actions for a Spanish sentence.

/// Function words and everyday request words of Spanish, Portuguese, French,
/// Italian, German and Dutch that are not also English words.
const FOREIGN: &[&str] = &[
    // Spanish and Portuguese
    "por",
    "favor",
    "el",
    "los",
    "las",
    "una",
    "uno",
    "para",
    "que",
    "del",
    "cliente",
    "clientes",
    "reserva",
    "cancelar",
    "reembolso",
    "reembolsar",
    "quiero",
    "necesito",
    "gracias",
    "usted",
    "hola",
    "está",
    "esta",
    "pedido",
    "pediu",
    "você",
    "não",
    "obrigado",
    "obrigada",
    "agora",
    "hoje",
    "amanhã",
    "mañana",
    "hoy",
    "ayer",
    "semana",
    "reclamação",
    "queja",
    "devolver",
    "dinheiro",
    "dinero",
    "cuenta",
    "conta",
    "usuario",
    "usuário",
    "proveedor",
    "fornecedor",
    "mostrar",
    "mostre",
    "muestra",
    "cuántas",
    "quantas",
    "también",
    // French
    "le",
    "les",
    "est",
    "pour",
    "avec",
    "dans",
    "sur",
    "pas",
    "vous",
    "nous",
    "je",
    "merci",
    "une",
    "des",
    "du",
    "réservation",
    "annuler",
    "rembourser",
    "remboursement",
    "plaît",
    "s'il",
    "aujourd'hui",
    "demain",
    "combien",
    "montrer",
    "fournisseur",
    "compte",
    "cette",
    "ce",
    "ces",
    "mon",
    "votre",
    // Italian
    "il",
    "della",
    "dello",
    "grazie",
    "prenotazione",
    "annullare",
    "annulla",
    "rimborso",
    "rimborsare",
    "oggi",
    "domani",
    "sono",
    "questo",
    "questa",
    "favore",
    "cliente",
    "mostra",
    "quante",
    "reclamo",
    // German
    "bitte",
    "und",
    "der",
    "das",
    "ist",
    "nicht",
    "mit",
    "für",
    "auf",
    "ich",
    "wir",
    "kunde",
    "kunden",
    "buchung",
    "buchungen",
    "stornieren",
    "zurück",
    "danke",
    "heute",
    "einen",
    "eine",
    "dem",
    "zeige",
    "zeig",
    "wie",
    "viele",
    "erstatten",
    "erstattung",
    "beschwerde",
    "anbieter",
    "konto",
    "geld",
    "morgen",
    // Dutch
    "alsjeblieft",
    "het",
    "een",
    "niet",
    "klant",
    "boeking",
    "annuleren",
    "terugbetalen",
    "vandaag",
];

/// Two or more such words, or one in a request of at most four words.
pub fn looks_foreign(prompt: &str) -> bool {
    let words: Vec<String> = prompt
        .split(|c: char| !(c.is_alphabetic() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let foreign = words.iter().filter(|w| FOREIGN.contains(&w.as_str())).count();
    foreign >= 2 || (foreign == 1 && words.len() <= 4 && words.len() >= 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_languages_are_recognised_and_english_is_not_mistaken_for_them() {
        for foreign in [
            "cancelar reserva 5501 por favor",
            "Bitte die Buchung 12 stornieren",
            "rembourser la réservation 7 s'il vous plaît",
            "annullare la prenotazione 44",
            "reembolsar o pedido 12, o cliente pediu",
        ] {
            assert!(looks_foreign(foreign), "{foreign}");
        }
        for english in [
            "refund booking 1042",
            "cancel the booking for user 5 and tell the customer",
            "show complaints for provider Le Petit Salon",
            "list the die-cut orders",
            "what is the status of order 77",
        ] {
            assert!(!looks_foreign(english), "{english}");
        }
    }
}
