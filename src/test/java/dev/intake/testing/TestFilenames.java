package dev.intake.testing;

import java.util.UUID;

/**
 * File names no other test uses, made of letters only after the prefix: a random UUID can
 * hold twelve digits that pass the Verhoeff check, and Intake masks those in file names
 * as national IDs, so a test could no longer find its upload by name.
 */
public final class TestFilenames {

	private TestFilenames() {
	}

	/** {@code prefix}, then 32 random letters, then {@code .csv}. */
	public static String unique(String prefix) {
		StringBuilder name = new StringBuilder(prefix);
		for (char hex : UUID.randomUUID().toString().replace("-", "").toCharArray()) {
			name.append((char) ('a' + Character.digit(hex, 16)));
		}
		return name.append(".csv").toString();
	}

}
