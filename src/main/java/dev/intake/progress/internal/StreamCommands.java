package dev.intake.progress.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.UnblockType;
import io.lettuce.core.XAddArgs;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The Redis commands this module sends on the shared connection; none of them blocks and
 * none spans two keys. On Redis Cluster each goes to the master of its key's slot, and
 * Lettuce follows {@code MOVED} and {@code ASK} redirections.
 */
@Component
class StreamCommands {

	private final RedisConnections redis;

	private final int pageSize;

	StreamCommands(RedisConnections redis, ProgressSettings settings) {
		this.redis = redis;
		this.pageSize = settings.readBatch();
	}

	/** Appends an entry and trims the stream to about {@code maxLength} entries. */
	Mono<String> append(String key, Map<String, String> fields, long maxLength) {
		XAddArgs trimmed = new XAddArgs().maxlen(maxLength).approximateTrimming();
		return this.redis.commands().flatMap((redis) -> redis.xadd(key, trimmed, fields));
	}

	Mono<Void> expire(String key, Duration ttl) {
		return this.redis.commands().flatMap((redis) -> redis.pexpire(key, ttl)).then();
	}

	/** Emits every entry after {@code id}, oldest first, a page at a time. */
	Flux<StreamedEvent> after(String key, StreamId id) {
		return page(key, id).expand((page) -> (page.size() < this.pageSize) ? Mono.empty()
				: page(key, page.get(page.size() - 1).streamId()))
			.concatMapIterable(Function.identity());
	}

	/** Emits the newest entry, if the stream has one. */
	Mono<StreamedEvent> latest(String key) {
		return this.redis.commands()
			.flatMapMany((redis) -> redis.xrevrange(key, Range.unbounded(), Limit.from(1)))
			.next()
			.map(StreamCommands::eventOf);
	}

	/** Wakes a client up from a blocking command, as if it had timed out. */
	Mono<Void> unblock(long clientId) {
		return this.redis.commands().flatMap((redis) -> redis.clientUnblock(clientId, UnblockType.TIMEOUT)).then();
	}

	private Mono<List<StreamedEvent>> page(String key, StreamId after) {
		Range<String> newer = Range.from(Range.Boundary.including(after.next().toString()), Range.Boundary.unbounded());
		return this.redis.commands()
			.flatMapMany((redis) -> redis.xrange(key, newer, Limit.from(this.pageSize)))
			.map(StreamCommands::eventOf)
			.collectList();
	}

	static StreamedEvent eventOf(StreamMessage<String, String> entry) {
		return StreamedEvent.fromEntry(entry.getId(), entry.getBody());
	}

}
