package dev.intake.webhook.internal;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The delivery worker every instance runs: every {@code intake.webhooks.poll-interval} it
 * claims the due deliveries it has room for (at most {@code intake.webhooks.concurrency}
 * attempts at once) and makes one attempt of each. A 2xx marks the delivery delivered;
 * anything else schedules the next attempt with exponential backoff and jitter, until the
 * event is older than {@code intake.webhooks.retry-for}, when a failed attempt marks it
 * dead. Deliveries are at least once: an attempt whose result could not be recorded, or
 * whose instance died, is made again once its claim runs out. A poll that fails (the
 * database is away) is logged and tried again at the next tick; nothing here blocks a
 * thread. On stop, polling ends and attempts in flight are cancelled; their claims run
 * out and any instance tries them again.
 */
@Component
class DeliveryWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

	private final Deliveries deliveries;

	private final WebhookCalls calls;

	private final WebhookSettings settings;

	private final Backoff backoff;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final Counter delivered;

	private final Counter failed;

	private final Counter dead;

	private volatile Disposable polling;

	private volatile Sinks.Empty<Void> stopping = Sinks.empty();

	DeliveryWorker(Deliveries deliveries, WebhookCalls calls, WebhookSettings settings, MeterRegistry meters) {
		this.deliveries = deliveries;
		this.calls = calls;
		this.settings = settings;
		this.backoff = new Backoff(settings.backoffBase(), settings.backoffMax(),
				() -> ThreadLocalRandom.current().nextDouble());
		this.delivered = outcome(meters, "delivered", "Webhook attempts answered 2xx");
		this.failed = outcome(meters, "failed", "Webhook attempts that failed and will be tried again");
		this.dead = outcome(meters, "dead", "Webhook attempts that failed for the last time: the delivery is dead");
	}

	private static Counter outcome(MeterRegistry meters, String outcome, String description) {
		return Counter.builder("intake.webhook.deliveries")
			.tag("outcome", outcome)
			.description(description)
			.register(meters);
	}

	/** Claims what is due and starts its attempts; completes once they are started. */
	Mono<Void> poll() {
		int room = this.settings.concurrency() - this.inFlight.get();
		if (room <= 0) {
			return Mono.empty();
		}
		return this.deliveries.claim(room, this.settings.claimLease()).doOnNext(this::start).then();
	}

	private void start(ClaimedDelivery delivery) {
		this.inFlight.incrementAndGet();
		this.calls.attempt(delivery)
			.flatMap((result) -> record(delivery, result))
			.takeUntilOther(this.stopping.asMono())
			.doFinally((signal) -> this.inFlight.decrementAndGet())
			.subscribe(null,
					(ex) -> log.warn(
							"The attempt {} of webhook delivery {} could not be recorded; "
									+ "it is made again once its claim runs out: {}",
							delivery.attempt(), delivery.id(), ex.toString()));
	}

	private Mono<Void> record(ClaimedDelivery delivery, AttemptResult result) {
		if (result.delivered()) {
			return this.deliveries.delivered(delivery, result).doOnSuccess((done) -> this.delivered.increment());
		}
		return this.deliveries
			.failed(delivery, result, this.backoff.after(delivery.attempt()), this.settings.retryFor())
			.doOnNext((isDead) -> failed(delivery, result, isDead))
			.then();
	}

	private void failed(ClaimedDelivery delivery, AttemptResult result, boolean isDead) {
		(isDead ? this.dead : this.failed).increment();
		log.info("Webhook delivery {} (event {}) attempt {} failed{}: {}", delivery.id(), delivery.eventId(),
				delivery.attempt(), isDead ? ", for the last time" : "", result.error());
	}

	@Override
	public void start() {
		this.stopping = Sinks.empty();
		this.polling = Flux.interval(this.settings.pollInterval())
			.onBackpressureDrop()
			.concatMap((tick) -> poll().onErrorResume(this::pollFailed), 1)
			.subscribe();
	}

	private Mono<Void> pollFailed(Throwable ex) {
		log.warn("Claiming due webhook deliveries failed; trying again in {}: {}", this.settings.pollInterval(),
				ex.toString());
		return Mono.empty();
	}

	@Override
	public void stop() {
		Disposable running = this.polling;
		this.polling = null;
		if (running != null) {
			running.dispose();
		}
		this.stopping.tryEmitEmpty();
	}

	@Override
	public boolean isRunning() {
		return this.polling != null;
	}

}
