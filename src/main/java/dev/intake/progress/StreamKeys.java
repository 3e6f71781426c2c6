package dev.intake.progress;

import java.util.UUID;

/**
 * The Redis keys of progress streams. Each key carries a hash tag, so it has a slot of
 * its own under Redis Cluster, and no command of this module spans two keys.
 */
final class StreamKeys {

	/** The feed of all uploads' events. */
	static final String FEED = "intake:{feed}:events";

	private StreamKeys() {
	}

	/** The stream of one upload's events. */
	static String upload(UUID uploadId) {
		return "intake:{upload:" + uploadId + "}:events";
	}

}
