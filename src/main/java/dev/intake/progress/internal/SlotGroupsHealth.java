package dev.intake.progress.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode.NodeFlag;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;

/**
 * The {@code redis} health of progress streams on Redis Cluster, slot group by slot
 * group: each group's probe stream is appended to (through the same routing as its
 * events), and the reader says whether reading the group fails. {@code UP} when every
 * group works; otherwise {@link StreamsHealth#DEGRADED}, with the groups that fail and
 * why, and the slot ranges whose master is missing or marked failing.
 */
final class SlotGroupsHealth {

	private static final Duration PROBE_TTL = Duration.ofHours(1);

	private final StreamCommands commands;

	private final StreamReader reader;

	private final StreamKeys keys;

	private final RedisConnections redis;

	private final Duration patience;

	SlotGroupsHealth(StreamCommands commands, StreamReader reader, StreamKeys keys, RedisConnections redis,
			Duration patience) {
		this.commands = commands;
		this.reader = reader;
		this.keys = keys;
		this.redis = redis;
		this.patience = patience;
	}

	Mono<Health> health() {
		List<String> probes = this.keys.probes();
		return Flux.fromIterable(probes)
			.flatMap((probe) -> problemOf(probe).map((problem) -> Map.entry(groupName(probe), problem)))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new)
			.zipWith(withoutMaster())
			.map((checked) -> summary(probes.size(), checked.getT1(), checked.getT2()));
	}

	private Mono<String> problemOf(String probe) {
		Mono<String> published = this.commands.append(probe, Map.of("at", Instant.now().toString()), 1)
			.then(this.commands.expire(probe, PROBE_TTL))
			.then(Mono.fromSupplier(() -> this.reader.failsToRead(probe) ? "reading fails" : ""));
		return published.timeout(this.patience)
			.onErrorResume((ex) -> Mono.just("publishing fails: " + ex))
			.filter((problem) -> !problem.isEmpty());
	}

	private Mono<List<String>> withoutMaster() {
		return this.redis.cluster()
			.map((cluster) -> rangesWithoutMaster(cluster.getPartitions()))
			.onErrorResume((ex) -> Mono.just(List.of("unknown: " + ex)));
	}

	private static Health summary(int groups, Map<String, String> failing, List<String> withoutMaster) {
		Health.Builder health = (failing.isEmpty() && withoutMaster.isEmpty()) ? Health.up()
				: Health.status(StreamsHealth.DEGRADED);
		health.withDetail("slotGroups", groups).withDetail("failingGroups", failing.size());
		if (!failing.isEmpty()) {
			health.withDetail("failing", failing);
		}
		if (!withoutMaster.isEmpty()) {
			health.withDetail("slotsWithoutWorkingMaster", withoutMaster);
		}
		return health.build();
	}

	private static String groupName(String probe) {
		String tag = probe.substring(probe.indexOf('{') + 1, probe.indexOf('}'));
		return tag + " (slot " + SlotHash.getSlot(probe) + ")";
	}

	// Slot ranges such as "5461-10922 (127.0.0.1:7001 fail)" or "0-16383 (no master)".
	private static List<String> rangesWithoutMaster(Partitions partitions) {
		List<String> ranges = new ArrayList<>();
		int start = -1;
		String why = null;
		for (int slot = 0; slot <= SlotHash.SLOT_COUNT; slot++) {
			String problem = (slot < SlotHash.SLOT_COUNT) ? problemOf(partitions.getMasterBySlot(slot)) : null;
			if (start >= 0 && !Objects.equals(problem, why)) {
				ranges.add(start + "-" + (slot - 1) + " (" + why + ")");
				start = -1;
			}
			if (problem != null && start < 0) {
				start = slot;
				why = problem;
			}
		}
		return ranges;
	}

	private static String problemOf(RedisClusterNode master) {
		if (master == null) {
			return "no master";
		}
		if (master.is(NodeFlag.FAIL) || master.is(NodeFlag.EVENTUAL_FAIL)) {
			return master.getUri().getHost() + ":" + master.getUri().getPort() + " failing";
		}
		return null;
	}

}
