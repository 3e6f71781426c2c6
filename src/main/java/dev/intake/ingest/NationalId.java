package dev.intake.ingest;

import java.util.Arrays;

/**
 * What is kept of a national ID: its last four digits, to show, and a keyed HMAC, to
 * match the same person across uploads without storing the number.
 *
 * @param last4 the last four digits
 * @param hmac the HMAC-SHA256 of the twelve digits
 */
record NationalId(String last4, byte[] hmac) {

	// Arrays compare by identity in a record's generated methods; compare by content.
	@Override
	public boolean equals(Object other) {
		return other instanceof NationalId id && this.last4.equals(id.last4) && Arrays.equals(this.hmac, id.hmac);
	}

	@Override
	public int hashCode() {
		return 31 * this.last4.hashCode() + Arrays.hashCode(this.hmac);
	}

	@Override
	public String toString() {
		return "NationalId[last4=" + this.last4 + "]";
	}

}
