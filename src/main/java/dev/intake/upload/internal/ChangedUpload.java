package dev.intake.upload.internal;

import java.time.Instant;

import dev.intake.upload.Upload;

/** An upload, and when its state last changed. */
record ChangedUpload(Upload upload, Instant changedAt) {

}
