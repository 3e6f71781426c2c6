package dev.intake.progress;

import java.util.UUID;

import dev.intake.tenant.TenantId;

/**
 * The Redis keys of progress streams. Each key carries a hash tag, so it has a slot of
 * its own under Redis Cluster, and no command of this module spans two keys.
 */
final class StreamKeys {

	private StreamKeys() {
	}

	/** The feed of the events of all uploads of one tenant. */
	static String feed(TenantId tenant) {
		return "intake:{feed:" + tenant.value() + "}:events";
	}

	/** The stream of one upload's events. */
	static String upload(UUID uploadId) {
		return "intake:{upload:" + uploadId + "}:events";
	}

}
