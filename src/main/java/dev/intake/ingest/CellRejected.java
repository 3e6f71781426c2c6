package dev.intake.ingest;

/**
 * A cell's value that cannot be accepted, with a machine code and a human message.
 * <p>
 * The message completes a sentence that starts with the column name, such as "must be a
 * date like 2024-11-15", and never echoes the cell's value. It carries no stack trace:
 * files can hold many bad cells, and the trace would only point into the parser.
 */
final class CellRejected extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String code;

	CellRejected(String code, String message) {
		super(message, null, false, false);
		this.code = code;
	}

	String code() {
		return this.code;
	}

}
