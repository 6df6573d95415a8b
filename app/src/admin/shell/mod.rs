//! The admin's frame (navigation, the role check every page starts with)
//! and the small pieces its pages share.

mod frame;
pub mod widgets;

pub use frame::AdminFrame;
