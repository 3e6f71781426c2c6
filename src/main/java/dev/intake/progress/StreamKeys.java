package dev.intake.progress;

import java.util.UUID;

import dev.intake.system.Deployment;
import dev.intake.tenant.TenantId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The Redis keys of progress streams. Every key starts with this deployment's prefix
 * ({@code intake.progress.key-prefix}, by default {@code intake:<deployment>:}), so two
 * deployments sharing one Redis never share a stream, and carries a hash tag, so it has a
 * slot of its own under Redis Cluster; no command of this module spans two keys.
 */
@Component
class StreamKeys {

	private final String prefix;

	@Autowired
	StreamKeys(@Value("${intake.progress.key-prefix:}") String configuredPrefix, Deployment deployment) {
		this.prefix = configuredPrefix.isBlank() ? "intake:" + deployment.shortId() + ":" : configuredPrefix;
	}

	private StreamKeys(String prefix) {
		this.prefix = prefix;
	}

	/** Keys under a prefix of one's own, for tests. */
	static StreamKeys withPrefix(String prefix) {
		return new StreamKeys(prefix);
	}

	/** The feed of the events of all uploads of one tenant. */
	String feed(TenantId tenant) {
		return this.prefix + "{feed:" + tenant.value() + "}:events";
	}

	/** The stream of one upload's events. */
	String upload(UUID uploadId) {
		return this.prefix + "{upload:" + uploadId + "}:events";
	}

	/** A stream of its own that the health check appends to. */
	String probe() {
		return this.prefix + "{health}:probe";
	}

	String prefix() {
		return this.prefix;
	}

}
