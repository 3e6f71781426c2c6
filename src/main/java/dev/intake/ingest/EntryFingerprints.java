package dev.intake.ingest;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.UUID;

/**
 * The fingerprint of a customer entry: a UUID hashed (SHA-256) from the upload id and the
 * entry's normalised fields, so two rows of one file that say the same thing share it and
 * rows of different uploads never do. Thread-safe: each thread keeps its own digest.
 */
final class EntryFingerprints {

	private static final ThreadLocal<Fingerprints> fingerprints = ThreadLocal.withInitial(Fingerprints::new);

	private final long uploadMostBits;

	private final long uploadLeastBits;

	EntryFingerprints(UUID uploadId) {
		this.uploadMostBits = uploadId.getMostSignificantBits();
		this.uploadLeastBits = uploadId.getLeastSignificantBits();
	}

	/**
	 * The fingerprint of an entry's fields; {@code nationalIdHmac} may be {@code null}.
	 */
	UUID of(String phone, BigDecimal amountDue, LocalDate dueDate, String loanAccount, byte[] nationalIdHmac,
			String fullName, String state, String language, String email) {
		return fingerprints.get()
			.start(this.uploadMostBits, this.uploadLeastBits)
			.put(phone)
			.put(amountDue)
			.put(dueDate)
			.put(loanAccount)
			.put(nationalIdHmac)
			.put(fullName)
			.put(state)
			.put(language)
			.put(email)
			.finish();
	}

	/**
	 * Hashes the normalised fields of an entry into a UUID. Each value is written with
	 * its length first, so no two different rows can encode the same.
	 */
	private static final class Fingerprints {

		private static final byte[] DOMAIN = "intake:customer-entry:v1".getBytes(StandardCharsets.US_ASCII);

		private final MessageDigest sha256;

		private final byte[] hash = new byte[32];

		private byte[] buffer = new byte[512];

		private int size;

		Fingerprints() {
			try {
				this.sha256 = MessageDigest.getInstance("SHA-256");
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException("This JVM lacks SHA-256", ex);
			}
		}

		Fingerprints start(long uploadMostBits, long uploadLeastBits) {
			this.size = 0;
			ensure(DOMAIN.length);
			System.arraycopy(DOMAIN, 0, this.buffer, 0, DOMAIN.length);
			this.size = DOMAIN.length;
			putLong(uploadMostBits);
			putLong(uploadLeastBits);
			return this;
		}

		Fingerprints put(String value) {
			if (value == null) {
				putInt(-1);
				return this;
			}
			int length = value.length();
			putInt(length);
			ensure(2 * length);
			for (int i = 0; i < length; i++) {
				char c = value.charAt(i);
				this.buffer[this.size++] = (byte) (c >>> 8);
				this.buffer[this.size++] = (byte) c;
			}
			return this;
		}

		Fingerprints put(byte[] value) {
			if (value == null) {
				putInt(-1);
				return this;
			}
			putInt(value.length);
			ensure(value.length);
			System.arraycopy(value, 0, this.buffer, this.size, value.length);
			this.size += value.length;
			return this;
		}

		// Amounts come with a scale of two, so the unscaled value alone identifies them.
		Fingerprints put(BigDecimal amount) {
			putLong(amount.setScale(2).unscaledValue().longValueExact());
			return this;
		}

		Fingerprints put(LocalDate date) {
			putLong(date.toEpochDay());
			return this;
		}

		private void putInt(int value) {
			ensure(4);
			for (int shift = 24; shift >= 0; shift -= 8) {
				this.buffer[this.size++] = (byte) (value >>> shift);
			}
		}

		private void putLong(long value) {
			ensure(8);
			for (int shift = 56; shift >= 0; shift -= 8) {
				this.buffer[this.size++] = (byte) (value >>> shift);
			}
		}

		private void ensure(int more) {
			if (this.size + more > this.buffer.length) {
				this.buffer = Arrays.copyOf(this.buffer, Math.max(2 * this.buffer.length, this.size + more));
			}
		}

		/** Returns a version 8 (custom) UUID made of the first 16 bytes of the hash. */
		UUID finish() {
			// digest() left the digest reset, ready for this entry.
			this.sha256.update(this.buffer, 0, this.size);
			try {
				this.sha256.digest(this.hash, 0, this.hash.length);
			}
			catch (DigestException ex) {
				throw new IllegalStateException(ex);
			}
			long most = bytesToLong(0);
			long least = bytesToLong(8);
			most = (most & ~0xF000L) | 0x8000L;
			least = (least & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
			return new UUID(most, least);
		}

		private long bytesToLong(int from) {
			long value = 0;
			for (int i = from; i < from + 8; i++) {
				value = (value << 8) | (this.hash[i] & 0xFF);
			}
			return value;
		}

	}

}
