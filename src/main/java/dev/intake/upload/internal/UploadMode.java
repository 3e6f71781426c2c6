package dev.intake.upload.internal;

/**
 * What an upload's content is for: {@code STORE} makes its rows customer entries and the
 * upload a cycle; {@code VALIDATE} ({@code mode=validate}) runs every check and compares
 * with the previous cycle, then keeps only the counts and row errors, and ends
 * {@code VALIDATED}.
 */
public enum UploadMode {

	STORE, VALIDATE

}
