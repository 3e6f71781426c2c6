package dev.intake.system;

import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The {@code charset} parameter of a body's or a part's {@code Content-Type}, read from
 * the header's text (Spring's own parsing fails on a name it does not know). A name Java
 * does not support is refused with 415 {@code unsupported-charset}, before a byte of the
 * content is read, and the connection is closed instead of draining the body.
 */
public final class DeclaredCharset {

	/** The code of a content type whose charset is not supported. */
	public static final String UNSUPPORTED = "unsupported-charset";

	private static final Pattern CHARSET = Pattern.compile(";\\s*charset\\s*=\\s*(\"([^\"]*)\"|[^;\\s]*)",
			Pattern.CASE_INSENSITIVE);

	private DeclaredCharset() {
	}

	/**
	 * The declared charset, or {@code null} when the content type declares none; throws
	 * the 415 problem when it is not supported.
	 */
	public static Charset of(HttpHeaders headers) {
		return ofType(headers.getFirst(HttpHeaders.CONTENT_TYPE));
	}

	/** The same for a content type's text. */
	static Charset ofType(String type) {
		Matcher matcher = (type != null) ? CHARSET.matcher(type) : null;
		if (matcher == null || !matcher.find()) {
			return null;
		}
		String name = (matcher.group(2) != null) ? matcher.group(2) : matcher.group(1);
		try {
			return Charset.forName(name.strip());
		}
		catch (IllegalArgumentException ex) {
			throw unsupported(name);
		}
	}

	/** The content type without its parameters, lower case, or empty. */
	public static String typeOf(HttpHeaders headers) {
		String type = headers.getFirst(HttpHeaders.CONTENT_TYPE);
		return (type != null) ? type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT) : "";
	}

	private static Problem unsupported(String name) {
		return new Problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, UNSUPPORTED, "Charset not supported",
				("The charset \"%s\" of the Content-Type is not supported; declare UTF-8, windows-1252, ISO-8859-1 or "
						+ "UTF-16, or send the file as CSV UTF-8 without a charset")
					.formatted(name),
				Map.of("charset", name), null)
			.closingConnection();
	}

}
