package dev.intake.ingest;

/**
 * Where a page of row errors starts: after this row and error.
 *
 * @param row the last row number already seen
 * @param seq the last error of that row already seen
 */
public record RowErrorCursor(long row, int seq) {

	public static final RowErrorCursor START = new RowErrorCursor(0, -1);

	/** Reads a cursor written by {@link #toString()}; a malformed one is rejected. */
	public static RowErrorCursor parse(String text) {
		// ASCII digits only: Long.parseLong would also read other scripts' digits and a
		// sign.
		if (!text.matches("[0-9]{1,18}\\.[0-9]{1,9}")) {
			throw new IllegalArgumentException("A row error cursor looks like 123.0");
		}
		int dot = text.indexOf('.');
		return new RowErrorCursor(Long.parseLong(text.substring(0, dot)), Integer.parseInt(text.substring(dot + 1)));
	}

	@Override
	public String toString() {
		return this.row + "." + this.seq;
	}

	public static RowErrorCursor after(StoredRowError error) {
		return new RowErrorCursor(error.row(), error.seq());
	}

}
