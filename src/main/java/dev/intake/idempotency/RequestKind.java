package dev.intake.idempotency;

import java.util.Locale;

/** What a keyed request did, which decides whether a retry can find it still running. */
public enum RequestKind {

	/**
	 * The request carried the content and ran the upload: it runs as long as that does.
	 */
	CONTENT,

	/** The request only created an upload that awaits its content: it is done at once. */
	CREATE;

	String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	static RequestKind ofLabel(String label) {
		return valueOf(label.toUpperCase(Locale.ROOT));
	}

}
