package dev.intake.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain JDBC queries against the PostgreSQL of {@link Services}, past the application and
 * its connection pool (which a test may have cut off).
 */
public final class Sql {

	private Sql() {
	}

	/** The rows of a query, each as column name to value, in order. */
	public static List<Map<String, Object>> rows(String sql, Object... parameters) {
		RunningPostgres postgres = Services.postgres();
		try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(),
				postgres.password()); PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setObject(i + 1, parameters[i]);
			}
			try (ResultSet result = statement.executeQuery()) {
				List<Map<String, Object>> rows = new ArrayList<>();
				int columns = result.getMetaData().getColumnCount();
				while (result.next()) {
					Map<String, Object> row = new LinkedHashMap<>();
					for (int i = 1; i <= columns; i++) {
						row.put(result.getMetaData().getColumnLabel(i), result.getObject(i));
					}
					rows.add(row);
				}
				return rows;
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Query failed: " + sql, ex);
		}
	}

	/**
	 * Runs a statement that answers no rows (an update, {@code ANALYZE}); emits its
	 * update count.
	 */
	public static int execute(String sql, Object... parameters) {
		RunningPostgres postgres = Services.postgres();
		try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(),
				postgres.password()); PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setObject(i + 1, parameters[i]);
			}
			return statement.executeUpdate();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Statement failed: " + sql, ex);
		}
	}

	/** The one number a query selects, such as a count. */
	public static long number(String sql, Object... parameters) {
		return ((Number) rows(sql, parameters).get(0).values().iterator().next()).longValue();
	}

	/** The upload of a file name, as stored; null if there is none (yet). */
	public static Map<String, Object> uploadNamed(String filename) {
		List<Map<String, Object>> uploads = rows("SELECT * FROM uploads WHERE filename = ?", filename);
		return uploads.isEmpty() ? null : uploads.get(0);
	}

	/**
	 * How many entries of an upload are stored, visible or not: in {@code customers}, or
	 * in the upload's own table while it is not attached yet.
	 */
	public static long entriesOf(Object uploadId) {
		String table = "customers_" + uploadId.toString().replace("-", "");
		for (int attempt = 0;; attempt++) {
			boolean staged = !rows("SELECT 1 FROM pg_class WHERE relname = ? AND relkind = 'r' AND NOT relispartition",
					table)
				.isEmpty();
			if (!staged) {
				return number("SELECT count(*) FROM customers WHERE upload_id = ?::uuid", uploadId.toString());
			}
			try {
				return number("SELECT count(*) FROM " + table);
			}
			catch (IllegalStateException ex) {
				// Dropped or attached between the two queries: look again.
				if (attempt >= 5) {
					throw ex;
				}
			}
		}
	}

}
