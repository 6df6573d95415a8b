//! Background work: a durable queue in the store's own database, its
//! worker, the jobs order moves cause, and the periodic ones.

mod backoff;
mod follow_ups;
mod handlers;
mod queue;
mod schedule;
mod task;
mod worker;

pub use backoff::Backoff;
pub use follow_ups::OrderFollowUps;
pub use handlers::Handlers;
pub use queue::{JobQueue, enqueue, enqueue_later};
pub use schedule::enqueue_periodic;
pub use task::{EmailKind, NewJob, Task};
pub use worker::{JobError, Perform, Worker, WorkerHandle};
