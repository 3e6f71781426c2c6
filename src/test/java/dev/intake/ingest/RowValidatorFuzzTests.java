package dev.intake.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.intake.customer.PhoneNumbers;
import dev.intake.testing.Csv;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds the row validator arbitrary cells: every row is accepted or rejected with at
 * least one row error, never an exception, and a national ID in the row is never echoed
 * whole by an error message or by the raw row kept for the error report.
 */
class RowValidatorFuzzTests {

	private static final RowValidator validator = new RowValidator(UUID.randomUUID(),
			ColumnMapping.of(List.of((Csv.HEADER + ",notes").split(","))), new PhoneNumbers("IN"),
			new NationalIds("fuzz-key".getBytes(StandardCharsets.UTF_8)));

	@FuzzTest(maxDuration = "3m")
	void acceptsOrRejectsAnyCellsWithoutEchoingNationalIds(FuzzedDataProvider data) {
		int width = data.consumeInt(0, 12);
		boolean planted = data.consumeBoolean();
		String plantedId = FakeAadhaar.random(data.consumeLong());
		List<String> cells = new ArrayList<>(width);
		for (int i = 0; i < width; i++) {
			cells.add(data.consumeString(40));
		}
		if (planted && width > 2) {
			cells.set(2, plantedId);
		}
		if (planted && width > 9) {
			cells.set(9, "copy " + FakeAadhaar.grouped(plantedId, " "));
		}

		ValidatedRow row = validator.validate(1, cells);

		if (row instanceof RejectedRow rejected) {
			assertThat(rejected.errors()).isNotEmpty();
			assertThat(rejected.errors()).allSatisfy((error) -> assertThat(error.message()).doesNotContain(plantedId));
		}
		List<String> raw = (row instanceof AcceptedRow accepted) ? accepted.raw() : ((RejectedRow) row).raw();
		if (planted) {
			assertThat(String.join(",", raw)).doesNotContain(plantedId)
				.doesNotContain(FakeAadhaar.grouped(plantedId, " "));
		}
		if (row instanceof AcceptedRow accepted) {
			assertThat(accepted.entry().primaryPhone()).startsWith("+");
		}
	}

}
