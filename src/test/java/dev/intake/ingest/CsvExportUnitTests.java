package dev.intake.ingest;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.core.io.buffer.DataBuffer;

import static org.assertj.core.api.Assertions.assertThat;

class CsvExportUnitTests {

	private final CsvExport export = new CsvExport(new RawRows());

	@ParameterizedTest
	@ValueSource(strings = { "=HYPERLINK(\"x\")", "+1+2", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd" })
	void aCellASpreadsheetWouldRunAsAFormulaIsPrefixedWithAnApostrophe(String cell) {
		assertThat(CsvExport.neutralised(cell)).isEqualTo("'" + cell);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "Asha Verma", "9876543210", "15000.00", "a=b", "'quoted" })
	void anyOtherCellIsWrittenAsItIs(String cell) {
		assertThat(CsvExport.neutralised(cell)).isEqualTo(cell);
	}

	@Test
	void eachRowBecomesOneQuotedUtf8LineEndingInCrLf() {
		Flux<List<String>> rows = Flux.just(List.of("name", "note"), List.of("Zoë, Ñ", "=1+1"));
		StepVerifier.create(this.export.lines(rows).map(CsvExportUnitTests::text))
			.expectNext("name,note\r\n")
			.expectNext("\"Zoë, Ñ\",\"'=1+1\"\r\n")
			.verifyComplete();
	}

	@Test
	void anErrorOfTheRowsPassesThrough() {
		Flux<List<String>> rows = Flux.concat(Flux.just(List.of("a")), Flux.error(new IllegalStateException("gone")));
		StepVerifier.create(this.export.lines(rows).map(CsvExportUnitTests::text))
			.expectNext("a\r\n")
			.verifyErrorMessage("gone");
	}

	private static String text(DataBuffer buffer) {
		return buffer.toString(StandardCharsets.UTF_8);
	}

}
