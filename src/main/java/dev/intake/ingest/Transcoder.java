package dev.intake.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.SynchronousSink;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

/**
 * The state of one {@link CharsetBody}: the first bytes until the byte order mark is
 * known, then either nothing (UTF-8 is relayed) or a strict decoder and the bytes of a
 * character cut by a buffer's end.
 */
final class Transcoder {

	/** Bytes enough to tell a UTF-32LE mark ({@code FF FE 00 00}) from a UTF-16LE one. */
	private static final int HEAD = 4;

	private final Charset declared;

	private byte[] head = new byte[0];

	private boolean decided;

	private CharsetDecoder decoder;

	private byte[] cut = new byte[0];

	/** The body offset of the first byte not yet decoded. */
	private long offset;

	Transcoder(Charset declared) {
		this.declared = declared;
	}

	void next(DataBuffer buffer, SynchronousSink<DataBuffer> sink) {
		if (this.decided && this.decoder == null) {
			sink.next(buffer);
			return;
		}
		byte[] bytes = new byte[buffer.readableByteCount()];
		buffer.read(bytes);
		DataBufferUtils.release(buffer);
		if (!this.decided) {
			this.head = concat(this.head, bytes);
			if (this.head.length < HEAD) {
				return;
			}
			bytes = decide();
		}
		DataBuffer out = (this.decoder != null) ? decoded(bytes, false) : wrap(bytes);
		if (out.readableByteCount() > 0) {
			sink.next(out);
		}
	}

	Flux<DataBuffer> atEnd() {
		byte[] rest = this.decided ? new byte[0] : decide();
		if (this.decoder == null) {
			return (rest.length > 0) ? Flux.just(wrap(rest)) : Flux.empty();
		}
		DataBuffer out = decoded(rest, true);
		return (out.readableByteCount() > 0) ? Flux.just(out) : Flux.empty();
	}

	/**
	 * Chooses the charset from the head; returns the head's bytes after any UTF-16 mark.
	 */
	private byte[] decide() {
		this.decided = true;
		byte[] bytes = this.head;
		this.head = null;
		Charset charset = this.declared;
		int mark = 0;
		if (startsWith(bytes, 0xEF, 0xBB, 0xBF) || startsWith(bytes, 0xFF, 0xFE, 0x00, 0x00)
				|| startsWith(bytes, 0x00, 0x00, 0xFE, 0xFF)) {
			charset = StandardCharsets.UTF_8;
		}
		else if (startsWith(bytes, 0xFF, 0xFE)) {
			charset = StandardCharsets.UTF_16LE;
			mark = 2;
		}
		else if (startsWith(bytes, 0xFE, 0xFF)) {
			charset = StandardCharsets.UTF_16BE;
			mark = 2;
		}
		if (charset != null && !StandardCharsets.UTF_8.equals(charset)) {
			this.decoder = charset.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT);
		}
		this.offset = mark;
		return Arrays.copyOfRange(bytes, mark, bytes.length);
	}

	private DataBuffer decoded(byte[] bytes, boolean end) {
		ByteBuffer input = ByteBuffer.wrap(concat(this.cut, bytes));
		CharBuffer chars = CharBuffer.allocate((int) (input.remaining() * this.decoder.maxCharsPerByte()) + 4);
		CoderResult result = this.decoder.decode(input, chars, end);
		while (result.isOverflow()) {
			chars = grown(chars);
			result = this.decoder.decode(input, chars, end);
		}
		if (result.isError()) {
			throw invalid(this.offset + input.position(), result);
		}
		while (end && this.decoder.flush(chars).isOverflow()) {
			chars = grown(chars);
		}
		this.offset += input.position();
		this.cut = Arrays.copyOfRange(input.array(), input.position(), input.limit());
		chars.flip();
		return wrap(StandardCharsets.UTF_8.encode(chars));
	}

	private static CharBuffer grown(CharBuffer chars) {
		chars.flip();
		return CharBuffer.allocate(chars.capacity() * 2 + 16).put(chars);
	}

	private IngestFailure invalid(long at, CoderResult result) {
		Charset charset = this.decoder.charset();
		String problem = result.isUnmappable() ? "a byte %s does not define" : "bytes that are not %s";
		return new IngestFailure(IngestFailure.Stage.PARSE, CharsetBody.invalidCode(charset),
				("The file is not valid %s at byte offset %d (" + problem
						+ "); declare the charset it was saved in (Content-Type: text/csv; charset=...) or save it "
						+ "as CSV UTF-8 and upload again")
					.formatted(charset.name(), at, charset.name()),
				codingException(result), Map.of("byteOffset", at, "charset", charset.name()));
	}

	private static CharacterCodingException codingException(CoderResult result) {
		try {
			result.throwException();
			return null;
		}
		catch (CharacterCodingException ex) {
			return ex;
		}
	}

	private static boolean startsWith(byte[] bytes, int... prefix) {
		if (bytes.length < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if ((bytes[i] & 0xFF) != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	private static byte[] concat(byte[] first, byte[] second) {
		if (first.length == 0) {
			return second;
		}
		byte[] both = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

	private static DataBuffer wrap(byte[] bytes) {
		return DefaultDataBufferFactory.sharedInstance.wrap(bytes);
	}

	private static DataBuffer wrap(ByteBuffer bytes) {
		return DefaultDataBufferFactory.sharedInstance.wrap(bytes);
	}

}
