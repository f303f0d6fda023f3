//! Dates for readers, in the site's `language`: the long date form of the Unicode CLDR for a
//! dozen common languages ("1 May 2024", "May 1, 2024" for `en-US`, "1. Mai 2024"). Any other
//! language gets the unambiguous `2024-05-01`.

use super::Date;

/// How one language writes a long date.
struct Style {
    /// The primary language subtags (`de`, `nb`) that write dates this way.
    languages: &'static [&'static str],
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

/// The regions where English puts the month first ("May 1, 2024"): the United States and its
/// territories, and the Philippines.
const MONTH_FIRST_REGIONS: [&str; 8] = ["us", "ph", "pr", "um", "vi", "as", "gu", "mp"];

/// English in [`MONTH_FIRST_REGIONS`].
static EN_MONTH_FIRST: Style = Style {
    languages: &["en"],
    months: EN,
    pattern: "{m} {d}, {y}",
};

/// Every known language's long date.
static STYLES: [Style; 13] = [
    Style {
        languages: &["en"],
        months: EN,
        pattern: "{d} {m} {y}",
    },
    Style {
        languages: &["de"],
        months: [
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
        pattern: "{d}. {m} {y}",
    },
    Style {
        languages: &["fr"],
        months: [
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
        pattern: "{d} {m} {y}",
    },
    Style {
        languages: &["es"],
        months: [
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
        pattern: "{d} de {m} de {y}",
    },
    Style {
        languages: &["pt"],
        months: [
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
        pattern: "{d} de {m} de {y}",
    },
    Style {
        languages: &["it"],
        months: [
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
        pattern: "{d} {m} {y}",
    },
    Style {
        languages: &["nl"],
        months: [
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
        pattern: "{d} {m} {y}",
    },
    Style {
        languages: &["sv"],
        months: [
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
        pattern: "{d} {m} {y}",
    },
    Style {
        languages: &["da"],
        months: [
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
        pattern: "{d}. {m} {y}",
    },
    Style {
        languages: &["nb", "no", "nn"],
        months: [
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
        pattern: "{d}. {m} {y}",
    },
    Style {
        languages: &["fi"],
        months: [
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
        pattern: "{d}. {m} {y}",
    },
    Style {
        languages: &["pl"],
        months: [
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
        pattern: "{d} {m} {y}",
    },
    Style {
        languages: &["cs"],
        months: [
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
        pattern: "{d}. {m} {y}",
    },
];

/// The style of a BCP 47 language tag (`en`, `en-GB`, `de-AT`, `pt_BR`), if known.
fn style(language: &str) -> Option<&'static Style> {
    let tag = language.trim().to_ascii_lowercase().replace('_', "-");
    let mut parts = tag.split('-');
    let lang = parts.next().unwrap_or("");
    let region = parts.find(|p| p.len() == 2);
    if lang == "en" && region.is_some_and(|r| MONTH_FIRST_REGIONS.contains(&r)) {
        return Some(&EN_MONTH_FIRST);
    }
    STYLES.iter().find(|st| st.languages.contains(&lang))
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
