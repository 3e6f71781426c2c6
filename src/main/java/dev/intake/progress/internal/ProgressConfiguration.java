package dev.intake.progress.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes the progress publisher, and sets Boot's Lettuce client up so that Redis trouble
 * cannot hold uploads back: commands fail at once while the connection is down instead of
 * queueing, every command has a short timeout ({@code spring.data.redis.timeout}), and
 * reconnecting is retried often. On Redis Cluster, unless
 * {@code spring.data.redis.lettuce.cluster.refresh.*} says otherwise, the client asks the
 * cluster where its slots are every {@link #TOPOLOGY_REFRESH} and whenever a command is
 * redirected or a node cannot be reached, so that slot moves and failovers are followed.
 */
@Configuration(proxyBeanMethods = false)
class ProgressConfiguration {

	// Spring Data Redis' own default when no timeout is configured.
	private static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(60);

	static final Duration TOPOLOGY_REFRESH = Duration.ofSeconds(5);

	// Adaptive refreshes at most this often, however many commands are redirected.
	private static final Duration ADAPTIVE_REFRESH_PAUSE = Duration.ofMillis(500);

	@Bean
	StreamPublisher progressPublisher(StreamWriter writer, ProgressSettings settings, MeterRegistry meters) {
		return new StreamPublisher(writer, settings.publishBuffer(), meters);
	}

	@Bean
	BlockingReads blockingReads(RedisConnections redis, StreamCommands commands) {
		return redis.isCluster() ? new SlotReads(redis) : new SingleNodeReads(redis, commands);
	}

	@Bean
	LettuceClientOptionsBuilderCustomizer followClusterTopology(DataRedisProperties redis) {
		DataRedisProperties.Lettuce.Cluster.Refresh configured = redis.getLettuce().getCluster().getRefresh();
		boolean unconfigured = configured.getPeriod() == null && !configured.isAdaptive();
		return (options) -> {
			if (unconfigured && options instanceof ClusterClientOptions.Builder cluster) {
				cluster.topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
					.enablePeriodicRefresh(TOPOLOGY_REFRESH)
					.enableAllAdaptiveRefreshTriggers()
					.adaptiveRefreshTriggersTimeout(ADAPTIVE_REFRESH_PAUSE)
					.dynamicRefreshSources(configured.isDynamicRefreshSources())
					.build());
			}
		};
	}

	@Bean
	LettuceClientOptionsBuilderCustomizer failFastRedisCommands(DataRedisProperties redis, ProgressSettings settings) {
		Duration commandTimeout = (redis.getTimeout() != null) ? redis.getTimeout() : DEFAULT_COMMAND_TIMEOUT;
		TimeoutOptions timeouts = TimeoutOptions.builder()
			.timeoutCommands()
			.timeoutSource(new BlockingReadTimeouts(commandTimeout, settings.readBlock()))
			.build();
		return (options) -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.timeoutOptions(timeouts);
	}

	@Bean
	ClientResourcesBuilderCustomizer quickRedisReconnects(ProgressSettings settings) {
		Duration longest = settings.reconnectDelay();
		return (resources) -> resources
			.reconnectDelay(Delay.exponential(longest.dividedBy(20), longest, 2, TimeUnit.MILLISECONDS));
	}

}
