//! The calibration engine: pure functions from an input folder and a list of
//! decisions to grades. No terminal code lives here.

pub mod calibrate;
pub mod decision;
pub mod diagnostic;
pub mod load;
pub mod model;
pub mod source;
pub mod quota;
pub mod stats;
pub mod transform;
