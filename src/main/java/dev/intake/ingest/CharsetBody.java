package dev.intake.ingest;

import java.nio.charset.Charset;
import java.util.Locale;

import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;

/**
 * Makes a body in any character set into UTF-8 as it arrives, so everything downstream
 * (the sniffer, the UTF-8 check, the parser, the stored text) sees UTF-8 only.
 * <p>
 * A byte order mark decides first: {@code EF BB BF} is UTF-8, {@code FF FE} UTF-16LE and
 * {@code FE FF} UTF-16BE (a UTF-16 mark is dropped; a UTF-32 one is left for the
 * {@link ContentSniffer} to refuse). Without one the declared charset is used, UTF-8 when
 * none is declared. A UTF-8 body is relayed unchanged (the {@link Utf8Check} checks it
 * downstream); any other is decoded strictly, one buffer at a time, and re-encoded: each
 * input buffer is copied and released, and becomes one UTF-8 buffer (at most three bytes
 * per input byte).
 * <p>
 * Errors with an {@link IngestFailure} of stage {@code parse} and code
 * {@code invalid-<charset>} ({@code invalid-windows-1252}, {@code invalid-utf16le}) on
 * the first byte the charset does not allow, naming its offset in the body
 * ({@code byteOffset}) and the charset; an error of the body is relayed. On cancel the
 * body is cancelled; the bytes held back between buffers (a character cut in two, the
 * first bytes before the byte order mark is known) are plain arrays.
 */
public final class CharsetBody {

	/** The code of a body that is not valid UTF-8, the default charset. */
	public static final String INVALID_UTF8 = Utf8Check.CODE;

	private CharsetBody() {
	}

	/**
	 * The body as UTF-8.
	 * @param declared the charset of the {@code Content-Type}, or {@code null}
	 */
	public static Flux<DataBuffer> utf8(Flux<DataBuffer> body, Charset declared) {
		return Flux.defer(() -> {
			Transcoder transcoder = new Transcoder(declared);
			return body.handle(transcoder::next).concatWith(Flux.defer(transcoder::atEnd));
		});
	}

	/**
	 * The problem code of a body that is not valid in a charset: {@code invalid-utf8},
	 * {@code invalid-utf16le}, {@code invalid-windows-1252}.
	 */
	public static String invalidCode(Charset charset) {
		return "invalid-" + charset.name().toLowerCase(Locale.ROOT).replace("utf-", "utf");
	}

}
