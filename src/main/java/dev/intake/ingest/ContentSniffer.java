package dev.intake.ingest;

import reactor.core.publisher.Flux;
import reactor.core.publisher.SynchronousSink;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * Looks at the first bytes of a body before they reach the CSV parser, and refuses what
 * is not UTF-8 text: binary data ({@code binary-content}: NUL bytes, the magic number of
 * an archive, image or document, or many control bytes) and UTF-16 or UTF-32 that
 * {@link CharsetBody} (upstream) did not decode ({@code utf16-not-supported}: a UTF-32
 * byte order mark, or NULs between ASCII letters without a declared charset).
 * <p>
 * Relays the buffers unchanged; it decides on the first NUL byte, or once the first
 * {@value #SNIFF_LENGTH} bytes have passed, or when the body ends sooner. On refusal it
 * releases the buffer at hand and errors with an {@link IngestFailure} of stage
 * {@code header}; the body is cancelled by the error. Invalid UTF-8 later in the body is
 * found by the parser ({@code invalid-utf8}); so is binary data whose first buffer holds
 * neither a NUL byte nor a known magic number but bytes that are not UTF-8, since those
 * bytes reach the parser before the sniffer has decided.
 */
final class ContentSniffer {

	/** How many leading bytes are inspected. */
	static final int SNIFF_LENGTH = 8192;

	/** Control bytes that never occur in a text file, in percent of the sniffed bytes. */
	private static final int MAX_CONTROL_PERCENT = 5;

	private final byte[] head = new byte[4];

	private long seen;

	private int nulsAtEven;

	private int nulsAtOdd;

	private int controls;

	private boolean decided;

	private ContentSniffer() {
	}

	/** The body, checked as it passes; each subscription gets its own sniffer. */
	static Flux<DataBuffer> checked(Flux<DataBuffer> body) {
		return Flux.defer(() -> {
			ContentSniffer sniffer = new ContentSniffer();
			return body.handle(sniffer::inspect).concatWith(Flux.defer(sniffer::atEnd));
		});
	}

	private void inspect(DataBuffer buffer, SynchronousSink<DataBuffer> sink) {
		if (!this.decided) {
			IngestFailure refusal = refusalAfter(buffer);
			if (refusal != null) {
				DataBufferUtils.release(buffer);
				sink.error(refusal);
				return;
			}
		}
		sink.next(buffer);
	}

	private Flux<DataBuffer> atEnd() {
		IngestFailure refusal = this.decided ? null : verdict();
		return (refusal != null) ? Flux.error(refusal) : Flux.empty();
	}

	private IngestFailure refusalAfter(DataBuffer buffer) {
		int at = buffer.readPosition();
		int end = buffer.writePosition();
		for (int i = at; i < end && this.seen < SNIFF_LENGTH; i++) {
			count(buffer.getByte(i));
		}
		if (this.seen < this.head.length) {
			return null;
		}
		if (this.seen < SNIFF_LENGTH && this.nulsAtEven + this.nulsAtOdd == 0) {
			return byteOrderMarkOrMagic();
		}
		this.decided = true;
		return verdict();
	}

	private void count(byte b) {
		if (this.seen < this.head.length) {
			this.head[(int) this.seen] = b;
		}
		if (b == 0) {
			if ((this.seen & 1) == 0) {
				this.nulsAtEven++;
			}
			else {
				this.nulsAtOdd++;
			}
		}
		else if ((b > 0 && b < 0x09) || b == 0x0B || (b > 0x0D && b < 0x20 && b != 0x1B)) {
			this.controls++;
		}
		this.seen++;
	}

	private IngestFailure verdict() {
		IngestFailure early = byteOrderMarkOrMagic();
		if (early != null) {
			return early;
		}
		int nuls = this.nulsAtEven + this.nulsAtOdd;
		if (nuls > 0) {
			boolean alternating = this.seen >= 4 && Math.max(this.nulsAtEven, this.nulsAtOdd) * 4 >= this.seen
					&& Math.min(this.nulsAtEven, this.nulsAtOdd) * 8 < Math.max(this.nulsAtEven, this.nulsAtOdd);
			return alternating
					? utf16("The file looks like UTF-16 text without a byte order mark; declare it "
							+ "(Content-Type: text/csv; charset=UTF-16LE or UTF-16BE) or add the mark")
					: binary("The file contains NUL bytes");
		}
		if (this.seen > 0 && this.controls * 100 > this.seen * MAX_CONTROL_PERCENT) {
			return binary("The file contains control bytes that text never has");
		}
		return null;
	}

	private IngestFailure byteOrderMarkOrMagic() {
		if (this.seen >= 4 && (startsWith(0xFF, 0xFE, 0x00, 0x00) || startsWith(0x00, 0x00, 0xFE, 0xFF))) {
			return utf16("The file starts with a UTF-32 byte order mark");
		}
		for (Magic magic : Magic.values()) {
			if (this.seen >= magic.bytes.length && startsWith(magic.bytes)) {
				return (magic == Magic.GZIP) ? gzip() : binary("The file looks like " + magic.label);
			}
		}
		return null;
	}

	private boolean startsWith(int... bytes) {
		for (int i = 0; i < bytes.length; i++) {
			if ((this.head[i] & 0xFF) != bytes[i]) {
				return false;
			}
		}
		return true;
	}

	private static IngestFailure utf16(String finding) {
		return new IngestFailure(IngestFailure.Stage.HEADER, "utf16-not-supported",
				finding + "; save it as CSV UTF-8 and upload again");
	}

	private static IngestFailure binary(String finding) {
		return new IngestFailure(IngestFailure.Stage.HEADER, "binary-content",
				finding + "; it is not a CSV text file. Upload a CSV saved as UTF-8, not compressed");
	}

	private static IngestFailure gzip() {
		return new IngestFailure(IngestFailure.Stage.HEADER, "binary-content",
				"The file looks like gzip-compressed data; send it with Content-Encoding: gzip, or as a file part "
						+ "named .csv.gz or of type application/gzip");
	}

	/** The leading bytes of binary formats that are sometimes sent in place of a CSV. */
	private enum Magic {

		GZIP("gzip-compressed data", 0x1F, 0x8B),
		ZIP("a ZIP archive (an Excel .xlsx workbook, say)", 0x50, 0x4B, 0x03, 0x04),
		OLE("an Excel .xls workbook", 0xD0, 0xCF, 0x11, 0xE0), PDF("a PDF document", 0x25, 0x50, 0x44, 0x46),
		PNG("a PNG image", 0x89, 0x50, 0x4E, 0x47), JPEG("a JPEG image", 0xFF, 0xD8, 0xFF),
		BZIP2("bzip2-compressed data", 0x42, 0x5A, 0x68), SEVEN_ZIP("a 7-Zip archive", 0x37, 0x7A, 0xBC, 0xAF),
		ZSTD("zstd-compressed data", 0x28, 0xB5, 0x2F, 0xFD);

		private final String label;

		private final int[] bytes;

		Magic(String label, int... bytes) {
			this.label = label;
			this.bytes = bytes;
		}

	}

}
