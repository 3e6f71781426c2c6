package dev.intake.testing;

import java.util.Map;
import java.util.UUID;

/**
 * An upload as the API answered it: the fields tests look at most, typed, and the whole
 * JSON object for the rest.
 *
 * @param id the upload's id
 * @param status its status ({@code COMPLETED}, {@code AWAITING_CONTENT}, ...)
 * @param rowsTotal the rows read so far
 * @param rowsSucceeded the rows stored
 * @param rowsFailed the rows refused
 * @param json the whole answer
 */
public record UploadSummary(UUID id, String status, long rowsTotal, long rowsSucceeded, long rowsFailed,
		Map<String, Object> json) {

	/** The summary of this JSON answer. */
	public static UploadSummary of(Map<String, Object> json) {
		return new UploadSummary(UUID.fromString((String) json.get("id")), (String) json.get("status"),
				count(json, "rowsTotal"), count(json, "rowsSucceeded"), count(json, "rowsFailed"), json);
	}

	/** A field of the answer. */
	public Object get(String field) {
		return this.json.get(field);
	}

	private static long count(Map<String, Object> json, String field) {
		return (json.get(field) instanceof Number number) ? number.longValue() : 0;
	}

}
