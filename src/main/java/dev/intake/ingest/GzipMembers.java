package dev.intake.ingest;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates gzip data (RFC 1952) fed in pieces, one bounded chunk at a time: a sequence of
 * one or more members, each a header ({@link GzipHeader}), deflate data and a trailer
 * whose CRC-32 and size are checked ({@link GzipTrailer}). Not thread-safe;
 * {@link GzipBody} drives it one signal at a time.
 * <p>
 * Errors with an {@link IngestFailure} of stage {@code receive}: {@code invalid-gzip} for
 * data that is not gzip, is corrupt or is cut off, and {@code inflation-ratio-exceeded}
 * once more than {@link #RATIO_FLOOR} bytes have been inflated and they are more than the
 * allowed ratio times the compressed bytes received (see {@link GzipFailures}).
 */
final class GzipMembers {

	/** Inflated bytes below which the ratio is not checked: small files compress well. */
	static final long RATIO_FLOOR = 1024 * 1024;

	/** The largest inflated chunk handed on at once. */
	static final int CHUNK = 64 * 1024;

	private final Inflater inflater = new Inflater(true);

	private final CRC32 crc = new CRC32();

	private final int maxRatio;

	private final GzipInput input = new GzipInput();

	private final GzipHeader header = new GzipHeader();

	private final GzipTrailer trailer = new GzipTrailer();

	private State state = State.HEADER;

	private long inflated;

	private long memberInflated;

	GzipMembers(int maxRatio) {
		this.maxRatio = maxRatio;
	}

	/** Takes the next compressed bytes; call only once {@link #next()} returned null. */
	void feed(byte[] bytes) {
		this.input.feed(bytes);
	}

	/**
	 * Returns the next inflated bytes, at most {@link #CHUNK}, or {@code null} when the
	 * bytes fed so far are used up.
	 */
	ByteBuffer next() {
		while (true) {
			switch (this.state) {
				case HEADER -> {
					if (!this.header.read(this.input)) {
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
					this.input.takeBackFrom(this.inflater);
					this.trailer.start();
					this.state = State.TRAILER;
				}
				case TRAILER -> {
					if (!this.trailer.read(this.input, this.crc.getValue(), this.memberInflated)) {
						return null;
					}
					this.state = State.BETWEEN;
				}
				case BETWEEN -> {
					if (!this.input.hasRemaining()) {
						return null;
					}
					this.header.startNext();
					this.state = State.HEADER;
				}
			}
		}
	}

	/** Checks that the data ended where a member ends (or that there was none at all). */
	void finish() {
		boolean empty = this.state == State.HEADER && this.input.received() == 0;
		if (!empty && this.state != State.BETWEEN) {
			throw GzipFailures.invalid("the gzip data is cut off before the end of its last member",
					this.input.received());
		}
	}

	/** Frees the inflater's native memory; safe to call more than once. */
	void end() {
		this.inflater.end();
	}

	private ByteBuffer inflate() {
		if (this.inflater.needsInput() && this.input.hasRemaining()) {
			this.input.moveRestTo(this.inflater);
		}
		byte[] out = new byte[CHUNK];
		int n;
		try {
			n = this.inflater.inflate(out);
		}
		catch (DataFormatException ex) {
			throw GzipFailures.invalid("the compressed data is corrupt (" + ex.getMessage() + ")",
					this.input.received());
		}
		if (n == 0) {
			if (this.inflater.needsDictionary()) {
				throw GzipFailures.invalid("the compressed data asks for a preset dictionary", this.input.received());
			}
			return null;
		}
		this.crc.update(out, 0, n);
		this.memberInflated += n;
		this.inflated += n;
		if (this.inflated > RATIO_FLOOR && this.inflated > this.maxRatio * this.input.received()) {
			throw GzipFailures.ratioExceeded(this.maxRatio, this.input.received(), this.inflated);
		}
		return ByteBuffer.wrap(out, 0, n);
	}

	private enum State {

		HEADER, DATA, TRAILER, BETWEEN

	}

}
