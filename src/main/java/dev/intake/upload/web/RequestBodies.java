package dev.intake.upload.web;

import java.util.Locale;

import dev.intake.ingest.GzipBody;
import dev.intake.system.Limits;
import dev.intake.upload.BodyTooLarge;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.stereotype.Component;

/**
 * Turns an upload's request body, or its file part, into the CSV bytes to ingest: checks
 * what can be checked before a byte is read (the announced length, the content codings),
 * and inflates gzip as the bytes arrive ({@link GzipBody}), so every later limit counts
 * inflated bytes.
 */
@Component
class RequestBodies {

	private static final MediaType GZIP = MediaType.parseMediaType("application/gzip");

	private static final MediaType X_GZIP = MediaType.parseMediaType("application/x-gzip");

	private final Limits limits;

	RequestBodies(Limits limits) {
		this.limits = limits;
	}

	/**
	 * A raw body: refused with 413 when its announced length is over the limit, with 415
	 * when its content coding is not gzip or identity; inflated when it is gzip.
	 */
	DecodedBody raw(HttpHeaders headers, Flux<DataBuffer> body) {
		boolean gzipped = CompressedBodyRefused.gzipped(headers);
		Long length = announcedLength(headers);
		Flux<DataBuffer> content = (body != null) ? body : Flux.empty();
		if (gzipped) {
			// The announced length counts compressed bytes; progress counts inflated
			// ones.
			return new DecodedBody(GzipBody.inflated(content, this.limits.maxInflationRatio()), null);
		}
		return new DecodedBody(content, length);
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
	 * A file part's content, inflated when the part is gzip: a {@code .gz} file name or a
	 * gzip content type.
	 */
	Flux<DataBuffer> part(FilePartEvent part, Flux<DataBuffer> content) {
		return isGzip(part) ? GzipBody.inflated(content, this.limits.maxInflationRatio()) : content;
	}

	private static boolean isGzip(FilePartEvent part) {
		MediaType type = part.headers().getContentType();
		return part.filename().toLowerCase(Locale.ROOT).endsWith(".gz")
				|| (type != null && (GZIP.equalsTypeAndSubtype(type) || X_GZIP.equalsTypeAndSubtype(type)));
	}

	private Long announcedLength(HttpHeaders headers) {
		long length = headers.getContentLength();
		long maxBodySize = this.limits.maxBodySize().toBytes();
		if (length > maxBodySize) {
			throw BodyTooLarge.announced(length, maxBodySize).closingConnection();
		}
		return (length >= 0) ? length : null;
	}

	/**
	 * A body ready to ingest.
	 *
	 * @param content the CSV bytes
	 * @param bytesExpected how many of them are announced, or {@code null}
	 */
	record DecodedBody(Flux<DataBuffer> content, Long bytesExpected) {

	}

}
