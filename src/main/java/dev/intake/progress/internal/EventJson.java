package dev.intake.progress.internal;

import dev.intake.progress.ProgressEvent;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Writes progress events as the JSON that streams store and subscribers receive, with the
 * application's JSON settings.
 */
@Component
class EventJson {

	private final JsonMapper mapper;

	EventJson(JsonMapper mapper) {
		this.mapper = mapper;
	}

	String write(ProgressEvent event) {
		return this.mapper.writeValueAsString(event);
	}

	/** An upload's state read from PostgreSQL, as an event without an id yet. */
	StreamedEvent stateOf(ProgressEvent state) {
		return StreamedEvent.ofState(state, write(state));
	}

}
