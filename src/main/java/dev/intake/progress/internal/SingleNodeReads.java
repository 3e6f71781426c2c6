package dev.intake.progress.internal;

import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Blocking reads on a standalone or Sentinel Redis: every stream in one group, read with
 * one multi-key {@code XREAD} on the reader's own connection, so Redis sees one blocked
 * client per instance.
 */
final class SingleNodeReads implements BlockingReads {

	private static final long NOT_BLOCKED = -1;

	private final RedisConnections redis;

	private final StreamCommands commands;

	private volatile long blockedClient = NOT_BLOCKED;

	SingleNodeReads(RedisConnections redis, StreamCommands commands) {
		this.redis = redis;
		this.commands = commands;
	}

	@Override
	public int groupOf(String key) {
		return 0;
	}

	@Override
	public String describe(int group) {
		return "all streams";
	}

	@Override
	public Flux<StreamMessage<String, String>> read(int group, XReadArgs args, StreamOffset<String>[] offsets) {
		return this.redis.reader()
			.flatMapMany((reader) -> reader.clientId()
				.doOnNext((id) -> this.blockedClient = id)
				.thenMany(reader.xread(args, offsets)))
			.doFinally((signal) -> this.blockedClient = NOT_BLOCKED);
	}

	@Override
	public Mono<Void> unblock(int group) {
		long blocked = this.blockedClient;
		return (blocked != NOT_BLOCKED) ? this.commands.unblock(blocked) : Mono.empty();
	}

}
