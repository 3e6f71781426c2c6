package dev.intake.upload.internal;

import java.time.Duration;

/**
 * The lease an instance takes on an upload it processes: stored with the upload when it
 * starts, renewed by every heartbeat.
 *
 * @param owner the instance, as {@code lease_owner}
 * @param length how long the lease lasts without a heartbeat
 */
record Lease(String owner, Duration length) {

}
