package dev.intake.customer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import dev.intake.testing.Csv;
import dev.intake.testing.IntakeIntegrationTest;
import dev.intake.testing.Invariants;
import dev.intake.testing.Sql;
import dev.intake.testing.UploadClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Small uploads' partitions merged into one: every history reads the same before and
 * after, and the merged partition holds the uploads with the same indexes.
 */
@IntakeIntegrationTest
class PartitionMergesIntegrationTests {

	static final String SMALL_PARTITIONS = """
			SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
			WHERE i.inhparent = 'customers'::regclass AND c.relname ~ '^customers_[0-9a-f]{32}$'
			  AND c.reltuples < 100000""";

	@Autowired
	UploadClient client;

	@Autowired
	PartitionMerges merges;

	@Test
	void mergesSmallUploadsIntoOnePartitionThatReadsTheSame() {
		String phone = "97" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
		List<String> uploads = new ArrayList<>();
		for (int i = 1; i <= 3; i++) {
			uploads.add(
					this.client
						.raw("cycle-" + i + ".csv",
								Csv.standard()
									.row("Asha Verma," + phone + ",,LN-1," + (100 * i) + ",2024-11-15,,,")
									.row("Asha Verma," + phone + ",,LN-2,7,2024-11-15,,,"))
						.id()
						.toString());
		}
		Object before = this.client.history(phone);

		await().atMost(Duration.ofSeconds(60)).until(() -> {
			int small = (int) Sql.number(SMALL_PARTITIONS);
			if (small >= 2) {
				this.merges.merge(small).block();
			}
			return partitionsOf(uploads).stream().allMatch((name) -> name.startsWith("customers_m_"));
		});

		assertThat(this.client.history(phone)).isEqualTo(before);
		assertThat(Sql.rows("SELECT indexdef FROM pg_indexes WHERE tablename = ?", partitionsOf(uploads).get(0)))
			.extracting((row) -> row.get("indexdef").toString().replaceAll(".* USING ", ""))
			.containsExactlyInAnyOrder("btree (fingerprint, upload_id)", "btree (upload_id, row_number)",
					"btree (primary_phone)");
		Invariants.assertHold();
	}

	private List<String> partitionsOf(List<String> uploads) {
		List<String> names = new ArrayList<>();
		for (String upload : uploads) {
			Sql.rows("SELECT DISTINCT tableoid::regclass::text AS name FROM customers WHERE upload_id = ?::uuid",
					upload)
				.forEach((row) -> names.add(row.get("name").toString()));
		}
		return names;
	}

}
