package dev.intake.upload.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.intake.ingest.RawRows;
import dev.intake.ingest.StoredRowError;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.stereotype.Component;

/**
 * Streams an upload's row errors as CSV: the error columns first, then the original row's
 * cells, one line per error. Lines are written as the database hands them over, never
 * collected.
 * <p>
 * Every cell that a spreadsheet would read as a formula (starting with {@code = + - @}, a
 * tab or a carriage return) is prefixed with an apostrophe.
 */
@Component
class ErrorReport {

	private static final List<String> ERROR_COLUMNS = List.of("error_row", "error_column", "error_code",
			"error_message");

	private final RawRows rawRows;

	ErrorReport(RawRows rawRows) {
		this.rawRows = rawRows;
	}

	Flux<DataBuffer> csv(Mono<List<String>> header, Flux<StoredRowError> errors) {
		return Flux.concat(header.map(this::headerLine), errors.map(this::errorLine)).map(ErrorReport::buffer);
	}

	private String headerLine(List<String> header) {
		List<String> cells = new ArrayList<>(ERROR_COLUMNS);
		cells.addAll(header);
		return line(cells);
	}

	private String errorLine(StoredRowError error) {
		List<String> cells = new ArrayList<>();
		cells.add(Long.toString(error.row()));
		cells.add((error.column() != null) ? error.column() : "");
		cells.add(error.code());
		cells.add(error.message());
		cells.addAll(this.rawRows.decode(error.rawRow()));
		return line(cells);
	}

	private String line(List<String> cells) {
		return this.rawRows.encode(cells.stream().map(ErrorReport::neutralised).toList()) + "\r\n";
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
