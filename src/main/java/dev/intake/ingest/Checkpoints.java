package dev.intake.ingest;

import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * Stores a resumable upload's {@link Checkpoint} inside the transaction of the batch that
 * reached it; an error rolls the batch back and ends the ingest with it.
 */
@FunctionalInterface
public interface Checkpoints {

	Mono<Void> store(UUID uploadId, Checkpoint checkpoint);

}
