package dev.intake.progress;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

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
 * progress events, never the others. While Redis is away, the state of the uploads the
 * subscriber saw running is read from PostgreSQL instead, as events without an id. The
 * stream never errors and never ends by itself, except when the instance shuts down, so
 * that the client reconnects elsewhere. On cancel, the subscriber just leaves.
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
	 * @param tenant whose uploads: the feed carries no other tenant's events
	 * @param lastEventId the id of the last event the subscriber has, or {@code null}
	 */
	public Mono<Flux<StreamedEvent>> follow(TenantId tenant, String lastEventId) {
		return Mono.fromSupplier(() -> live(this.keys.feed(tenant), InvalidLastEventId.parse(lastEventId)));
	}

	private Flux<StreamedEvent> live(String feed, StreamId after) {
		return Flux.defer(() -> {
			Set<UUID> running = ConcurrentHashMap.newKeySet();
			Flux<StreamedEvent> missed = (after != null) ? this.commands.after(feed, after) : Flux.empty();
			return this.reader.follow(feed, missed)
				.mergeWith(this.checks.ofUploads(running))
				.filter(new NewerThan(after))
				.doOnNext((event) -> keepTrack(running, event))
				.takeUntilOther(this.reader.closing());
		});
	}

	private static void keepTrack(Set<UUID> running, StreamedEvent event) {
		if (event.isTerminal()) {
			running.remove(event.uploadId());
		}
		else {
			running.add(event.uploadId());
		}
	}

}
