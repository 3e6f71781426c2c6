package dev.intake.progress.internal;

import java.time.Instant;

import dev.intake.tenant.TenantId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The events of all uploads of one tenant for a dashboard: {@code started},
 * {@code progress}, {@code completed} and {@code failed}, from the tenant's feed stream,
 * live on any instance.
 * <p>
 * {@link #follow} errors with a 400 problem for a malformed {@code Last-Event-ID}. The
 * stream it emits starts with every retained event after the subscriber's
 * {@code Last-Event-ID}; without one, it starts with the events published from now on,
 * like {@code XREAD $}. Events come once each and in order; a slow subscriber may miss
 * progress events, never the others. While progress streams cannot be published or read,
 * the tenant's uploads whose state changed are read from PostgreSQL instead, every
 * {@code fallback-poll} (uploads started during the outage included), as events with an
 * id a subscriber resumes from like any other ({@link UploadPositions}); a subscriber
 * that resumes also gets what was stored after its {@code Last-Event-ID}, in case those
 * events never reached Redis, held back for {@link StateChecks#PUBLISH_LAG} so that
 * stream entries on their way come first. Events from both sources join without a
 * duplicate. The stream never errors and never ends by itself, except when the instance
 * shuts down, so that the client reconnects elsewhere. On cancel, the subscriber just
 * leaves.
 */
@Component
public class FeedEvents {

	private final StreamReader reader;

	private final StreamCommands commands;

	private final StateChecks checks;

	private final StreamKeys keys;

	FeedEvents(StreamReader reader, StreamCommands commands, StateChecks checks, StreamKeys keys) {
		this.reader = reader;
		this.commands = commands;
		this.checks = checks;
		this.keys = keys;
	}

	/**
	 * Emits the tenant's feed for one subscriber, as described above.
	 * @param tenant whose uploads: the feed carries no other tenant's events
	 * @param lastEventId the id of the last event the subscriber has, or {@code null}
	 */
	public Mono<Flux<StreamedEvent>> follow(TenantId tenant, String lastEventId) {
		return Mono.fromSupplier(() -> live(tenant, InvalidLastEventId.parse(lastEventId)));
	}

	private Flux<StreamedEvent> live(TenantId tenant, StreamId after) {
		String feed = this.keys.feed(tenant);
		return Flux.defer(() -> {
			UploadPositions positions = new UploadPositions(after, Instant.now());
			Flux<StreamedEvent> missed = (after != null)
					? this.commands.after(feed, after).onErrorResume((ex) -> Mono.empty()) : Flux.empty();
			Flux<StreamedEvent> storedAfter = (after != null) ? this.checks.ofTenantAfter(tenant, after) : Flux.empty();
			return this.reader.follow(feed, missed)
				.mergeWith(storedAfter)
				.mergeWith(this.checks.ofTenant(tenant, positions))
				.filter(new NewerThan(after))
				.mapNotNull(positions::admit)
				.takeUntilOther(this.reader.closing());
		});
	}

}
