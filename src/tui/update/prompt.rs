//! Typing into a prompt (a reason, the filter, an export path) and what
//! submitting it does.

use std::path::PathBuf;

use crate::engine::decision::{Change, is_blank};
use crate::i18n::{Shell, fill, t};
use crate::tui::action::{Action, Effect, Mode, Prompt, PromptKind, Tone};
use crate::tui::app::App;
use crate::tui::ui::words;

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
            fill(self.lang, Shell::Refused, &[("why", &why.into())]),
            String::new(),
        );
    }

    pub(super) fn update_prompt(
        &mut self,
        mut prompt: Prompt,
        action: Action,
        now: &str,
    ) -> Vec<Effect> {
        let lang = self.lang;
        match action {
            Action::Type(c) => {
                if prompt.text.chars().count() < MAX_PROMPT_CHARS {
                    prompt.text.push(c);
                    self.after_edit(&prompt);
                } else {
                    self.say(
                        fill(
                            lang,
                            Shell::PromptTooLong,
                            &[("n", &MAX_PROMPT_CHARS.to_string())],
                        ),
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
                self.say(t(lang, Shell::Cancelled), Tone::Info);
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
        let lang = self.lang;
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
                let summary = words::change(lang, &change);
                let decision = self.stamp(change, None, now);
                let outcome = self.session.decide(decision);
                self.after_decision(outcome, &summary)
            }
            PromptKind::SignOff => {
                if is_blank(Some(&text)) {
                    return self.refuse(prompt, t(lang, Shell::NeedSigner));
                }
                self.mode = Mode::Normal;
                let decision = crate::engine::decision::Decision {
                    by: Some(text),
                    ..self.stamp(Change::SignOff, None, now)
                };
                let outcome = self.session.decide(decision);
                self.after_decision(outcome, t(lang, Shell::SignedOff))
            }
            PromptKind::Reopen => {
                if is_blank(Some(&text)) {
                    return self.refuse(prompt, t(lang, Shell::NeedReopenReason));
                }
                self.mode = Mode::Normal;
                let decision = self.stamp(Change::Reopen, Some(text), now);
                let outcome = self.session.decide(decision);
                self.after_decision(outcome, t(lang, Shell::Reopened))
            }
            PromptKind::SaveAs => {
                let path = text.trim();
                if path.is_empty() {
                    return self.refuse(prompt, t(lang, Shell::NeedSavePath));
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
                self.after_decision(
                    outcome,
                    &fill(lang, Shell::AcceptedOffsets, &[("n", &n.to_string())]),
                )
            }
            PromptKind::Propose(change) => {
                if is_blank(Some(&text)) {
                    return self.refuse(prompt, t(lang, Shell::NeedProposalReason));
                }
                self.mode = Mode::Normal;
                let summary = fill(
                    lang,
                    Shell::Accepted,
                    &[("change", &words::change(lang, &change))],
                );
                let decision = self.stamp(change, Some(text), now);
                let outcome = self.session.decide(decision);
                self.after_decision(outcome, &summary)
            }
            PromptKind::Reason(change) => {
                if change.needs_reason() && is_blank(Some(&text)) {
                    return self.refuse(prompt, t(lang, Shell::NeedOverrideReason));
                }
                self.mode = Mode::Normal;
                let summary = words::change(lang, &change);
                let decision = self.stamp(change, Some(text), now);
                let outcome = self.session.decide(decision);
                self.after_decision(outcome, &summary)
            }
            PromptKind::Revoke(index) => {
                if is_blank(Some(&text)) {
                    return self.refuse(prompt, t(lang, Shell::NeedRevokeReason));
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
                self.after_decision(
                    outcome,
                    &fill(lang, Shell::Revoked, &[("n", &(index + 1).to_string())]),
                )
            }
            PromptKind::Annotate => {
                let reason = (!is_blank(Some(&text))).then_some(text);
                // The engine's refusals, in the screen's words.
                match self.session.decisions().last() {
                    None => return self.refuse(prompt, t(lang, Shell::NoDecisionToAmend)),
                    Some(last) if last.change.needs_reason() && reason.is_none() => {
                        return self.refuse(prompt, t(lang, Shell::ReasonCannotBeBlank));
                    }
                    Some(_) => {}
                }
                match self.session.amend_reason(reason) {
                    Ok(()) => {
                        self.mode = Mode::Normal;
                        self.say(t(lang, Shell::ReasonRecorded), Tone::Success);
                        vec![Effect::Save]
                    }
                    Err(message) => self.refuse(prompt, &capitalised(&message)),
                }
            }
            PromptKind::Export { format } => {
                self.mode = Mode::Normal;
                let path = text.trim();
                if path.is_empty() {
                    self.say(t(lang, Shell::ExportNoPath), Tone::Info);
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
