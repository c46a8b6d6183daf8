//! Database access used by Mesh programs (PostgreSQL and SQLite).

pub mod pool;
