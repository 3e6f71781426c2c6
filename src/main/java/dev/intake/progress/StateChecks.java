package dev.intake.progress;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Reads upload states from PostgreSQL for subscribers, for when Redis cannot tell them:
 * while the reader finds Redis away, every change of state (every {@code fallback-poll});
 * and, while Redis works, a final state that PostgreSQL has shown twice a heartbeat apart
 * without its terminal event coming, in case that event was lost. The states come as
 * events without a stream id. A failing read is skipped.
 */
@Component
class StateChecks {

	private final UploadStates states;

	private final StreamReader reader;

	private final EventJson json;

	private final ProgressSettings settings;

	StateChecks(UploadStates states, StreamReader reader, EventJson json, ProgressSettings settings) {
		this.states = states;
		this.reader = reader;
		this.json = json;
		this.settings = settings;
	}

	/** For a subscriber to one upload; never completes by itself. */
	Flux<StreamedEvent> ofUpload(UUID uploadId) {
		return this.reader.working()
			.switchMap((working) -> working ? lostEnding(uploadId) : everyChange(List.of(uploadId)));
	}

	/**
	 * For a subscriber to the feed, while Redis is away: the uploads it has seen running;
	 * never completes by itself.
	 * @param running the ids of those uploads, kept up to date by the subscriber
	 */
	Flux<StreamedEvent> ofUploads(Collection<UUID> running) {
		return this.reader.working().switchMap((working) -> working ? Flux.empty() : everyChange(running));
	}

	private Flux<StreamedEvent> lostEnding(UUID uploadId) {
		Duration heartbeat = this.settings.heartbeat();
		return Flux.interval(heartbeat, heartbeat)
			.onBackpressureDrop()
			.concatMap((tick) -> current(uploadId))
			.filter(ProgressEvent::isTerminal)
			.skip(1)
			.take(1)
			.map(this.json::stateOf);
	}

	private Flux<StreamedEvent> everyChange(Collection<UUID> uploadIds) {
		return Flux.defer(() -> {
			Map<UUID, List<Object>> lastSeen = new HashMap<>();
			return Flux.interval(Duration.ZERO, this.settings.fallbackPoll())
				.onBackpressureDrop()
				.concatMap((tick) -> Flux.fromIterable(List.copyOf(uploadIds)).concatMap(this::current))
				.filter((state) -> !countsOf(state).equals(lastSeen.put(state.uploadId(), countsOf(state))))
				.map(this.json::stateOf);
		});
	}

	private Mono<ProgressEvent> current(UUID uploadId) {
		return this.states.current(uploadId).onErrorResume((ex) -> Mono.empty());
	}

	private static List<Object> countsOf(ProgressEvent state) {
		return List.of(state.status(), state.rowsProcessed(), state.rowsSucceeded(), state.rowsFailed());
	}

}
