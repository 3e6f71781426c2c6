package dev.intake.progress;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A progress event as it is relayed to subscribers: its JSON, and where it came from.
 *
 * @param id the Redis stream entry id, or {@code null} for a state read from PostgreSQL
 * (such an event does not move a subscriber's {@code Last-Event-ID})
 * @param type {@code started}, {@code progress}, {@code completed} or {@code failed}
 * @param uploadId the upload
 * @param json the {@link ProgressEvent} as JSON
 */
public record StreamedEvent(String id, String type, UUID uploadId, String json) {

	static final String TYPE = "type";

	static final String UPLOAD = "upload";

	static final String DATA = "data";

	/** An event read from a stream entry written by {@link #fieldsOf}. */
	static StreamedEvent fromEntry(String id, Map<String, String> fields) {
		String type = fields.getOrDefault(TYPE, ProgressEvent.PROGRESS);
		return new StreamedEvent(id, type, UUID.fromString(fields.get(UPLOAD)), fields.get(DATA));
	}

	/** An upload's state read from PostgreSQL rather than from a stream. */
	static StreamedEvent ofState(ProgressEvent state, String json) {
		return new StreamedEvent(null, state.type(), state.uploadId(), json);
	}

	/** The fields of the stream entry that stores an event. */
	static Map<String, String> fieldsOf(ProgressEvent event, String json) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put(TYPE, event.type());
		fields.put(UPLOAD, event.uploadId().toString());
		fields.put(DATA, json);
		return fields;
	}

	public boolean isTerminal() {
		return ProgressEvent.COMPLETED.equals(this.type) || ProgressEvent.FAILED.equals(this.type);
	}

	/** Whether a slow subscriber may miss this event: only progress events conflate. */
	public boolean isProgress() {
		return ProgressEvent.PROGRESS.equals(this.type);
	}

	StreamId streamId() {
		return (this.id != null) ? StreamId.parse(this.id) : null;
	}

}
