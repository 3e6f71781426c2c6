package dev.intake.upload.internal;

/**
 * Why an upload failed.
 *
 * @param stage where it failed: {@code receive}, {@code header}, {@code parse},
 * {@code write}, {@code finalize} or {@code recovery}
 * @param code a stable machine code, such as {@code missing-columns}
 * @param message what happened, for people
 */
public record UploadError(String stage, String code, String message) {

}
