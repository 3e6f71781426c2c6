package dev.intake.ingest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reads Aadhaar numbers and reduces them to what may be stored: the last four digits and
 * a keyed HMAC. Also masks them wherever a raw cell is kept.
 * <p>
 * Its messages never contain the number, nor any digit at all. Thread-safe: each thread
 * keeps its own {@link Mac}, since creating one per row would dominate the cost.
 */
final class NationalIds {

	static final int LENGTH = 12;

	private static final String ALGORITHM = "HmacSHA256";

	// An Aadhaar number's length. Phones written with their country code have twelve
	// digits too, and are masked in ragged rows: the price of never letting a shifted
	// Aadhaar number through.
	private static final int RUN_TO_MASK = 12;

	private static final int KEPT_DIGITS = 4;

	private final ThreadLocal<Mac> macs;

	/**
	 * Makes HMACs with the given secret key.
	 * @param key the key's bytes, not empty
	 */
	NationalIds(byte[] key) {
		if (key == null || key.length == 0) {
			throw new IllegalArgumentException("The national ID key must not be empty");
		}
		SecretKeySpec spec = new SecretKeySpec(key.clone(), ALGORITHM);
		newMac(spec);
		this.macs = ThreadLocal.withInitial(() -> newMac(spec));
	}

	private static Mac newMac(SecretKeySpec spec) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(spec);
			return mac;
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("This JVM lacks " + ALGORITHM, ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("The national ID key cannot be used for " + ALGORITHM, ex);
		}
	}

	/**
	 * Reads an Aadhaar number: twelve digits, optionally grouped by spaces or hyphens,
	 * not starting with 0 or 1, ending with a valid Verhoeff check digit.
	 * @param raw the cell
	 * @return its last four digits and HMAC
	 * @throws CellRejected with code {@code invalid-national-id}
	 */
	NationalId parse(String raw) {
		byte[] digits = digitsOf(raw);
		if (digits == null || digits[0] == '0' || digits[0] == '1' || !Verhoeff.isValid(digits)) {
			throw new CellRejected("invalid-national-id",
					"must be a valid Aadhaar number: twelve digits, optionally grouped in fours by spaces or hyphens");
		}
		String last4 = new String(digits, LENGTH - KEPT_DIGITS, KEPT_DIGITS, StandardCharsets.US_ASCII);
		return new NationalId(last4, this.macs.get().doFinal(digits));
	}

	/**
	 * Returns the twelve ASCII digits, or {@code null} if the cell is not twelve digits.
	 */
	private static byte[] digitsOf(String raw) {
		if (raw == null) {
			return null;
		}
		byte[] digits = new byte[LENGTH];
		int count = 0;
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (c >= '0' && c <= '9') {
				if (count == LENGTH) {
					return null;
				}
				digits[count++] = (byte) c;
			}
			else if (!isSeparator(c) && !Texts.isBlank(c)) {
				return null;
			}
		}
		return (count == LENGTH) ? digits : null;
	}

	private static boolean isSeparator(char c) {
		return c == ' ' || c == '-';
	}

	/**
	 * Masks the cell of the national ID column: twelve digits become
	 * {@code XXXXXXXX0123}, keeping the last four; anything else has every digit replaced
	 * by {@code X}.
	 * @param cell the cell, or {@code null}
	 * @return the masked cell, the same instance when it holds no digit
	 */
	static String mask(String cell) {
		byte[] digits = digitsOf(cell);
		if (digits != null) {
			return "XXXXXXXX" + new String(digits, LENGTH - KEPT_DIGITS, KEPT_DIGITS, StandardCharsets.US_ASCII);
		}
		return maskAllDigits(cell);
	}

	private static String maskAllDigits(String cell) {
		if (cell == null || !hasDigit(cell)) {
			return cell;
		}
		char[] chars = cell.toCharArray();
		for (int i = 0; i < chars.length; i++) {
			if (chars[i] >= '0' && chars[i] <= '9') {
				chars[i] = 'X';
			}
		}
		return new String(chars);
	}

	private static boolean hasDigit(String cell) {
		for (int i = 0; i < cell.length(); i++) {
			char c = cell.charAt(i);
			if (c >= '0' && c <= '9') {
				return true;
			}
		}
		return false;
	}

	/**
	 * Masks any cell that could hide a national ID: in every run of twelve or more digits
	 * (spaces, hyphens, dots, slashes or underscores may separate them), all digits but
	 * the last four become {@code X}. For cells whose column cannot be trusted, like
	 * those of a row with the wrong number of columns.
	 * @param cell the cell, or {@code null}
	 * @return the masked cell, the same instance when it has no such run
	 */
	static String maskDigitRuns(String cell) {
		if (cell == null) {
			return null;
		}
		char[] masked = null;
		int length = cell.length();
		int i = 0;
		while (i < length) {
			if (!isDigit(cell.charAt(i))) {
				i++;
				continue;
			}
			int runStart = i;
			int lastDigit = i;
			int digits = 0;
			for (int j = i; j < length; j++) {
				char c = cell.charAt(j);
				if (isDigit(c)) {
					digits++;
					lastDigit = j;
				}
				else if (!isRunSeparator(c)) {
					break;
				}
			}
			if (digits >= RUN_TO_MASK) {
				if (masked == null) {
					masked = cell.toCharArray();
				}
				maskRun(masked, runStart, lastDigit, digits - KEPT_DIGITS);
			}
			i = lastDigit + 1;
		}
		return (masked != null) ? new String(masked) : cell;
	}

	private static void maskRun(char[] chars, int from, int to, int digitsToMask) {
		int left = digitsToMask;
		for (int k = from; k <= to && left > 0; k++) {
			if (isDigit(chars[k])) {
				chars[k] = 'X';
				left--;
			}
		}
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static boolean isRunSeparator(char c) {
		return c == ' ' || c == '-' || c == '.' || c == '/' || c == '_' || c == '\t' || c == '\u00A0';
	}

}
