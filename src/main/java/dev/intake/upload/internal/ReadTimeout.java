package dev.intake.upload.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBuffer;

/**
 * Fails a request body whose client stops sending: when buffers were asked for and none
 * arrived for the whole timeout. Time in which Intake itself asked for nothing (a slow
 * batch write holding the body back) does not count, so backpressure never looks like a
 * slow client.
 * <p>
 * Relays the body unchanged; on a timeout the body is cancelled (which releases what it
 * buffered) and the flux errors with the given error.
 */
final class ReadTimeout {

	private final AtomicLong outstanding = new AtomicLong();

	private volatile long lastProgress = now();

	private ReadTimeout() {
	}

	static Flux<DataBuffer> applied(Flux<DataBuffer> body, Duration timeout, Supplier<Throwable> error) {
		return Flux.defer(() -> {
			ReadTimeout watch = new ReadTimeout();
			Mono<Long> stalled = Mono.defer(() -> watch.stalled(timeout));
			return body.doOnNext((buffer) -> watch.received())
				.doOnRequest(watch::requested)
				.timeout(stalled, (buffer) -> stalled)
				.onErrorMap(TimeoutException.class, (ex) -> error.get());
		});
	}

	private Mono<Long> stalled(Duration timeout) {
		long nanos = timeout.toNanos();
		Duration tick = Duration.ofNanos(Math.max(nanos / 4, Duration.ofMillis(10).toNanos()));
		return Flux.interval(tick)
			.filter((tickCount) -> this.outstanding.get() > 0 && now() - this.lastProgress >= nanos)
			.next();
	}

	private void requested(long count) {
		if (this.outstanding.getAndAccumulate(count, ReadTimeout::add) == 0) {
			this.lastProgress = now();
		}
	}

	private void received() {
		this.outstanding.decrementAndGet();
		this.lastProgress = now();
	}

	private static long now() {
		return Schedulers.parallel().now(TimeUnit.NANOSECONDS);
	}

	private static long add(long outstanding, long count) {
		long sum = outstanding + count;
		return (sum < 0) ? Long.MAX_VALUE : sum;
	}

}
