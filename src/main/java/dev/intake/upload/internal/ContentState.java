package dev.intake.upload.internal;

import java.time.Instant;

import dev.intake.upload.Upload;

/**
 * Where an upload stands in its file.
 *
 * @param upload the upload
 * @param offset the byte offset the next piece starts at (the file's length once
 * complete)
 * @param interruptedAt when it was last interrupted, or {@code null}
 */
record ContentState(Upload upload, long offset, Instant interruptedAt) {

}
