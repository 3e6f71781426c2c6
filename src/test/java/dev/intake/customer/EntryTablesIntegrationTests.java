package dev.intake.customer;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import dev.intake.testing.Csv;
import dev.intake.testing.IntakeIntegrationTest;
import dev.intake.testing.Invariants;
import dev.intake.testing.Sql;
import dev.intake.testing.TestFilenames;
import dev.intake.testing.UploadClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each upload's rows in a table of its own: attached to {@code customers} with its
 * indexes when the upload completes, with rows that repeat an earlier row of the file
 * removed as duplicates wherever they are in it; dropped whole when the upload fails.
 */
@IntakeIntegrationTest
class EntryTablesIntegrationTests {

	@Autowired
	UploadClient uploads;

	@Autowired
	CustomerEntries entries;

	@Test
	void attachesACompletedUploadAsAPartitionWithItsIndexes() {
		String phone = phone();
		Map<String, Object> upload = this.uploads
			.raw("one.csv", Csv.standard().row("Asha Verma," + phone + ",,LN-1,100,2024-11-15,,,"))
			.json();

		// Its own partition, or one that merged it with other small uploads since.
		List<Map<String, Object>> partitions = Sql.rows("""
				SELECT DISTINCT c.relname, pg_get_expr(c.relpartbound, c.oid) AS bound
				FROM customers x JOIN pg_class c ON c.oid = x.tableoid
				WHERE x.upload_id = ?::uuid""", upload.get("id").toString());
		assertThat(partitions).hasSize(1);
		assertThat(partitions.get(0).get("bound").toString()).startsWith("FOR VALUES IN (")
			.contains("'" + upload.get("id") + "'");
		assertThat(Sql.rows("SELECT indexdef FROM pg_indexes WHERE tablename = ?", partitions.get(0).get("relname")))
			.extracting((row) -> row.get("indexdef").toString().replaceAll(".* USING ", ""))
			.containsExactlyInAnyOrder("btree (fingerprint, upload_id)", "btree (upload_id, row_number)",
					"btree (primary_phone)");
		assertThat(Sql.number("SELECT count(*) FROM customers WHERE primary_phone = ?", "+91" + phone)).isOne();
	}

	@Test
	void reportsRowsThatRepeatAnEarlierBatchAsDuplicatesWithTheirOwnRawRow() {
		String phone = phone();
		Csv csv = Csv.standard();
		for (int i = 1; i <= 12_000; i++) {
			csv.row("Row " + i + "," + phone + ",,LN-" + i + ",100,2024-11-15,,,");
		}
		csv.row("Row 3,+91 " + phone + ",,LN-3,100.00,15/11/2024,,,");
		csv.row("Row 3,+91 " + phone + ",,LN-3,100.00,15/11/2024,,,");
		csv.row("Row 12000," + phone + ",,LN-12000,100,2024-11-15,,,");

		Map<String, Object> upload = this.uploads.raw("repeats.csv", csv).json();

		assertThat(upload).containsEntry("status", "COMPLETED_WITH_ERRORS")
			.containsEntry("rowsTotal", 12_003)
			.containsEntry("rowsSucceeded", 12_000)
			.containsEntry("rowsFailed", 3);
		List<Map<String, Object>> errors = Sql.rows(
				"SELECT row_number, code, raw_row FROM upload_row_errors WHERE upload_id = ? ORDER BY row_number",
				UUID.fromString(upload.get("id").toString()));
		assertThat(errors).extracting((error) -> error.get("row_number") + " " + error.get("code"))
			.containsExactly("12001 duplicate-row", "12002 duplicate-row", "12003 duplicate-row");
		assertThat(errors.get(0).get("raw_row").toString()).contains("+91 " + phone).contains("15/11/2024");
		assertThat(Sql.entriesOf(upload.get("id"))).isEqualTo(12_000);
		assertThat(Sql.number("SELECT count(*) FROM upload_duplicate_candidates WHERE upload_id = ?",
				UUID.fromString(upload.get("id").toString())))
			.as("candidates left")
			.isZero();
		Invariants.assertHold();
	}

	@Test
	void dropsTheTableOfAFailedUploadWithEverythingItHeld() {
		String phone = phone();
		Csv csv = Csv.standard();
		for (int i = 0; i < 12_000; i++) {
			csv.row("Row " + i + "," + phone + ",,LN-" + (i % 100) + ",100,2024-11-15,,,");
		}
		csv.row("\"Unterminated,9876543210,,LN-X,1,2024-11-15,,,");

		Map<String, Object> problem = this.uploads.rawAnswer("broken.csv", csv.bytes(), 422);

		UUID id = UUID.fromString(problem.get("uploadId").toString());
		assertThat(Sql.rows("SELECT to_regclass(?) AS t", "customers_" + id.toString().replace("-", "")))
			.extracting((row) -> row.get("t"))
			.containsOnlyNulls();
		assertThat(Sql.number("SELECT count(*) FROM upload_duplicate_candidates WHERE upload_id = ?", id)).isZero();
		Invariants.assertHold();
	}

	@Test
	void findsACustomersHistoryThroughEachPartitionsPhoneIndexAlone() {
		String phone = phone();
		for (int cycle = 1; cycle <= 2; cycle++) {
			Csv csv = Csv.standard().row("Asha Verma," + phone + ",,LN-1," + (100 * cycle) + ",2024-11-15,,,");
			for (int i = 1; i < 20_000; i++) {
				csv.row("Other " + i + "," + phone() + ",,LN-" + i + ",100,2024-11-15,,,");
			}
			this.uploads.raw(TestFilenames.unique("cycle-") + ".csv", csv);
		}

		// The plan for a tenant with few uploads (here: none), where PostgreSQL probes
		// each
		// partition once per upload.
		String tenant = "few-uploads-" + UUID.randomUUID();
		String plan = Sql
			.rows("EXPLAIN (FORMAT JSON) "
					+ this.entries.historyQuery().replace(":phone", "?").replace(":tenant", "?").replace(":limit", "?"),
					"+91" + phone, tenant, 100)
			.get(0)
			.values()
			.iterator()
			.next()
			.toString();

		assertThat(plan).as("read through the partitions' phone index")
			.containsPattern("\"Index Name\": \"customers_\\w+_phone\"");
		assertThat(plan).as("never through an index on the upload id, which all rows of a partition share")
			.doesNotContainPattern("\"Index Name\": \"customers_\\w+_(pk|fp)\"");
		assertThat(this.uploads.historyEntries(phone))
			.extracting((entry) -> ((Number) entry.get("amountDue")).doubleValue())
			.containsExactly(200.0, 100.0);
	}

	private static String phone() {
		return "98" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
	}

}
