package dev.intake.upload.internal;

import java.util.UUID;

import dev.intake.ingest.IngestedRows;
import dev.intake.system.DatabaseCalls;
import dev.intake.tenant.TenantId;
import dev.intake.upload.Upload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Completes an upload in one transaction: with its row locked, its repeated rows become
 * row errors, its rows are indexed and attached to {@code customers}, and its status and
 * counts are final, and its {@code upload.completed} webhook event is written. The rows,
 * the status and the event become visible together, or not at all.
 */
@Component
class UploadCompletion {

	private static final Logger log = LoggerFactory.getLogger(UploadCompletion.class);

	private final UploadTransitions transitions;

	private final IngestedRows rows;

	private final TransactionalOperator transactions;

	private final TerminalEvents events;

	UploadCompletion(UploadTransitions transitions, IngestedRows rows, TransactionalOperator transactions,
			TerminalEvents events) {
		this.events = events;
		this.transitions = transitions;
		this.rows = rows;
		this.transactions = transactions;
	}

	/**
	 * Emits the completed upload; empty if it was no longer processing. Once it is
	 * committed, small uploads' partitions are merged if there are enough of them.
	 */
	Mono<Upload> complete(TenantId tenant, UUID id, long bytesReceived) {
		return this.transitions.lockProcessing(id)
			.flatMap((locked) -> this.rows.publish(id))
			.flatMap((repeats) -> this.transitions.complete(id, bytesReceived, repeats))
			.flatMap((completed) -> this.events.record(tenant, completed))
			.as(this.transactions::transactional)
			.as(DatabaseCalls::longRunning)
			.elapsed()
			.doOnNext((timed) -> log.atInfo()
				.addKeyValue(UploadProcessing.UPLOAD_ID, id)
				.log("Upload {} published its rows in {} ms", id, timed.getT1()))
			.map(Tuple2::getT2)
			.doOnNext((completed) -> this.rows.compact());
	}

}
