package dev.intake.progress;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
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
 * The one reader of progress streams on this instance. It reads every stream that has
 * subscribers here with one {@code XREAD BLOCK} over all their keys, on a connection of
 * its own, and hands each entry to the {@link Channel} of its stream, which fans it out
 * to that stream's subscribers in memory. No consumer groups: every subscriber sees every
 * entry. So however many subscribers there are, Redis sees one blocked client per
 * instance.
 * <p>
 * A stream that gets its first subscriber joins the next read; the reader is woken up
 * from a read under way with {@code CLIENT UNBLOCK}. When Redis fails, the reader counts
 * it ({@code intake.progress.read.failures}), reports Redis as not working, so
 * subscribers fall back to PostgreSQL, and tries again after {@code read-retry}, from
 * where it was.
 */
@Component
class StreamReader implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(StreamReader.class);

	private static final long NOT_BLOCKED = -1;

	private final Map<String, Channel> channels = new ConcurrentHashMap<>();

	private final RedisConnections redis;

	private final StreamCommands commands;

	private final ProgressSettings settings;

	private final Outage outage;

	private final Counter conflated;

	private final AtomicReference<Sinks.Empty<Void>> changes = new AtomicReference<>(Sinks.empty());

	private final Sinks.Empty<Void> closing = Sinks.empty();

	private volatile long blockedClient = NOT_BLOCKED;

	private volatile Disposable loop;

	StreamReader(RedisConnections redis, StreamCommands commands, ProgressSettings settings, MeterRegistry meters) {
		this.redis = redis;
		this.commands = commands;
		this.settings = settings;
		this.outage = new Outage("Reading progress events", meters.counter("intake.progress.read.failures"));
		this.conflated = meters.counter("intake.progress.conflated", "side", "subscriber");
		Gauge.builder("intake.progress.streams", this.channels, Map::size)
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
			Tap tap = attach(key);
			return tap.positioned()
				.thenMany(catchUp.onErrorResume(this::skipCatchUp))
				.concatWith(tap.events())
				.doFinally((signal) -> detach(tap));
		});
	}

	/** Emits whether reading from Redis works now, then every change. */
	Flux<Boolean> working() {
		return this.outage.working();
	}

	/** Completes when this instance shuts down, so that subscribers can let go. */
	Mono<Void> closing() {
		return this.closing.asMono();
	}

	/** The client name of the reader's connection, as {@code CLIENT LIST} shows it. */
	String clientName() {
		return this.redis.readerName();
	}

	/** Whether this instance reads a stream now, from a known position. */
	boolean isReading(String key) {
		Channel channel = this.channels.get(key);
		return channel != null && channel.isPositioned();
	}

	int subscribers() {
		return this.channels.values().stream().mapToInt(Channel::tapCount).sum();
	}

	@Override
	public void start() {
		this.loop = Mono.defer(this::readOnce).onErrorResume(this::pauseAfter).repeat().subscribe();
	}

	@Override
	public void stop() {
		this.closing.tryEmitEmpty();
		Disposable running = this.loop;
		if (running != null) {
			running.dispose();
		}
	}

	@Override
	public boolean isRunning() {
		Disposable running = this.loop;
		return running != null && !running.isDisposed();
	}

	private Tap attach(String key) {
		AtomicReference<Tap> tap = new AtomicReference<>();
		Channel channel = this.channels.compute(key, (name, existing) -> {
			Channel joined = (existing != null) ? existing : new Channel(name);
			tap.set(joined.newTap(this.settings.subscriberBuffer(), this.conflated));
			return joined;
		});
		if (!channel.isPositioned()) {
			position(channel).onErrorComplete().subscribe();
		}
		return tap.get();
	}

	private void detach(Tap tap) {
		this.channels.computeIfPresent(tap.channel().key(), (name, channel) -> {
			channel.remove(tap);
			return channel.hasTaps() ? channel : null;
		});
	}

	private <T> Mono<T> skipCatchUp(Throwable ex) {
		log.debug("Catching up with a progress stream failed; going on with live events", ex);
		return Mono.empty();
	}

	private Mono<Void> readOnce() {
		Sinks.Empty<Void> changed = this.changes.get();
		return Flux.fromIterable(this.channels.values())
			.filter((channel) -> !channel.isPositioned())
			.concatMap(this::position)
			.then(Mono.defer(() -> readOrWait(changed)));
	}

	private Mono<Void> position(Channel channel) {
		return this.commands.latest(channel.key())
			.map(StreamedEvent::streamId)
			.defaultIfEmpty(StreamId.ZERO)
			.filter(channel::positionAt)
			.doOnNext((start) -> wakeUp())
			.then();
	}

	private Mono<Void> readOrWait(Sinks.Empty<Void> changed) {
		List<Channel> ready = this.channels.values().stream().filter(Channel::isPositioned).toList();
		if (ready.isEmpty()) {
			return changed.asMono().timeout(this.settings.readBlock(), Mono.empty());
		}
		return read(ready);
	}

	@SuppressWarnings("unchecked")
	private Mono<Void> read(List<Channel> ready) {
		XReadArgs args = XReadArgs.Builder.block(this.settings.readBlock()).count(this.settings.readBatch());
		StreamOffset<String>[] offsets = ready.stream()
			.map((channel) -> StreamOffset.from(channel.key(), channel.cursor().toString()))
			.toArray(StreamOffset[]::new);
		return this.redis.reader()
			.flatMapMany((reader) -> reader.clientId()
				.doOnNext((id) -> this.blockedClient = id)
				.thenMany(reader.xread(args, offsets)))
			.doOnNext(this::dispatch)
			.doFinally((signal) -> this.blockedClient = NOT_BLOCKED)
			.then()
			.doOnSuccess((done) -> this.outage.recovered());
	}

	private void dispatch(StreamMessage<String, String> entry) {
		Channel channel = this.channels.get(entry.getStream());
		if (channel == null) {
			return;
		}
		StreamedEvent event = null;
		try {
			event = StreamCommands.eventOf(entry);
		}
		catch (RuntimeException ex) {
			log.warn("Skipped malformed entry {} of {}", entry.getId(), entry.getStream(), ex);
		}
		channel.deliver(StreamId.parse(entry.getId()), event);
	}

	// Makes the loop look at the channels again: now if it waits for work, or by
	// cutting a blocking read short.
	private void wakeUp() {
		this.changes.getAndSet(Sinks.empty()).tryEmitEmpty();
		long blocked = this.blockedClient;
		if (blocked != NOT_BLOCKED) {
			this.commands.unblock(blocked).onErrorComplete().subscribe();
		}
	}

	private Mono<Void> pauseAfter(Throwable ex) {
		this.outage.failed(ex);
		return Mono.delay(this.settings.readRetry()).then();
	}

}
