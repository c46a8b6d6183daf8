//! M053 S01: staged deploy of the generated PostgreSQL starter. Needs DATABASE_URL.

#[test]
fn staged_deploy_requires_database_url() {
    if std::env::var("DATABASE_URL").is_err() {
        eprintln!("skipping: DATABASE_URL not set");
        return;
    }
}
