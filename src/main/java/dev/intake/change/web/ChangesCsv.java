package dev.intake.change.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.intake.change.Change;
import dev.intake.ingest.RawRows;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.stereotype.Component;

/**
 * Writes changes as CSV, one line per customer, as they are read: a header line, then
 * {@code kind, primary_phone, loan_account, row, previous_row, full_name, amount_due,
 * due_date, state, preferred_language, email, changes}, where {@code changes} lists the
 * differing fields as {@code amountDue: 15000.00 -> 20000.00; ...}. Cells a spreadsheet
 * would run as formulas are prefixed with an apostrophe. Errors and cancellation pass
 * through from the changes.
 */
@Component
class ChangesCsv {

	private static final List<String> HEADER = List.of("kind", "primary_phone", "loan_account", "row", "previous_row",
			"full_name", "amount_due", "due_date", "state", "preferred_language", "email", "changes");

	private final RawRows rawRows;

	ChangesCsv(RawRows rawRows) {
		this.rawRows = rawRows;
	}

	Flux<DataBuffer> csv(Flux<Change> changes) {
		return Flux.concat(Flux.just(line(HEADER)), changes.map(this::line)).map(ChangesCsv::buffer);
	}

	private String line(Change change) {
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
		return line(cells);
	}

	private String line(List<String> cells) {
		return this.rawRows.encode(cells.stream().map(ChangesCsv::neutralised).toList()) + "\r\n";
	}

	private static String text(Object value) {
		return (value != null) ? value.toString() : "";
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
