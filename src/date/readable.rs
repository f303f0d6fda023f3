//! Dates for readers, in the site's `language`: the long date form of the Unicode CLDR for a
//! dozen common languages ("1 May 2024", "May 1, 2024" for `en-US`, "1. Mai 2024"). Any other
//! language gets the unambiguous `2024-05-01`.

use super::Date;

/// How one language writes a long date.
struct Style {
    /// Month names as used in a date (genitive where the language inflects them).
    months: [&'static str; 12],
    /// `{d}`, `{m}` and `{y}` stand for the day, the month's name and the year.
    pattern: &'static str,
}

const EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The style of a BCP 47 language tag (`en`, `en-GB`, `de-AT`, `pt_BR`), if known.
fn style(language: &str) -> Option<Style> {
    let tag = language.trim().to_ascii_lowercase().replace('_', "-");
    let mut parts = tag.split('-');
    let lang = parts.next().unwrap_or("");
    let region = parts.find(|p| p.len() == 2);
    let s = |months, pattern| Some(Style { months, pattern });
    match lang {
        "en" if matches!(
            region,
            Some("us" | "ph" | "pr" | "um" | "vi" | "as" | "gu" | "mp")
        ) =>
        {
            s(EN, "{m} {d}, {y}")
        }
        "en" => s(EN, "{d} {m} {y}"),
        "de" => s(
            [
                "Januar",
                "Februar",
                "März",
                "April",
                "Mai",
                "Juni",
                "Juli",
                "August",
                "September",
                "Oktober",
                "November",
                "Dezember",
            ],
            "{d}. {m} {y}",
        ),
        "fr" => s(
            [
                "janvier",
                "février",
                "mars",
                "avril",
                "mai",
                "juin",
                "juillet",
                "août",
                "septembre",
                "octobre",
                "novembre",
                "décembre",
            ],
            "{d} {m} {y}",
        ),
        "es" => s(
            [
                "enero",
                "febrero",
                "marzo",
                "abril",
                "mayo",
                "junio",
                "julio",
                "agosto",
                "septiembre",
                "octubre",
                "noviembre",
                "diciembre",
            ],
            "{d} de {m} de {y}",
        ),
        "pt" => s(
            [
                "janeiro",
                "fevereiro",
                "março",
                "abril",
                "maio",
                "junho",
                "julho",
                "agosto",
                "setembro",
                "outubro",
                "novembro",
                "dezembro",
            ],
            "{d} de {m} de {y}",
        ),
        "it" => s(
            [
                "gennaio",
                "febbraio",
                "marzo",
                "aprile",
                "maggio",
                "giugno",
                "luglio",
                "agosto",
                "settembre",
                "ottobre",
                "novembre",
                "dicembre",
            ],
            "{d} {m} {y}",
        ),
        "nl" => s(
            [
                "januari",
                "februari",
                "maart",
                "april",
                "mei",
                "juni",
                "juli",
                "augustus",
                "september",
                "oktober",
                "november",
                "december",
            ],
            "{d} {m} {y}",
        ),
        "sv" => s(
            [
                "januari",
                "februari",
                "mars",
                "april",
                "maj",
                "juni",
                "juli",
                "augusti",
                "september",
                "oktober",
                "november",
                "december",
            ],
            "{d} {m} {y}",
        ),
        "da" => s(
            [
                "januar",
                "februar",
                "marts",
                "april",
                "maj",
                "juni",
                "juli",
                "august",
                "september",
                "oktober",
                "november",
                "december",
            ],
            "{d}. {m} {y}",
        ),
        "nb" | "no" | "nn" => s(
            [
                "januar",
                "februar",
                "mars",
                "april",
                "mai",
                "juni",
                "juli",
                "august",
                "september",
                "oktober",
                "november",
                "desember",
            ],
            "{d}. {m} {y}",
        ),
        "fi" => s(
            [
                "tammikuuta",
                "helmikuuta",
                "maaliskuuta",
                "huhtikuuta",
                "toukokuuta",
                "kesäkuuta",
                "heinäkuuta",
                "elokuuta",
                "syyskuuta",
                "lokakuuta",
                "marraskuuta",
                "joulukuuta",
            ],
            "{d}. {m} {y}",
        ),
        "pl" => s(
            [
                "stycznia",
                "lutego",
                "marca",
                "kwietnia",
                "maja",
                "czerwca",
                "lipca",
                "sierpnia",
                "września",
                "października",
                "listopada",
                "grudnia",
            ],
            "{d} {m} {y}",
        ),
        "cs" => s(
            [
                "ledna",
                "února",
                "března",
                "dubna",
                "května",
                "června",
                "července",
                "srpna",
                "září",
                "října",
                "listopadu",
                "prosince",
            ],
            "{d}. {m} {y}",
        ),
        _ => None,
    }
}

/// `date` in the long form of `language`, or `YYYY-MM-DD` for a language without a known style.
pub(crate) fn format(date: Date, language: &str) -> String {
    match style(language) {
        Some(st) => st
            .pattern
            .replace("{d}", &date.day.to_string())
            .replace("{m}", st.months[usize::from(date.month - 1)])
            .replace("{y}", &date.year.to_string()),
        None => date.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::{format, style};
    use crate::date::Date;

    #[test]
    fn long_dates_follow_the_language() {
        let d = Date::parse("2024-05-01").unwrap();
        assert_eq!(format(d, "en"), "1 May 2024");
        assert_eq!(format(d, "en-GB"), "1 May 2024");
        assert_eq!(format(d, "en-US"), "May 1, 2024");
        assert_eq!(format(d, "de-AT"), "1. Mai 2024");
        assert_eq!(format(d, "fr"), "1 mai 2024");
        assert_eq!(format(d, "pt_BR"), "1 de maio de 2024");
        assert_eq!(
            format(Date::parse("2024-12-31").unwrap(), "FI"),
            "31. joulukuuta 2024"
        );
        assert_eq!(format(d, "ja"), "2024-05-01");
        assert!(style("sv-SE").is_some() && style("").is_none() && style("tlh").is_none());
    }
}
