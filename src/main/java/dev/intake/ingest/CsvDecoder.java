package dev.intake.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import dev.intake.system.Limits;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SynchronousSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.dataformat.csv.CsvFactory;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.stereotype.Component;

/**
 * Decodes a CSV body into records while the body is still arriving.
 * <p>
 * Jackson's CSV parser only reads blocking streams, so the body is exposed through
 * {@link DataBufferUtils#subscriberInputStream} and parsed on a bounded-elastic worker,
 * never on an event-loop thread. The stream asks the body for a few buffers at a time,
 * and the parser reads only as far as downstream demand, so a slow consumer slows the
 * reading of the socket instead of growing the heap.
 * <p>
 * Emits the header as record 0, then one record per non-blank data row. A body that is
 * not UTF-8 text is refused by the {@link ContentSniffer} before parsing (stage
 * {@code header}); ill-formed UTF-8 anywhere by the {@link Utf8Check}. A malformed file
 * (an unterminated quote, invalid UTF-8, a cell, record or column count over its
 * {@link Limits limit}) ends the flux with an {@link IngestFailure} of stage
 * {@code parse}; an error of the body itself with one of stage {@code receive}. On cancel
 * the input stream is closed, which cancels the body and releases its buffered data.
 */
@Component
class CsvDecoder {

	/** How many body buffers may wait between the socket and the parser. */
	private static final int BODY_BUFFERS_IN_FLIGHT = 8;

	private final CsvMapper mapper;

	private final int maxColumns;

	private final int maxRecordLength;

	private final Scheduler scheduler = Schedulers.boundedElastic();

	CsvDecoder(Limits limits) {
		StreamReadConstraints constraints = StreamReadConstraints.builder()
			.maxStringLength(limits.maxFieldLength())
			.build();
		this.mapper = CsvMapper.builder(CsvFactory.builder().streamReadConstraints(constraints).build())
			.enable(CsvReadFeature.WRAP_AS_ARRAY)
			.build();
		this.maxColumns = limits.maxColumns();
		this.maxRecordLength = limits.maxRecordLength();
	}

	Flux<CsvRecord> decode(Flux<DataBuffer> body) {
		return Flux.using(() -> DataBufferUtils.subscriberInputStream(
				CsvFailures.markReceiveErrors(Utf8Check.checked(ContentSniffer.checked(body))), BODY_BUFFERS_IN_FLIGHT),
				this::records, CsvDecoder::closeQuietly)
			.subscribeOn(this.scheduler);
	}

	/**
	 * Decodes one piece of a resumable upload's file, which starts at a record boundary:
	 * at byte {@code offset} of the file, with {@code firstRow} the number of its first
	 * record (0 at the start of the file, where the header comes first). Each record
	 * carries its {@link CsvRecord#end() end} in the file.
	 * <p>
	 * A piece that is not the {@code last} may end anywhere, in the middle of a record, a
	 * quoted cell or a UTF-8 character: the flux then completes after the last record
	 * whose line ending was read, and what follows it is left for the next piece. Errors
	 * and cancellation as {@link #decode(Flux)}.
	 */
	Flux<CsvRecord> decode(Flux<DataBuffer> body, long offset, long firstRow, boolean last) {
		Flux<DataBuffer> piece = last ? body : body.concatWith(Flux.error(PieceEnded::new));
		return Flux.using(
				() -> DataBufferUtils.subscriberInputStream(
						CsvFailures.markReceiveErrors(Utf8Check.checked(ContentSniffer.checked(piece))),
						BODY_BUFFERS_IN_FLIGHT),
				(input) -> pieceRecords(new CountingUtf8Reader(input, offset), firstRow), CsvDecoder::closeQuietly)
			.subscribeOn(this.scheduler);
	}

	private Flux<CsvRecord> records(InputStream input) {
		return Flux
			.generate(() -> new Cursor(parser(input), null, 0, this.maxColumns, this.maxRecordLength), this::next,
					Cursor::close)
			.onErrorMap(CsvDecoder::openingFailed, (ex) -> CsvFailures.failureOf((RuntimeException) ex, 0));
	}

	private Flux<CsvRecord> pieceRecords(CountingUtf8Reader input, long firstRow) {
		return Flux
			.generate(() -> new Cursor(parser(input), input, firstRow, this.maxColumns, this.maxRecordLength),
					this::next, Cursor::close)
			.onErrorMap(CsvDecoder::openingFailed, (ex) -> CsvFailures.failureOf((RuntimeException) ex, firstRow));
	}

	private JsonParser parser(Reader input) {
		return this.mapper.reader().with(CsvSchema.emptySchema()).createParser(input);
	}

	/** An error of the parser's first read, which happens while it is created. */
	private static boolean openingFailed(Throwable ex) {
		return ex instanceof RuntimeException && !(ex instanceof IngestFailure);
	}

	private JsonParser parser(InputStream input) {
		return this.mapper.reader().with(CsvSchema.emptySchema()).createParser(input);
	}

	private Cursor next(Cursor cursor, SynchronousSink<CsvRecord> sink) {
		try {
			List<String> fields = cursor.nextRecord();
			if (fields == null) {
				sink.complete();
			}
			else {
				sink.next(new CsvRecord(cursor.count++, fields, cursor.end()));
			}
		}
		catch (RuntimeException ex) {
			if (CsvFailures.causeOf(ex, PieceEnded.class) != null || cursor.pieceEnded()) {
				sink.complete();
			}
			else {
				sink.error(CsvFailures.failureOf(ex, cursor.count));
			}
		}
		return cursor;
	}

	private static void closeQuietly(InputStream input) {
		try {
			input.close();
		}
		catch (IOException ex) {
			// Closing only cancels the body; there is nothing left to report.
		}
	}

	/** Reads one record at a time from Jackson's token stream. */
	private static final class Cursor {

		private final JsonParser parser;

		private final CountingUtf8Reader positions;

		private final int maxColumns;

		private final int maxRecordLength;

		private long count;

		Cursor(JsonParser parser, CountingUtf8Reader positions, long first, int maxColumns, int maxRecordLength) {
			this.parser = parser;
			this.positions = positions;
			this.count = first;
			this.maxColumns = maxColumns;
			this.maxRecordLength = maxRecordLength;
		}

		/** Whether the piece ended, after a line ending, while the parser read. */
		boolean pieceEnded() {
			return this.positions != null && this.positions.pieceEnded();
		}

		/**
		 * The byte offset just after the record last read, its line ending included (of a
		 * CRLF, the CR: the LF starts a blank line); {@code -1} when not counted.
		 */
		long end() {
			return (this.positions != null) ? this.positions.byteOffset(this.parser.currentLocation().getCharOffset())
					: -1;
		}

		List<String> nextRecord() {
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

}
