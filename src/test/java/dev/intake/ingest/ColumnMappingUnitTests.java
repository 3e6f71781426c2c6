package dev.intake.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.intake.ingest.DuplicateColumns.Duplicate;
import dev.intake.ingest.DuplicateColumns.HeaderCell;
import dev.intake.ingest.internal.Column;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ColumnMappingUnitTests {

	private static final List<String> CANONICAL = List.of("full_name", "primary_phone", "amount_due", "due_date",
			"national_id", "loan_account", "state", "preferred_language", "email");

	@Test
	void mapsTheCanonicalNames() {
		ColumnMapping mapping = ColumnMapping.of(CANONICAL);
		for (Column column : Column.values()) {
			assertThat(mapping.indexOf(column)).isEqualTo(CANONICAL.indexOf(column.canonicalName()));
		}
		assertThat(mapping.width()).isEqualTo(9);
		assertThat(mapping.header()).isEqualTo(CANONICAL);
		assertThat(mapping.unknownColumns()).isEmpty();
	}

	@ParameterizedTest
	@CsvSource({ "name,FULL_NAME", "customer_name,FULL_NAME", "CustomerName,FULL_NAME", "fullname,FULL_NAME",
			"mobile,PRIMARY_PHONE", "Mobile Number,PRIMARY_PHONE", "Mobile No.,PRIMARY_PHONE", "phone,PRIMARY_PHONE",
			"phone_number,PRIMARY_PHONE", "contact,PRIMARY_PHONE", "contact_number,PRIMARY_PHONE",
			"MSISDN,PRIMARY_PHONE", "amount,AMOUNT_DUE", "due_amount,AMOUNT_DUE", "Outstanding,AMOUNT_DUE",
			"amount_outstanding,AMOUNT_DUE", "EMI,AMOUNT_DUE", "Amount (INR),AMOUNT_DUE", "due,DUE_DATE",
			"duedate,DUE_DATE", "due_on,DUE_DATE", "EMI Date,DUE_DATE", "aadhaar,NATIONAL_ID", "Aadhar,NATIONAL_ID",
			"aadhaar_number,NATIONAL_ID", "Aadhaar No,NATIONAL_ID", "UID,NATIONAL_ID", "national_id_number,NATIONAL_ID",
			"loan_account_number,LOAN_ACCOUNT", "account,LOAN_ACCOUNT", "Account Number,LOAN_ACCOUNT",
			"loan_id,LOAN_ACCOUNT", "Loan No,LOAN_ACCOUNT", "region,STATE", "language,PREFERRED_LANGUAGE",
			"lang,PREFERRED_LANGUAGE", "email_address,EMAIL", "mail,EMAIL", "E-mail,EMAIL", "Email ID,EMAIL" })
	void mapsTheAliasesLendersUse(String alias, Column column) {
		List<String> header = new ArrayList<>(List.of("full_name", "primary_phone", "amount_due", "due_date"));
		if (column.required()) {
			header.set(column.ordinal(), alias);
		}
		else {
			header.add(alias);
		}
		assertThat(ColumnMapping.of(header).indexOf(column)).isEqualTo(header.indexOf(alias));
	}

	@Test
	void ignoresCaseSpacesHyphensAndUnderscores() {
		ColumnMapping mapping = ColumnMapping.of(List.of("Full Name", "PRIMARY-PHONE", "amount__due", " Due  Date "));
		assertThat(mapping.indexOf(Column.FULL_NAME)).isZero();
		assertThat(mapping.indexOf(Column.PRIMARY_PHONE)).isOne();
		assertThat(mapping.indexOf(Column.AMOUNT_DUE)).isEqualTo(2);
		assertThat(mapping.indexOf(Column.DUE_DATE)).isEqualTo(3);
		assertThat(mapping.header()).containsExactly("Full Name", "PRIMARY-PHONE", "amount__due", "Due  Date");
	}

	@Test
	void stripsAByteOrderMarkQuotesAndZeroWidthCharacters() {
		ColumnMapping mapping = ColumnMapping
			.of(List.of("\uFEFFfull_name", "\"phone\"", "\u200Bamount\u200B", "'due_date'", "“email”"));
		assertThat(mapping.indexOf(Column.FULL_NAME)).isZero();
		assertThat(mapping.indexOf(Column.PRIMARY_PHONE)).isOne();
		assertThat(mapping.indexOf(Column.AMOUNT_DUE)).isEqualTo(2);
		assertThat(mapping.indexOf(Column.DUE_DATE)).isEqualTo(3);
		assertThat(mapping.indexOf(Column.EMAIL)).isEqualTo(4);
		assertThat(mapping.header()).containsExactly("full_name", "phone", "amount", "due_date", "email");
	}

	@Test
	void namesEveryMissingRequiredColumn() {
		assertThatExceptionOfType(MissingColumns.class)
			.isThrownBy(() -> ColumnMapping.of(List.of("name", "amount", "email")))
			.satisfies((ex) -> assertThat(ex.missing()).containsExactly("primary_phone", "due_date"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("missing-columns"))
			.withMessage("The header lacks the required columns: primary_phone, due_date");
	}

	@Test
	void namesASingleMissingColumnInTheSingular() {
		assertThatExceptionOfType(MissingColumns.class)
			.isThrownBy(() -> ColumnMapping.of(List.of("name", "phone", "amount")))
			.withMessage("The header lacks the required column: due_date");
	}

	@Test
	void rejectsABlankHeaderAsMissingEveryRequiredColumn() {
		assertThatExceptionOfType(MissingColumns.class).isThrownBy(() -> ColumnMapping.of(Arrays.asList("", " ", null)))
			.satisfies((ex) -> assertThat(ex.missing()).containsExactly("full_name", "primary_phone", "amount_due",
					"due_date"));
		assertThatExceptionOfType(MissingColumns.class).isThrownBy(() -> ColumnMapping.of(List.of()));
	}

	@Test
	void namesDuplicateColumnsAndWhereTheyAre() {
		List<String> header = List.of("name", "phone", "amount", "due_date", "Mobile", "Customer Name", "contact");
		assertThatExceptionOfType(DuplicateColumns.class).isThrownBy(() -> ColumnMapping.of(header))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("duplicate-columns"))
			.satisfies((ex) -> assertThat(ex).isInstanceOf(HeaderRejected.class))
			.satisfies((ex) -> assertThat(ex.duplicates()).containsExactly(
					new Duplicate("full_name", List.of(new HeaderCell("name", 1), new HeaderCell("Customer Name", 6))),
					new Duplicate("primary_phone",
							List.of(new HeaderCell("phone", 2), new HeaderCell("Mobile", 5),
									new HeaderCell("contact", 7)))))
			.withMessage("The header names the same column more than once: "
					+ "full_name as \"name\" (column 1) and \"Customer Name\" (column 6); "
					+ "primary_phone as \"phone\" (column 2) and \"Mobile\" (column 5) and \"contact\" (column 7)");
	}

	@Test
	void listsUnknownColumnsAndIgnoresThem() {
		ColumnMapping mapping = ColumnMapping
			.of(List.of("Branch", "name", "phone", "amount", "due_date", "", "Agent Code"));
		assertThat(mapping.unknownColumns()).containsExactly("Branch", "Agent Code");
		assertThat(mapping.unmappedIndexes()).containsExactly(0, 5, 6);
		assertThat(mapping.indexOf(Column.FULL_NAME)).isOne();
		assertThat(mapping.width()).isEqualTo(7);
	}

	@Test
	void reportsAbsentOptionalColumnsAsMinusOne() {
		ColumnMapping mapping = ColumnMapping.of(List.of("name", "phone", "amount", "due_date"));
		assertThat(mapping.indexOf(Column.NATIONAL_ID)).isEqualTo(-1);
		assertThat(mapping.indexOf(Column.EMAIL)).isEqualTo(-1);
	}

	@Test
	void measuresTheHeaderWithAndWithoutTrailingBlankCells() {
		ColumnMapping mapping = ColumnMapping.of(List.of("name", "phone", "amount", "due_date", "", ""));
		assertThat(mapping.width()).isEqualTo(6);
		assertThat(mapping.namedWidth()).isEqualTo(4);
		assertThat(mapping.unknownColumns()).isEmpty();
	}

}
