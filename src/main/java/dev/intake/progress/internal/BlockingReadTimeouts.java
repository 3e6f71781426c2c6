package dev.intake.progress.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.RedisCommand;

/**
 * Command timeouts for Lettuce: every command gets the short usual timeout, except a
 * blocking {@code XREAD}, which gets its block time on top so it is not cut short.
 */
final class BlockingReadTimeouts extends TimeoutOptions.TimeoutSource {

	private final long commandMillis;

	private final long readMillis;

	BlockingReadTimeouts(Duration commandTimeout, Duration readBlock) {
		this.commandMillis = commandTimeout.toMillis();
		this.readMillis = commandTimeout.plus(readBlock).toMillis();
	}

	@Override
	public long getTimeout(RedisCommand<?, ?, ?> command) {
		return CommandType.XREAD.equals(command.getType()) ? this.readMillis : this.commandMillis;
	}

	@Override
	public TimeUnit getTimeUnit() {
		return TimeUnit.MILLISECONDS;
	}

}
