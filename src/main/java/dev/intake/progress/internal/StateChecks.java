package dev.intake.progress.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

import dev.intake.progress.ProgressEvent;
import dev.intake.progress.StoredState;
import dev.intake.progress.UploadStates;
import dev.intake.tenant.TenantId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Reads upload states from PostgreSQL for subscribers, for when Redis cannot tell them.
 * While progress streams cannot be published or read on this instance, every
 * {@code fallback-poll}: the subscribed upload's state, or the tenant's uploads whose
 * state changed since a little before the newest event the subscriber has (an indexed
 * read of the tenant's recent changes), so uploads started during the outage show too.
 * While Redis works, an upload's final state that PostgreSQL has shown twice a heartbeat
 * apart without its terminal event coming, in case that event was lost; and, for a
 * subscriber that resumes, what changed after its {@code Last-Event-ID}, in case those
 * events never reached Redis. The states come as events marked
 * {@link StreamedEvent#stored()}, with the id of when they were stored, for
 * {@link UploadPositions} to join with the stream's events. A failing read is skipped.
 */
@Component
class StateChecks {

	/**
	 * How far before the newest event sent a poll reads again, for changes committed
	 * late.
	 */
	static final Duration READ_BACK = Duration.ofSeconds(2);

	/**
	 * How long a state read from PostgreSQL for a resuming subscriber is held back before
	 * it is sent: an upload's state is committed before its event is published, so a
	 * state read now may be one whose stream entry is on its way. Held back this long,
	 * the entry comes first and the state is dropped as a duplicate; only a state whose
	 * event never reached Redis is sent.
	 */
	static final Duration PUBLISH_LAG = READ_BACK;

	/** The most states one poll of a tenant's changes reads. */
	static final int POLL_LIMIT = 500;

	private final UploadStates states;

	private final StreamReader reader;

	private final StreamPublisher publisher;

	private final EventJson json;

	private final ProgressSettings settings;

	StateChecks(UploadStates states, StreamReader reader, StreamPublisher publisher, EventJson json,
			ProgressSettings settings) {
		this.states = states;
		this.reader = reader;
		this.publisher = publisher;
		this.json = json;
		this.settings = settings;
	}

	/**
	 * Emits whether progress streams can be published and read on this instance now, then
	 * every change.
	 */
	Flux<Boolean> usable() {
		return Flux.combineLatest(this.reader.working(), this.publisher.working(), Boolean::logicalAnd)
			.distinctUntilChanged();
	}

	/** For a subscriber to one upload; never completes by itself. */
	Flux<StreamedEvent> ofUpload(UUID uploadId) {
		return usable().switchMap((usable) -> usable ? lostEnding(uploadId) : everyChange(uploadId));
	}

	/**
	 * The upload's state if it was stored after a {@code Last-Event-ID}: read at once,
	 * sent {@link #PUBLISH_LAG} later.
	 */
	Flux<StreamedEvent> ofUploadAfter(UUID uploadId, StreamId after) {
		Instant from = Instant.ofEpochMilli(after.millis() + 1);
		return this.states.stored(uploadId)
			.filter((stored) -> !stored.changedAt().isBefore(from))
			.map(this::eventOf)
			.delayElement(PUBLISH_LAG)
			.flux()
			.onErrorResume((ex) -> Mono.empty());
	}

	/**
	 * For a subscriber to the tenant's feed, while progress streams cannot be used: the
	 * tenant's changes since a little before the newest event it has; never completes by
	 * itself.
	 */
	Flux<StreamedEvent> ofTenant(TenantId tenant, UploadPositions positions) {
		return usable().switchMap((usable) -> usable ? Flux.empty() : tenantChanges(tenant, positions));
	}

	/**
	 * The tenant's uploads stored after a {@code Last-Event-ID}, oldest first: read at
	 * once, sent {@link #PUBLISH_LAG} later.
	 */
	Flux<StreamedEvent> ofTenantAfter(TenantId tenant, StreamId after) {
		return changesSince(tenant, Instant.ofEpochMilli(after.millis() + 1)).collectList()
			.delayElement(PUBLISH_LAG)
			.flatMapIterable(Function.identity());
	}

	private Flux<StreamedEvent> tenantChanges(TenantId tenant, UploadPositions positions) {
		return Flux.interval(Duration.ZERO, this.settings.fallbackPoll())
			.onBackpressureDrop()
			.concatMap((tick) -> changesSince(tenant, positions.readFrom(READ_BACK)));
	}

	private Flux<StreamedEvent> changesSince(TenantId tenant, Instant from) {
		return this.states.changedSince(tenant, from, POLL_LIMIT)
			.map(this::eventOf)
			.onErrorResume((ex) -> Mono.empty());
	}

	private Flux<StreamedEvent> lostEnding(UUID uploadId) {
		Duration heartbeat = this.settings.heartbeat();
		return Flux.interval(heartbeat, heartbeat)
			.onBackpressureDrop()
			.concatMap((tick) -> stored(uploadId))
			.filter((stored) -> stored.event().isTerminal())
			.skip(1)
			.take(1)
			.map(this::eventOf);
	}

	private Flux<StreamedEvent> everyChange(UUID uploadId) {
		return Flux.interval(Duration.ZERO, this.settings.fallbackPoll())
			.onBackpressureDrop()
			.concatMap((tick) -> stored(uploadId))
			.distinctUntilChanged(StoredState::changedAt)
			.map(this::eventOf);
	}

	private Mono<StoredState> stored(UUID uploadId) {
		return this.states.stored(uploadId).onErrorResume((ex) -> Mono.empty());
	}

	/**
	 * A stored state as an event with the id of when it was stored; a processing upload
	 * that has read no row yet is {@code started}, as its first stream event is.
	 */
	private StreamedEvent eventOf(StoredState stored) {
		ProgressEvent state = stored.event();
		if (ProgressEvent.PROGRESS.equals(state.type()) && state.rowsProcessed() == 0) {
			state = state.asStarted();
		}
		return this.json.stateOf(state).withId(new StreamId(stored.changedAt().toEpochMilli(), 0));
	}

}
