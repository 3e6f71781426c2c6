package dev.intake.ingest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.intake.customer.CustomerEntry;
import dev.intake.ingest.internal.Column;

/**
 * The checks of one data row that fits the header: every column is read and checked, and
 * every problem is collected, so the row's author can fix them all in one pass. Answers
 * an {@link AcceptedRow} with the normalised entry, or a {@link RejectedRow}.
 */
final class RowCheck {

	private static final Column[] COLUMNS = Column.values();

	private final RowRules rules;

	private final long row;

	private final List<String> fields;

	/** Each cell's {@link CellScan} flags, read in one pass before the checks. */
	private final int[] scans;

	private List<RowError> errors;

	RowCheck(RowRules rules, long row, List<String> fields) {
		this.rules = rules;
		this.row = row;
		this.fields = fields;
		this.scans = scanned(fields);
	}

	private static int[] scanned(List<String> fields) {
		int[] scans = new int[fields.size()];
		for (int i = 0; i < scans.length; i++) {
			scans[i] = CellScan.of(fields.get(i));
		}
		return scans;
	}

	ValidatedRow validate() {
		String fullName = requiredText(Column.FULL_NAME, this.rules.columns().of(Column.FULL_NAME));
		String phone = phone();
		BigDecimal amountDue = amountDue();
		LocalDate dueDate = dueDate();
		NationalId nationalId = nationalId();
		String loanAccount = optionalText(Column.LOAN_ACCOUNT, this.rules.columns().of(Column.LOAN_ACCOUNT));
		String state = optionalText(Column.STATE, this.rules.columns().of(Column.STATE));
		String language = optionalText(Column.PREFERRED_LANGUAGE, this.rules.columns().of(Column.PREFERRED_LANGUAGE));
		String email = email();
		storableCells();
		noNationalIdOutsideItsColumn();
		if (this.errors != null) {
			return new RejectedRow(this.row, Collections.unmodifiableList(this.errors),
					this.rules.rawCells().of(this.fields, phone != null));
		}
		byte[] hmac = (nationalId != null) ? nationalId.hmac() : null;
		UUID fingerprint = this.rules.fingerprints()
			.of(phone, amountDue, dueDate, loanAccount, hmac, fullName, state, language, email);
		CustomerEntry entry = new CustomerEntry(this.row, fullName, phone,
				(nationalId != null) ? nationalId.last4() : null, hmac, loanAccount, amountDue, dueDate, state,
				language, email, fingerprint);
		return new AcceptedRow(this.row, entry, this.fields, this.rules.rawCells());
	}

	private String requiredText(Column column, int at) {
		try {
			String text = Texts.clean(cell(at), Texts.MAX_LENGTH, scan(at));
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
			String text = Texts.clean(cell(at), maxLength, scan(at));
			return text.isEmpty() ? null : text;
		}
		catch (CellRejected ex) {
			reject(column, ex);
			return null;
		}
	}

	private String phone() {
		String cell = cell(this.rules.columns().of(Column.PRIMARY_PHONE));
		if (Texts.isBlank(cell)) {
			missing(Column.PRIMARY_PHONE);
			return null;
		}
		Optional<String> e164 = this.rules.phones().toE164(cell);
		if (e164.isEmpty()) {
			add(Column.PRIMARY_PHONE, "invalid-phone",
					"must be a valid phone number, like +91 98765 43210 or 9876543210");
			return null;
		}
		return e164.get();
	}

	private BigDecimal amountDue() {
		String cell = cell(this.rules.columns().of(Column.AMOUNT_DUE));
		if (Texts.isBlank(cell)) {
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
		String cell = cell(this.rules.columns().of(Column.DUE_DATE));
		if (Texts.isBlank(cell)) {
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
		String cell = cell(this.rules.columns().of(Column.NATIONAL_ID));
		if (Texts.isBlank(cell)) {
			return null;
		}
		try {
			return this.rules.nationalIds().parse(cell);
		}
		catch (CellRejected ex) {
			reject(Column.NATIONAL_ID, ex);
			return null;
		}
	}

	private String email() {
		String text = text(Column.EMAIL, this.rules.columns().of(Column.EMAIL), Emails.MAX_LENGTH);
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
		for (int i = 0; i < this.scans.length; i++) {
			if (CellScan.has(this.scans[i], CellScan.NUL)) {
				add(this.rules.mapping().nameAt(i), "invalid-character",
						"holds a NUL character (byte 0x00), which cannot be stored; remove it");
			}
		}
	}

	// Only the national ID column may hold a national ID, and only the phone column a
	// phone, which primary_phone's own check has read: anywhere else, either is
	// refused when it has the shape of an Aadhaar number (see NationalIdMasking). Only a
	// cell with twelve digits or more can.
	private void noNationalIdOutsideItsColumn() {
		for (Column column : COLUMNS) {
			if (column == Column.NATIONAL_ID || column == Column.PRIMARY_PHONE) {
				continue;
			}
			int at = this.rules.columns().of(column);
			if (CellScan.has(scan(at), CellScan.MANY_DIGITS) && NationalIdMasking.holdsNationalId(cell(at))) {
				add(column, "misplaced-national-id", "holds what looks like a national ID (twelve digits with "
						+ "a valid Verhoeff check digit); only national_id may hold one");
			}
		}
	}

	private String cell(int at) {
		return (at >= 0 && at < this.fields.size()) ? this.fields.get(at) : null;
	}

	private int scan(int at) {
		return (at >= 0 && at < this.scans.length) ? this.scans[at] : 0;
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
