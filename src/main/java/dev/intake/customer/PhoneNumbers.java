package dev.intake.customer;

import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Turns the phone numbers customers' files hold, in whatever local or international
 * spelling, into one E.164 form, so the same phone always reads the same.
 * <p>
 * Thread-safe: it is shared by every upload and called once per row.
 */
public final class PhoneNumbers {

	// The longest digit run a real number can take: 15 digits of E.164 plus an
	// international or trunk prefix. Longer cells are junk; skipping the parse spares an
	// exception per junk row.
	private static final int MAX_DIGITS = 18;

	private static final int MIN_DIGITS = 3;

	private static final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

	private static final int INDIA = 91;

	private static final ValidNationalNumbers VALID_INDIAN = ValidNationalNumbers.of("IN");

	private final String defaultRegion;

	private final boolean indianFastPath;

	/**
	 * Reads numbers that lack a country code as numbers of {@code defaultRegion}.
	 * @param defaultRegion an ISO 3166 region code that libphonenumber knows, such as
	 * {@code IN}
	 */
	public PhoneNumbers(String defaultRegion) {
		if (defaultRegion == null || !util.getSupportedRegions().contains(defaultRegion)) {
			throw new IllegalArgumentException("Unsupported default phone region: " + defaultRegion);
		}
		this.defaultRegion = defaultRegion;
		this.indianFastPath = "IN".equals(defaultRegion) && util.getCountryCodeForRegion("IN") == INDIA
				&& "0".equals(util.getNddPrefixForRegion("IN", true));
	}

	/**
	 * Returns the number in E.164, for example {@code +919876543210}, or empty when it is
	 * not a valid phone number.
	 * @param raw the number as written in the file
	 * @return the E.164 number, or empty
	 */
	public Optional<String> toE164(String raw) {
		if (!hasPlausibleDigitCount(raw)) {
			return Optional.empty();
		}
		if (this.indianFastPath) {
			String e164 = indianE164(raw);
			if (e164 != null) {
				return Optional.of(e164);
			}
		}
		return parsed(raw);
	}

	/** The general path: libphonenumber parses, validates and formats. */
	Optional<String> parsed(String raw) {
		try {
			PhoneNumber number = util.parse(raw, this.defaultRegion);
			return util.isValidNumber(number) ? Optional.of(util.format(number, PhoneNumberFormat.E164))
					: Optional.empty();
		}
		catch (NumberParseException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Reads the usual spellings of Indian numbers without {@link PhoneNumberUtil#parse},
	 * whose regexes cost several times the validation: digits grouped by spaces, hyphens,
	 * dots or parentheses, after {@code +91}, the trunk prefix {@code 0}, or nothing. It
	 * reduces them to the national number as {@code parse} would, and leaves validation
	 * to libphonenumber.
	 * @return the E.164 number, or {@code null} to take the general path: for other
	 * spellings, and for numbers that are not valid this way
	 */
	private static String indianE164(String raw) {
		int length = raw.length();
		int i = 0;
		while (i < length && isSpace(raw.charAt(i))) {
			i++;
		}
		boolean international = i < length && raw.charAt(i) == '+';
		if (international) {
			i++;
		}
		long value = 0;
		int digits = 0;
		int leading = 0;
		for (; i < length; i++) {
			char c = raw.charAt(i);
			if (c >= '0' && c <= '9') {
				value = value * 10 + (c - '0');
				if (++digits <= 3) {
					leading = leading * 10 + (c - '0');
				}
			}
			else if (!isSpace(c) && c != '-' && c != '.' && c != '(' && c != ')') {
				return null;
			}
		}
		if (digits < 6 || digits > MAX_DIGITS) {
			return null;
		}
		long national;
		if (international) {
			// +91 and a national number that does not start with the trunk prefix.
			if (leading / 10 != INDIA || leading % 10 == 0) {
				return null;
			}
			national = value % pow10(digits - 2);
		}
		else {
			// 00 starts an international number; a single 0 is the trunk prefix.
			if (leading / 10 == 0) {
				return null;
			}
			national = value;
			if (digits == 12 && leading / 10 == INDIA && leading % 10 != 0 && !isValidIndian(national)) {
				// 91 written without its plus, as libphonenumber strips it when only the
				// rest is a valid number.
				national = value % pow10(10);
			}
		}
		return isValidIndian(national) ? "+91" + national : null;
	}

	/**
	 * Tells whether a national number is a valid Indian number, as libphonenumber's
	 * {@code isValidNumber} would: by its metadata compiled into an automaton
	 * ({@link ValidNationalNumbers}), or by libphonenumber itself if that could not be
	 * built.
	 */
	private static boolean isValidIndian(long national) {
		if (VALID_INDIAN != null) {
			return VALID_INDIAN.isValid(national);
		}
		return util.isValidNumber(new PhoneNumber().setCountryCode(INDIA).setNationalNumber(national));
	}

	private static long pow10(int exponent) {
		long power = 1;
		for (int i = 0; i < exponent; i++) {
			power *= 10;
		}
		return power;
	}

	private static boolean isSpace(char c) {
		return c == ' ' || c == '\t' || c == '\u00A0';
	}

	private static boolean hasPlausibleDigitCount(String raw) {
		if (raw == null) {
			return false;
		}
		int digits = 0;
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (c >= '0' && c <= '9' && ++digits > MAX_DIGITS) {
				return false;
			}
		}
		return digits >= MIN_DIGITS;
	}

	/**
	 * Hides all but the country code and the last four digits, for logs:
	 * {@code +91******3210}.
	 * @param e164 a number in E.164, or {@code null}
	 * @return the masked number, or {@code null} for {@code null}
	 */
	public static String mask(String e164) {
		if (e164 == null) {
			return null;
		}
		int keepHead = countryCodeEnd(e164);
		int keepTail = Math.max(keepHead, e164.length() - 4);
		StringBuilder masked = new StringBuilder(e164.length());
		masked.append(e164, 0, keepHead);
		for (int i = keepHead; i < keepTail; i++) {
			masked.append('*');
		}
		return masked.append(e164, keepTail, e164.length()).toString();
	}

	private static int countryCodeEnd(String e164) {
		if (!e164.startsWith("+")) {
			return 0;
		}
		try {
			int countryCode = util.parse(e164, "ZZ").getCountryCode();
			return Math.min(1 + Integer.toString(countryCode).length(), e164.length());
		}
		catch (NumberParseException ex) {
			return 1;
		}
	}

}
