package dev.intake.upload.web;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.intake.system.Problem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The headers of a piece of an upload's file ({@code PATCH .../content}), read as the
 * IETF resumable-upload draft defines them: {@code Upload-Offset} a Structured Field
 * Integer (non-negative, at most 15 digits) and {@code Upload-Complete} a Boolean
 * ({@code ?1} or {@code ?0}), both required; {@code Upload-Length}, optional, an Integer.
 * A missing or malformed one is a 400 {@code invalid-upload-header} naming it. A
 * {@code Content-Encoding} other than {@code identity} is refused with 415: offsets count
 * bytes of the file as stored, which a coding would change.
 *
 * @param offset where the piece starts in the file
 * @param complete whether it ends the file
 * @param length the whole file's length, or {@code null} if not given
 */
record PieceHeaders(long offset, boolean complete, Long length) {

	static final String UPLOAD_OFFSET = "Upload-Offset";

	static final String UPLOAD_COMPLETE = "Upload-Complete";

	static final String UPLOAD_LENGTH = "Upload-Length";

	static final String UPLOAD_LIMIT = "Upload-Limit";

	/** The media type of a piece. */
	static final String PARTIAL_UPLOAD = "application/partial-upload";

	static PieceHeaders of(HttpHeaders headers) {
		refuseCodings(headers);
		String offset = single(headers, UPLOAD_OFFSET, true);
		String complete = single(headers, UPLOAD_COMPLETE, true);
		String length = single(headers, UPLOAD_LENGTH, false);
		return new PieceHeaders(integer(UPLOAD_OFFSET, offset), bool(complete),
				(length != null) ? integer(UPLOAD_LENGTH, length) : null);
	}

	/** A Structured Field Boolean, as a header value. */
	static String bool(boolean value) {
		return value ? "?1" : "?0";
	}

	private static String single(HttpHeaders headers, String name, boolean required) {
		List<String> values = headers.get(name);
		if (values == null || values.isEmpty()) {
			if (required) {
				throw new InvalidUploadHeader(name, null, "is required");
			}
			return null;
		}
		if (values.size() > 1) {
			throw new InvalidUploadHeader(name, String.join(", ", values), "must be given once");
		}
		return values.get(0).strip();
	}

	private static long integer(String name, String value) {
		if (value.isEmpty() || value.length() > 15 || !value.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			throw new InvalidUploadHeader(name, value, "must be a non-negative integer of at most 15 digits");
		}
		return Long.parseLong(value);
	}

	private static boolean bool(String value) {
		return switch (value) {
			case "?1" -> true;
			case "?0" -> false;
			default -> throw new InvalidUploadHeader(UPLOAD_COMPLETE, value, "must be ?1 (the last piece) or ?0");
		};
	}

	private static void refuseCodings(HttpHeaders headers) {
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
			throw new EncodedPieceRefused(String.join(", ", codings));
		}
	}

	/** A resumable-upload header that is missing or not of its form. */
	static final class InvalidUploadHeader extends Problem {

		static final String CODE = "invalid-upload-header";

		InvalidUploadHeader(String name, String value, String rule) {
			super(HttpStatus.BAD_REQUEST, CODE, "Invalid " + name + " header", name + " " + rule,
					(value != null) ? Map.of("header", name, "value", value) : Map.of("header", name), null);
			closingConnection();
		}

	}

	/** A piece sent with a content coding: offsets count the file's own bytes. */
	static final class EncodedPieceRefused extends Problem {

		static final String CODE = "piece-encoding-not-supported";

		EncodedPieceRefused(String encoding) {
			super(HttpStatus.UNSUPPORTED_MEDIA_TYPE, CODE, "Compressed piece not supported",
					"Send each piece of a file uncompressed, without a Content-Encoding header: Upload-Offset counts "
							+ "bytes of the file as stored",
					Map.of("contentEncoding", encoding), null);
			getHeaders().set(HttpHeaders.ACCEPT_ENCODING, "identity");
			closingConnection();
		}

	}

}
