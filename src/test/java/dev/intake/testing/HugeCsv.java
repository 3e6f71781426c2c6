package dev.intake.testing;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.NoSuchElementException;

/**
 * The worst legal CSV shape for memory, made as it is read: the canonical columns and ten
 * unknown ones whose names are 99,990 characters long, and rows whose ten unknown cells
 * are 99,990 characters each, so every record is just under the 1,000,000-character
 * limit. Even rows are valid; odd rows have six row errors each.
 */
public final class HugeCsv {

	/**
	 * The length of each huge name and cell: just under the 100,000-character field
	 * limit.
	 */
	public static final int CELL = 99_990;

	/** Huge columns per record. */
	public static final int HUGE_COLUMNS = 10;

	/** The row errors of every rejected row. */
	public static final int ERRORS_PER_REJECTED_ROW = 6;

	private static final String REJECTED = ",12,1234,LN-%d,-x,31/02/2024,,,not-an-email";

	private final int rows;

	private final String header;

	private final String hugeCells;

	private HugeCsv(int rows, char fill) {
		this.rows = rows;
		StringBuilder header = new StringBuilder(Csv.HEADER);
		StringBuilder cells = new StringBuilder();
		for (int i = 0; i < HUGE_COLUMNS; i++) {
			String name = "Extra" + i + "_";
			header.append(',').append(name).append(String.valueOf(fill).repeat(CELL - name.length()));
			cells.append(',').append(String.valueOf((char) ('a' + i)).repeat(CELL));
		}
		this.header = header.append('\n').toString();
		this.hugeCells = cells.toString();
	}

	/** A file of this many data rows. */
	public static HugeCsv rows(int rows) {
		return new HugeCsv(rows, 'h');
	}

	/** The header line with its line break. */
	public String header() {
		return this.header;
	}

	/** How many data rows are rejected (the odd ones). */
	public int rejectedRows() {
		return this.rows / 2 + this.rows % 2;
	}

	/** How many data rows are stored (the even ones). */
	public int storedRows() {
		return this.rows / 2;
	}

	/** The body's length in bytes (it is ASCII). */
	public long length() {
		long length = this.header.length();
		for (int row = 1; row <= this.rows; row++) {
			length += line(row).length();
		}
		return length;
	}

	/** The body, each line made when it is read. */
	public InputStream stream() {
		return new SequenceInputStream(new Lines());
	}

	/** The whole body, for tests that send small ones at once. */
	public byte[] bytes() {
		return String.join("", header(), linesText()).getBytes(StandardCharsets.US_ASCII);
	}

	private String linesText() {
		StringBuilder text = new StringBuilder();
		for (int row = 1; row <= this.rows; row++) {
			text.append(line(row));
		}
		return text.toString();
	}

	private String line(int row) {
		String known = (row % 2 == 0) ? "Asha Verma %d,98%08d,,LN-%d,15000,2024-11-15,,,".formatted(row, row, row)
				: REJECTED.formatted(row);
		return known + this.hugeCells + "\n";
	}

	private final class Lines implements Enumeration<InputStream> {

		private int next;

		@Override
		public boolean hasMoreElements() {
			return this.next <= HugeCsv.this.rows;
		}

		@Override
		public InputStream nextElement() {
			if (!hasMoreElements()) {
				throw new NoSuchElementException();
			}
			int row = this.next++;
			String text = (row == 0) ? HugeCsv.this.header : line(row);
			return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
		}

	}

}
