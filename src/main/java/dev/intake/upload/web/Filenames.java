package dev.intake.upload.web;

import dev.intake.ingest.NationalIdMasking;

/**
 * Turns a client's file name into a label to store and show. It is never used as a path:
 * directories, control characters and surrounding dots are dropped, national IDs masked
 * ({@link NationalIdMasking}) and the length is capped without splitting a character.
 */
final class Filenames {

	static final String DEFAULT = "upload.csv";

	private static final int MAX_LENGTH = 255;

	private Filenames() {
	}

	static String sanitize(String name) {
		if (name == null) {
			return DEFAULT;
		}
		String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
		StringBuilder clean = new StringBuilder(base.length());
		base.codePoints()
			.filter((c) -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
			.forEach(clean::appendCodePoint);
		String trimmed = NationalIdMasking.masked(clean.toString().strip().replaceAll("^\\.+", ""));
		if (trimmed.isEmpty()) {
			return DEFAULT;
		}
		return (trimmed.length() > MAX_LENGTH) ? trimmed.substring(0, cutAt(trimmed)) : trimmed;
	}

	// Never between the two halves of a surrogate pair: half an emoji is not text.
	private static int cutAt(String name) {
		return Character.isHighSurrogate(name.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
	}

}
