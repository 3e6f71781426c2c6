package dev.intake.testing;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * A plain connection to the Redis of {@link Services}, past the application, for tests
 * that look at what Redis itself holds and sees.
 */
public final class DirectRedis implements AutoCloseable {

	private final RedisClient client;

	private final StatefulRedisConnection<String, String> connection;

	private DirectRedis(RunningRedis redis) {
		this.client = RedisClient.create(RedisURI.create(redis.host(), redis.port()));
		this.connection = this.client.connect();
	}

	public static DirectRedis connect() {
		return new DirectRedis(Services.redis());
	}

	public RedisCommands<String, String> commands() {
		return this.connection.sync();
	}

	/** The ids of every entry of a stream, oldest first. */
	public List<String> entryIds(String key) {
		return commands().xrange(key, Range.create("-", "+")).stream().map(StreamMessage::getId).toList();
	}

	/** {@code CLIENT LIST}, one map of fields (such as name, cmd, flags) per client. */
	public List<Map<String, String>> clients() {
		return commands().clientList().lines().map(DirectRedis::fieldsOf).toList();
	}

	private static Map<String, String> fieldsOf(String line) {
		return Arrays.stream(line.split(" "))
			.map((field) -> field.split("=", 2))
			.collect(Collectors.toMap((pair) -> pair[0], (pair) -> (pair.length > 1) ? pair[1] : "",
					(first, second) -> second));
	}

	@Override
	public void close() {
		this.connection.close();
		this.client.shutdown();
	}

}
