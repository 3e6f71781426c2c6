package dev.intake.ingest;

import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * Decodes UTF-8 for the CSV parser and tells, for a char offset the parser reports, the
 * byte offset in the file: a piece of a resumable upload is acknowledged in bytes, and
 * multi-byte characters make the two differ.
 * <p>
 * The parser's location lies in the chars of one of its last reads (it may have read one
 * chunk ahead), so the byte lengths of the last {@value #CHUNKS} chunks are kept. A byte
 * order mark at the start of the file is skipped (counted in bytes). The body is
 * well-formed UTF-8 by the time it gets here (the {@link Utf8Check} upstream stops
 * anything else); a sequence cut off by the end of the stream is an error. An error of
 * the stream is thrown only by a read that has no chars to hand out yet, so every char
 * decoded before it reaches the parser.
 */
final class CountingUtf8Reader extends Reader {

	private static final int CHUNKS = 3;

	private final InputStream in;

	private final byte[] bytes = new byte[16 * 1024];

	private int position;

	private int limit;

	private boolean atStart;

	private boolean ended;

	private boolean pieceEnded;

	private int lastChar = -1;

	private long charsOut;

	private long bytesOut;

	/** The last chunks handed out, the latest at {@code latest}. */
	private final Chunk[] chunks = new Chunk[CHUNKS];

	private int latest;

	/**
	 * Reads a piece of a file.
	 * @param in the bytes
	 * @param firstByte the byte offset in the file of the first byte of {@code in}
	 */
	CountingUtf8Reader(InputStream in, long firstByte) {
		this.in = in;
		this.bytesOut = firstByte;
		this.atStart = firstByte == 0;
		for (int i = 0; i < CHUNKS; i++) {
			this.chunks[i] = new Chunk();
		}
		this.chunks[0].startByte = firstByte;
	}

	/**
	 * Whether the piece ended right after a line ending, which the parser was shown as
	 * the end of its input so that it ends the record before; a parse error after that is
	 * the record the piece cut off, not a malformed file.
	 */
	boolean pieceEnded() {
		return this.pieceEnded;
	}

	/**
	 * The byte offset in the file of a char offset the parser reports: the end of the
	 * file once it was read to its end (where the parser's location is not reliable).
	 */
	long byteOffset(long charOffset) {
		if (this.ended) {
			return this.bytesOut;
		}
		for (int i = 0; i < CHUNKS; i++) {
			Chunk chunk = this.chunks[Math.floorMod(this.latest - i, CHUNKS)];
			long at = charOffset - chunk.startChar;
			if (at >= 0 && at <= chunk.length) {
				return chunk.startByte + ((at == 0) ? 0 : chunk.ends[(int) at - 1]);
			}
		}
		throw new IllegalStateException("Char offset %d is not among the last chunks read (%d chars handed out)"
			.formatted(charOffset, this.charsOut));
	}

	@Override
	public int read(char[] chars, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		Chunk chunk = next(length);
		int count = 0;
		int used = 0;
		while (count < length) {
			if (this.position == this.limit) {
				if (count > 0 || !fill()) {
					break;
				}
				continue;
			}
			int lead = this.bytes[this.position] & 0xFF;
			int size = (lead < 0x80) ? 1 : (lead < 0xE0) ? 2 : (lead < 0xF0) ? 3 : 4;
			if (this.limit - this.position < size) {
				if (count > 0) {
					break;
				}
				if (!fill()) {
					throw new CharConversionException("A UTF-8 sequence is cut off by the end of the file");
				}
				continue;
			}
			int codePoint = decode(lead, size);
			this.position += size;
			if (this.atStart && codePoint == 0xFEFF) {
				chunk.startByte += size;
				this.bytesOut += size;
				this.atStart = false;
				continue;
			}
			this.atStart = false;
			if (size == 4) {
				if (count + 2 > length) {
					this.position -= size;
					break;
				}
				chars[offset + count] = Character.highSurrogate(codePoint);
				chunk.ends[count++] = used;
				chars[offset + count] = Character.lowSurrogate(codePoint);
			}
			else {
				chars[offset + count] = (char) codePoint;
			}
			used += size;
			chunk.ends[count++] = used;
		}
		chunk.length = count;
		if (count > 0) {
			this.lastChar = chars[offset + count - 1];
		}
		this.charsOut += count;
		this.bytesOut += used;
		if (count == 0) {
			this.ended = true;
			return -1;
		}
		return count;
	}

	/** Starts the chunk of the next read, where the latest one ended. */
	private Chunk next(int length) {
		Chunk chunk = this.chunks[this.latest];
		if (chunk.length > 0) {
			Chunk previous = chunk;
			this.latest = (this.latest + 1) % CHUNKS;
			chunk = this.chunks[this.latest];
			chunk.startChar = previous.startChar + previous.length;
			chunk.startByte = previous.startByte + previous.ends[previous.length - 1];
			chunk.length = 0;
		}
		if (chunk.ends.length < length) {
			chunk.ends = new int[Math.max(length, 1024)];
		}
		return chunk;
	}

	private int decode(int lead, int size) {
		int p = this.position;
		return switch (size) {
			case 1 -> lead;
			case 2 -> ((lead & 0x1F) << 6) | (this.bytes[p + 1] & 0x3F);
			case 3 -> ((lead & 0x0F) << 12) | ((this.bytes[p + 1] & 0x3F) << 6) | (this.bytes[p + 2] & 0x3F);
			default -> ((lead & 0x07) << 18) | ((this.bytes[p + 1] & 0x3F) << 12) | ((this.bytes[p + 2] & 0x3F) << 6)
					| (this.bytes[p + 3] & 0x3F);
		};
	}

	/**
	 * Reads more bytes after those left; false at the end of the stream, and at the end
	 * of a piece that came right after a line ending.
	 */
	private boolean fill() throws IOException {
		int left = this.limit - this.position;
		System.arraycopy(this.bytes, this.position, this.bytes, 0, left);
		this.position = 0;
		this.limit = left;
		int read;
		try {
			read = this.in.read(this.bytes, left, this.bytes.length - left);
		}
		catch (IOException | RuntimeException ex) {
			if (left == 0 && (this.lastChar == '\n' || this.lastChar == '\r') && PieceEnded.causes(ex)) {
				this.pieceEnded = true;
				return false;
			}
			throw ex;
		}
		if (read < 0) {
			return false;
		}
		this.limit += read;
		return true;
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

	/** The chars of one read: where they start, and each one's end in bytes. */
	private static final class Chunk {

		private long startChar;

		private long startByte;

		private int[] ends = new int[0];

		private int length;

	}

}
