//! The linking network panel (issue 11): how the raters are linked by the
//! people they share (the summary's lines), and the cross-ratings the
//! engine's linking advice names for the next cycle, with the rule.

use ratatui::style::Style;

use crate::text;
use crate::tui::app::App;

type Lines = Vec<(String, Style)>;

pub const TITLE: &str = " Linked ratings: the network, and advice for the next cycle ";

pub fn lines(app: &App) -> Lines {
    let theme = &app.theme;
    let input = &app.session.input;
    let mut out: Lines = super::summary::linking(app)
        .into_iter()
        .map(|line| (line.to_string(), line.style))
        .collect();
    out.push((String::new(), theme.base));
    if app.advice.is_empty() {
        out.push((
            " Linking advice: nothing to join (every rater who rates is linked to the largest part)."
                .into(),
            theme.good,
        ));
        return out;
    }
    out.push((
        format!(
            " Linking advice: {} cross-rating{} that would join a part to the largest part",
            app.advice.len(),
            if app.advice.len() == 1 { "" } else { "s" }
        ),
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
        out.push((
            format!(
                "   {}{rater_name} should also rate {}{employee_name}: joins {} to {} ({})",
                text::safe(&rater.id),
                text::safe(&employee.id),
                text::safe(&s.joins[1]),
                text::safe(&s.joins[0]),
                s.why.as_str()
            ),
            theme.base,
        ));
    }
    out.push((
        " The rule: each part joins the largest one through one of its raters rating one person \
         of the largest part, preferring a person in the rater's own department, then pool. \
         Same as `calibra stats --link-advice N`."
            .into(),
        theme.dim,
    ));
    out
}
