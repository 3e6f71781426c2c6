package dev.intake.ingest;

import java.nio.ByteBuffer;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DuplicateFilterUnitTests {

	private static final int ROWS = 2_000_000;

	@Test
	void flagsEveryRepeatOfAnEarlierFingerprint() {
		DuplicateFilter filter = new DuplicateFilter();
		for (int i = 0; i < ROWS; i++) {
			filter.mayRepeat(fingerprint(i));
		}
		for (int i = 0; i < ROWS; i += 7) {
			assertThat(filter.mayRepeat(fingerprint(i))).as("row %d", i).isTrue();
		}
	}

	@Test
	void flagsFewerThanOneRowInTwoHundredThatRepeatNothing() {
		DuplicateFilter filter = new DuplicateFilter();
		int flagged = 0;
		for (int i = 0; i < ROWS; i++) {
			if (filter.mayRepeat(fingerprint(i))) {
				flagged++;
			}
		}
		assertThat(flagged).isLessThan(ROWS / 200);
	}

	@Test
	void flagsARepeatOfTheFirstRowAfterTheFilterGrew() {
		DuplicateFilter filter = new DuplicateFilter();
		assertThat(filter.mayRepeat(fingerprint(-1))).isFalse();
		for (int i = 0; i < ROWS / 4; i++) {
			filter.mayRepeat(fingerprint(i));
		}
		assertThat(filter.mayRepeat(fingerprint(-1))).isTrue();
	}

	@Test
	void flagsEveryRepeatAndFewFalseOnesWhenSizedForAShorterOrLongerFile() {
		for (long bytesExpected : new long[] { 64L * ROWS / 8, 64L * ROWS, 64L * ROWS * 4 }) {
			DuplicateFilter filter = DuplicateFilter.forBody(bytesExpected);
			int flagged = 0;
			for (int i = 0; i < ROWS; i++) {
				if (filter.mayRepeat(fingerprint(i))) {
					flagged++;
				}
			}
			for (int i = 0; i < ROWS; i += 7) {
				assertThat(filter.mayRepeat(fingerprint(i))).as("row %d of a %d-byte body", i, bytesExpected).isTrue();
			}
			assertThat(flagged).as("a %d-byte body", bytesExpected).isLessThan(ROWS / 200);
		}
	}

	@Test
	void filtersABodyOfUnknownLength() {
		DuplicateFilter filter = DuplicateFilter.forBody(null);

		assertThat(filter.mayRepeat(fingerprint(1))).isFalse();
		assertThat(filter.mayRepeat(fingerprint(1))).isTrue();
	}

	/**
	 * Fingerprints are name-based UUIDs, with a UUID's fixed version and variant bits.
	 */
	private static UUID fingerprint(long i) {
		return UUID.nameUUIDFromBytes(ByteBuffer.allocate(Long.BYTES).putLong(i).array());
	}

}
