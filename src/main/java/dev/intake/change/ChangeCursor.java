package dev.intake.change;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page of changes starts. Customers of this upload come first, in row order, then
 * the missing ones, in the previous upload's row order. Clients see it as an opaque
 * token, which is only valid for the kinds it was made for.
 *
 * @param kinds the kinds listed, as a bit set of {@link ChangeKind} ordinals
 * @param missing whether the page starts among the missing customers
 * @param afterRow the row number of the last customer already listed on that side
 * @param seen how many customers of that side were already listed
 */
public record ChangeCursor(int kinds, boolean missing, long afterRow, long seen) {

	/** The start of the first page of the given kinds. */
	public static ChangeCursor start(int kinds) {
		return new ChangeCursor(kinds, false, 0, 0);
	}

	/**
	 * Reads a token made by {@link #token()}; anything else is an
	 * {@link IllegalArgumentException}.
	 */
	public static ChangeCursor parse(String token) {
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
			if (parts.length != 4 || !(parts[1].equals("c") || parts[1].equals("m"))) {
				throw new IllegalArgumentException("Not four parts");
			}
			return new ChangeCursor(Integer.parseInt(parts[0]), parts[1].equals("m"), Long.parseLong(parts[2]),
					Long.parseLong(parts[3]));
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("Not a cursor of this API: " + token, ex);
		}
	}

	public String token() {
		String text = this.kinds + ":" + (this.missing ? "m" : "c") + ":" + this.afterRow + ":" + this.seen;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

}
