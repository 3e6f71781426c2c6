package dev.intake.change.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The entry fields two cycles of a customer are compared by, and the SQL that compares
 * them, so the counts and the pages share one definition of {@code changed}. Fields are
 * equal when both are null or both hold the same value; the national ID is never compared
 * or shown.
 */
final class ComparedFields {

	/** API name to column, in the order changes are listed. */
	static final Map<String, String> COLUMNS = columns();

	private ComparedFields() {
	}

	/** A boolean SQL expression: whether entries {@code c} and {@code p} differ. */
	static String differ(String c, String p) {
		return COLUMNS.values()
			.stream()
			.map((column) -> c + "." + column + " IS DISTINCT FROM " + p + "." + column)
			.collect(Collectors.joining(" OR ", "(", ")"));
	}

	/** A {@code text[]} SQL expression: the API names of the fields that differ. */
	static String changed(String c, String p) {
		return COLUMNS.entrySet()
			.stream()
			.map((field) -> "CASE WHEN " + c + "." + field.getValue() + " IS DISTINCT FROM " + p + "."
					+ field.getValue() + " THEN '" + field.getKey() + "' END")
			.collect(Collectors.joining(", ", "array_remove(ARRAY[", "], NULL)"));
	}

	/**
	 * The compared columns of entry {@code alias}, each named {@code prefix + column}.
	 */
	static String select(String alias, String prefix) {
		return COLUMNS.values()
			.stream()
			.map((column) -> alias + "." + column + " AS " + prefix + column)
			.collect(Collectors.joining(", "));
	}

	private static Map<String, String> columns() {
		Map<String, String> columns = new LinkedHashMap<>();
		columns.put("fullName", "full_name");
		columns.put("amountDue", "amount_due");
		columns.put("dueDate", "due_date");
		columns.put("state", "state");
		columns.put("preferredLanguage", "preferred_language");
		columns.put("email", "email");
		return columns;
	}

}
