package dev.intake.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.SynchronousSink;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads one record at a time from Jackson's token stream: the state of the
 * {@link CsvDecoder}'s generator, numbering the records and, for a piece of a resumable
 * upload, telling where each ends in the file.
 */
final class RecordCursor {

	private final JsonParser parser;

	private final CountingUtf8Reader positions;

	private final int maxColumns;

	private final int maxRecordLength;

	private long count;

	RecordCursor(JsonParser parser, CountingUtf8Reader positions, long first, int maxColumns, int maxRecordLength) {
		this.parser = parser;
		this.positions = positions;
		this.count = first;
		this.maxColumns = maxColumns;
		this.maxRecordLength = maxRecordLength;
	}

	/**
	 * Emits the next non-blank record; completes after the last one, or where a piece
	 * that is not the last ends; fails with an {@link IngestFailure} of what went wrong
	 * ({@link CsvFailures#failureOf}).
	 */
	RecordCursor next(SynchronousSink<CsvRecord> sink) {
		try {
			List<String> fields = nextRecord();
			if (fields == null) {
				sink.complete();
			}
			else {
				sink.next(new CsvRecord(this.count++, fields, end()));
			}
		}
		catch (RuntimeException ex) {
			if (CsvFailures.causeOf(ex, PieceEnded.class) != null || pieceEnded()) {
				sink.complete();
			}
			else {
				sink.error(CsvFailures.failureOf(ex, this.count));
			}
		}
		return this;
	}

	/** Whether the piece ended, after a line ending, while the parser read. */
	private boolean pieceEnded() {
		return this.positions != null && this.positions.pieceEnded();
	}

	/**
	 * The byte offset just after the record last read, its line ending included (of a
	 * CRLF, the CR: the LF starts a blank line); {@code -1} when not counted.
	 */
	private long end() {
		return (this.positions != null) ? this.positions.byteOffset(this.parser.currentLocation().getCharOffset()) : -1;
	}

	private List<String> nextRecord() {
		JsonToken token;
		while ((token = this.parser.nextToken()) != null) {
			if (token == JsonToken.START_ARRAY && this.parser.streamReadContext().getParent().inArray()) {
				List<String> fields = fields();
				if (!isBlank(fields)) {
					return fields;
				}
			}
		}
		return null;
	}

	private List<String> fields() {
		List<String> fields = new ArrayList<>();
		long length = 0;
		JsonToken token;
		while ((token = this.parser.nextToken()) == JsonToken.VALUE_STRING) {
			if (fields.size() == this.maxColumns) {
				throw tooManyColumns();
			}
			String field = this.parser.getString();
			length += field.length();
			if (length > this.maxRecordLength) {
				throw recordTooLarge();
			}
			fields.add(field);
		}
		if (token != JsonToken.END_ARRAY) {
			throw new UncheckedIOException(new IOException("Unexpected end of record"));
		}
		return fields;
	}

	private IngestFailure tooManyColumns() {
		return new IngestFailure(IngestFailure.Stage.PARSE, "too-many-columns",
				"Record %d has more than %d cells, the limit of intake.limits.max-columns".formatted(this.count,
						this.maxColumns));
	}

	private IngestFailure recordTooLarge() {
		return new IngestFailure(IngestFailure.Stage.PARSE, "record-too-large",
				"Record %d has more than %d characters, the limit of intake.limits.max-record-length"
					.formatted(this.count, this.maxRecordLength));
	}

	private static boolean isBlank(List<String> fields) {
		return fields.size() == 1 && fields.get(0).isEmpty();
	}

	void close() {
		this.parser.close();
	}

}
