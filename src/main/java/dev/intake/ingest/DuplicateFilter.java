package dev.intake.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Remembers the fingerprints of an upload's accepted rows in a few bits each, to tell
 * which rows may repeat an earlier one: a Bloom filter that grows by adding a filter
 * twice as large whenever the current one is full, so false positives stay rare (under
 * one row in a hundred) however long the file is, in two to four bytes per row.
 * <p>
 * It never misses a repeat; a row it flags is only a candidate, checked in the database
 * when the upload completes. Not thread-safe: one upload's batches are written one at a
 * time.
 */
final class DuplicateFilter {

	private static final int FIRST_CAPACITY = 1 << 17;

	private static final int BITS_PER_ROW = 15;

	private static final int HASHES = 10;

	private final List<Stage> stages = new ArrayList<>();

	DuplicateFilter() {
		this.stages.add(new Stage(FIRST_CAPACITY));
	}

	/**
	 * Adds a row's fingerprint; tells whether an equal one may have been added before.
	 */
	boolean mayRepeat(UUID fingerprint) {
		long h1 = fingerprint.getMostSignificantBits();
		long h2 = fingerprint.getLeastSignificantBits() | 1;
		for (Stage stage : this.stages) {
			if (stage.mightContain(h1, h2)) {
				return true;
			}
		}
		Stage current = this.stages.get(this.stages.size() - 1);
		if (current.isFull()) {
			current = new Stage(current.capacity * 2);
			this.stages.add(current);
		}
		current.put(h1, h2);
		return false;
	}

	/** One fixed-size Bloom filter, for up to {@code capacity} fingerprints. */
	private static final class Stage {

		private final int capacity;

		private final long[] words;

		private final long bits;

		private int size;

		Stage(int capacity) {
			this.capacity = capacity;
			this.bits = (long) capacity * BITS_PER_ROW;
			this.words = new long[(int) ((this.bits + 63) / 64)];
		}

		boolean isFull() {
			return this.size >= this.capacity;
		}

		boolean mightContain(long h1, long h2) {
			for (int i = 0; i < HASHES; i++) {
				long bit = Math.floorMod(h1 + i * h2, this.bits);
				if ((this.words[(int) (bit >>> 6)] & (1L << bit)) == 0) {
					return false;
				}
			}
			return true;
		}

		void put(long h1, long h2) {
			for (int i = 0; i < HASHES; i++) {
				long bit = Math.floorMod(h1 + i * h2, this.bits);
				this.words[(int) (bit >>> 6)] |= 1L << bit;
			}
			this.size++;
		}

	}

}
