package dev.intake.ingest;

import java.util.List;

import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

import org.springframework.stereotype.Component;

/**
 * Encodes a row's cells as one CSV line, quoted where needed, to store beside its errors,
 * and reads such a line back.
 */
@Component
public class RawRows {

	private static final CsvMapper MAPPER = new CsvMapper();

	private final ObjectWriter writer = MAPPER.writerFor(List.class).with(CsvSchema.emptySchema());

	private final ObjectReader reader = MAPPER.readerFor(String[].class)
		.with(CsvSchema.emptySchema())
		.with(CsvReadFeature.WRAP_AS_ARRAY);

	/** One CSV line, without its line break. */
	public String encode(List<String> cells) {
		String line = this.writer.writeValueAsString(cells);
		return line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
	}

	/** The cells of a line made by {@link #encode}. */
	public List<String> decode(String line) {
		String[][] rows = this.reader.forType(String[][].class).readValue(line);
		return (rows.length > 0) ? List.of(rows[0]) : List.of();
	}

}
