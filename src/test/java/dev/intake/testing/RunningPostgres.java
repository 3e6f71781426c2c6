package dev.intake.testing;

/** Where a PostgreSQL server started for tests or development can be reached. */
public record RunningPostgres(String host, int port, String database, String username, String password) {

	public String r2dbcUrl() {
		return "r2dbc:postgresql://%s:%d/%s".formatted(this.host, this.port, this.database);
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://%s:%d/%s".formatted(this.host, this.port, this.database);
	}

}
