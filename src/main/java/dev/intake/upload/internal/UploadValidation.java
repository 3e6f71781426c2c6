package dev.intake.upload.internal;

import java.util.UUID;

import dev.intake.ingest.IngestedRows;
import dev.intake.system.DatabaseCalls;
import dev.intake.tenant.TenantId;
import dev.intake.upload.CycleComparison;
import dev.intake.upload.Upload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Ends an upload sent only to be validated, in one transaction: with its row locked, its
 * repeated rows become row errors, its rows are compared with the previous cycle, its
 * table is dropped, its status becomes {@code VALIDATED} with its counts and the counts
 * of changes it would make, and its {@code upload.validated} webhook event is written. No
 * row becomes a customer entry; the row errors stay readable.
 */
@Component
class UploadValidation {

	private static final Logger log = LoggerFactory.getLogger(UploadValidation.class);

	private final UploadTransitions transitions;

	private final IngestedRows rows;

	private final CycleComparison comparison;

	private final TransactionalOperator transactions;

	private final TerminalEvents events;

	UploadValidation(UploadTransitions transitions, IngestedRows rows, CycleComparison comparison,
			TransactionalOperator transactions, TerminalEvents events) {
		this.transitions = transitions;
		this.rows = rows;
		this.comparison = comparison;
		this.transactions = transactions;
		this.events = events;
	}

	/** Emits the validated upload; empty if it was no longer processing. */
	Mono<Upload> validate(TenantId tenant, UUID id, long bytesReceived) {
		return this.transitions.lockProcessing(id)
			.flatMap((locked) -> this.rows.checkRepeats(id))
			.flatMap((repeats) -> this.comparison.wouldChange(id, IngestedRows.tableOf(id))
				.flatMap((changes) -> this.transitions.validate(id, bytesReceived, repeats, changes)))
			.flatMap((validated) -> this.rows.discard(id).thenReturn(validated))
			.flatMap((validated) -> this.events.record(tenant, validated))
			.as(this.transactions::transactional)
			.as(DatabaseCalls::longRunning)
			.elapsed()
			.doOnNext((timed) -> log.atInfo()
				.addKeyValue(UploadProcessing.UPLOAD_ID, id)
				.log("Upload {} validated in {} ms", id, timed.getT1()))
			.map(Tuple2::getT2);
	}

}
