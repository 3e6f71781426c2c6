package dev.intake.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Remembers the fingerprints of an upload's accepted rows in a few bits each, to tell
 * which rows may repeat an earlier one: a blocked Bloom filter (each fingerprint sets its
 * bits within one 512-bit block, one cache line) that grows by adding a filter twice as
 * large whenever the current one is full, so false positives stay rare (two to three rows
 * in a thousand, measured over two million rows) however long the file is, in two to four
 * bytes per row.
 * <p>
 * It never misses a repeat; a row it flags is only a candidate, checked in the database
 * when the upload completes. Not thread-safe: one upload's batches are filtered one at a
 * time.
 * <p>
 * Every stage is probed for every row, each probe a likely cache miss: a filter made for
 * the rows a file is expected to hold starts with one stage large enough for them, so a
 * file of that size is filtered in one probe per row.
 */
final class DuplicateFilter {

	private static final int FIRST_CAPACITY = 1 << 17;

	/**
	 * The largest first stage made from an expected row count: 2<sup>22</sup> rows, 8 MiB
	 * of bits; longer files grow the filter as any file does (a 1 GB body, about ten
	 * million rows, then holds 24 MiB in two stages).
	 */
	private static final int MAX_FIRST_CAPACITY = 1 << 22;

	private static final int BITS_PER_ROW = 15;

	private static final int HASHES = 10;

	/** Longs in one block: 512 bits, one cache line. */
	private static final int BLOCK_WORDS = 8;

	/** Bits of a hash that pick a bit within a block. */
	private static final int BIT_IN_BLOCK = 9;

	private static final long GOLDEN = 0x9E3779B97F4A7C15L;

	/**
	 * Bytes of the shortest rows a file is likely to hold (name, phone, amount, due date
	 * and little else): a body's length over it bounds its row count from above for most
	 * files.
	 */
	private static final int SHORT_ROW_BYTES = 64;

	private final List<Stage> stages = new ArrayList<>();

	/**
	 * A filter for a body of {@code bytesExpected} bytes, or of unknown length.
	 * @param bytesExpected the body's announced length, or {@code null}
	 * @return a filter whose first stage holds the rows such a body likely has
	 */
	static DuplicateFilter forBody(Long bytesExpected) {
		return new DuplicateFilter((bytesExpected != null) ? bytesExpected / SHORT_ROW_BYTES : 0);
	}

	/** A filter for a file of unknown length. */
	DuplicateFilter() {
		this(0);
	}

	/**
	 * A filter whose first stage holds {@code expectedRows}, within bounds.
	 * @param expectedRows the rows the file is expected to hold, 0 if unknown
	 */
	DuplicateFilter(long expectedRows) {
		this.stages.add(new Stage((int) Math.min(MAX_FIRST_CAPACITY, Math.max(FIRST_CAPACITY, expectedRows))));
	}

	/**
	 * Adds a row's fingerprint; tells whether an equal one may have been added before.
	 */
	boolean mayRepeat(UUID fingerprint) {
		long h1 = fingerprint.getMostSignificantBits();
		long h2 = fingerprint.getLeastSignificantBits();
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

	/**
	 * One fixed-size blocked Bloom filter, for up to {@code capacity} fingerprints: the
	 * first half of a fingerprint picks the block, the second half, mixed by multiplying
	 * (a UUID's variant bits are fixed), the bits in it.
	 */
	private static final class Stage {

		private final int capacity;

		private final long[] words;

		private final int blockMask;

		private int size;

		Stage(int capacity) {
			this.capacity = capacity;
			long bits = (long) capacity * BITS_PER_ROW;
			int blocks = Integer.highestOneBit((int) Math.max(1, bits / (BLOCK_WORDS * 64)));
			if ((long) blocks * BLOCK_WORDS * 64 < bits) {
				blocks <<= 1;
			}
			this.blockMask = blocks - 1;
			this.words = new long[blocks * BLOCK_WORDS];
		}

		boolean isFull() {
			return this.size >= this.capacity;
		}

		boolean mightContain(long h1, long h2) {
			int base = block(h1);
			long h = h2 * GOLDEN;
			for (int i = 0; i < HASHES; i++) {
				int bit = (int) (h >>> (64 - BIT_IN_BLOCK));
				if ((this.words[base + (bit >>> 6)] & (1L << bit)) == 0) {
					return false;
				}
				h = next(h, h1);
			}
			return true;
		}

		void put(long h1, long h2) {
			int base = block(h1);
			long h = h2 * GOLDEN;
			for (int i = 0; i < HASHES; i++) {
				int bit = (int) (h >>> (64 - BIT_IN_BLOCK));
				this.words[base + (bit >>> 6)] |= 1L << bit;
				h = next(h, h1);
			}
			this.size++;
		}

		private int block(long h1) {
			return ((int) (h1 ^ (h1 >>> 32)) & this.blockMask) * BLOCK_WORDS;
		}

		/** The next hash of the fingerprint: a multiply mixes fresh top bits in. */
		private static long next(long h, long h1) {
			return (h + h1) * GOLDEN;
		}

	}

}
