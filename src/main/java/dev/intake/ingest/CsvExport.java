package dev.intake.ingest;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.intake.ingest.internal.CsvTemplates;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.stereotype.Component;

/**
 * The one writer of every CSV that Intake hands out (row errors, changes): each row of
 * cells becomes one UTF-8 line ending in CRLF, quoted where needed, as the rows arrive,
 * never collected.
 * <p>
 * Export safety lives here and nowhere else: a cell that a spreadsheet would run as a
 * formula (starting with {@code = + - @}, a tab or a carriage return) is prefixed with an
 * apostrophe. Errors and cancellation pass through from the rows.
 * <p>
 * The template and the sample of {@link CsvTemplates} are the one CSV that does not pass
 * here: they are fixed text Intake wrote, with no cell from an upload, and the sample's
 * phones such as {@code +91 98765 43210} must stay as lenders write them.
 */
@Component
public class CsvExport {

	private final RawRows rawRows;

	CsvExport(RawRows rawRows) {
		this.rawRows = rawRows;
	}

	/** One buffer per row, in order. */
	public Flux<DataBuffer> lines(Flux<List<String>> rows) {
		return rows.map(this::line).map(CsvExport::buffer);
	}

	String line(List<String> cells) {
		return this.rawRows.encode(cells.stream().map(CsvExport::neutralised).toList()) + "\r\n";
	}

	static String neutralised(String cell) {
		if (cell.isEmpty()) {
			return cell;
		}
		return switch (cell.charAt(0)) {
			case '=', '+', '-', '@', '\t', '\r' -> "'" + cell;
			default -> cell;
		};
	}

	private static DataBuffer buffer(String line) {
		return DefaultDataBufferFactory.sharedInstance.wrap(line.getBytes(StandardCharsets.UTF_8));
	}

}
