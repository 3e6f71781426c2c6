package dev.intake.ingest;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates gzip data (RFC 1952) fed in pieces, one bounded chunk at a time: a sequence of
 * one or more members, each a header, deflate data and a trailer whose CRC-32 and size
 * are checked. Not thread-safe; {@link GzipBody} drives it one signal at a time.
 * <p>
 * Errors with an {@link IngestFailure} of stage {@code receive}: {@code invalid-gzip} for
 * data that is not gzip, is corrupt or is cut off, and {@code inflation-ratio-exceeded}
 * once more than {@link #RATIO_FLOOR} bytes have been inflated and they are more than the
 * allowed ratio times the compressed bytes received.
 */
final class GzipMembers {

	/** Inflated bytes below which the ratio is not checked: small files compress well. */
	static final long RATIO_FLOOR = 1024 * 1024;

	/** The largest inflated chunk handed on at once. */
	static final int CHUNK = 64 * 1024;

	/**
	 * The longest member header accepted (optional file name, comment and extra field).
	 */
	private static final int MAX_HEADER = 64 * 1024;

	private static final int FEXTRA = 4;

	private static final int FNAME = 8;

	private static final int FCOMMENT = 16;

	private static final int FHCRC = 2;

	private final Inflater inflater = new Inflater(true);

	private final CRC32 crc = new CRC32();

	private final int maxRatio;

	private byte[] input = new byte[0];

	private int position;

	private State state = State.HEADER;

	private int headerRead;

	private int flags;

	private int extraLeft;

	private final byte[] trailer = new byte[8];

	private int trailerRead;

	private long compressed;

	private long inflated;

	private long memberInflated;

	private int members;

	GzipMembers(int maxRatio) {
		this.maxRatio = maxRatio;
	}

	/** Takes the next compressed bytes; call only once {@link #next()} returned null. */
	void feed(byte[] bytes) {
		this.compressed += bytes.length;
		this.input = bytes;
		this.position = 0;
	}

	/**
	 * Returns the next inflated bytes, at most {@link #CHUNK}, or {@code null} when the
	 * bytes fed so far are used up.
	 */
	ByteBuffer next() {
		while (true) {
			switch (this.state) {
				case HEADER -> {
					if (!readHeader()) {
						return null;
					}
					this.inflater.reset();
					this.crc.reset();
					this.memberInflated = 0;
					this.state = State.DATA;
				}
				case DATA -> {
					ByteBuffer chunk = inflate();
					if (chunk != null) {
						return chunk;
					}
					if (!this.inflater.finished()) {
						return null;
					}
					this.position = this.input.length - this.inflater.getRemaining();
					this.trailerRead = 0;
					this.state = State.TRAILER;
				}
				case TRAILER -> {
					if (!readTrailer()) {
						return null;
					}
					this.members++;
					this.state = State.BETWEEN;
				}
				case BETWEEN -> {
					if (this.position == this.input.length) {
						return null;
					}
					this.headerRead = 0;
					this.state = State.HEADER;
				}
			}
		}
	}

	/** Checks that the data ended where a member ends (or that there was none at all). */
	void finish() {
		boolean empty = this.state == State.HEADER && this.compressed == 0;
		if (!empty && this.state != State.BETWEEN) {
			throw invalid("the gzip data is cut off before the end of its last member");
		}
	}

	/** Frees the inflater's native memory; safe to call more than once. */
	void end() {
		this.inflater.end();
	}

	private ByteBuffer inflate() {
		if (this.inflater.needsInput() && this.position < this.input.length) {
			this.inflater.setInput(this.input, this.position, this.input.length - this.position);
			this.position = this.input.length;
		}
		byte[] out = new byte[CHUNK];
		int n;
		try {
			n = this.inflater.inflate(out);
		}
		catch (DataFormatException ex) {
			throw invalid("the compressed data is corrupt (" + ex.getMessage() + ")");
		}
		if (n == 0) {
			if (this.inflater.needsDictionary()) {
				throw invalid("the compressed data asks for a preset dictionary");
			}
			return null;
		}
		this.crc.update(out, 0, n);
		this.memberInflated += n;
		this.inflated += n;
		if (this.inflated > RATIO_FLOOR && this.inflated > this.maxRatio * this.compressed) {
			throw ratioExceeded();
		}
		return ByteBuffer.wrap(out, 0, n);
	}

	private boolean readHeader() {
		while (this.position < this.input.length) {
			int b = this.input[this.position++] & 0xFF;
			if (++this.headerRead > MAX_HEADER) {
				throw invalid("a gzip member header is longer than " + MAX_HEADER + " bytes");
			}
			if (headerByte(b)) {
				return true;
			}
		}
		return false;
	}

	/** Reads one header byte; returns whether the header is complete after it. */
	private boolean headerByte(int b) {
		int at = this.headerRead;
		if (at == 1 && b != 0x1F || at == 2 && b != 0x8B) {
			throw invalid((this.members == 0) ? "the body does not start with the gzip magic number 1f 8b"
					: "bytes follow the last gzip member that do not start another member");
		}
		if (at == 3 && b != 8) {
			throw invalid("the compression method is not deflate");
		}
		if (at == 4) {
			if ((b & 0xE0) != 0) {
				throw invalid("the member header sets reserved flags");
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
		// The header CRC: two bytes, not checked (the trailer's CRC-32 covers the data).
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

	private boolean readTrailer() {
		while (this.trailerRead < this.trailer.length && this.position < this.input.length) {
			this.trailer[this.trailerRead++] = this.input[this.position++];
		}
		if (this.trailerRead < this.trailer.length) {
			return false;
		}
		if (littleEndian(0) != this.crc.getValue()) {
			throw invalid("a member's CRC-32 does not match its data");
		}
		if (littleEndian(4) != (this.memberInflated & 0xFFFFFFFFL)) {
			throw invalid("a member's size does not match its data");
		}
		return true;
	}

	private long littleEndian(int at) {
		return (this.trailer[at] & 0xFFL) | (this.trailer[at + 1] & 0xFFL) << 8 | (this.trailer[at + 2] & 0xFFL) << 16
				| (this.trailer[at + 3] & 0xFFL) << 24;
	}

	private IngestFailure invalid(String problem) {
		return new IngestFailure(IngestFailure.Stage.RECEIVE, GzipBody.INVALID_GZIP,
				"The body is not valid gzip: %s; compress the CSV with gzip and upload again".formatted(problem), null,
				Map.of("compressedBytesReceived", this.compressed));
	}

	private IngestFailure ratioExceeded() {
		return new IngestFailure(IngestFailure.Stage.RECEIVE, GzipBody.INFLATION_RATIO_EXCEEDED,
				("The gzip body inflates to more than %d times its compressed size "
						+ "(intake.limits.max-inflation-ratio); send it uncompressed")
					.formatted(this.maxRatio),
				null, Map.of("maxInflationRatio", this.maxRatio, "compressedBytesReceived", this.compressed,
						"inflatedBytes", this.inflated));
	}

	private enum State {

		HEADER, DATA, TRAILER, BETWEEN

	}

}
