package dev.intake.progress.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How progress events are kept in Redis and relayed to subscribers.
 *
 * @param heartbeat how often an idle event stream gets a comment, so proxies keep it open
 * @param uploadStreamLength about how many events one upload's stream keeps
 * ({@code XADD MAXLEN ~})
 * @param feedStreamLength about how many events the feed of all uploads keeps
 * @param finishedTtl how long a finished upload's stream is kept after its last event
 * @param idleTtl how long an unfinished upload's stream is kept without new events
 * @param publishTimeout how long publishing one event may take before it counts as failed
 * @param publishBuffer how many events of one upload may wait to be published; beyond,
 * progress events are conflated
 * @param subscriberBuffer how many events may wait for one slow subscriber; beyond,
 * progress events are conflated
 * @param readBlock how long one {@code XREAD BLOCK} waits for new events
 * @param readBatch how many events one read or one catch-up page takes per stream
 * @param readRetry how long the reader waits before it tries Redis again after a failure
 * @param fallbackPoll how often subscribers read upload states from PostgreSQL while
 * progress streams cannot be published or read (an indexed read of one tenant's recent
 * changes, or of one upload, per subscriber)
 * @param reconnectDelay the longest wait between two attempts to reconnect to Redis
 */
@ConfigurationProperties(prefix = "intake.progress")
public record ProgressSettings(@DefaultValue("15s") Duration heartbeat, @DefaultValue("1000") long uploadStreamLength,
		@DefaultValue("10000") long feedStreamLength, @DefaultValue("1h") Duration finishedTtl,
		@DefaultValue("24h") Duration idleTtl, @DefaultValue("1s") Duration publishTimeout,
		@DefaultValue("16") int publishBuffer, @DefaultValue("256") int subscriberBuffer,
		@DefaultValue("2s") Duration readBlock, @DefaultValue("500") int readBatch,
		@DefaultValue("1s") Duration readRetry, @DefaultValue("500ms") Duration fallbackPoll,
		@DefaultValue("2s") Duration reconnectDelay) {

	public ProgressSettings {
		requirePositive("heartbeat", heartbeat);
		requirePositive("finished-ttl", finishedTtl);
		requirePositive("idle-ttl", idleTtl);
		requirePositive("publish-timeout", publishTimeout);
		requirePositive("read-block", readBlock);
		requirePositive("read-retry", readRetry);
		requirePositive("fallback-poll", fallbackPoll);
		requirePositive("reconnect-delay", reconnectDelay);
		requireAtLeastOne("upload-stream-length", uploadStreamLength);
		requireAtLeastOne("feed-stream-length", feedStreamLength);
		requireAtLeastOne("publish-buffer", publishBuffer);
		requireAtLeastOne("subscriber-buffer", subscriberBuffer);
		requireAtLeastOne("read-batch", readBatch);
	}

	private static void requirePositive(String name, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException("intake.progress." + name + " must be positive, not " + value);
		}
	}

	private static void requireAtLeastOne(String name, long value) {
		if (value < 1) {
			throw new IllegalArgumentException("intake.progress." + name + " must be at least 1, not " + value);
		}
	}

}
