package dev.intake.ingest;

/**
 * Reads one gzip member's trailer (RFC 1952), across pieces, and checks it against the
 * member's inflated data: its CRC-32 and its size modulo 2^32. Errors with
 * {@code invalid-gzip} ({@link GzipFailures#invalid}) when either does not match. Not
 * thread-safe.
 */
final class GzipTrailer {

	private final byte[] bytes = new byte[8];

	private int read;

	/** Starts reading the trailer of the member that just ended. */
	void start() {
		this.read = 0;
	}

	/**
	 * Reads trailer bytes from the input.
	 * @param crc the CRC-32 of the member's inflated data
	 * @param size how many bytes the member inflated to
	 * @return whether the trailer is complete, and matches
	 */
	boolean read(GzipInput in, long crc, long size) {
		while (this.read < this.bytes.length && in.hasRemaining()) {
			this.bytes[this.read++] = (byte) in.next();
		}
		if (this.read < this.bytes.length) {
			return false;
		}
		if (littleEndian(0) != crc) {
			throw GzipFailures.invalid("a member's CRC-32 does not match its data", in.received());
		}
		if (littleEndian(4) != (size & 0xFFFFFFFFL)) {
			throw GzipFailures.invalid("a member's size does not match its data", in.received());
		}
		return true;
	}

	private long littleEndian(int at) {
		return (this.bytes[at] & 0xFFL) | (this.bytes[at + 1] & 0xFFL) << 8 | (this.bytes[at + 2] & 0xFFL) << 16
				| (this.bytes[at + 3] & 0xFFL) << 24;
	}

}
