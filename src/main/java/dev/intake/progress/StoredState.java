package dev.intake.progress;

import java.time.Instant;

/**
 * An upload's state as PostgreSQL has it, and when it was stored: the position of a state
 * read from PostgreSQL among the events of its tenant.
 *
 * @param event the state as an event (terminal if the upload is final)
 * @param changedAt when the upload's status or counts last changed
 */
public record StoredState(ProgressEvent event, Instant changedAt) {

}
