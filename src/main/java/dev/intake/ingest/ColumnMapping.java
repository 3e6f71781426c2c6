package dev.intake.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.intake.ingest.DuplicateColumns.Duplicate;
import dev.intake.ingest.DuplicateColumns.HeaderCell;
import dev.intake.ingest.internal.Column;

/**
 * Where each {@link Column} sits in one file, read from its header row.
 * <p>
 * Header cells are matched by their letters and digits only, ignoring case, so
 * {@code Full Name}, {@code full-name}, {@code FULL_NAME} and {@code "full_name"} with a
 * byte order mark all name {@link Column#FULL_NAME}. Unknown columns are ignored.
 */
final class ColumnMapping {

	private static final Map<String, Column> columnsByKey = columnsByKey();

	private final List<String> header;

	private final int[] indexes;

	private final List<String> unknownColumns;

	private final int[] unmappedIndexes;

	private final int namedWidth;

	private ColumnMapping(List<String> header, int[] indexes) {
		this.header = Collections.unmodifiableList(header);
		this.indexes = indexes;
		List<String> unknown = new ArrayList<>();
		List<Integer> unmapped = new ArrayList<>();
		int namedWidth = 0;
		for (int i = 0; i < header.size(); i++) {
			boolean named = !header.get(i).isEmpty();
			if (named) {
				namedWidth = i + 1;
			}
			if (!isMapped(i)) {
				unmapped.add(i);
				if (named) {
					unknown.add(header.get(i));
				}
			}
		}
		this.unknownColumns = List.copyOf(unknown);
		this.unmappedIndexes = unmapped.stream().mapToInt(Integer::intValue).toArray();
		this.namedWidth = namedWidth;
	}

	/**
	 * Maps a header row.
	 * @param header the header cells, as read
	 * @return the mapping
	 * @throws DuplicateColumns if two cells name the same column
	 * @throws MissingColumns if a required column is absent, or the header is blank
	 */
	static ColumnMapping of(List<String> header) {
		List<String> cells = new ArrayList<>(header.size());
		Map<Column, List<HeaderCell>> found = new EnumMap<>(Column.class);
		for (int i = 0; i < header.size(); i++) {
			String cell = displayText(header.get(i));
			cells.add(cell);
			Column column = columnsByKey.get(key(cell));
			if (column != null) {
				found.computeIfAbsent(column, (c) -> new ArrayList<>()).add(new HeaderCell(cell, i + 1));
			}
		}
		rejectDuplicates(found);
		rejectMissing(found);
		int[] indexes = new int[Column.values().length];
		Arrays.fill(indexes, -1);
		found.forEach((column, at) -> indexes[column.ordinal()] = at.get(0).position() - 1);
		return new ColumnMapping(cells, indexes);
	}

	private static void rejectDuplicates(Map<Column, List<HeaderCell>> found) {
		List<Duplicate> duplicates = new ArrayList<>();
		found.forEach((column, cells) -> {
			if (cells.size() > 1) {
				duplicates.add(new Duplicate(column.canonicalName(), cells));
			}
		});
		if (!duplicates.isEmpty()) {
			throw new DuplicateColumns(duplicates);
		}
	}

	private static void rejectMissing(Map<Column, List<HeaderCell>> found) {
		List<String> missing = new ArrayList<>();
		for (Column column : Column.values()) {
			if (column.required() && !found.containsKey(column)) {
				missing.add(column.canonicalName());
			}
		}
		if (!missing.isEmpty()) {
			throw new MissingColumns(missing);
		}
	}

	/**
	 * Returns the header cells, trimmed of spaces, quotes, zero-width characters and a
	 * byte order mark.
	 * @return the header cells
	 */
	List<String> header() {
		return this.header;
	}

	/**
	 * Returns the header cells that name no known column, as in {@link #header()}; blank
	 * cells are left out.
	 * @return the unknown columns, in header order
	 */
	List<String> unknownColumns() {
		return this.unknownColumns;
	}

	/**
	 * Returns the positions of the column, 0-based.
	 * @param column a column
	 * @return its index, or -1 when the file lacks it
	 */
	int indexOf(Column column) {
		return this.indexes[column.ordinal()];
	}

	/**
	 * Returns the name of a cell's column: the canonical name of a known column, else the
	 * header cell.
	 * @param index a 0-based index
	 * @return the name, or {@code null} past the header or under a blank header cell
	 */
	String nameAt(int index) {
		for (Column column : Column.values()) {
			if (this.indexes[column.ordinal()] == index) {
				return column.canonicalName();
			}
		}
		return (index < this.header.size() && !this.header.get(index).isEmpty()) ? this.header.get(index) : null;
	}

	/**
	 * Returns how many cells the header has.
	 * @return the header's width
	 */
	int width() {
		return this.header.size();
	}

	/**
	 * Returns how many cells the header has up to its last non-blank one, since
	 * spreadsheets often pad the header with blank cells that rows may lack.
	 * @return the width without trailing blank cells
	 */
	int namedWidth() {
		return this.namedWidth;
	}

	/**
	 * Returns the 0-based indexes of the cells that map to no column, blank ones
	 * included.
	 * @return the unmapped indexes, a fresh array
	 */
	int[] unmappedIndexes() {
		return this.unmappedIndexes.clone();
	}

	private boolean isMapped(int index) {
		for (int mapped : this.indexes) {
			if (mapped == index) {
				return true;
			}
		}
		return false;
	}

	private static String displayText(String cell) {
		if (cell == null) {
			return "";
		}
		int start = 0;
		int end = cell.length();
		while (start < end && isTrimmed(cell.charAt(start))) {
			start++;
		}
		while (end > start && isTrimmed(cell.charAt(end - 1))) {
			end--;
		}
		return cell.substring(start, end);
	}

	private static boolean isTrimmed(char c) {
		return Texts.isBlank(c) || c == '"' || c == '\'' || c == '`' || c == '\u201C' || c == '\u201D' || c == '\u2018'
				|| c == '\u2019' || c == '\u200C' || c == '\u200D' || c == '\u2060';
	}

	/** Reduces a header cell or alias to its lower-case letters and digits. */
	static String key(String text) {
		StringBuilder key = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isLetterOrDigit(c)) {
				key.append(Character.toLowerCase(c));
			}
		}
		return key.toString();
	}

	private static Map<String, Column> columnsByKey() {
		Map<String, Column> columns = new HashMap<>();
		for (Column column : Column.values()) {
			register(columns, column.canonicalName(), column);
			column.aliases().forEach((alias) -> register(columns, alias, column));
		}
		return Map.copyOf(columns);
	}

	private static void register(Map<String, Column> columns, String name, Column column) {
		Column previous = columns.put(key(name), column);
		if (previous != null && previous != column) {
			throw new IllegalStateException("Column name " + name + " is claimed twice");
		}
	}

}
