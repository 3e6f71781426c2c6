package dev.intake.ingest;

import dev.intake.ingest.internal.Column;

/**
 * Where each of Intake's columns sits in one upload's rows, read once from its header
 * mapping: {@code -1} for a column the header lacks.
 */
final class ColumnIndexes {

	private final int[] indexes = new int[Column.values().length];

	ColumnIndexes(ColumnMapping mapping) {
		for (Column column : Column.values()) {
			this.indexes[column.ordinal()] = mapping.indexOf(column);
		}
	}

	int of(Column column) {
		return this.indexes[column.ordinal()];
	}

}
