package dev.intake.upload;

import java.util.UUID;

/**
 * Published once an upload has reached {@code COMPLETED} or
 * {@code COMPLETED_WITH_ERRORS}, on the thread that stored that state.
 *
 * @param uploadId the completed upload
 */
public record UploadCompleted(UUID uploadId) {

}
