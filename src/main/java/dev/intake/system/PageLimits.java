package dev.intake.system;

import org.springframework.http.HttpStatus;

/** The page size rules every list endpoint shares: 50 by default, 1 to 1000. */
public final class PageLimits {

	/** The problem code of a {@code limit} out of range. */
	public static final String INVALID_LIMIT = "invalid-limit";

	/** The problem code of a {@code cursor} this API did not hand out. */
	public static final String INVALID_CURSOR = "invalid-cursor";

	public static final int DEFAULT = 50;

	public static final int MAX = 1000;

	private PageLimits() {
	}

	/**
	 * The page size to use for a requested {@code limit}; out of range is a 400 problem.
	 */
	public static int size(Integer limit) {
		if (limit == null) {
			return DEFAULT;
		}
		if (limit < 1 || limit > MAX) {
			throw new Problem(HttpStatus.BAD_REQUEST, INVALID_LIMIT, "Invalid limit",
					"limit must be between 1 and " + MAX);
		}
		return limit;
	}

}
