package dev.intake.change.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page of changes starts: in one kind, after one row, with some customers of that
 * kind already listed. Kinds come in the order new, changed, unchanged, missing, each in
 * row order. Clients see it as an opaque token, which is only valid for the kinds it was
 * made for.
 *
 * @param kinds the kinds listed, as a bit set of {@link ChangeKind} ordinals
 * @param kind the kind the page starts in
 * @param afterRow the row of the last customer of that kind already listed, 0 for none (a
 * row of the previous upload for missing customers)
 * @param seen how many customers of that kind were already listed
 */
public record ChangeCursor(int kinds, ChangeKind kind, long afterRow, long seen) {

	/**
	 * Reads a token made by {@link #token()}; anything else is an
	 * {@link IllegalArgumentException}.
	 */
	public static ChangeCursor parse(String token) {
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
			if (parts.length != 4) {
				throw new IllegalArgumentException("Not four parts");
			}
			// ASCII digits only: parseLong would also read other scripts' digits and a
			// sign.
			if (!parts[0].matches("[0-9]{1,2}") || !parts[2].matches("[0-9]{1,18}")
					|| !parts[3].matches("[0-9]{1,18}")) {
				throw new IllegalArgumentException("Not numbers this API writes");
			}
			return new ChangeCursor(Integer.parseInt(parts[0]), ChangeKind.of(parts[1]), Long.parseLong(parts[2]),
					Long.parseLong(parts[3]));
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("Not a cursor of this API: " + token, ex);
		}
	}

	public String token() {
		String text = this.kinds + ":" + this.kind.label() + ":" + this.afterRow + ":" + this.seen;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

}
