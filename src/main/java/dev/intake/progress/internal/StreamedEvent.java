package dev.intake.progress.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.intake.progress.ProgressEvent;

/**
 * A progress event as it is relayed to subscribers: its JSON, and where it came from.
 *
 * @param id the SSE id: the Redis stream entry id, or for a state read from PostgreSQL an
 * id made from when that state was stored, ordered with the stream ids (see
 * {@link UploadPositions}); {@code null} only before the relay gave it one
 * @param type {@code started}, {@code progress}, {@code completed} or {@code failed}
 * @param uploadId the upload
 * @param rowsProcessed the rows the upload had read at this event, with the type its
 * position among the upload's events; {@code null} for stream entries written before
 * Intake stored it
 * @param stored whether the event is a state read from PostgreSQL rather than a stream
 * entry
 * @param json the {@link ProgressEvent} as JSON
 */
public record StreamedEvent(String id, String type, UUID uploadId, Long rowsProcessed, boolean stored, String json) {

	static final String TYPE = "type";

	static final String UPLOAD = "upload";

	static final String ROWS = "rows";

	static final String DATA = "data";

	private static final String AWAITING_CONTENT = "AWAITING_CONTENT";

	/** A stream entry's event, without a position. */
	public StreamedEvent(String id, String type, UUID uploadId, String json) {
		this(id, type, uploadId, null, false, json);
	}

	/** An event read from a stream entry written by {@link #fieldsOf}. */
	static StreamedEvent fromEntry(String id, Map<String, String> fields) {
		String type = fields.getOrDefault(TYPE, ProgressEvent.PROGRESS);
		String rows = fields.get(ROWS);
		return new StreamedEvent(id, type, UUID.fromString(fields.get(UPLOAD)),
				(rows != null) ? Long.valueOf(rows) : null, false, fields.get(DATA));
	}

	/**
	 * An upload's state read from PostgreSQL rather than from a stream; no id yet. One
	 * that awaits its content has no position: it comes before every stream event.
	 */
	static StreamedEvent ofState(ProgressEvent state, String json) {
		Long rows = AWAITING_CONTENT.equals(state.status()) ? null : state.rowsProcessed();
		return new StreamedEvent(null, state.type(), state.uploadId(), rows, true, json);
	}

	/** The fields of the stream entry that stores an event. */
	static Map<String, String> fieldsOf(ProgressEvent event, String json) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put(TYPE, event.type());
		fields.put(UPLOAD, event.uploadId().toString());
		fields.put(ROWS, Long.toString(event.rowsProcessed()));
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

	StreamedEvent withId(StreamId newId) {
		return new StreamedEvent(newId.toString(), this.type, this.uploadId, this.rowsProcessed, this.stored,
				this.json);
	}

}
