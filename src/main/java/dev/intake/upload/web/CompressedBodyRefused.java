package dev.intake.upload.web;

import java.util.Arrays;
import java.util.List;
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

	/**
	 * Refuses a request whose body is encoded in any way other than {@code identity}:
	 * every {@code Content-Encoding} header and every coding listed in one counts, since
	 * a server or proxy that applies all of them must not see a body Intake let through.
	 */
	static void check(HttpHeaders headers) {
		List<String> values = headers.get(HttpHeaders.CONTENT_ENCODING);
		if (values == null) {
			return;
		}
		List<String> codings = values.stream()
			.flatMap((value) -> Arrays.stream(value.split(",")))
			.map(String::strip)
			.filter((coding) -> !coding.isEmpty())
			.toList();
		if (codings.stream().anyMatch((coding) -> !"identity".equalsIgnoreCase(coding))) {
			throw new CompressedBodyRefused(String.join(", ", codings));
		}
	}

}
