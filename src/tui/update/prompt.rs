//! Typing into a prompt (a reason, the filter, an export path) and what
//! submitting it does.

use std::path::PathBuf;

use crate::engine::decision::{Change, is_blank};
use crate::tui::action::{Action, Effect, Mode, Prompt, PromptKind, Tone};
use crate::tui::app::App;

/// The longest text a prompt takes (a reason, a path, a filter), in
/// characters: a pasted novel must not become a reason.
pub const MAX_PROMPT_CHARS: usize = 2_000;

impl App {
    pub(in crate::tui) fn open_prompt(&mut self, kind: PromptKind, question: String, text: String) {
        self.mode = Mode::Prompt(Prompt {
            kind,
            question,
            text,
        });
    }

    /// Refuses an action that would have asked for text: a prompt opens
    /// anyway, saying why, and swallows what is typed into it.
    pub(in crate::tui) fn refuse_text(&mut self, why: impl Into<String>) {
        self.refused_at = self.clock;
        self.open_prompt(
            PromptKind::Refused,
            format!(
                "{} — Enter or Esc closes; typing here does nothing",
                why.into()
            ),
            String::new(),
        );
    }

    pub(super) fn update_prompt(
        &mut self,
        mut prompt: Prompt,
        action: Action,
        now: &str,
    ) -> Vec<Effect> {
        match action {
            Action::Type(c) => {
                if prompt.text.chars().count() < MAX_PROMPT_CHARS {
                    prompt.text.push(c);
                    self.after_edit(&prompt);
                } else {
                    self.say(
                        format!("A prompt takes at most {MAX_PROMPT_CHARS} characters"),
                        Tone::Error,
                    );
                }
                self.mode = Mode::Prompt(prompt);
                Vec::new()
            }
            Action::Erase | Action::EraseWord | Action::EraseAll => {
                match action {
                    Action::Erase => drop(prompt.text.pop()),
                    Action::EraseWord => {
                        let kept = prompt
                            .text
                            .trim_end()
                            .trim_end_matches(|c: char| !c.is_whitespace());
                        prompt.text.truncate(kept.len());
                    }
                    _ => prompt.text.clear(),
                }
                self.after_edit(&prompt);
                self.mode = Mode::Prompt(prompt);
                Vec::new()
            }
            Action::SwitchFormat => {
                if let PromptKind::Export { format } = prompt.kind {
                    let next = format.next();
                    let stem = prompt
                        .text
                        .strip_suffix(format.extension())
                        .unwrap_or(&prompt.text)
                        .to_string();
                    prompt.text = format!("{stem}{}", next.extension());
                    prompt.kind = PromptKind::Export { format: next };
                }
                self.mode = Mode::Prompt(prompt);
                Vec::new()
            }
            Action::Cancel => {
                self.mode = Mode::Normal;
                if prompt.kind == PromptKind::SaveAs {
                    self.quit_after_save = false;
                }
                if prompt.kind == PromptKind::Find {
                    // The people list keeps the person found selected.
                    self.find_edited("");
                }
                self.say("Cancelled", Tone::Info);
                Vec::new()
            }
            Action::Up | Action::Down if prompt.kind == PromptKind::Find => {
                self.find.choose(action == Action::Down);
                self.mode = Mode::Prompt(prompt);
                Vec::new()
            }
            Action::Submit => self.submit(prompt, now),
            _ => {
                self.mode = Mode::Prompt(prompt);
                Vec::new()
            }
        }
    }

    fn after_edit(&mut self, prompt: &Prompt) {
        if prompt.kind == PromptKind::Find {
            self.find_edited(&prompt.text);
        }
    }

    /// Keeps the prompt open with an error, so that what is typed next is
    /// still text, never a command.
    fn refuse(&mut self, prompt: Prompt, message: &str) -> Vec<Effect> {
        self.say(message, Tone::Error);
        self.mode = Mode::Prompt(prompt);
        Vec::new()
    }

    fn submit(&mut self, prompt: Prompt, now: &str) -> Vec<Effect> {
        // Reasons are kept exactly as typed (contract 6.1).
        let text = prompt.text.clone();
        match prompt.kind.clone() {
            PromptKind::Refused => {
                self.mode = Mode::Normal;
                Vec::new()
            }
            PromptKind::Discussed(item) => {
                self.mode = Mode::Normal;
                let note = (!is_blank(Some(&text))).then_some(text);
                let change = Change::Discussed { item, note };
                let summary = change.to_string();
                let decision = self.stamp(change, None, now);
                let outcome = self.session.decide(decision);
                self.after_decision(outcome, &summary)
            }
            PromptKind::SignOff => {
                if is_blank(Some(&text)) {
                    return self.refuse(prompt, "Type who signs the session off, or Esc");
                }
                self.mode = Mode::Normal;
                let decision = crate::engine::decision::Decision {
                    by: Some(text),
                    ..self.stamp(Change::SignOff, None, now)
                };
                let outcome = self.session.decide(decision);
                self.after_decision(outcome, "Signed off")
            }
            PromptKind::Reopen => {
                if is_blank(Some(&text)) {
                    return self.refuse(prompt, "Reopening needs a reason: type one, or Esc");
                }
                self.mode = Mode::Normal;
                let decision = self.stamp(Change::Reopen, Some(text), now);
                let outcome = self.session.decide(decision);
                self.after_decision(outcome, "Reopened")
            }
            PromptKind::SaveAs => {
                let path = text.trim();
                if path.is_empty() {
                    return self.refuse(prompt, "Type a path to save the session to, or Esc");
                }
                self.mode = Mode::Normal;
                vec![Effect::SaveAs {
                    path: PathBuf::from(path),
                }]
            }
            PromptKind::Find => {
                self.mode = Mode::Normal;
                self.find_submitted();
                Vec::new()
            }
            PromptKind::ProposeAll(decisions) => {
                self.mode = Mode::Normal;
                let n = decisions.len();
                let outcome = self.session.decide_all(decisions);
                self.after_decision(outcome, &format!("Accepted {n} linked-ratings offsets"))
            }
            PromptKind::Propose(change) => {
                if is_blank(Some(&text)) {
                    return self.refuse(
                        prompt,
                        "A proposal needs a reason: keep the one given, or Esc",
                    );
                }
                self.mode = Mode::Normal;
                let summary = change.to_string();
                let decision = self.stamp(change, Some(text), now);
                let outcome = self.session.decide(decision);
                self.after_decision(outcome, &format!("Accepted: {summary}"))
            }
            PromptKind::Reason(change) => {
                if change.needs_reason() && is_blank(Some(&text)) {
                    return self.refuse(
                        prompt,
                        "An override needs a reason: type one, or Esc to cancel",
                    );
                }
                self.mode = Mode::Normal;
                let summary = change.to_string();
                let decision = self.stamp(change, Some(text), now);
                let outcome = self.session.decide(decision);
                self.after_decision(outcome, &summary)
            }
            PromptKind::Revoke(index) => {
                if is_blank(Some(&text)) {
                    return self.refuse(
                        prompt,
                        "Revoking a decision needs a reason: type one, or Esc to cancel",
                    );
                }
                self.mode = Mode::Normal;
                let template = self.stamp(
                    Change::ClearOverride {
                        employee: String::new(),
                    },
                    None,
                    now,
                );
                let outcome = self.session.revoke(index, &text, &template);
                self.after_decision(outcome, &format!("Revoked decision {}", index + 1))
            }
            PromptKind::Annotate => {
                let reason = (!is_blank(Some(&text))).then_some(text);
                match self.session.amend_reason(reason) {
                    Ok(()) => {
                        self.mode = Mode::Normal;
                        self.say("Reason recorded", Tone::Success);
                        vec![Effect::Save]
                    }
                    Err(message) => self.refuse(prompt, &capitalised(&message)),
                }
            }
            PromptKind::Export { format } => {
                self.mode = Mode::Normal;
                let path = text.trim();
                if path.is_empty() {
                    self.say("Export cancelled: no path", Tone::Info);
                    return Vec::new();
                }
                vec![Effect::Export {
                    path: PathBuf::from(path),
                    format,
                }]
            }
        }
    }
}

fn capitalised(message: &str) -> String {
    let mut chars = message.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
