package dev.intake.ingest;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.intake.customer.CustomerEntry;
import dev.intake.customer.PhoneNumbers;

/**
 * Turns the cells of one upload's data rows into normalised customer entries, or into
 * every problem the row has, so a file can be fixed in one pass.
 * <p>
 * Made once per upload. Thread-safe, and built for millions of rows: no regex and no
 * exception on the happy path, and the digest each thread needs is kept for reuse.
 */
final class RowValidator {

	private static final ThreadLocal<Fingerprints> fingerprints = ThreadLocal.withInitial(Fingerprints::new);

	private final long uploadMostBits;

	private final long uploadLeastBits;

	private final PhoneNumbers phones;

	private final NationalIds nationalIds;

	private final int width;

	private final int namedWidth;

	private final int nameAt;

	private final int phoneAt;

	private final int amountAt;

	private final int dueDateAt;

	private final int nationalIdAt;

	private final int loanAccountAt;

	private final int stateAt;

	private final int languageAt;

	private final int emailAt;

	private final ColumnMapping mapping;

	private final RawCells rawCells;

	RowValidator(UUID uploadId, ColumnMapping mapping, PhoneNumbers phones, NationalIds nationalIds) {
		this.uploadMostBits = uploadId.getMostSignificantBits();
		this.uploadLeastBits = uploadId.getLeastSignificantBits();
		this.phones = phones;
		this.nationalIds = nationalIds;
		this.width = mapping.width();
		this.namedWidth = mapping.namedWidth();
		this.nameAt = mapping.indexOf(Column.FULL_NAME);
		this.phoneAt = mapping.indexOf(Column.PRIMARY_PHONE);
		this.amountAt = mapping.indexOf(Column.AMOUNT_DUE);
		this.dueDateAt = mapping.indexOf(Column.DUE_DATE);
		this.nationalIdAt = mapping.indexOf(Column.NATIONAL_ID);
		this.loanAccountAt = mapping.indexOf(Column.LOAN_ACCOUNT);
		this.stateAt = mapping.indexOf(Column.STATE);
		this.languageAt = mapping.indexOf(Column.PREFERRED_LANGUAGE);
		this.emailAt = mapping.indexOf(Column.EMAIL);
		this.mapping = mapping;
		this.rawCells = new RawCells(mapping);
	}

	/**
	 * Validates one data row.
	 * @param rowNumber the row's number, 1 for the first row after the header
	 * @param fields the row's cells, as read
	 * @return the accepted entry, or every problem of the row
	 */
	ValidatedRow validate(long rowNumber, List<String> fields) {
		if (!fitsHeader(fields)) {
			String message = "Row has " + fields.size() + " columns, the header has " + this.width;
			return new RejectedRow(rowNumber, List.of(new RowError(rowNumber, null, "wrong-column-count", message)),
					RawCells.ragged(fields));
		}
		if (isBlankRow(fields)) {
			return new RejectedRow(rowNumber,
					List.of(new RowError(rowNumber, null, "empty-row",
							"Row has no values; remove it or fill in the required columns")),
					this.rawCells.of(fields, false));
		}
		return new RowCheck(rowNumber, fields).validate();
	}

	// Spreadsheets pad rows with empty cells past the header, and some drop the empty
	// cells under blank header cells; neither shifts the data.
	private boolean fitsHeader(List<String> fields) {
		int size = fields.size();
		if (size < this.namedWidth) {
			return false;
		}
		for (int i = this.width; i < size; i++) {
			if (!isBlank(fields.get(i))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isBlankRow(List<String> fields) {
		for (int i = 0; i < fields.size(); i++) {
			if (!isBlank(fields.get(i))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isBlank(String cell) {
		if (cell == null) {
			return true;
		}
		for (int i = 0; i < cell.length(); i++) {
			if (!Texts.isBlank(cell.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	/** The checks of one row, collecting its errors. */
	private final class RowCheck {

		private final long row;

		private final List<String> fields;

		private List<RowError> errors;

		RowCheck(long row, List<String> fields) {
			this.row = row;
			this.fields = fields;
		}

		ValidatedRow validate() {
			String fullName = requiredText(Column.FULL_NAME, RowValidator.this.nameAt);
			String phone = phone();
			BigDecimal amountDue = amountDue();
			LocalDate dueDate = dueDate();
			NationalId nationalId = nationalId();
			String loanAccount = optionalText(Column.LOAN_ACCOUNT, RowValidator.this.loanAccountAt);
			String state = optionalText(Column.STATE, RowValidator.this.stateAt);
			String language = optionalText(Column.PREFERRED_LANGUAGE, RowValidator.this.languageAt);
			String email = email();
			storableCells();
			noNationalIdOutsideItsColumn();
			List<String> raw = RowValidator.this.rawCells.of(this.fields, phone != null);
			if (this.errors != null) {
				return new RejectedRow(this.row, Collections.unmodifiableList(this.errors), raw);
			}
			byte[] hmac = (nationalId != null) ? nationalId.hmac() : null;
			UUID fingerprint = fingerprints.get()
				.start(RowValidator.this.uploadMostBits, RowValidator.this.uploadLeastBits)
				.put(phone)
				.put(amountDue)
				.put(dueDate)
				.put(loanAccount)
				.put(hmac)
				.put(fullName)
				.put(state)
				.put(language)
				.put(email)
				.finish();
			CustomerEntry entry = new CustomerEntry(this.row, fullName, phone,
					(nationalId != null) ? nationalId.last4() : null, hmac, loanAccount, amountDue, dueDate, state,
					language, email, fingerprint);
			return new AcceptedRow(this.row, entry, raw);
		}

		private String requiredText(Column column, int at) {
			try {
				String text = Texts.clean(cell(at), Texts.MAX_LENGTH);
				if (text.isEmpty()) {
					missing(column);
					return null;
				}
				return text;
			}
			catch (CellRejected ex) {
				reject(column, ex);
				return null;
			}
		}

		private String optionalText(Column column, int at) {
			return text(column, at, Texts.MAX_LENGTH);
		}

		private String text(Column column, int at, int maxLength) {
			try {
				String text = Texts.clean(cell(at), maxLength);
				return text.isEmpty() ? null : text;
			}
			catch (CellRejected ex) {
				reject(column, ex);
				return null;
			}
		}

		private String phone() {
			String cell = cell(RowValidator.this.phoneAt);
			if (isBlank(cell)) {
				missing(Column.PRIMARY_PHONE);
				return null;
			}
			Optional<String> e164 = RowValidator.this.phones.toE164(cell);
			if (e164.isEmpty()) {
				add(Column.PRIMARY_PHONE, "invalid-phone",
						"must be a valid phone number, like +91 98765 43210 or 9876543210");
				return null;
			}
			return e164.get();
		}

		private BigDecimal amountDue() {
			String cell = cell(RowValidator.this.amountAt);
			if (isBlank(cell)) {
				missing(Column.AMOUNT_DUE);
				return null;
			}
			try {
				return Amounts.parse(cell);
			}
			catch (CellRejected ex) {
				reject(Column.AMOUNT_DUE, ex);
				return null;
			}
		}

		private LocalDate dueDate() {
			String cell = cell(RowValidator.this.dueDateAt);
			if (isBlank(cell)) {
				missing(Column.DUE_DATE);
				return null;
			}
			try {
				return DueDates.parse(cell);
			}
			catch (CellRejected ex) {
				reject(Column.DUE_DATE, ex);
				return null;
			}
		}

		private NationalId nationalId() {
			String cell = cell(RowValidator.this.nationalIdAt);
			if (isBlank(cell)) {
				return null;
			}
			try {
				return RowValidator.this.nationalIds.parse(cell);
			}
			catch (CellRejected ex) {
				reject(Column.NATIONAL_ID, ex);
				return null;
			}
		}

		private String email() {
			String text = text(Column.EMAIL, RowValidator.this.emailAt, Emails.MAX_LENGTH);
			if (text == null) {
				return null;
			}
			try {
				return Emails.parse(text);
			}
			catch (CellRejected ex) {
				reject(Column.EMAIL, ex);
				return null;
			}
		}

		// PostgreSQL stores no NUL in text: a row holding one is rejected, not the
		// upload.
		private void storableCells() {
			for (int i = 0; i < this.fields.size(); i++) {
				if (!RawCells.isStorable(this.fields.get(i))) {
					add(RowValidator.this.mapping.nameAt(i), "invalid-character",
							"holds a NUL character (byte 0x00), which cannot be stored; remove it");
				}
			}
		}

		// Only the national ID column may hold a national ID, and only the phone column a
		// phone, which primary_phone's own check has read: anywhere else, either is
		// refused
		// when it has the shape of an Aadhaar number (see NationalIdMasking).
		private void noNationalIdOutsideItsColumn() {
			for (Column column : Column.values()) {
				if (column == Column.NATIONAL_ID || column == Column.PRIMARY_PHONE) {
					continue;
				}
				if (NationalIdMasking.holdsNationalId(cell(RowValidator.this.mapping.indexOf(column)))) {
					add(column, "misplaced-national-id", "holds what looks like a national ID (twelve digits with "
							+ "a valid Verhoeff check digit); only national_id may hold one");
				}
			}
		}

		private String cell(int at) {
			return (at >= 0 && at < this.fields.size()) ? this.fields.get(at) : null;
		}

		private void missing(Column column) {
			add(column, "missing-value", "is required but the cell is empty");
		}

		private void reject(Column column, CellRejected rejection) {
			add(column, rejection.code(), rejection.getMessage());
		}

		private void add(Column column, String code, String predicate) {
			add(column.canonicalName(), code, predicate);
		}

		private void add(String name, String code, String predicate) {
			if (this.errors == null) {
				this.errors = new ArrayList<>(4);
			}
			String subject = (name != null) ? name : "An unnamed column";
			this.errors.add(new RowError(this.row, name, code, subject + " " + predicate));
		}

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
			this.sha256.reset();
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
