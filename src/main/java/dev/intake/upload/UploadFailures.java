package dev.intake.upload;

import java.util.UUID;

import dev.intake.customer.CustomerEntries;
import dev.intake.ingest.IngestFailure;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Fails an upload and removes its entries in one transaction, so a failed upload never
 * keeps entries behind.
 */
@Component
class UploadFailures {

	private final Uploads uploads;

	private final CustomerEntries entries;

	private final TransactionalOperator transactions;

	UploadFailures(Uploads uploads, CustomerEntries entries, TransactionalOperator transactions) {
		this.uploads = uploads;
		this.entries = entries;
		this.transactions = transactions;
	}

	/**
	 * Emits the failed upload, or nothing if it was final already (then any entries it
	 * got after it was failed elsewhere are removed too, never those of a completed one).
	 */
	Mono<Upload> fail(UUID id, IngestFailure failure, long bytesReceived) {
		return this.uploads.fail(id, failure, bytesReceived)
			.flatMap((upload) -> this.entries.deleteUpload(id).thenReturn(upload))
			.switchIfEmpty(Mono.defer(() -> this.entries.deleteUpload(id).then(Mono.empty())))
			.as(this.transactions::transactional);
	}

}
