package dev.intake.ingest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.intake.ingest.internal.Verhoeff;

/**
 * Reads Aadhaar numbers and reduces them to what may be stored: the last four digits and
 * a keyed HMAC, and masks the cell of the national ID column wherever a raw cell is kept
 * (other text goes through {@link NationalIdMasking}).
 * <p>
 * Its messages never contain the number, nor any digit at all. Thread-safe: each thread
 * keeps its own {@link Mac}, since creating one per row would dominate the cost.
 */
final class NationalIds {

	static final int LENGTH = 12;

	private static final String ALGORITHM = "HmacSHA256";

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
	 * Reads an Aadhaar number: twelve digits of any script, optionally grouped by
	 * separators, not starting with 0 or 1, ending with a valid Verhoeff check digit.
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
	 * Returns the twelve digits as ASCII, whatever script they are written in, or
	 * {@code null} if the cell is not twelve digits and separators.
	 */
	private static byte[] digitsOf(String raw) {
		if (raw == null) {
			return null;
		}
		byte[] digits = new byte[LENGTH];
		int count = 0;
		for (int i = 0; i < raw.length();) {
			int c = raw.codePointAt(i);
			if (NationalIdCharacters.isDigit(c)) {
				if (count == LENGTH) {
					return null;
				}
				digits[count++] = (byte) ('0' + NationalIdCharacters.valueOf(c));
			}
			else if (!NationalIdCharacters.isSeparator(c) && !(c < 0x10000 && Texts.isBlank((char) c))) {
				return null;
			}
			i += Character.charCount(c);
		}
		return (count == LENGTH) ? digits : null;
	}

	/**
	 * Masks the cell of the national ID column: twelve digits become
	 * {@code XXXXXXXX0123}, keeping the last four; anything else has every digit (of any
	 * script) replaced by {@code X}.
	 * @param cell the cell, or {@code null}
	 * @return the masked cell, the same instance when it holds no digit
	 */
	static String mask(String cell) {
		byte[] digits = digitsOf(cell);
		if (digits != null) {
			return "XXXXXXXX" + new String(digits, LENGTH - KEPT_DIGITS, KEPT_DIGITS, StandardCharsets.US_ASCII);
		}
		return NationalIdMasking.maskedDigits(cell);
	}

}
