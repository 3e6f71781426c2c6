package dev.intake.ingest;

/**
 * Reads one gzip member header (RFC 1952), byte by byte and across pieces: the magic
 * number, the deflate method and the flags are checked; the optional extra field, file
 * name, comment and header CRC are skipped (the trailer's CRC-32 covers the data). Errors
 * with {@code invalid-gzip} ({@link GzipFailures#invalid}) for a header that is not gzip,
 * sets reserved flags or is longer than 64 KiB. Not thread-safe.
 */
final class GzipHeader {

	/**
	 * The longest member header accepted (optional file name, comment and extra field).
	 */
	private static final int MAX_HEADER = 64 * 1024;

	private static final int FEXTRA = 4;

	private static final int FNAME = 8;

	private static final int FCOMMENT = 16;

	private static final int FHCRC = 2;

	private boolean first = true;

	private int read;

	private int flags;

	private int extraLeft;

	/**
	 * Starts reading the header of a member that follows another; errors then say that
	 * bytes follow the last member, rather than that the body is not gzip.
	 */
	void startNext() {
		this.first = false;
		this.read = 0;
	}

	/** Reads header bytes from the input; returns whether the header is complete. */
	boolean read(GzipInput in) {
		while (in.hasRemaining()) {
			int b = in.next();
			if (++this.read > MAX_HEADER) {
				throw GzipFailures.invalid("a gzip member header is longer than " + MAX_HEADER + " bytes",
						in.received());
			}
			if (headerByte(b, in)) {
				return true;
			}
		}
		return false;
	}

	/** Reads one header byte; returns whether the header is complete after it. */
	private boolean headerByte(int b, GzipInput in) {
		int at = this.read;
		if (at == 1 && b != 0x1F || at == 2 && b != 0x8B) {
			throw GzipFailures.invalid(this.first ? "the body does not start with the gzip magic number 1f 8b"
					: "bytes follow the last gzip member that do not start another member", in.received());
		}
		if (at == 3 && b != 8) {
			throw GzipFailures.invalid("the compression method is not deflate", in.received());
		}
		if (at == 4) {
			if ((b & 0xE0) != 0) {
				throw GzipFailures.invalid("the member header sets reserved flags", in.received());
			}
			this.flags = b;
			this.extraLeft = -1;
		}
		if (at < 10) {
			return false;
		}
		if (at == 10) {
			return nextField();
		}
		if ((this.flags & FEXTRA) != 0) {
			return extraByte(b);
		}
		if ((this.flags & (FNAME | FCOMMENT)) != 0) {
			if (b == 0) {
				this.flags &= ((this.flags & FNAME) != 0) ? ~FNAME : ~FCOMMENT;
				return nextField();
			}
			return false;
		}
		// The header CRC: two bytes, not checked.
		this.extraLeft = (this.extraLeft < 0) ? 1 : this.extraLeft - 1;
		if (this.extraLeft == 0) {
			this.flags &= ~FHCRC;
			return true;
		}
		return false;
	}

	private boolean extraByte(int b) {
		if (this.extraLeft == -1) {
			this.extraLeft = -2 - b;
			return false;
		}
		if (this.extraLeft < -1) {
			this.extraLeft = (-2 - this.extraLeft) | (b << 8);
		}
		else {
			this.extraLeft--;
		}
		if (this.extraLeft == 0) {
			this.flags &= ~FEXTRA;
			this.extraLeft = -1;
			return nextField();
		}
		return false;
	}

	/** Whether the header ends here, after the fields read so far. */
	private boolean nextField() {
		return (this.flags & (FEXTRA | FNAME | FCOMMENT | FHCRC)) == 0;
	}

}
