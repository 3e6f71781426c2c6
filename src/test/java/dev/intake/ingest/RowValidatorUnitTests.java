package dev.intake.ingest;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import dev.intake.customer.CustomerEntry;
import dev.intake.customer.PhoneNumbers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class RowValidatorUnitTests {

	private static final List<String> HEADER = List.of("full_name", "primary_phone", "amount_due", "due_date",
			"national_id", "loan_account", "state", "preferred_language", "email");

	private static final String FAKE_ID = FakeAadhaar.withCheckDigit("73829164507");

	private static final UUID UPLOAD = UUID.fromString("00000000-0000-4000-8000-000000000001");

	private static final UUID OTHER_UPLOAD = UUID.fromString("00000000-0000-4000-8000-000000000002");

	private final PhoneNumbers phones = new PhoneNumbers("IN");

	private final NationalIds nationalIds = new NationalIds("test-key".getBytes(StandardCharsets.UTF_8));

	private final RowValidator validator = validator(UPLOAD, HEADER);

	@Test
	void acceptsAGoodRowWithEveryFieldNormalised() {
		List<String> row = List.of("  Asha Verma ", "+91 98765 43210", "₹15,000", "15 Nov 2024",
				FakeAadhaar.grouped(FAKE_ID, " "), " LN-0001 ", "Maharashtra", "Marathi", "Asha.Verma@Example.COM");
		ValidatedRow validated = this.validator.validate(1, row);
		assertThat(validated).isInstanceOf(AcceptedRow.class);
		assertThat(validated.row()).isOne();
		CustomerEntry entry = ((AcceptedRow) validated).entry();
		assertThat(entry.rowNumber()).isOne();
		assertThat(entry.fullName()).isEqualTo("Asha Verma");
		assertThat(entry.primaryPhone()).isEqualTo("+919876543210");
		assertThat(entry.amountDue()).isEqualTo(new BigDecimal("15000.00"));
		assertThat(entry.dueDate()).isEqualTo(LocalDate.of(2024, 11, 15));
		assertThat(entry.nationalIdLast4()).isEqualTo(FAKE_ID.substring(8));
		assertThat(entry.nationalIdHmac()).isEqualTo(this.nationalIds.parse(FAKE_ID).hmac());
		assertThat(entry.loanAccount()).isEqualTo("LN-0001");
		assertThat(entry.state()).isEqualTo("Maharashtra");
		assertThat(entry.preferredLanguage()).isEqualTo("Marathi");
		assertThat(entry.email()).isEqualTo("Asha.Verma@example.com");
		assertThat(entry.fingerprint()).isNotNull();
	}

	@Test
	void leavesEmptyOptionalCellsNull() {
		CustomerEntry entry = accepted(
				this.validator.validate(2, row("Ravi Kumar", "9876543210", "500", "2024-11-15")));
		assertThat(entry.nationalIdLast4()).isNull();
		assertThat(entry.nationalIdHmac()).isNull();
		assertThat(entry.loanAccount()).isNull();
		assertThat(entry.state()).isNull();
		assertThat(entry.preferredLanguage()).isNull();
		assertThat(entry.email()).isNull();
	}

	@Test
	void readsFilesWithOnlyTheRequiredColumnsInAnyOrder() {
		RowValidator validator = validator(UPLOAD, List.of("Due Date", "Mobile", "Name", "Amount"));
		CustomerEntry entry = accepted(validator.validate(1, List.of("15/11/2024", "09876543210", "Ravi", "1,00,000")));
		assertThat(entry.fullName()).isEqualTo("Ravi");
		assertThat(entry.primaryPhone()).isEqualTo("+919876543210");
		assertThat(entry.amountDue()).isEqualTo(new BigDecimal("100000.00"));
		assertThat(entry.dueDate()).isEqualTo(LocalDate.of(2024, 11, 15));
	}

	@Test
	void collectsEveryErrorOfTheRow() {
		List<String> row = List.of(" ", "98765", "-15000", "31/02/2024", FakeAadhaar.withWrongCheckDigit(FAKE_ID),
				"LN-1", "x".repeat(501), "Hindi", "not an email");
		RejectedRow rejected = rejected(this.validator.validate(7, row));
		assertThat(rejected.row()).isEqualTo(7);
		assertThat(rejected.errors()).extracting(RowError::row, RowError::column, RowError::code)
			.containsExactly(tuple(7L, "full_name", "missing-value"), tuple(7L, "primary_phone", "invalid-phone"),
					tuple(7L, "amount_due", "negative-amount"), tuple(7L, "due_date", "impossible-date"),
					tuple(7L, "national_id", "invalid-national-id"), tuple(7L, "state", "value-too-long"),
					tuple(7L, "email", "invalid-email"));
		assertThat(rejected.errors()).allSatisfy((error) -> assertThat(error.message()).startsWith(error.column()));
	}

	@Test
	void reportsEveryEmptyRequiredCell() {
		RejectedRow rejected = rejected(this.validator.validate(3, row("", "", "", "", "", "LN-9")));
		assertThat(rejected.errors()).extracting(RowError::column, RowError::code)
			.containsExactly(tuple("full_name", "missing-value"), tuple("primary_phone", "missing-value"),
					tuple("amount_due", "missing-value"), tuple("due_date", "missing-value"));
		assertThat(rejected.errors().get(0).message()).isEqualTo("full_name is required but the cell is empty");
	}

	@Test
	void describesTheExpectedFormatInMessages() {
		RejectedRow rejected = rejected(this.validator.validate(3, row("Ravi", "abc", "12abc", "someday")));
		assertThat(rejected.errors()).extracting(RowError::message)
			.containsExactly("primary_phone must be a valid phone number, like +91 98765 43210 or 9876543210",
					"amount_due must be a number of at least 0 with at most 2 decimals, like 15000 or 15,000.00",
					"due_date must be a date like 2024-11-15, 15/11/2024 or 15 Nov 2024");
	}

	@Test
	void neverEchoesCellValuesInMessages() {
		String id = FakeAadhaar.withWrongCheckDigit(FAKE_ID);
		List<String> row = List.of("Zed\u0000", "91234", "77.777", "30/02/2031", id, "", "", "", "zed@@mail");
		RejectedRow rejected = rejected(this.validator.validate(3, row));
		assertThat(rejected.errors()).hasSize(6)
			.extracting(RowError::message)
			.allSatisfy((message) -> assertThat(message).doesNotContain("91234", "77.777", "30/02", "2031", "zed@@")
				.doesNotContain(id.substring(0, 4), id.substring(4, 8), id.substring(8)));
	}

	@Test
	void rejectsARowWithTheWrongNumberOfColumns() {
		RejectedRow rejected = rejected(
				this.validator.validate(4, List.of("Ravi", "9876543210", "500", "2024-11-15", "", "", "")));
		assertThat(rejected.errors()).singleElement()
			.isEqualTo(new RowError(4, null, "wrong-column-count", "Row has 7 columns, the header has 9"));
	}

	@Test
	void acceptsTrailingEmptyCellsBeyondTheHeader() {
		List<String> row = new ArrayList<>(row("Ravi", "9876543210", "500", "2024-11-15"));
		row.addAll(List.of("", " "));
		assertThat(this.validator.validate(5, row)).isInstanceOf(AcceptedRow.class);
		row.add("surprise");
		assertThat(rejected(this.validator.validate(5, row)).errors()).extracting(RowError::code)
			.containsExactly("wrong-column-count");
	}

	@Test
	void acceptsRowsThatLackTheCellsOfTrailingBlankHeaderCells() {
		RowValidator validator = validator(UPLOAD, List.of("name", "phone", "amount", "due_date", "", ""));
		assertThat(validator.validate(1, List.of("Ravi", "9876543210", "500", "2024-11-15")))
			.isInstanceOf(AcceptedRow.class);
		assertThat(validator.validate(2, List.of("Ravi", "9876543210", "500"))).isInstanceOf(RejectedRow.class);
	}

	@Test
	void rejectsABlankRowAsOneError() {
		RejectedRow rejected = rejected(this.validator.validate(6, row("", " ", "")));
		assertThat(rejected.errors()).singleElement()
			.satisfies((error) -> assertThat(error.code()).isEqualTo("empty-row"))
			.satisfies((error) -> assertThat(error.column()).isNull());
	}

	@Test
	void masksTheNationalIdInTheRawRowKeepingTheLastFour() {
		List<String> row = row("Ravi", "9876543210", "500", "2024-11-15", FakeAadhaar.grouped(FAKE_ID, "-"));
		ValidatedRow accepted = this.validator.validate(1, row);
		assertThat(accepted).isInstanceOf(AcceptedRow.class);
		List<String> expected = new ArrayList<>(row);
		expected.set(4, "XXXXXXXX" + FAKE_ID.substring(8));
		assertThat(accepted.raw()).isEqualTo(expected);

		List<String> bad = row("", "9876543210", "500", "2024-11-15", FakeAadhaar.withWrongCheckDigit(FAKE_ID));
		assertThat(this.validator.validate(2, bad).raw().get(4)).startsWith("XXXXXXXX").hasSize(12);
	}

	@Test
	void masksEveryDigitOfANationalIdCellThatIsNotTwelveDigits() {
		List<String> row = row("Ravi", "9876543210", "500", "2024-11-15", FAKE_ID.substring(0, 11));
		assertThat(this.validator.validate(1, row).raw().get(4)).isEqualTo("XXXXXXXXXXX");
	}

	@Test
	void masksTwelveDigitRunsInEveryCellOfARaggedRow() {
		List<String> ragged = List.of("Ravi", FakeAadhaar.grouped(FAKE_ID, " "), "9876543210", "500", "2024-11-15",
				"id:" + FAKE_ID);
		List<String> raw = this.validator.validate(8, ragged).raw();
		String last4 = FAKE_ID.substring(8);
		assertThat(raw).containsExactly("Ravi", "XXXX XXXX " + last4, "9876543210", "500", "2024-11-15",
				"id:XXXXXXXX" + last4);
		assertThat(String.join(",", raw)).doesNotContain(FAKE_ID.substring(0, 8));
	}

	@Test
	void masksNationalIdsHiddenInUnknownColumns() {
		RowValidator validator = validator(UPLOAD, List.of("name", "phone", "amount", "due_date", "KYC Ref"));
		List<String> raw = validator.validate(1, List.of("Ravi", "9876543210", "500", "2024-11-15", FAKE_ID)).raw();
		assertThat(raw.get(4)).isEqualTo("XXXXXXXX" + FAKE_ID.substring(8));
	}

	@Test
	void rejectsANationalIdInAnyOtherColumnInEveryScriptAndMasksItInTheRawRow() {
		int[] columns = { 0, 2, 3, 5, 6, 7, 8 };
		for (int zero : new int[] { '0', 0x0966, 0xFF10, 0x0BE6, 0x0660 }) {
			String id = FakeAadhaar.inScript(FakeAadhaar.grouped(FAKE_ID, "\u00A0"), zero);
			for (int at : columns) {
				List<String> row = row("Ravi", "9876543210", "500", "2024-11-15", "", "LN-1", "", "", "");
				row.set(at, (at == 8) ? id + "@example.com" : "x " + id);
				RejectedRow rejected = rejected(this.validator.validate(1, row));
				assertThat(rejected.errors()).extracting(RowError::column, RowError::code)
					.as(row.toString())
					.contains(tuple(HEADER.get(at), "misplaced-national-id"));
				assertThat(rejected.raw().get(at)).as(row.toString()).contains("XXXX\u00A0XXXX\u00A0");
			}
		}
	}

	@Test
	void keepsAValidPhoneOfTwelveDigitsThatPassesTheVerhoeffCheck() {
		String digits = FakeAadhaar.withCheckDigit("91987654321");
		String phone = "+" + digits.substring(0, 2) + " " + digits.substring(2, 7) + " " + digits.substring(7);
		ValidatedRow row = this.validator.validate(1, row("Ravi", phone, "500", "2024-11-15"));
		assertThat(accepted(row).primaryPhone()).isEqualTo("+" + digits);
		assertThat(row.raw().get(1)).isEqualTo(phone);
	}

	@Test
	void masksANationalIdInThePhoneColumnThatIsNoPhone() {
		String id = FakeAadhaar.withCheckDigit("55181909378");
		RejectedRow rejected = rejected(this.validator.validate(1, row("Ravi", id, "500", "2024-11-15")));
		assertThat(rejected.errors()).extracting(RowError::code).containsExactly("invalid-phone");
		assertThat(rejected.raw().get(1)).isEqualTo("XXXXXXXX" + id.substring(8));
	}

	@Test
	void rejectsNulCharactersNamingTheColumnAndStoresNoneInTheRawRow() {
		RowValidator validator = validator(UPLOAD, List.of("name", "phone", "amount", "due_date", "KYC Ref"));
		RejectedRow rejected = rejected(
				validator.validate(1, List.of("As\u0000ha", "9876543210", "500", "2024-11-15", "a\u0000")));
		assertThat(rejected.errors()).extracting(RowError::column, RowError::code)
			.containsExactly(tuple("full_name", "invalid-character"), tuple("KYC Ref", "invalid-character"));
		assertThat(rejected.raw()).containsExactly("As\uFFFDha", "9876543210", "500", "2024-11-15", "a\uFFFD");
		assertThat(RawCells.ragged(List.of("\u0000"))).containsExactly("\uFFFD");
	}

	@Test
	void keepsNullCellsInTheRawRow() {
		List<String> row = Arrays.asList("Ravi", "9876543210", "500", "2024-11-15", null, null, null, null, null);
		assertThat(this.validator.validate(1, row).raw()).isEqualTo(row);
	}

	@Test
	void givesTheSameFingerprintToTheSameNormalisedRowOfOneUpload() {
		UUID first = accepted(this.validator.validate(1,
				row("Ravi", "+91 98765 43210", "15,000", "15/11/2024", FAKE_ID, "LN-1", "Goa", "Konkani", "r@x.in")))
			.fingerprint();
		UUID second = accepted(this.validator.validate(9, row(" Ravi ", "09876543210", "Rs. 15000.00", "2024-11-15",
				FakeAadhaar.grouped(FAKE_ID, " "), "LN-1", "Goa", "Konkani", "r@X.IN")))
			.fingerprint();
		assertThat(second).isEqualTo(first);
		assertThat(first.version()).isEqualTo(8);
		assertThat(first.variant()).isEqualTo(2);
	}

	@Test
	void givesAnotherFingerprintInAnotherUpload() {
		List<String> row = row("Ravi", "9876543210", "500", "2024-11-15");
		assertThat(accepted(validator(OTHER_UPLOAD, HEADER).validate(1, row)).fingerprint())
			.isNotEqualTo(accepted(this.validator.validate(1, row)).fingerprint());
	}

	@Test
	void givesAnotherFingerprintWhenAnyFieldDiffers() {
		List<List<String>> rows = List.of(row("Ravi", "9876543210", "500", "2024-11-15"),
				row("Ravi K", "9876543210", "500", "2024-11-15"), row("Ravi", "9876543211", "500", "2024-11-15"),
				row("Ravi", "9876543210", "500.01", "2024-11-15"), row("Ravi", "9876543210", "500", "2024-11-16"),
				row("Ravi", "9876543210", "500", "2024-11-15", FAKE_ID),
				row("Ravi", "9876543210", "500", "2024-11-15", "", "LN-1"),
				row("Ravi", "9876543210", "500", "2024-11-15", "", "", "Goa"),
				row("Ravi", "9876543210", "500", "2024-11-15", "", "", "", "Hindi"),
				row("Ravi", "9876543210", "500", "2024-11-15", "", "", "", "", "r@x.in"),
				row("Ravi", "9876543210", "500", "2024-11-15", "", "Goa"),
				row("Ravi", "9876543210", "500", "2024-11-15", "", "", "", "Goa"));
		assertThat(rows.stream().map((row) -> accepted(this.validator.validate(1, row)).fingerprint())).hasSize(12)
			.doesNotHaveDuplicates();
	}

	private RowValidator validator(UUID uploadId, List<String> header) {
		return new RowValidator(uploadId, ColumnMapping.of(header), this.phones, this.nationalIds);
	}

	/** Fills the cells given, in header order, and leaves the rest empty. */
	private static List<String> row(String... cells) {
		List<String> row = new ArrayList<>(List.of(cells));
		while (row.size() < HEADER.size()) {
			row.add("");
		}
		return row;
	}

	private static CustomerEntry accepted(ValidatedRow row) {
		assertThat(row).isInstanceOf(AcceptedRow.class);
		return ((AcceptedRow) row).entry();
	}

	private static RejectedRow rejected(ValidatedRow row) {
		assertThat(row).isInstanceOf(RejectedRow.class);
		return (RejectedRow) row;
	}

}
