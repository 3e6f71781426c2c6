package dev.intake.ingest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EntryFingerprintsUnitTests {

	private static final UUID UPLOAD = UUID.fromString("6a5d739e-4363-4b6f-b700-95e24cde9ae3");

	private final EntryFingerprints fingerprints = new EntryFingerprints(UPLOAD);

	/**
	 * Stored entries keep the fingerprints they were given: a resumed upload's later
	 * pieces must find repeats of rows stored before a restart onto a newer build, so the
	 * bytes hashed never change.
	 */
	@Test
	void keepsTheFingerprintsOfEntriesStoredBefore() {
		assertThat(this.fingerprints.of("+919876543210", new BigDecimal("15000.50"), LocalDate.of(2026, 12, 1),
				"LN-00000001", null, "Asha Rao", "Maharashtra", "Hindi", "asha@example.com"))
			.hasToString("f0c11be2-1bef-8b52-a914-64fcd772b27a");
		assertThat(this.fingerprints.of("+919876543210", new BigDecimal("0.00"), LocalDate.of(1999, 1, 31), null,
				new byte[] { 1, 2, 3, (byte) 0xFF }, "\u0906\u0936\u093E \u0930\u093E\u0935 \uD835\uDFCE", null, null,
				null))
			.hasToString("60e7126d-3226-8893-854d-91e7b09b2868");
	}

	@Test
	void hashesLongValuesWholly() {
		String longName = "A".repeat(600);

		UUID fingerprint = this.fingerprints.of("+919876543210", BigDecimal.ONE, LocalDate.of(2026, 12, 1), null, null,
				longName, null, null, null);

		assertThat(fingerprint).isNotEqualTo(this.fingerprints.of("+919876543210", BigDecimal.ONE,
				LocalDate.of(2026, 12, 1), null, null, longName + "B", null, null, null));
		assertThat(fingerprint).isEqualTo(this.fingerprints.of("+919876543210", BigDecimal.ONE,
				LocalDate.of(2026, 12, 1), null, null, longName, null, null, null));
	}

}
