package dev.intake.customer.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import dev.intake.customer.CustomerEntry;
import dev.intake.customer.EntryTables;
import dev.intake.customer.EntryWriter;
import dev.intake.testing.IntakeIntegrationTest;
import dev.intake.testing.Sql;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Entries reach PostgreSQL through binary COPY exactly as they were: every column, every
 * kind of text (escapes, quotes, scripts beyond the BMP), every shape of amount and date,
 * and {@code null} wherever a column allows it.
 */
@IntakeIntegrationTest
class CopyEntryWriterIntegrationTests {

	private static final HexFormat HEX = HexFormat.of();

	@Autowired
	EntryWriter writer;

	@Autowired
	EntryTables tables;

	private final UUID upload = UUID.randomUUID();

	/** An upload in progress owns the table, so the sweeper of leftovers leaves it. */
	@BeforeEach
	void startAnUpload() {
		Sql.rows("""
				INSERT INTO uploads (id, tenant_id, filename, status, started_at, lease_owner, heartbeat_at,
				  lease_expires_at)
				VALUES (?, 'test', 'copy.csv', 'PROCESSING', now(), 'this test', now(), now() + interval '1 hour')
				RETURNING id""", this.upload);
	}

	@AfterEach
	void dropTheTableAndTheUpload() {
		this.tables.drop(this.upload).block();
		Sql.execute("DELETE FROM uploads WHERE id = ?", this.upload);
	}

	@Test
	void storesEveryColumnOfEveryEntryAsItWasGiven() {
		List<CustomerEntry> entries = new ArrayList<>();
		String[] texts = { "Asha Verma", "tab\there", "new\nline", "carriage\rreturn", "back\\slash", "\\N",
				"quote \" and ' and ,", "अमित कुमार", "😀 emoji 𝟘", "a".repeat(4000), " spaced ", "" };
		String[] amounts = { "0", "0.00", "0.05", "0.5", "1", "12.34", "100", "100.00", "9999.99", "10000",
				"123456789.12", "9999999999999.99", "1E+3", "70000.10" };
		LocalDate[] dates = { LocalDate.of(2000, 1, 1), LocalDate.of(1999, 12, 31), LocalDate.of(1900, 1, 1),
				LocalDate.of(2024, 2, 29), LocalDate.of(2099, 12, 31), LocalDate.of(1970, 1, 1) };
		int count = Math.max(texts.length, amounts.length);
		for (int i = 0; i < count; i++) {
			String text = texts[i % texts.length];
			boolean nulls = i % 3 == 2;
			entries.add(new CustomerEntry(i + 1, text, "+9198765" + (43210 + i), nulls ? null : "%04d".formatted(i),
					nulls ? null : new byte[] { (byte) i, 0, (byte) 0xFF, 10, 9, 92 }, nulls ? null : text,
					new BigDecimal(amounts[i % amounts.length]), dates[i % dates.length], nulls ? null : text,
					nulls ? null : "hi", nulls ? null : "x" + i + "@example.com", UUID.randomUUID()));
		}
		this.tables.create(this.upload).block();

		StepVerifier.create(this.writer.write(this.upload, entries))
			.assertNext((written) -> assertThat(written.written()).isEqualTo(count))
			.verifyComplete();

		List<Map<String, Object>> rows = Sql.rows("""
				SELECT upload_id::text, row_number, full_name, primary_phone, national_id_last4,
				  encode(national_id_hmac, 'hex') AS hmac, loan_account, amount_due::text, due_date::text, state,
				  preferred_language, email, fingerprint::text
				FROM %s ORDER BY row_number""".formatted(EntryTables.tableOf(this.upload)));
		assertThat(rows).hasSize(count);
		for (int i = 0; i < count; i++) {
			CustomerEntry entry = entries.get(i);
			Map<String, Object> row = rows.get(i);
			assertThat(row.get("upload_id")).isEqualTo(this.upload.toString());
			assertThat(row.get("row_number")).isEqualTo(entry.rowNumber());
			assertThat(row.get("full_name")).isEqualTo(entry.fullName());
			assertThat(row.get("primary_phone")).isEqualTo(entry.primaryPhone());
			assertThat(row.get("national_id_last4")).isEqualTo(entry.nationalIdLast4());
			assertThat(row.get("hmac"))
				.isEqualTo((entry.nationalIdHmac() != null) ? HEX.formatHex(entry.nationalIdHmac()) : null);
			assertThat(row.get("loan_account")).isEqualTo(entry.loanAccount());
			assertThat(new BigDecimal(row.get("amount_due").toString()))
				.isEqualByComparingTo(entry.amountDue().setScale(2));
			assertThat(row.get("amount_due").toString()).as("numeric(15, 2) keeps two decimals")
				.isEqualTo(entry.amountDue().setScale(2).toPlainString());
			assertThat(row.get("due_date")).isEqualTo(entry.dueDate().toString());
			assertThat(row.get("state")).isEqualTo(entry.state());
			assertThat(row.get("preferred_language")).isEqualTo(entry.preferredLanguage());
			assertThat(row.get("email")).isEqualTo(entry.email());
			assertThat(row.get("fingerprint")).isEqualTo(entry.fingerprint().toString());
		}
	}

	@Test
	void storesAmountsOfEveryScaleAndMagnitudeAsTheirDecimalValue() {
		List<CustomerEntry> entries = new ArrayList<>();
		List<BigDecimal> amounts = new ArrayList<>();
		SplittableRandom random = new SplittableRandom(7);
		for (int i = 0; i < 5_000; i++) {
			int scale = i % 3;
			// numeric(15, 2) holds 13 digits before the point.
			long largest = BigDecimal.TEN.pow(13 + scale).longValueExact();
			long unscaled = switch (i % 4) {
				case 0 -> random.nextLong(100);
				case 1 -> random.nextLong(1_000_000);
				case 2 -> random.nextLong(100_000_000_000L);
				default -> random.nextLong(largest);
			};
			BigDecimal amount = BigDecimal.valueOf(unscaled, scale);
			amounts.add(amount);
			entries.add(new CustomerEntry(i + 1, "n", "+919876543210", null, null, null, amount,
					LocalDate.ofEpochDay(random.nextLong(-25_000, 50_000)), null, null, null, UUID.randomUUID()));
		}
		this.tables.create(this.upload).block();

		StepVerifier.create(this.writer.write(this.upload, entries)).expectNextCount(1).verifyComplete();

		List<Map<String, Object>> rows = Sql.rows("SELECT amount_due::text, due_date::text FROM %s ORDER BY row_number"
			.formatted(EntryTables.tableOf(this.upload)));
		for (int i = 0; i < entries.size(); i++) {
			assertThat(rows.get(i).get("amount_due")).as("row %d", i + 1)
				.isEqualTo(amounts.get(i).setScale(2).toPlainString());
			assertThat(rows.get(i).get("due_date")).isEqualTo(entries.get(i).dueDate().toString());
		}
	}

}
