package dev.intake.progress.internal;

import java.util.List;
import java.util.UUID;

import dev.intake.system.Deployment;
import dev.intake.tenant.TenantId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The Redis keys of progress streams. Every key starts with this deployment's prefix
 * ({@code intake.progress.key-prefix}, by default {@code intake:<deployment>:}), so two
 * deployments sharing one Redis never share a stream, and carries a hash tag; no command
 * of this module spans two slots. On a standalone or Sentinel Redis each stream has a tag
 * of its own (such as {@code {upload:6f1c...}}); on Redis Cluster the tag is that of the
 * stream's {@link SlotGroups slot group} (such as {@code {shard3.17}}), so that one read
 * covers a whole group.
 */
@Component
class StreamKeys {

	private final String prefix;

	private final boolean grouped;

	@Autowired
	StreamKeys(@Value("${intake.progress.key-prefix:}") String configuredPrefix, Deployment deployment,
			RedisConnections redis) {
		this(configuredPrefix.isBlank() ? "intake:" + deployment.shortId() + ":" : configuredPrefix, redis.isCluster());
	}

	private StreamKeys(String prefix, boolean grouped) {
		if (grouped && (prefix.contains("{") || prefix.contains("}"))) {
			throw new IllegalArgumentException("intake.progress.key-prefix must not contain braces on Redis Cluster, "
					+ "where the slot groups' hash tags follow it: " + prefix);
		}
		this.prefix = prefix;
		this.grouped = grouped;
	}

	/** Keys under a prefix of one's own, for tests. */
	static StreamKeys withPrefix(String prefix) {
		return new StreamKeys(prefix, false);
	}

	/** The feed of the events of all uploads of one tenant. */
	String feed(TenantId tenant) {
		return key("feed:" + tenant.value(), tenant.value());
	}

	/** The stream of one upload's events. */
	String upload(UUID uploadId) {
		return key("upload:" + uploadId, uploadId.toString());
	}

	/**
	 * The streams of their own that the health check appends to: one per slot group on
	 * Redis Cluster, else one.
	 */
	List<String> probes() {
		if (this.grouped) {
			return SlotGroups.tags().stream().map((tag) -> this.prefix + "{" + tag + "}:probe").toList();
		}
		return List.of(this.prefix + "{health}:probe");
	}

	String prefix() {
		return this.prefix;
	}

	private String key(String name, String id) {
		if (this.grouped) {
			return this.prefix + "{" + SlotGroups.tagOf(id) + "}:" + name + ":events";
		}
		return this.prefix + "{" + name + "}:events";
	}

}
