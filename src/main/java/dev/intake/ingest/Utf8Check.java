package dev.intake.ingest;

import java.nio.ByteBuffer;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.SynchronousSink;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * Checks, as the body passes, that it is well-formed UTF-8 as RFC 3629 defines it:
 * Jackson's decoder reads overlong encodings ({@code C0 AF} for {@code /}), UTF-16
 * surrogates (CESU-8, {@code ED A0 80}) and code points above U+10FFFF without complaint.
 * <p>
 * Relays the buffers unchanged. On the first ill-formed byte it releases the buffer at
 * hand and errors with an {@link IngestFailure} of stage {@code parse}, code
 * {@code invalid-utf8}, naming the byte's offset in the body ({@code byteOffset}) and
 * suggesting {@code charset=windows-1252} ({@code suggestedCharset}). Within the bytes
 * the {@link ContentSniffer} (upstream) reads, it first lets the sniffer decide,
 * releasing the buffers that follow, so binary content is refused as such. Each
 * subscription gets its own state.
 */
final class Utf8Check {

	static final String CODE = "invalid-utf8";

	/** The charset most files that are not UTF-8 are in: what Excel saves on Windows. */
	static final String SUGGESTED = "windows-1252";

	/** The high bit of each of eight bytes: set only in bytes outside ASCII. */
	private static final long ASCII_HIGH_BITS = 0x8080808080808080L;

	private long seen;

	private int continuations;

	private int lowest = 0x80;

	private int highest = 0xBF;

	private int lead;

	private long leadAt;

	private IngestFailure pending;

	private Utf8Check() {
	}

	/** The body, checked as it passes. */
	static Flux<DataBuffer> checked(Flux<DataBuffer> body) {
		return Flux.defer(() -> {
			Utf8Check check = new Utf8Check();
			return body.handle(check::inspect).concatWith(Flux.defer(check::atEnd));
		});
	}

	private void inspect(DataBuffer buffer, SynchronousSink<DataBuffer> sink) {
		IngestFailure failure = (this.pending != null) ? this.pending : scan(buffer);
		if (failure == null) {
			sink.next(buffer);
			return;
		}
		if (this.pending != null) {
			this.seen += buffer.readableByteCount();
		}
		DataBufferUtils.release(buffer);
		if (this.seen >= ContentSniffer.SNIFF_LENGTH) {
			sink.error(failure);
		}
		else {
			this.pending = failure;
		}
	}

	private Flux<DataBuffer> atEnd() {
		if (this.pending != null) {
			return Flux.error(this.pending);
		}
		if (this.continuations > 0) {
			return Flux.error(invalid(this.leadAt, "a sequence cut off by the end of the file"));
		}
		return Flux.empty();
	}

	/** Scans a buffer; counts all of its bytes as seen, even after an ill-formed one. */
	private IngestFailure scan(DataBuffer buffer) {
		long start = this.seen;
		this.seen += buffer.readableByteCount();
		long offset = start;
		try (DataBuffer.ByteBufferIterator buffers = buffer.readableByteBuffers()) {
			while (buffers.hasNext()) {
				ByteBuffer bytes = buffers.next();
				int end = bytes.limit();
				for (int i = bytes.position(); i < end; i++, offset++) {
					if (this.continuations == 0 && i + Long.BYTES <= end && isAscii(bytes.getLong(i))) {
						i += Long.BYTES - 1;
						offset += Long.BYTES - 1;
						continue;
					}
					byte b = bytes.get(i);
					if (b >= 0 && this.continuations == 0) {
						continue;
					}
					IngestFailure failure = next(b & 0xFF, offset);
					if (failure != null) {
						return failure;
					}
				}
			}
		}
		return null;
	}

	/**
	 * Whether eight bytes at once are all ASCII: the common case, skipped in one step.
	 */
	private static boolean isAscii(long eightBytes) {
		return (eightBytes & ASCII_HIGH_BITS) == 0;
	}

	private IngestFailure next(int b, long offset) {
		if (this.continuations > 0) {
			if (b < this.lowest || b > this.highest) {
				return invalid(this.leadAt, problemAfter(this.lead, b));
			}
			this.continuations--;
			this.lowest = 0x80;
			this.highest = 0xBF;
			return null;
		}
		this.lead = b;
		this.leadAt = offset;
		if (b >= 0xC2 && b <= 0xDF) {
			return expect(1, 0x80, 0xBF);
		}
		if (b >= 0xE0 && b <= 0xEF) {
			return expect(2, (b == 0xE0) ? 0xA0 : 0x80, (b == 0xED) ? 0x9F : 0xBF);
		}
		if (b >= 0xF0 && b <= 0xF4) {
			return expect(3, (b == 0xF0) ? 0x90 : 0x80, (b == 0xF4) ? 0x8F : 0xBF);
		}
		if (b >= 0x80 && b <= 0xBF) {
			return invalid(offset, "a continuation byte without a lead byte");
		}
		if (b == 0xC0 || b == 0xC1) {
			return invalid(offset, "an overlong encoding");
		}
		return invalid(offset, (b <= 0xF7) ? "a code point above U+10FFFF" : "a byte that UTF-8 never has");
	}

	private IngestFailure expect(int continuations, int lowest, int highest) {
		this.continuations = continuations;
		this.lowest = lowest;
		this.highest = highest;
		return null;
	}

	private static String problemAfter(int lead, int b) {
		if (b >= 0x80 && b <= 0xBF) {
			if (lead == 0xED) {
				return "a UTF-16 surrogate (CESU-8)";
			}
			return (lead == 0xF4) ? "a code point above U+10FFFF" : "an overlong encoding";
		}
		return "a sequence cut off before its end";
	}

	private static IngestFailure invalid(long offset, String problem) {
		return new IngestFailure(IngestFailure.Stage.PARSE, CODE,
				("The file is not valid UTF-8 at byte offset %d (%s); if it was saved as Windows-1252 (Excel's "
						+ "\"CSV\" on Windows), declare it with Content-Type: text/csv; charset=windows-1252, or save "
						+ "it as CSV UTF-8 and upload again")
					.formatted(offset, problem),
				null, Map.of("byteOffset", offset, "charset", "UTF-8", "suggestedCharset", SUGGESTED));
	}

}
