package dev.intake.system;

/**
 * Masks personal numbers in text that is about to be logged: in every run of eight or
 * more digits of any script (phones, national IDs, account numbers; spaces of any kind,
 * hyphens, dots, {@code +} and the {@code %} of URL escapes may separate them) all digits
 * but the last two become {@code X}.
 */
final class Masking {

	private static final int RUN_TO_MASK = 8;

	private static final int KEPT = 2;

	private Masking() {
	}

	static String masked(CharSequence text) {
		if (text == null) {
			return null;
		}
		StringBuilder out = new StringBuilder(text);
		int i = 0;
		while (i < out.length()) {
			if (!isDigit(out.charAt(i))) {
				i++;
				continue;
			}
			int end = i;
			int digits = 0;
			for (int j = i; j < out.length() && (isDigit(out.charAt(j)) || isSeparator(out.charAt(j))); j++) {
				if (isDigit(out.charAt(j))) {
					digits++;
					end = j + 1;
				}
			}
			if (digits >= RUN_TO_MASK) {
				maskRun(out, i, end, digits);
			}
			i = end;
		}
		return out.toString();
	}

	private static void maskRun(StringBuilder out, int from, int to, int digits) {
		int toMask = digits - KEPT;
		for (int j = from; j < to && toMask > 0; j++) {
			if (isDigit(out.charAt(j))) {
				out.setCharAt(j, 'X');
				toMask--;
			}
		}
	}

	private static boolean isDigit(char c) {
		return (c >= '0' && c <= '9') || (c > 0x7F && Character.isDigit(c));
	}

	private static boolean isSeparator(char c) {
		return c == ' ' || c == '-' || c == '.' || c == '%' || c == '+' || c == '\t'
				|| (c > 0x7F && (Character.isSpaceChar(c) || Character.getType(c) == Character.DASH_PUNCTUATION
						|| Character.getType(c) == Character.FORMAT));
	}

}
