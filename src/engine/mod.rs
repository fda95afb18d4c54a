//! The calibration engine: pure functions from an input folder and a list of
//! decisions to grades. No terminal code lives here.

pub mod agenda;
pub mod atomic;
pub mod bias;
pub mod bonus;
pub mod calibrate;
pub mod cores;
pub mod decision;
pub mod diagnostic;
pub mod export;
pub mod fairness;
pub mod fingerprint;
pub mod load;
pub mod managers;
pub mod model;
pub mod moves;
pub mod previous;
pub mod provenance;
pub mod quota;
pub mod rater_model;
pub mod session;
pub mod sheet;
pub mod source;
pub mod stale;
pub mod stats;
pub mod template;
pub mod transform;
pub mod warnings;
