package dev.intake.upload.web;

import java.util.Map;

import dev.intake.system.Problem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * An upload sent with a {@code Content-Encoding} such as gzip. Intake never inflates a
 * body (a small gzip bomb would inflate to gigabytes), so it is refused with 415 before a
 * byte of it is read, and the connection is closed instead of draining the body.
 */
final class CompressedBodyRefused extends Problem {

	static final String CODE = "content-encoding-not-supported";

	private CompressedBodyRefused(String encoding) {
		super(HttpStatus.UNSUPPORTED_MEDIA_TYPE, CODE, "Compressed upload not supported",
				"Send the CSV uncompressed, without a Content-Encoding header", Map.of("contentEncoding", encoding),
				null);
		getHeaders().set(HttpHeaders.ACCEPT_ENCODING, "identity");
		closingConnection();
	}

	/** Refuses a request whose body is encoded in any way other than {@code identity}. */
	static void check(HttpHeaders headers) {
		String encoding = headers.getFirst(HttpHeaders.CONTENT_ENCODING);
		if (encoding != null && !encoding.isBlank() && !"identity".equalsIgnoreCase(encoding.strip())) {
			throw new CompressedBodyRefused(encoding.strip());
		}
	}

}
