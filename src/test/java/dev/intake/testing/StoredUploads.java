package dev.intake.testing;

import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * Waits, up to {@link Timeouts#PATIENCE}, for an upload to reach a state, read as stored
 * ({@link Sql#uploadNamed}) past the application, which a fault may have cut off.
 */
public final class StoredUploads {

	private StoredUploads() {
	}

	/**
	 * Waits until the upload of a file name has read {@link FaultTest#BATCH_SIZE} rows or
	 * more (with batches of that size: its first batch is committed), so that a fault
	 * injected next catches it in the middle; the upload as stored then.
	 */
	public static Map<String, Object> awaitFirstBatch(String filename, String alias) {
		return await().atMost(Timeouts.PATIENCE)
			.alias(alias)
			.until(() -> Sql.uploadNamed(filename), (stored) -> stored != null
					&& ((Number) stored.get("rows_total")).longValue() >= FaultTest.BATCH_SIZE);
	}

	/** Waits until the upload of a file name is {@code FAILED}; the upload as stored. */
	public static Map<String, Object> awaitFailed(String filename) {
		return await().atMost(Timeouts.PATIENCE)
			.until(() -> Sql.uploadNamed(filename), (stored) -> "FAILED".equals(stored.get("status")));
	}

}
