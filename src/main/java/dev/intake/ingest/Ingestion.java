package dev.intake.ingest;

import java.util.Map;
import java.util.UUID;

import dev.intake.customer.PhoneNumbers;
import dev.intake.ingest.IngestEvent.BatchWritten;
import dev.intake.ingest.IngestEvent.HeaderAccepted;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Signal;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.stereotype.Service;

/**
 * The ingest pipeline: body bytes → CSV records → validated rows → batches → committed
 * writes, under backpressure end to end.
 * <p>
 * Emits one {@link HeaderAccepted}, then one {@link BatchWritten} per committed batch,
 * and completes when the last batch is committed. Only one batch is written at a time
 * while the next one is prepared, so a slow database slows the reading of the body
 * instead of growing the heap. A fatal problem ends the flux with an
 * {@link IngestFailure} naming its stage; batches committed before it stay stored, for
 * the upload lifecycle to clean up. On cancel, the body is cancelled and the batch in
 * flight is abandoned.
 */
@Service
public class Ingestion {

	private final CsvDecoder decoder;

	private final RowBatchWriter writer;

	private final PhoneNumbers phones;

	private final NationalIds nationalIds;

	private final IngestSettings settings;

	Ingestion(CsvDecoder decoder, RowBatchWriter writer, PhoneNumbers phones, NationalIds nationalIds,
			IngestSettings settings) {
		this.decoder = decoder;
		this.writer = writer;
		this.phones = phones;
		this.nationalIds = nationalIds;
		this.settings = settings;
	}

	public Flux<IngestEvent> ingest(UUID uploadId, Flux<DataBuffer> body) {
		return this.decoder.decode(body)
			.switchOnFirst((first, records) -> afterHeader(uploadId, first, records.skip(1)));
	}

	private Flux<IngestEvent> afterHeader(UUID uploadId, Signal<? extends CsvRecord> first, Flux<CsvRecord> records) {
		if (!first.hasValue()) {
			return first.hasError() ? Flux.error(first.getThrowable()) : Flux.error(emptyFile());
		}
		ColumnMapping mapping = mappingOf(first.get());
		RowValidator validator = new RowValidator(uploadId, mapping, this.phones, this.nationalIds);
		return rows(uploadId, validator, records)
			.startWith(new HeaderAccepted(mapping.header(), mapping.unknownColumns()));
	}

	private Flux<IngestEvent> rows(UUID uploadId, RowValidator validator, Flux<CsvRecord> records) {
		return records.map((record) -> validator.validate(record.number(), record.fields()))
			.buffer(this.settings.batchSize())
			.concatMap((batch) -> this.writer.write(uploadId, batch), 1)
			.scan(BatchWritten.NONE, BatchWritten::plus)
			.skip(1)
			.cast(IngestEvent.class);
	}

	private static ColumnMapping mappingOf(CsvRecord header) {
		try {
			return ColumnMapping.of(header.fields());
		}
		catch (HeaderRejected ex) {
			throw new IngestFailure(IngestFailure.Stage.HEADER, ex.code(), ex.getMessage(), ex, detailsOf(ex));
		}
	}

	private static Map<String, Object> detailsOf(HeaderRejected rejected) {
		if (rejected instanceof MissingColumns missing) {
			return Map.of("missingColumns", missing.missing());
		}
		if (rejected instanceof DuplicateColumns duplicate) {
			return Map.of("duplicateColumns", duplicate.duplicates());
		}
		return Map.of();
	}

	private static IngestFailure emptyFile() {
		return new IngestFailure(IngestFailure.Stage.HEADER, "empty-file",
				"The file is empty: a header row with the column names is required");
	}

}
