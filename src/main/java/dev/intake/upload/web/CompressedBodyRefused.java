package dev.intake.upload.web;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.intake.system.Problem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A request body sent with a {@code Content-Encoding} Intake does not inflate: anything
 * but {@code gzip} on a raw CSV body, and any coding at all on a multipart body (whose
 * file part may be gzip instead). Refused with 415 before a byte of it is read, naming
 * the codings that are accepted in {@code Accept-Encoding}, and the connection is closed
 * instead of draining the body.
 */
final class CompressedBodyRefused extends Problem {

	static final String CODE = "content-encoding-not-supported";

	private CompressedBodyRefused(String encoding, String accepted) {
		super(HttpStatus.UNSUPPORTED_MEDIA_TYPE, CODE, "Content-Encoding not supported",
				"identity".equals(accepted)
						? "Send the multipart body without a Content-Encoding; a file part may be gzip"
								+ " (a .csv.gz file name or type application/gzip)"
						: "Send the CSV uncompressed or with Content-Encoding: gzip",
				Map.of("contentEncoding", encoding), null);
		getHeaders().set(HttpHeaders.ACCEPT_ENCODING, accepted);
		closingConnection();
	}

	/** Refuses a multipart body encoded in any way other than {@code identity}. */
	static void check(HttpHeaders headers) {
		List<String> codings = codingsOf(headers);
		if (!codings.isEmpty()) {
			throw new CompressedBodyRefused(String.join(", ", codings), "identity");
		}
	}

	/**
	 * Whether a raw body is gzip: one {@code gzip} (or {@code x-gzip}) coding besides any
	 * {@code identity}; refuses every other coding and more than one. Every
	 * {@code Content-Encoding} header and every coding listed in one counts, since a
	 * server or proxy that applies all of them must not see a body Intake let through.
	 */
	static boolean gzipped(HttpHeaders headers) {
		List<String> codings = codingsOf(headers);
		if (codings.isEmpty()) {
			return false;
		}
		if (codings.size() == 1 && isGzip(codings.get(0))) {
			return true;
		}
		throw new CompressedBodyRefused(String.join(", ", codings), "gzip, identity");
	}

	private static boolean isGzip(String coding) {
		return "gzip".equalsIgnoreCase(coding) || "x-gzip".equalsIgnoreCase(coding);
	}

	/** The codings applied, {@code identity} left out. */
	private static List<String> codingsOf(HttpHeaders headers) {
		List<String> values = headers.get(HttpHeaders.CONTENT_ENCODING);
		if (values == null) {
			return List.of();
		}
		return values.stream()
			.flatMap((value) -> Arrays.stream(value.split(",")))
			.map(String::strip)
			.filter((coding) -> !coding.isEmpty() && !"identity".equalsIgnoreCase(coding))
			.toList();
	}

}
