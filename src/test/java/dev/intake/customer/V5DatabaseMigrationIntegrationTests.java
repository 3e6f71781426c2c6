package dev.intake.customer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.intake.testing.Json;
import dev.intake.testing.RunningPostgres;
import dev.intake.testing.Services;
import dev.intake.testing.TestTenant;
import dev.intake.testing.UploadClient;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database made by the schema before uploads had partitions of their own (migrated only
 * to V5.1, with entries of completed and of failed uploads), started on by the current
 * application: its migrations move the entries into {@code customers}, and the history
 * and changes endpoints answer from them as they would have before.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT2M")
@Import(V5DatabaseMigrationIntegrationTests.V5Database.class)
class V5DatabaseMigrationIntegrationTests {

	static final UUID FIRST = UUID.fromString("5a5a5a5a-0000-4000-8000-000000000001");

	static final UUID SECOND = UUID.fromString("5a5a5a5a-0000-4000-8000-000000000002");

	static final UUID FAILED = UUID.fromString("5a5a5a5a-0000-4000-8000-000000000003");

	static final String ASHA = "+919812300001";

	static final String RAVI = "+919812300002";

	static final String GONE = "+919812300003";

	static final String NEW = "+919812300004";

	@Autowired
	WebTestClient http;

	@Autowired
	DatabaseClient db;

	@Test
	void answersTheHistoryOfEveryCustomerFromTheMigratedEntries() {
		List<Map<String, Object>> asha = entries(ASHA);

		assertThat(asha).extracting((entry) -> entry.get("uploadId"))
			.containsExactly(SECOND.toString(), FIRST.toString());
		assertThat(asha).extracting((entry) -> entry.get("amountDue")).containsExactly(20000.0, 15000.0);
		assertThat(asha.get(0)).containsEntry("nationalId", "XXXX XXXX 0124")
			.containsEntry("loanAccount", "LN-1")
			.containsEntry("dueDate", "2024-12-15")
			.containsEntry("filename", "cycle-2.csv");
		assertThat(entries(RAVI)).extracting((entry) -> entry.get("uploadId") + "#" + entry.get("rowNumber"))
			.containsExactly(SECOND + "#2", FIRST + "#2", FIRST + "#4");
		assertThat(entries(GONE)).extracting((entry) -> entry.get("uploadId")).containsExactly(FIRST.toString());
	}

	@Test
	void countsAndListsTheChangesOfTheMigratedCycles() {
		Map<String, Object> page = Json.get(this.http, "/api/v1/uploads/{id}/changes?limit=100", SECOND);

		assertThat(page).containsEntry("previousUploadId", FIRST.toString());
		@SuppressWarnings("unchecked")
		Map<String, Object> counts = (Map<String, Object>) page.get("counts");
		assertThat(counts).containsEntry("new", 1)
			.containsEntry("changed", 1)
			.containsEntry("unchanged", 1)
			.containsEntry("missing", 1);
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
		assertThat(items).extracting((item) -> item.get("primaryPhone") + " " + item.get("kind"))
			.containsExactlyInAnyOrder(ASHA + " changed", RAVI + " unchanged", NEW + " new", GONE + " missing");
	}

	@Test
	void keepsOnlyTheEntriesOfCompletedUploadsInOnePartition() {
		List<Map<String, Object>> partitions = this.db.sql("""
				SELECT c.relname, count(*) AS entries FROM customers x JOIN pg_class c ON c.oid = x.tableoid
				GROUP BY c.relname""").fetch().all().collectList().block();

		assertThat(partitions).hasSize(1);
		assertThat(partitions.get(0).get("relname").toString()).startsWith("customers_m_");
		assertThat(partitions.get(0)).containsEntry("entries", 7L);
		assertThat(this.db.sql("SELECT to_regclass('customers_v5') IS NULL AS gone")
			.map((row) -> row.get("gone", Boolean.class))
			.one()
			.block()).isTrue();
	}

	private List<Map<String, Object>> entries(String phone) {
		return UploadClient.of(this.http).historyEntries(phone);
	}

	/**
	 * A database of its own, made at V5.1 with two completed cycles of one customer base
	 * and a failed upload's leftover entries, given to the application to migrate.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class V5Database {

		private static final String NAME = "intake_v5_" + Long.toHexString(System.nanoTime());

		@Bean
		DynamicPropertyRegistrar v5DatabaseProperties() {
			RunningPostgres server = Services.postgres();
			RunningPostgres database = new RunningPostgres(server.host(), server.port(), NAME, server.username(),
					server.password());
			create(server, database);
			return (registry) -> Services.applicationProperties().forEach((name, value) -> {
				Object pointed = switch (name) {
					case "spring.r2dbc.url" -> database.r2dbcUrl();
					case "spring.flyway.url" -> database.jdbcUrl();
					default -> value;
				};
				registry.add(name, () -> pointed);
			});
		}

		@Bean
		WebTestClientBuilderCustomizer testTenantKey() {
			return (builder) -> builder.defaultHeader(TestTenant.API_KEY_HEADER, TestTenant.TEST.key());
		}

		private static void create(RunningPostgres server, RunningPostgres database) {
			execute(server, "CREATE DATABASE " + NAME);
			Flyway.configure()
				.dataSource(database.jdbcUrl(), database.username(), database.password())
				.locations("filesystem:db/migration")
				.target("5.1")
				.load()
				.migrate();
			execute(database, """
					INSERT INTO uploads (id, tenant_id, filename, status, rows_total, rows_succeeded, created_at,
					  started_at, finished_at)
					VALUES ('%1$s', 'test', 'cycle-1.csv', 'COMPLETED', 4, 4, now() - interval '2 days',
					    now() - interval '2 days', now() - interval '2 days'),
					  ('%2$s', 'test', 'cycle-2.csv', 'COMPLETED', 3, 3, now() - interval '1 day',
					    now() - interval '1 day', now() - interval '1 day'),
					  ('%3$s', 'test', 'broken.csv', 'FAILED', 2, 2, now(), now(), now());
					INSERT INTO customers (upload_id, row_number, full_name, primary_phone, national_id_last4,
					  loan_account, amount_due, due_date, fingerprint)
					VALUES ('%1$s', 1, 'Asha Verma', '%4$s', '0124', 'LN-1', 15000, '2024-11-15', gen_random_uuid()),
					  ('%1$s', 2, 'Ravi Kumar', '%5$s', NULL, 'LN-2', 5000, '2024-11-20', gen_random_uuid()),
					  ('%1$s', 3, 'Gone Away', '%6$s', NULL, 'LN-4', 100, '2024-11-01', gen_random_uuid()),
					  ('%1$s', 4, 'Ravi Kumar', '%5$s', NULL, 'LN-2', 5000, '2024-11-20', gen_random_uuid()),
					  ('%2$s', 1, 'Asha Verma', '%4$s', '0124', 'LN-1', 20000, '2024-12-15', gen_random_uuid()),
					  ('%2$s', 2, 'Ravi Kumar', '%5$s', NULL, 'LN-2', 5000, '2024-11-20', gen_random_uuid()),
					  ('%2$s', 3, 'New Comer', '%7$s', NULL, 'LN-5', 900, '2024-12-02', gen_random_uuid()),
					  ('%3$s', 1, 'Asha Verma', '%4$s', NULL, 'LN-1', 1, '2024-12-15', gen_random_uuid()),
					  ('%3$s', 2, 'Left Over', '%7$s', NULL, 'LN-6', 1, '2024-12-15', gen_random_uuid());
					""".formatted(FIRST, SECOND, FAILED, ASHA, RAVI, GONE, NEW));
		}

		private static void execute(RunningPostgres database, String sql) {
			try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(),
					database.password()); Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Could not prepare the V5.1 database", ex);
			}
		}

	}

}
