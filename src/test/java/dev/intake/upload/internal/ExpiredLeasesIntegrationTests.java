package dev.intake.upload.internal;

import java.util.UUID;

import dev.intake.customer.EntryTables;
import dev.intake.tenant.TenantId;
import dev.intake.testing.IntakeIntegrationTest;
import dev.intake.testing.Sql;
import dev.intake.testing.TestFilenames;
import dev.intake.testing.TestTenant;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A retry with an idempotency key asks whether the upload it points to lost its lease,
 * before the instance that admitted that upload has taken it in hand: an upload whose
 * lease is alive is left as it is, rows and all; only one whose lease ran out is failed
 * and its rows dropped.
 */
@IntakeIntegrationTest
class ExpiredLeasesIntegrationTests {

	private static final TenantId TENANT = TenantId.of(TestTenant.TEST.id());

	@Autowired
	UploadAdmission admission;

	@Autowired
	ExpiredLeases expiredLeases;

	@Autowired
	EntryTables tables;

	@Test
	void leavesAnUploadWhoseLeaseIsAliveAndItsRowsAlone() {
		UUID id = admittedWithItsTable();

		StepVerifier.create(this.expiredLeases.failIfExpired(TENANT, id)).verifyComplete();

		assertThat(statusOf(id)).isEqualTo("PROCESSING");
		assertThat(tableExists(id)).isTrue();
	}

	@Test
	void failsAnUploadWhoseLeaseRanOutAndDropsItsRows() {
		UUID id = admittedWithItsTable();
		Sql.execute("UPDATE uploads SET lease_expires_at = now() - interval '1 minute' WHERE id = ?", id);

		StepVerifier.create(this.expiredLeases.failIfExpired(TENANT, id))
			.assertNext((failed) -> assertThat(failed.status()).hasToString("FAILED"))
			.verifyComplete();

		assertThat(statusOf(id)).isEqualTo("FAILED");
		assertThat(tableExists(id)).isFalse();
	}

	private UUID admittedWithItsTable() {
		UUID id = UUID.randomUUID();
		this.admission.createProcessing(TENANT, id, TestFilenames.unique("lease-")).block();
		this.tables.create(id).block();
		return id;
	}

	private static String statusOf(UUID id) {
		return (String) Sql.rows("SELECT status FROM uploads WHERE id = ?", id).get(0).get("status");
	}

	private static boolean tableExists(UUID id) {
		return Sql.number("SELECT count(*) FROM pg_class WHERE relname = ?", EntryTables.tableOf(id)) == 1;
	}

}
