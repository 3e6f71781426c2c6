package dev.intake.ingest;

import java.util.List;

/**
 * A batch's validated rows, with the end in the file and the number of its last record.
 */
record ValidatedBatch(List<ValidatedRow> rows, long end, long lastRow) {

}
