package dev.intake.customer.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import dev.intake.customer.CustomerEntry;
import io.netty.buffer.ByteBuf;

/**
 * Renders entries in COPY's binary format, each value as PostgreSQL stores it: no text to
 * escape on this side, none to parse on the server's (uuid, numeric, date).
 * <p>
 * One frame is a whole COPY: the signature and header, one tuple per entry in the column
 * order of {@link CopyEntryWriter}, and the trailer.
 */
final class CopyBinary {

	/** {@code PGCOPY\n\377\r\n\0}, then flags and header extension length, both 0. */
	private static final byte[] HEADER = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0,
			0, 0, 0, 0 };

	private static final short COLUMNS = 13;

	private static final short TRAILER = -1;

	private static final int NULL = -1;

	/** PostgreSQL's dates count days from 2000-01-01. */
	private static final long POSTGRES_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();

	private static final int NUMERIC_BASE = 10_000;

	private static final int NUMERIC_BASE_DIGITS = 4;

	/**
	 * The most bits of an unscaled amount whose base-10000 digits are worked out in a
	 * long: times 1000 it still fits.
	 */
	private static final int LONG_PATH_BITS = 50;

	private static final long[] POWERS_OF_TEN = { 1, 10, 100, 1000 };

	/** A guess of one encoded row's size, to size the buffer once per batch. */
	static final int ROW_SIZE_GUESS = 224;

	private final ByteBuf out;

	CopyBinary(ByteBuf out) {
		this.out = out;
	}

	/** Writes a whole COPY of the entries; returns the buffer written to. */
	ByteBuf entries(UUID uploadId, List<CustomerEntry> entries) {
		this.out.writeBytes(HEADER);
		for (CustomerEntry entry : entries) {
			row(uploadId, entry);
		}
		this.out.writeShort(TRAILER);
		return this.out;
	}

	private void row(UUID uploadId, CustomerEntry entry) {
		this.out.writeShort(COLUMNS);
		uuid(uploadId);
		this.out.writeInt(Long.BYTES).writeLong(entry.rowNumber());
		text(entry.fullName());
		text(entry.primaryPhone());
		text(entry.nationalIdLast4());
		bytea(entry.nationalIdHmac());
		text(entry.loanAccount());
		numeric(entry.amountDue());
		date(entry.dueDate());
		text(entry.state());
		text(entry.preferredLanguage());
		text(entry.email());
		uuid(entry.fingerprint());
	}

	private void uuid(UUID value) {
		this.out.writeInt(2 * Long.BYTES)
			.writeLong(value.getMostSignificantBits())
			.writeLong(value.getLeastSignificantBits());
	}

	private void text(String value) {
		if (value == null) {
			this.out.writeInt(NULL);
			return;
		}
		// The JDK encodes an ASCII string by copying its bytes: faster than writing it
		// character by character into the buffer.
		byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
		this.out.writeInt(utf8.length).writeBytes(utf8);
	}

	private void bytea(byte[] value) {
		if (value == null) {
			this.out.writeInt(NULL);
			return;
		}
		this.out.writeInt(value.length).writeBytes(value);
	}

	private void date(LocalDate value) {
		this.out.writeInt(Integer.BYTES).writeInt(Math.toIntExact(value.toEpochDay() - POSTGRES_EPOCH_DAY));
	}

	/**
	 * A numeric as PostgreSQL's {@code numeric_send} writes it: the count of base-10000
	 * digits, the weight of the first, the sign, the display scale, then the digits, most
	 * significant first, without leading or trailing zero digits.
	 */
	private void numeric(BigDecimal value) {
		BigDecimal plain = (value.scale() < 0) ? value.setScale(0) : value;
		int scale = plain.scale();
		int pad = (NUMERIC_BASE_DIGITS - scale % NUMERIC_BASE_DIGITS) % NUMERIC_BASE_DIGITS;
		int fractionDigits = (scale + pad) / NUMERIC_BASE_DIGITS;
		short[] digits = baseTenThousandDigits(plain.unscaledValue().abs(), pad);
		int first = 0;
		while (first < digits.length && digits[first] == 0) {
			first++;
		}
		int last = digits.length;
		while (last > first && digits[last - 1] == 0) {
			last--;
		}
		int count = last - first;
		int weight = (count == 0) ? 0 : digits.length - first - 1 - fractionDigits;
		this.out.writeInt(4 * Short.BYTES + count * Short.BYTES)
			.writeShort(count)
			.writeShort(weight)
			.writeShort((plain.signum() < 0) ? 0x4000 : 0)
			.writeShort(scale);
		for (int i = first; i < last; i++) {
			this.out.writeShort(digits[i]);
		}
	}

	/** The digits of {@code unscaled × 10^pad} in base 10000, most significant first. */
	private static short[] baseTenThousandDigits(BigInteger unscaled, int pad) {
		if (unscaled.bitLength() <= LONG_PATH_BITS) {
			long rest = unscaled.longValue() * POWERS_OF_TEN[pad];
			short[] digits = new short[6];
			int at = digits.length;
			while (rest > 0) {
				digits[--at] = (short) (rest % NUMERIC_BASE);
				rest /= NUMERIC_BASE;
			}
			return digits;
		}
		String decimal = unscaled.multiply(BigInteger.TEN.pow(pad)).toString();
		int lead = (NUMERIC_BASE_DIGITS - decimal.length() % NUMERIC_BASE_DIGITS) % NUMERIC_BASE_DIGITS;
		String aligned = "0".repeat(lead) + decimal;
		short[] digits = new short[aligned.length() / NUMERIC_BASE_DIGITS];
		for (int i = 0; i < digits.length; i++) {
			digits[i] = Short.parseShort(aligned.substring(i * NUMERIC_BASE_DIGITS, (i + 1) * NUMERIC_BASE_DIGITS));
		}
		return digits;
	}

}
