//! The linked-ratings model (contract 6.7) off the event loop. At 1M
//! employees the fit takes about a second, which the first frame must not
//! wait for: it runs on a thread of its own from the moment the screen
//! opens, on the raw scores (shared, not copied: decisions never change
//! them), and the loop hands the result to the app as [`Action::Linked`].
//!
//! [`Action::Linked`]: super::action::Action::Linked

use std::sync::Arc;
use std::thread::{self, JoinHandle};

use crate::engine::model::Input;
use crate::engine::rater_model::{self, RaterModel};

/// A fit running in the background.
pub struct Linking(JoinHandle<RaterModel>);

impl Linking {
    /// Starts fitting `input`; `Err` when no thread can be started.
    pub fn start(input: Arc<Input>) -> std::io::Result<Self> {
        thread::Builder::new()
            .name("linked-ratings".into())
            .spawn(move || rater_model::fit(&input))
            .map(Linking)
    }

    pub fn is_done(&self) -> bool {
        self.0.is_finished()
    }

    /// The model, waiting for it if need be; `None` if the fit panicked.
    pub fn join(self) -> Option<RaterModel> {
        self.0.join().ok()
    }
}
