package dev.intake.upload.web;

import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Set;

import dev.intake.ingest.CharsetBody;
import dev.intake.ingest.GzipBody;
import dev.intake.system.DeclaredCharset;
import dev.intake.system.Limits;
import dev.intake.upload.internal.BodyLimit;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.stereotype.Component;

/**
 * Turns an upload's request body, or its file part, into the UTF-8 CSV bytes to ingest:
 * checks what can be checked before a byte is read (the announced length, the content
 * codings, the declared charset), inflates gzip as the bytes arrive ({@link GzipBody})
 * and then decodes the charset to UTF-8 ({@link CharsetBody}), so every later limit
 * counts inflated UTF-8 bytes.
 */
@Component
class RequestBodies {

	private static final Set<String> GZIP_TYPES = Set.of("application/gzip", "application/x-gzip");

	private final Limits limits;

	private final BodyLimit bodyLimit;

	RequestBodies(Limits limits, BodyLimit bodyLimit) {
		this.limits = limits;
		this.bodyLimit = bodyLimit;
	}

	/**
	 * A raw body: refused with 413 when its announced length is over the limit, with 415
	 * when its content coding is not gzip or identity or its charset is not supported;
	 * inflated when it is gzip, and decoded to UTF-8.
	 */
	DecodedBody raw(HttpHeaders headers, Flux<DataBuffer> body) {
		boolean gzipped = CompressedBodyRefused.gzipped(headers);
		Charset charset = DeclaredCharset.of(headers);
		Long length = announcedLength(headers);
		Flux<DataBuffer> content = (body != null) ? body : Flux.empty();
		Flux<DataBuffer> inflated = gzipped ? GzipBody.inflated(content, this.limits.maxInflationRatio()) : content;
		// The announced length counts the bytes sent; progress counts inflated UTF-8
		// bytes.
		boolean sameLength = !gzipped && (charset == null || charset.newDecoder().averageCharsPerByte() == 1);
		return new DecodedBody(CharsetBody.utf8(inflated, charset), sameLength ? length : null);
	}

	/**
	 * A multipart body's announced length, or {@code null}; refused with 413 when it is
	 * over the limit and with 415 when the body has a content coding.
	 */
	Long multipartLength(HttpHeaders headers) {
		CompressedBodyRefused.check(headers);
		return announcedLength(headers);
	}

	/**
	 * A file part's content, inflated when the part is gzip (a {@code .gz} file name or a
	 * gzip content type), and decoded from the charset of its content type to UTF-8;
	 * refused with 415 when that charset is not supported.
	 */
	Flux<DataBuffer> part(FilePartEvent part, Flux<DataBuffer> content) {
		Charset charset = DeclaredCharset.of(part.headers());
		boolean gzipped = part.filename().toLowerCase(Locale.ROOT).endsWith(".gz")
				|| GZIP_TYPES.contains(DeclaredCharset.typeOf(part.headers()));
		Flux<DataBuffer> inflated = gzipped ? GzipBody.inflated(content, this.limits.maxInflationRatio()) : content;
		return CharsetBody.utf8(inflated, charset);
	}

	private Long announcedLength(HttpHeaders headers) {
		long length = headers.getContentLength();
		this.bodyLimit.checkAnnounced(length);
		return (length >= 0) ? length : null;
	}

	/**
	 * A body ready to ingest.
	 *
	 * @param content the CSV bytes, in UTF-8
	 * @param bytesExpected how many of them are announced, or {@code null}
	 */
	record DecodedBody(Flux<DataBuffer> content, Long bytesExpected) {

	}

}
