package dev.intake.upload.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Column names as summaries show them, bounded in bytes so that a page of a thousand
 * summaries stays small whatever headers were uploaded: at most {@link #MAX_SHOWN} names,
 * each cut after {@link #MAX_NAME_LENGTH} characters with an ellipsis, and how many there
 * are in all. The whole header stays stored, for the error report.
 *
 * @param names the first names, cut where long
 * @param count how many names there are in all
 * @param truncated whether a name was cut or names were left out
 */
public record ShownColumns(List<String> names, int count, boolean truncated) {

	/** The most names a summary shows. */
	public static final int MAX_SHOWN = 20;

	/** The most characters (code points) of one name a summary shows. */
	public static final int MAX_NAME_LENGTH = 100;

	static final String ELLIPSIS = "…";

	/** No columns. */
	public static final ShownColumns NONE = new ShownColumns(List.of(), 0, false);

	public ShownColumns {
		names = List.copyOf(names);
	}

	/**
	 * Bounds names as read, of which there are {@code count} in all.
	 * @param first the first names, each possibly longer than shown
	 * @param count how many names there are, or {@code null} for as many as given
	 * @return the names as shown
	 */
	public static ShownColumns of(List<String> first, Integer count) {
		int all = (count != null) ? count : first.size();
		List<String> shown = new ArrayList<>(Math.min(first.size(), MAX_SHOWN));
		boolean cut = all > MAX_SHOWN;
		for (String name : first.subList(0, Math.min(first.size(), MAX_SHOWN))) {
			String bounded = bounded(name);
			cut |= !bounded.equals(name);
			shown.add(bounded);
		}
		return new ShownColumns(shown, all, cut || shown.size() < all);
	}

	private static String bounded(String name) {
		if (name == null) {
			return "";
		}
		if (name.codePointCount(0, name.length()) <= MAX_NAME_LENGTH) {
			return name;
		}
		return name.substring(0, name.offsetByCodePoints(0, MAX_NAME_LENGTH)) + ELLIPSIS;
	}

}
