package dev.intake.progress.internal;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The one reader of progress streams on this instance. It reads every stream that has
 * subscribers here with one {@code XREAD BLOCK} per group of streams ({@link ReadLoop}),
 * on connections of its own, and hands each entry to the {@link Channel} of its stream,
 * which fans it out to that stream's subscribers in memory. No consumer groups: every
 * subscriber sees every entry. So however many subscribers there are, Redis sees one
 * blocked client per instance on a standalone or Sentinel Redis, and one per slot group
 * with subscribers on Redis Cluster ({@link BlockingReads}).
 * <p>
 * A stream that gets its first subscriber joins the next read of its group; the group's
 * reader is woken up from a read under way with {@code CLIENT UNBLOCK}. When Redis fails,
 * the reader counts it ({@code intake.progress.read.failures}), reports Redis as not
 * working while any group fails, so subscribers fall back to PostgreSQL, and tries again
 * after {@code read-retry}, from where it was.
 */
@Component
class StreamReader implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(StreamReader.class);

	private final Map<Integer, ReadLoop> loops = new ConcurrentHashMap<>();

	private final Set<Integer> failing = ConcurrentHashMap.newKeySet();

	private final Sinks.Many<Boolean> working = Sinks.many().replay().latest();

	private final BlockingReads reads;

	private final RedisConnections redis;

	private final StreamCommands commands;

	private final ProgressSettings settings;

	private final Counter failures;

	private final Counter conflated;

	private final Sinks.Empty<Void> closing = Sinks.empty();

	private volatile boolean running;

	private boolean reportedWorking = true;

	StreamReader(BlockingReads reads, RedisConnections redis, StreamCommands commands, ProgressSettings settings,
			MeterRegistry meters) {
		this.reads = reads;
		this.redis = redis;
		this.commands = commands;
		this.settings = settings;
		this.failures = meters.counter("intake.progress.read.failures");
		this.conflated = meters.counter("intake.progress.conflated", "side", "subscriber");
		this.working.tryEmitNext(true);
		Gauge.builder("intake.progress.streams", this, StreamReader::streams)
			.description("Progress streams this instance reads for its subscribers")
			.register(meters);
		Gauge.builder("intake.progress.subscribers", this, StreamReader::subscribers)
			.description("Subscribers to progress streams on this instance")
			.register(meters);
	}

	/**
	 * Emits the entries of a stream: first those of {@code catchUp}, which starts only
	 * once live reading is set up so that nothing falls between the two, then every entry
	 * read live, which may repeat some of the catch-up. A failing catch-up is skipped.
	 * Never completes by itself; on cancel the subscriber leaves the stream, and the last
	 * one to leave stops its reading.
	 */
	Flux<StreamedEvent> follow(String key, Flux<StreamedEvent> catchUp) {
		return Flux.defer(() -> {
			ReadLoop loop = loopOf(key);
			Tap tap = attach(loop, key);
			return tap.positioned()
				.thenMany(catchUp.onErrorResume(this::skipCatchUp))
				.concatWith(tap.events())
				.doFinally((signal) -> detach(loop, tap));
		});
	}

	/**
	 * Emits whether reading from Redis works now (for every group), then every change.
	 */
	Flux<Boolean> working() {
		return this.working.asFlux();
	}

	/**
	 * Whether reading the group of this stream fails now; {@code false} while nobody here
	 * reads that group.
	 */
	boolean failsToRead(String key) {
		ReadLoop loop = this.loops.get(this.reads.groupOf(key));
		return loop != null && loop.isDown();
	}

	/** Completes when this instance shuts down, so that subscribers can let go. */
	Mono<Void> closing() {
		return this.closing.asMono();
	}

	/** The client name of the reader's connections, as {@code CLIENT LIST} shows it. */
	String clientName() {
		return this.redis.readerName();
	}

	/** Whether this instance reads a stream now, from a known position. */
	boolean isReading(String key) {
		ReadLoop loop = this.loops.get(this.reads.groupOf(key));
		Channel channel = (loop != null) ? loop.channels().get(key) : null;
		return channel != null && channel.isPositioned();
	}

	int subscribers() {
		return this.loops.values()
			.stream()
			.flatMap((loop) -> loop.channels().values().stream())
			.mapToInt(Channel::tapCount)
			.sum();
	}

	private int streams() {
		return this.loops.values().stream().mapToInt((loop) -> loop.channels().size()).sum();
	}

	@Override
	public synchronized void start() {
		this.running = true;
		this.loops.values().forEach(ReadLoop::start);
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		this.closing.tryEmitEmpty();
		this.loops.values().forEach(ReadLoop::stop);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private ReadLoop loopOf(String key) {
		return this.loops.computeIfAbsent(this.reads.groupOf(key), this::newLoop);
	}

	private synchronized ReadLoop newLoop(int group) {
		Outage outage = new Outage("Reading progress events (" + this.reads.describe(group) + ")", this.failures);
		ReadLoop loop = new ReadLoop(group, this.reads, this.commands, this.settings, outage);
		loop.working().subscribe((works) -> report(group, works));
		if (this.running) {
			loop.start();
		}
		return loop;
	}

	private synchronized void report(int group, boolean works) {
		if (works) {
			this.failing.remove(group);
		}
		else {
			this.failing.add(group);
		}
		boolean allWork = this.failing.isEmpty();
		if (allWork != this.reportedWorking) {
			this.reportedWorking = allWork;
			this.working.tryEmitNext(allWork);
		}
	}

	private Tap attach(ReadLoop loop, String key) {
		AtomicReference<Tap> tap = new AtomicReference<>();
		Channel channel = loop.channels().compute(key, (name, existing) -> {
			Channel joined = (existing != null) ? existing : new Channel(name);
			tap.set(joined.newTap(this.settings.subscriberBuffer(), this.conflated));
			return joined;
		});
		if (!channel.isPositioned()) {
			loop.position(channel).onErrorComplete().subscribe();
		}
		return tap.get();
	}

	private void detach(ReadLoop loop, Tap tap) {
		loop.channels().computeIfPresent(tap.channel().key(), (name, channel) -> {
			channel.remove(tap);
			return channel.hasTaps() ? channel : null;
		});
	}

	private <T> Mono<T> skipCatchUp(Throwable ex) {
		log.debug("Catching up with a progress stream failed; going on with live events", ex);
		return Mono.empty();
	}

}
