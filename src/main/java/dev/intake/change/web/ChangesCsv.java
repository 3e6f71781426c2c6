package dev.intake.change.web;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.intake.change.internal.Change;
import dev.intake.ingest.CsvExport;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.stereotype.Component;

/**
 * Writes changes as CSV, one line per customer, as they are read: a header line, then
 * {@code kind, primary_phone, loan_account, row, previous_row, full_name, amount_due,
 * due_date, state, preferred_language, email, changes}, where {@code changes} lists the
 * differing fields as {@code amountDue: 15000.00 -> 20000.00; ...}, written by
 * {@link CsvExport} (which neutralises formula cells). Errors and cancellation pass
 * through from the changes.
 */
@Component
class ChangesCsv {

	private static final List<String> HEADER = List.of("kind", "primary_phone", "loan_account", "row", "previous_row",
			"full_name", "amount_due", "due_date", "state", "preferred_language", "email", "changes");

	private final CsvExport export;

	ChangesCsv(CsvExport export) {
		this.export = export;
	}

	Flux<DataBuffer> csv(Flux<Change> changes) {
		return this.export.lines(Flux.concat(Flux.just(HEADER), changes.map(ChangesCsv::cells)));
	}

	private static List<String> cells(Change change) {
		List<String> cells = new ArrayList<>();
		cells.add(change.kind().label());
		cells.add(change.primaryPhone());
		cells.add(text(change.loanAccount()));
		cells.add(text(change.row()));
		cells.add(text(change.previousRow()));
		cells.add(change.fullName());
		cells.add(change.amountDue().toPlainString());
		cells.add(change.dueDate().toString());
		cells.add(text(change.state()));
		cells.add(text(change.preferredLanguage()));
		cells.add(text(change.email()));
		cells.add(change.changes()
			.stream()
			.map((field) -> field.field() + ": " + text(field.from()) + " -> " + text(field.to()))
			.collect(Collectors.joining("; ")));
		return cells;
	}

	private static String text(Object value) {
		return (value != null) ? value.toString() : "";
	}

}
