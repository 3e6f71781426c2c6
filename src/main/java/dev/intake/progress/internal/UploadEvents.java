package dev.intake.progress.internal;

import java.time.Instant;
import java.util.UUID;

import dev.intake.progress.ProgressEvent;
import dev.intake.progress.UploadStates;
import dev.intake.system.UploadNotFound;
import dev.intake.tenant.TenantId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The events of one upload for a subscriber, live from its Redis stream, on any instance.
 * <p>
 * {@link #follow} checks that the upload exists first: it errors with a 404 problem if
 * not, and with a 400 problem for a malformed {@code Last-Event-ID}. The stream it then
 * emits starts with what the subscriber missed: every event after its
 * {@code Last-Event-ID}, or, without one, the newest event (the upload's state from
 * PostgreSQL when the stream has none). Then it emits the events as they are published,
 * each once and in order, and completes after the terminal event ({@code completed} or
 * {@code failed}). A subscriber that comes after the end gets the final state, from
 * PostgreSQL if the stream has expired, and the stream completes.
 * <p>
 * A slow subscriber may miss progress events, never terminal ones. While progress streams
 * cannot be published or read, the upload's state is read from PostgreSQL instead, every
 * {@code fallback-poll}, as events with an id a subscriber resumes from like any other
 * ({@link UploadPositions}); a subscriber that resumes also gets the state stored after
 * its {@code Last-Event-ID} if Redis lacks it, held back for
 * {@link StateChecks#PUBLISH_LAG} so that a stream entry on its way comes first. Events
 * from both sources join without a duplicate. Events do not error: Redis and PostgreSQL
 * failures are waited out. The stream also completes when the instance shuts down, so
 * that the client reconnects elsewhere with its {@code Last-Event-ID}. On cancel, the
 * subscriber just leaves.
 */
@Component
public class UploadEvents {

	private final UploadStates states;

	private final StreamReader reader;

	private final StreamCommands commands;

	private final StateChecks checks;

	private final EventJson json;

	private final StreamKeys keys;

	UploadEvents(UploadStates states, StreamReader reader, StreamCommands commands, StateChecks checks, EventJson json,
			StreamKeys keys) {
		this.keys = keys;
		this.states = states;
		this.reader = reader;
		this.commands = commands;
		this.checks = checks;
		this.json = json;
	}

	/**
	 * Emits nothing but completes if the tenant has this upload; errors with a 404
	 * problem otherwise.
	 */
	public Mono<Void> exists(TenantId tenant, UUID uploadId) {
		return this.states.current(tenant, uploadId)
			.switchIfEmpty(Mono.error(() -> new UploadNotFound(uploadId)))
			.then();
	}

	/**
	 * Emits the upload's events for one subscriber, as described above.
	 * @param tenant the subscriber's tenant: another tenant's upload is unknown (404)
	 * @param lastEventId the id of the last event the subscriber has, or {@code null}
	 */
	public Mono<Flux<StreamedEvent>> follow(TenantId tenant, UUID uploadId, String lastEventId) {
		return Mono.defer(() -> {
			StreamId after = InvalidLastEventId.parse(lastEventId);
			return this.states.current(tenant, uploadId)
				.switchIfEmpty(Mono.error(() -> new UploadNotFound(uploadId)))
				.map((now) -> now.isTerminal() ? finished(uploadId, after, now) : unfinished(uploadId, after, now));
		});
	}

	private Flux<StreamedEvent> finished(UUID uploadId, StreamId after, ProgressEvent last) {
		return Flux.defer(() -> {
			UploadPositions positions = new UploadPositions(after, Instant.now());
			return missed(uploadId, after, last).onErrorResume((ex) -> Mono.empty())
				.concatWith(Mono.fromSupplier(() -> this.json.stateOf(last)))
				.filter(new NewerThan(after))
				.mapNotNull(positions::admit)
				.takeUntil(StreamedEvent::isTerminal);
		});
	}

	private Flux<StreamedEvent> unfinished(UUID uploadId, StreamId after, ProgressEvent now) {
		return Flux.defer(() -> {
			UploadPositions positions = new UploadPositions(after, Instant.now());
			Flux<StreamedEvent> catchUp = (after != null)
					? missed(uploadId, after, now).onErrorResume((ex) -> Mono.empty()) : missed(uploadId, null, now);
			Flux<StreamedEvent> storedAfter = (after != null) ? this.checks.ofUploadAfter(uploadId, after)
					: Flux.empty();
			return this.reader.follow(this.keys.upload(uploadId), catchUp)
				.mergeWith(storedAfter)
				.mergeWith(this.checks.ofUpload(uploadId))
				.filter(new NewerThan(after))
				.mapNotNull(positions::admit)
				.takeUntil(StreamedEvent::isTerminal)
				.takeUntilOther(this.reader.closing());
		});
	}

	private Flux<StreamedEvent> missed(UUID uploadId, StreamId after, ProgressEvent now) {
		String key = this.keys.upload(uploadId);
		if (after != null) {
			return this.commands.after(key, after);
		}
		return this.commands.latest(key).switchIfEmpty(Mono.fromSupplier(() -> this.json.stateOf(now))).flux();
	}

}
