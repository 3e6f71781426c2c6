package dev.intake.progress.internal;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.lettuce.core.codec.StringCodec;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * The Lettuce connections of this module, opened from Boot's Redis client so they share
 * its options (commands are rejected while disconnected, short timeouts): one for
 * ordinary commands, shared by everything, and those dedicated to the blocking reads of
 * {@link StreamReader}: one on a standalone or Sentinel Redis, one per slot group on
 * Redis Cluster ({@code spring.data.redis.cluster.nodes}), where the shared one routes
 * each command to the master of its key's slot. Each is opened on first use, off the
 * event loop; while Redis cannot be reached, the next use tries again. Once open, Lettuce
 * reconnects it.
 */
@Component
class RedisConnections implements DisposableBean {

	private final LettuceConnectionFactory factory;

	private final String readerName = "intake-progress-reader-" + UUID.randomUUID().toString().substring(0, 8);

	private final List<StatefulConnection<String, String>> opened = new CopyOnWriteArrayList<>();

	private final Mono<StatefulRedisClusterConnection<String, String>> cluster;

	private final Mono<RedisClusterReactiveCommands<String, String>> commands;

	private final Mono<RedisReactiveCommands<String, String>> reader;

	RedisConnections(LettuceConnectionFactory factory) {
		this.factory = factory;
		this.cluster = opening(this::connectCluster, "intake-progress");
		this.commands = isCluster() ? this.cluster.map(StatefulRedisClusterConnection::reactive)
				: opening(this::connect, "intake-progress").map(StatefulRedisConnection::reactive);
		this.reader = opening(this::connect, this.readerName).map(StatefulRedisConnection::reactive);
	}

	/** Whether Redis is a cluster, whose keys live on the master of their slot. */
	boolean isCluster() {
		return this.factory.isClusterAware();
	}

	/** The shared connection, for commands that do not block. */
	Mono<RedisClusterReactiveCommands<String, String>> commands() {
		return this.commands;
	}

	/** The connection for blocking reads of a standalone or Sentinel Redis. */
	Mono<RedisReactiveCommands<String, String>> reader() {
		return this.reader;
	}

	/** The shared connection to Redis Cluster, with its view of the slots. */
	Mono<StatefulRedisClusterConnection<String, String>> cluster() {
		return this.cluster;
	}

	/**
	 * A new connection to Redis Cluster for one slot group's blocking reads, opened on
	 * first use.
	 */
	Mono<StatefulRedisClusterConnection<String, String>> clusterReader() {
		return opening(this::connectCluster, this.readerName);
	}

	/** Asks the cluster where its slots are now. */
	Mono<Void> refreshTopology() {
		return Mono.fromCompletionStage(() -> clusterClient().refreshPartitionsAsync());
	}

	/** The client name of the reading connections, as {@code CLIENT LIST} shows it. */
	String readerName() {
		return this.readerName;
	}

	private <C extends StatefulConnection<String, String>> Mono<C> opening(Function<String, C> connector, String name) {
		return Mono.fromCallable(() -> connector.apply(name))
			.subscribeOn(Schedulers.boundedElastic())
			.cache((open) -> Duration.ofMillis(Long.MAX_VALUE), (ex) -> Duration.ZERO, () -> Duration.ZERO);
	}

	private StatefulRedisConnection<String, String> connect(String name) {
		AbstractRedisClient client = this.factory.getNativeClient();
		if (!(client instanceof RedisClient redis)) {
			throw new IllegalStateException("Not a standalone or Sentinel Redis: " + client);
		}
		StatefulRedisConnection<String, String> connection = redis.connect(StringCodec.UTF8);
		return named(connection, () -> connection.sync().clientSetname(name));
	}

	private StatefulRedisClusterConnection<String, String> connectCluster(String name) {
		StatefulRedisClusterConnection<String, String> connection = clusterClient().connect(StringCodec.UTF8);
		// Set on every node connection, those opened later included.
		return named(connection, () -> connection.sync().clientSetname(name));
	}

	private <C extends StatefulConnection<String, String>> C named(C connection, Runnable naming) {
		try {
			naming.run();
		}
		catch (RuntimeException ex) {
			connection.closeAsync();
			throw ex;
		}
		this.opened.add(connection);
		return connection;
	}

	private RedisClusterClient clusterClient() {
		AbstractRedisClient client = this.factory.getNativeClient();
		if (!(client instanceof RedisClusterClient clusterClient)) {
			throw new IllegalStateException("Not a Redis Cluster: " + client);
		}
		return clusterClient;
	}

	// Usually the client has closed them already, on stop.
	@Override
	public void destroy() {
		this.opened.stream().filter(StatefulConnection::isOpen).forEach(StatefulConnection::close);
	}

}
