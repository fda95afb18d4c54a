//! The linking network panel (issue 11): how the raters are linked by the
//! people they share (the summary's lines), and the cross-ratings the
//! engine's linking advice names for the next cycle, with the rule.

use ratatui::style::Style;

use crate::i18n::{Report, Ui, fill, t};
use crate::text;
use crate::tui::app::App;

type Lines = Vec<(String, Style)>;

pub fn lines(app: &App) -> Lines {
    let theme = &app.theme;
    let lang = app.lang;
    let input = &app.session.input;
    let mut out: Lines = super::summary::linking(app)
        .into_iter()
        .map(|line| (line.to_string(), line.style))
        .collect();
    out.push((String::new(), theme.base));
    if app.advice.is_empty() {
        out.push((t(lang, Ui::AdviceNone).into(), theme.good));
        return out;
    }
    out.push((
        crate::i18n::plural(lang, app.advice.len(), Ui::AdviceOne, Ui::AdviceMany),
        theme.header,
    ));
    for s in &app.advice {
        let (rater, employee) = (&input.raters[s.rater], &input.employees[s.employee]);
        let (rater_name, employee_name) = if app.privacy {
            (String::new(), String::new())
        } else {
            (
                format!(" {}", app.rater_name(s.rater)),
                format!(" {}", app.employee_name(s.employee)),
            )
        };
        // The line `stats --link-advice` prints, one column in.
        let line = fill(
            lang,
            Report::Advice,
            &[
                ("rater", &format!("{}{rater_name}", text::safe(&rater.id))),
                (
                    "employee",
                    &format!("{}{employee_name}", text::safe(&employee.id)),
                ),
                ("part", &text::safe(&s.joins[1])),
                ("largest", &text::safe(&s.joins[0])),
                ("why", t(lang, Report::why(s.why))),
            ],
        );
        out.push((format!(" {line}"), theme.base));
    }
    out.push((t(lang, Ui::AdviceRule).into(), theme.dim));
    out
}
