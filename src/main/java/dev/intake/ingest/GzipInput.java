package dev.intake.ingest;

import java.util.zip.Inflater;

/**
 * The compressed bytes of a gzip body as {@link GzipMembers} reads them: the latest piece
 * fed, how far it is read, and how many compressed bytes were received in all. Not
 * thread-safe.
 */
final class GzipInput {

	private byte[] bytes = new byte[0];

	private int position;

	private long received;

	/** Takes the next piece; the previous one must be read to its end. */
	void feed(byte[] piece) {
		this.received += piece.length;
		this.bytes = piece;
		this.position = 0;
	}

	/** Compressed bytes received so far, the latest piece included. */
	long received() {
		return this.received;
	}

	boolean hasRemaining() {
		return this.position < this.bytes.length;
	}

	/** The next byte, 0 to 255; call only while {@link #hasRemaining()}. */
	int next() {
		return this.bytes[this.position++] & 0xFF;
	}

	/** Hands the rest of the piece to the inflater. */
	void moveRestTo(Inflater inflater) {
		inflater.setInput(this.bytes, this.position, this.bytes.length - this.position);
		this.position = this.bytes.length;
	}

	/**
	 * Takes back what the inflater did not use once its member's deflate data ended:
	 * those bytes start the member's trailer.
	 */
	void takeBackFrom(Inflater inflater) {
		this.position = this.bytes.length - inflater.getRemaining();
	}

}
