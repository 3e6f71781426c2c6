package dev.intake.webhook.web;

import java.util.List;
import java.util.Map;

/**
 * One page of a list, with the cursor of the next page ({@code null} on the last page),
 * shaped like every other list of the API.
 *
 * @param <T> the kind of item
 * @param items the items of this page
 * @param next the cursor to pass as {@code cursor} for the next page, or {@code null}
 * @param links {@code next}: the next page's address, when there is one
 */
record Page<T>(List<T> items, String next, Map<String, String> links) {

	static <T> Page<T> of(List<T> items, String next, String nextPathWithoutCursor) {
		return new Page<>(items, next, (next != null) ? Map.of("next", nextPathWithoutCursor + next) : Map.of());
	}

}
