package dev.intake.ingest;

/**
 * What the national-ID rule ({@link NationalIdMasking}) takes for a digit and for a
 * separator between digits, in any script.
 */
final class NationalIdCharacters {

	private NationalIdCharacters() {
	}

	/** Whether the code point is a decimal digit of any script. */
	static boolean isDigit(int c) {
		return (c >= '0' && c <= '9') || (c > 0x7F && Character.isDigit(c));
	}

	/** The digit's value, 0 to 9, in whatever script it is written. */
	static int valueOf(int digit) {
		return Character.digit(digit, 10);
	}

	/**
	 * Whether the code point may stand between the digits of one number: a space of any
	 * kind, a tab, a dash or minus sign, a dot, a slash, an underscore or an invisible
	 * format character.
	 */
	static boolean isSeparator(int c) {
		if (c == ' ' || c == '-' || c == '.' || c == '/' || c == '_' || c == '\t') {
			return true;
		}
		if (c < 0x80) {
			return false;
		}
		int type = Character.getType(c);
		return Character.isSpaceChar(c) || type == Character.DASH_PUNCTUATION || type == Character.CONNECTOR_PUNCTUATION
				|| type == Character.FORMAT || c == 0x2212 || c == 0xFF0E || c == 0x00B7 || c == 0x2024 || c == 0x30FB
				|| c == 0xFF0F || c == 0x2044 || c == 0x2215;
	}

}
