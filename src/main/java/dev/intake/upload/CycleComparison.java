package dev.intake.upload;

import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * Compares the rows of an upload that is being validated with the previous cycle of its
 * tenant, before they are dropped: what it would change if it were stored. Implemented by
 * the module that owns cycle-to-cycle changes.
 */
public interface CycleComparison {

	/**
	 * Emits the counts, in the caller's transaction; errors as the database does.
	 * @param table the SQL name of the table that holds the upload's rows
	 */
	Mono<ChangeCounts> wouldChange(UUID uploadId, String table);

}
