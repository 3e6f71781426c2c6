package dev.intake.progress;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.codec.StringCodec;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * The two Lettuce connections of this module, opened from Boot's Redis client so they
 * share its options (commands are rejected while disconnected, short timeouts): one for
 * ordinary commands, shared by everything, and one dedicated to the blocking reads of
 * {@link StreamReader}. Each is opened on first use, off the event loop; while Redis
 * cannot be reached, the next use tries again. Once open, Lettuce reconnects it.
 */
@Component
class RedisConnections implements DisposableBean {

	private final LettuceConnectionFactory factory;

	private final String readerName = "intake-progress-reader-" + UUID.randomUUID().toString().substring(0, 8);

	private final List<StatefulRedisConnection<String, String>> opened = new CopyOnWriteArrayList<>();

	private final Mono<RedisReactiveCommands<String, String>> commands;

	private final Mono<RedisReactiveCommands<String, String>> reader;

	RedisConnections(LettuceConnectionFactory factory) {
		this.factory = factory;
		this.commands = opening("intake-progress");
		this.reader = opening(this.readerName);
	}

	/** The shared connection, for commands that do not block. */
	Mono<RedisReactiveCommands<String, String>> commands() {
		return this.commands;
	}

	/** The connection for blocking reads, used by one reader at a time. */
	Mono<RedisReactiveCommands<String, String>> reader() {
		return this.reader;
	}

	/** The client name of the reading connection, as {@code CLIENT LIST} shows it. */
	String readerName() {
		return this.readerName;
	}

	private Mono<RedisReactiveCommands<String, String>> opening(String name) {
		return Mono.fromCallable(() -> open(name))
			.subscribeOn(Schedulers.boundedElastic())
			.cache((open) -> Duration.ofMillis(Long.MAX_VALUE), (ex) -> Duration.ZERO, () -> Duration.ZERO);
	}

	private RedisReactiveCommands<String, String> open(String name) {
		AbstractRedisClient client = this.factory.getNativeClient();
		if (!(client instanceof RedisClient redis)) {
			throw new IllegalStateException("Progress streams are read with one multi-key XREAD, "
					+ "which needs a standalone or Sentinel Redis, not a cluster");
		}
		StatefulRedisConnection<String, String> connection = redis.connect(StringCodec.UTF8);
		try {
			connection.sync().clientSetname(name);
		}
		catch (RuntimeException ex) {
			connection.closeAsync();
			throw ex;
		}
		this.opened.add(connection);
		return connection.reactive();
	}

	// Usually the client has closed them already, on stop.
	@Override
	public void destroy() {
		this.opened.stream().filter(StatefulRedisConnection::isOpen).forEach(StatefulRedisConnection::close);
	}

}
