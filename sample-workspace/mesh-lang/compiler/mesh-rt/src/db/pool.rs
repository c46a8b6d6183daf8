//! Connection pool setup. The connection string comes from the environment.

pub const DATABASE_URL_ENV: &str = "DATABASE_URL";

pub fn database_url() -> Result<String, String> {
    std::env::var(DATABASE_URL_ENV)
        .map_err(|_| format!("{DATABASE_URL_ENV} is not set; point it at a PostgreSQL database"))
}
