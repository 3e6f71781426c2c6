package dev.intake.tenant.internal;

import java.util.UUID;

/**
 * The event streams an access token can open, as authorities: {@code upload:<id>} for one
 * upload's events, {@code feed} for the tenant's feed.
 */
final class EventScope {

	static final String FEED = "feed";

	private static final String UPLOAD = "upload:";

	private EventScope() {
	}

	static String upload(UUID uploadId) {
		return UPLOAD + uploadId;
	}

	/** The scope of a path's upload id, or {@code null} if it is not an upload id. */
	static String uploadOrNull(Object pathId) {
		try {
			return upload(UUID.fromString(String.valueOf(pathId)));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
