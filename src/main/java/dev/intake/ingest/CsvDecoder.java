package dev.intake.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

import dev.intake.system.Limits;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JsonParser;
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
			.generate(() -> new RecordCursor(parser(input), null, 0, this.maxColumns, this.maxRecordLength),
					RecordCursor::next, RecordCursor::close)
			.onErrorMap(CsvDecoder::openingFailed, (ex) -> CsvFailures.failureOf((RuntimeException) ex, 0));
	}

	private Flux<CsvRecord> pieceRecords(CountingUtf8Reader input, long firstRow) {
		return Flux
			.generate(() -> new RecordCursor(parser(input), input, firstRow, this.maxColumns, this.maxRecordLength),
					RecordCursor::next, RecordCursor::close)
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

	private static void closeQuietly(InputStream input) {
		try {
			input.close();
		}
		catch (IOException ex) {
			// Closing only cancels the body; there is nothing left to report.
		}
	}

}
