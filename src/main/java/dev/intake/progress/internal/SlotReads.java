package dev.intake.progress.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.UnblockType;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Blocking reads on Redis Cluster: a group is a hash slot (the streams of one
 * {@link SlotGroups slot group}), and each is read with one multi-key {@code XREAD} sent
 * straight to the master that serves the slot now, on a connection of the group's own, so
 * that no two blocking reads share a connection. {@code CLIENT UNBLOCK} goes to the same
 * node. When the slot has moved ({@code MOVED}, {@code ASK}) the read asks the cluster
 * where its slots are and completes empty, so the next read goes to the new master;
 * Lettuce's periodic and adaptive topology refresh follows failovers meanwhile. A slot
 * without a master, or a master that cannot be reached, fails the read.
 */
final class SlotReads implements BlockingReads {

	private static final Duration AFTER_REDIRECT = Duration.ofMillis(50);

	private final RedisConnections redis;

	private final Map<Integer, SlotReader> readers = new ConcurrentHashMap<>();

	SlotReads(RedisConnections redis) {
		this.redis = redis;
	}

	@Override
	public int groupOf(String key) {
		return SlotHash.getSlot(key);
	}

	@Override
	public String describe(int group) {
		return "slot " + group;
	}

	@Override
	public Flux<StreamMessage<String, String>> read(int slot, XReadArgs args, StreamOffset<String>[] offsets) {
		SlotReader reader = this.readers.computeIfAbsent(slot, (s) -> new SlotReader(this.redis.clusterReader()));
		return reader.connection.flatMapMany((cluster) -> {
			RedisClusterNode master = cluster.getPartitions().getMasterBySlot(slot);
			if (master == null) {
				return Mono.error(new IllegalStateException("No master serves slot " + slot));
			}
			return Mono.fromCompletionStage(() -> cluster.getConnectionAsync(master.getNodeId()))
				.flatMapMany((node) -> blockingRead(reader, master.getNodeId(), node, args, offsets));
		}).onErrorResume(SlotReads::isRedirect, (ex) -> followMove());
	}

	@Override
	public Mono<Void> unblock(int slot) {
		SlotReader reader = this.readers.get(slot);
		Blocked blocked = (reader != null) ? reader.blocked.get() : null;
		if (blocked == null) {
			return Mono.empty();
		}
		return this.redis.cluster()
			.flatMap((cluster) -> Mono.fromCompletionStage(() -> cluster.getConnectionAsync(blocked.nodeId())))
			.flatMap((node) -> node.reactive().clientUnblock(blocked.clientId(), UnblockType.TIMEOUT))
			.then();
	}

	private static Flux<StreamMessage<String, String>> blockingRead(SlotReader reader, String nodeId,
			StatefulRedisConnection<String, String> node, XReadArgs args, StreamOffset<String>[] offsets) {
		AtomicReference<Blocked> mine = new AtomicReference<>();
		return node.reactive().clientId().doOnNext((id) -> {
			mine.set(new Blocked(nodeId, id));
			reader.blocked.set(mine.get());
		}).thenMany(node.reactive().xread(args, offsets)).doFinally((signal) -> {
			Blocked read = mine.get();
			if (read != null) {
				reader.blocked.compareAndSet(read, null);
			}
		});
	}

	private <T> Mono<T> followMove() {
		return this.redis.refreshTopology().then(Mono.delay(AFTER_REDIRECT)).then(Mono.empty());
	}

	private static boolean isRedirect(Throwable ex) {
		String message = (ex instanceof RedisCommandExecutionException) ? ex.getMessage() : null;
		return message != null && (message.startsWith("MOVED") || message.startsWith("ASK"));
	}

	private record Blocked(String nodeId, long clientId) {
	}

	/** One slot's reading connection, and the client blocked on it now, if any. */
	private static final class SlotReader {

		final Mono<StatefulRedisClusterConnection<String, String>> connection;

		final AtomicReference<Blocked> blocked = new AtomicReference<>();

		SlotReader(Mono<StatefulRedisClusterConnection<String, String>> connection) {
			this.connection = connection;
		}

	}

}
