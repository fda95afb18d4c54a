//! The screens' own state and what their keys do: each screen keeps plain
//! indices (selection, order, scroll) and handles the actions that belong
//! to it; `update` dispatches to them. Widgets are built while
//! rendering ([`super::ui`]).

mod bonus;
mod decisions;
mod employees;
pub mod fairness;
pub mod find;
pub mod focus;
mod groups;
pub mod lists;
mod order;
mod raters;

pub use bonus::BonusView;
pub use decisions::DecisionsView;
pub use employees::{EmployeeSort, EmployeesView};
pub use fairness::{FairnessFigures, FairnessView, MovedRow};
pub use find::{FindView, Hit};
pub use focus::Focus;
pub use groups::GroupsView;
pub use lists::{AgendaView, WarningsView};
pub use raters::{RaterSort, RatersView, bias_flag};
