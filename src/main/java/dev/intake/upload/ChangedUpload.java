package dev.intake.upload;

import java.time.Instant;

/** An upload, and when its state last changed. */
record ChangedUpload(Upload upload, Instant changedAt) {

}
