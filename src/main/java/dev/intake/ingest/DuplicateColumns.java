package dev.intake.ingest;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Several header cells name the same column, so which one to read would be a guess.
 */
final class DuplicateColumns extends HeaderRejected {

	private static final long serialVersionUID = 1L;

	private final List<Duplicate> duplicates;

	DuplicateColumns(List<Duplicate> duplicates) {
		super(messageOf(duplicates));
		this.duplicates = List.copyOf(duplicates);
	}

	private static String messageOf(List<Duplicate> duplicates) {
		return duplicates.stream()
			.map(Duplicate::describe)
			.collect(Collectors.joining("; ", "The header names the same column more than once: ", ""));
	}

	@Override
	public String code() {
		return "duplicate-columns";
	}

	/**
	 * Returns each column named more than once, with the header cells naming it.
	 * @return the duplicates, in Intake's column order
	 */
	List<Duplicate> duplicates() {
		return this.duplicates;
	}

	/**
	 * One column named by several header cells.
	 *
	 * @param column the canonical column name, like {@code primary_phone}
	 * @param cells the header cells naming it, in header order
	 */
	public record Duplicate(String column, List<HeaderCell> cells) {

		public Duplicate {
			cells = List.copyOf(cells);
		}

		String describe() {
			return this.column + " as "
					+ this.cells.stream()
						.map((cell) -> "\"" + cell.text() + "\" (column " + cell.position() + ")")
						.collect(Collectors.joining(" and "));
		}

	}

	/**
	 * One header cell.
	 *
	 * @param text the cell's text as written, trimmed
	 * @param position its position, 1 for the first column
	 */
	public record HeaderCell(String text, int position) {

	}

}
