package dev.intake.progress.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The reading of one group of streams (see {@link BlockingReads}): over and over, one
 * blocking {@code XREAD} of every stream of the group that has subscribers here, each
 * entry handed to its {@link Channel}. A stream that gets its first subscriber is first
 * positioned at its newest entry, and the read under way is cut short so the next one
 * covers it. When Redis fails, the failure counts in the group's {@link Outage} and the
 * loop tries again after {@code read-retry}, from where it was.
 */
final class ReadLoop {

	private static final Logger log = LoggerFactory.getLogger(ReadLoop.class);

	private final int group;

	private final BlockingReads reads;

	private final StreamCommands commands;

	private final ProgressSettings settings;

	private final Outage outage;

	private final Map<String, Channel> channels = new ConcurrentHashMap<>();

	private final AtomicReference<Sinks.Empty<Void>> changes = new AtomicReference<>(Sinks.empty());

	private Disposable running;

	ReadLoop(int group, BlockingReads reads, StreamCommands commands, ProgressSettings settings, Outage outage) {
		this.group = group;
		this.reads = reads;
		this.commands = commands;
		this.settings = settings;
		this.outage = outage;
	}

	int group() {
		return this.group;
	}

	/** The streams of the group with subscribers here, by key. */
	Map<String, Channel> channels() {
		return this.channels;
	}

	/** Emits whether reading this group works now, then every change. */
	Flux<Boolean> working() {
		return this.outage.working();
	}

	boolean isDown() {
		return this.outage.isDown();
	}

	synchronized void start() {
		if (this.running == null || this.running.isDisposed()) {
			this.running = Mono.defer(this::readOnce).onErrorResume(this::pauseAfter).repeat().subscribe();
		}
	}

	synchronized void stop() {
		if (this.running != null) {
			this.running.dispose();
		}
	}

	/** Finds where a new stream is to be read from; then the next read covers it. */
	Mono<Void> position(Channel channel) {
		return this.commands.latest(channel.key())
			.map(StreamedEvent::streamId)
			.defaultIfEmpty(StreamId.ZERO)
			.filter(channel::positionAt)
			.doOnNext((start) -> wakeUp())
			.then();
	}

	private Mono<Void> readOnce() {
		Sinks.Empty<Void> changed = this.changes.get();
		return Flux.fromIterable(this.channels.values())
			.filter((channel) -> !channel.isPositioned())
			.concatMap(this::position)
			.then(Mono.defer(() -> readOrWait(changed)));
	}

	private Mono<Void> readOrWait(Sinks.Empty<Void> changed) {
		List<Channel> ready = this.channels.values().stream().filter(Channel::isPositioned).toList();
		if (this.channels.isEmpty()) {
			// Nothing to read, so nothing fails: a group whose last subscriber left
			// during
			// an outage does not hold the reader's state down.
			this.outage.recovered();
		}
		if (ready.isEmpty()) {
			return changed.asMono().timeout(this.settings.readBlock(), Mono.empty());
		}
		return read(ready);
	}

	@SuppressWarnings("unchecked")
	private Mono<Void> read(Collection<Channel> ready) {
		XReadArgs args = XReadArgs.Builder.block(this.settings.readBlock()).count(this.settings.readBatch());
		StreamOffset<String>[] offsets = ready.stream()
			.map((channel) -> StreamOffset.from(channel.key(), channel.cursor().toString()))
			.toArray(StreamOffset[]::new);
		return this.reads.read(this.group, args, offsets)
			.doOnNext(this::dispatch)
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
		this.reads.unblock(this.group).onErrorComplete().subscribe();
	}

	private Mono<Void> pauseAfter(Throwable ex) {
		this.outage.failed(ex);
		return Mono.delay(this.settings.readRetry()).then();
	}

}
