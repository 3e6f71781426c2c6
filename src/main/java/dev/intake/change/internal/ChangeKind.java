package dev.intake.change.internal;

import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.intake.upload.ChangeCounts;

/** How a customer of one cycle compares with the previous cycle. */
public enum ChangeKind {

	/** In this upload, not in the previous one. */
	NEW,

	/** In both, with at least one compared field different. */
	CHANGED,

	/** In both, with every compared field the same. */
	UNCHANGED,

	/** In the previous upload, not in this one. */
	MISSING;

	/** The kind's name in the API and in SQL: {@code new}, {@code changed}, ... */
	@JsonValue
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** Reads a label; anything else is an {@link IllegalArgumentException}. */
	public static ChangeKind of(String label) {
		return Arrays.stream(values())
			.filter((kind) -> kind.label().equals(label.trim().toLowerCase(Locale.ROOT)))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown change kind: " + label));
	}

	/** How many customers of this kind the counts hold. */
	public long countIn(ChangeCounts counts) {
		return switch (this) {
			case NEW -> counts.newCount();
			case CHANGED -> counts.changed();
			case UNCHANGED -> counts.unchanged();
			case MISSING -> counts.missing();
		};
	}

	/**
	 * Whether customers of this kind are entries of this upload (else of the previous).
	 */
	public boolean isInThisUpload() {
		return this != MISSING;
	}

}
