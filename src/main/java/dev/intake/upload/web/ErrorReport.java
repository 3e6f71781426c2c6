package dev.intake.upload.web;

import java.util.ArrayList;
import java.util.List;

import dev.intake.ingest.CsvExport;
import dev.intake.ingest.RawRows;
import dev.intake.ingest.StoredRowError;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.stereotype.Component;

/**
 * Streams an upload's row errors as CSV: the error columns first, then the original row's
 * cells, one line per error. Lines are written by {@link CsvExport} (which neutralises
 * formula cells) as the database hands them over, never collected.
 */
@Component
class ErrorReport {

	private static final List<String> ERROR_COLUMNS = List.of("error_row", "error_column", "error_code",
			"error_message");

	private final RawRows rawRows;

	private final CsvExport export;

	ErrorReport(RawRows rawRows, CsvExport export) {
		this.rawRows = rawRows;
		this.export = export;
	}

	Flux<DataBuffer> csv(Mono<List<String>> header, Flux<StoredRowError> errors) {
		return this.export.lines(Flux.concat(header.map(ErrorReport::headerCells), errors.map(this::errorCells)));
	}

	private static List<String> headerCells(List<String> header) {
		List<String> cells = new ArrayList<>(ERROR_COLUMNS);
		cells.addAll(header);
		return cells;
	}

	private List<String> errorCells(StoredRowError error) {
		List<String> cells = new ArrayList<>();
		cells.add(Long.toString(error.row()));
		cells.add((error.column() != null) ? error.column() : "");
		cells.add(error.code());
		cells.add(error.message());
		cells.addAll(this.rawRows.decode(error.rawRow()));
		return cells;
	}

}
