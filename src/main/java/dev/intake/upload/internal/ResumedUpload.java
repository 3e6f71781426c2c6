package dev.intake.upload.internal;

import java.util.List;
import java.util.UUID;

import dev.intake.upload.Upload;

/**
 * An upload moved to processing for its next piece, with where the piece starts.
 *
 * @param upload the upload, with the counts committed so far
 * @param piece the id of this piece: only its batches may store checkpoints
 * @param offset the byte offset in the file where the piece starts
 * @param nextRow the number of the piece's first record
 * @param header the stored header cells; empty before the first batch
 */
record ResumedUpload(Upload upload, UUID piece, long offset, long nextRow, List<String> header) {

}
