package dev.intake.upload.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The uploads this instance is processing, and their lease: each is stored with this
 * instance's id as {@code lease_owner}, and one {@code UPDATE} every
 * {@code intake.recovery.heartbeat} renews all of them ({@code heartbeat_at} now,
 * {@code lease_expires_at} one {@code intake.recovery.lease-expiry} later), so no
 * instance's recovery sweeper takes them while this one is alive.
 * <p>
 * A heartbeat that fails (the database is away) is logged once per outage and tried again
 * at the next tick; it never stops the heartbeats. The heartbeats run on Reactor's timer
 * and never block. They stop last on shutdown, after uploads in flight were failed.
 */
@Component
class InFlightUploads implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(InFlightUploads.class);

	private final String owner = "intake-" + ProcessHandle.current().pid() + "-"
			+ Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);

	private final Map<UUID, UploadRun> runs = new ConcurrentHashMap<>();

	private final Leases leases;

	private final RecoverySettings settings;

	private volatile boolean failing;

	private volatile Disposable heartbeats;

	InFlightUploads(Leases leases, RecoverySettings settings) {
		this.leases = leases;
		this.settings = settings;
	}

	/** This instance's id, stored as the lease owner of its uploads. */
	String owner() {
		return this.owner;
	}

	void hold(UploadRun run) {
		this.runs.put(run.upload().id(), run);
	}

	void release(UUID id) {
		this.runs.remove(id);
	}

	/**
	 * Takes the lease of an upload just started, before its content is read; a failure is
	 * only logged (the next heartbeat tries again).
	 */
	Mono<Void> claim(UUID id) {
		return this.leases.heartbeat(this.owner, Set.of(id), this.settings.leaseExpiry())
			.doOnError(this::failed)
			.onErrorComplete()
			.then();
	}

	Set<UUID> ids() {
		return Set.copyOf(this.runs.keySet());
	}

	Collection<UploadRun> runs() {
		return List.copyOf(this.runs.values());
	}

	@Override
	public void start() {
		this.heartbeats = Flux.interval(this.settings.heartbeat(), this.settings.heartbeat())
			.onBackpressureDrop()
			.concatMap((tick) -> beat(), 1)
			.subscribe();
	}

	private Mono<Long> beat() {
		Set<UUID> ids = ids();
		if (ids.isEmpty()) {
			return Mono.empty();
		}
		return this.leases.heartbeat(this.owner, ids, this.settings.leaseExpiry())
			.doOnNext((renewed) -> recovered())
			.doOnError(this::failed)
			.onErrorComplete();
	}

	private void recovered() {
		if (this.failing) {
			this.failing = false;
			log.info("Upload heartbeats work again");
		}
	}

	private void failed(Throwable ex) {
		if (!this.failing) {
			this.failing = true;
			log.warn("Upload heartbeats failed; uploads in flight may be taken by recovery if this lasts: {}",
					ex.toString());
		}
	}

	@Override
	public void stop() {
		Disposable running = this.heartbeats;
		if (running != null) {
			running.dispose();
		}
		this.heartbeats = null;
	}

	@Override
	public boolean isRunning() {
		return this.heartbeats != null;
	}

	/** Starts first and stops last, after {@link InFlightShutdown}. */
	@Override
	public int getPhase() {
		return 0;
	}

}
