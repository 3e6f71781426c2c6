package dev.intake.change.internal;

/**
 * The SQL that makes one upload's entries into customers: a customer is a normalised
 * phone plus a loan account (no loan account is one key of its own, the same as a blank
 * one), and when a customer has several entries in one upload, the last row wins.
 */
final class LatestEntries {

	/** Whether entries {@code a} and {@code b} are of the same customer. */
	static String sameCustomer(String a, String b) {
		return a + ".primary_phone = " + b + ".primary_phone AND coalesce(" + a + ".loan_account, '') = coalesce(" + b
				+ ".loan_account, '')";
	}

	/**
	 * A query of the last entry of each customer in the upload that {@code uploadId} (a
	 * SQL expression) names, with its key ({@code phone_key, account_key}), row number
	 * and compared fields. Sorting by byte order ({@code COLLATE "C"}) is enough to group
	 * keys, and much cheaper than the database's language-aware order.
	 */
	static String of(String uploadId) {
		return of("customers", uploadId);
	}

	/** The same over {@code table}, which holds entries as {@code customers} does. */
	static String of(String table, String uploadId) {
		return """
				SELECT DISTINCT ON (phone_key, account_key)
				  primary_phone COLLATE "C" AS phone_key, coalesce(loan_account, '') COLLATE "C" AS account_key,
				  row_number, %s
				FROM %s
				WHERE upload_id = %s
				ORDER BY phone_key, account_key, row_number DESC"""
			.formatted(String.join(", ", ComparedFields.COLUMNS.values()), table, uploadId);
	}

	/**
	 * Whether two customers of {@link #of} are the same: a join on the columns they are
	 * sorted by, so a merge join needs no second sort.
	 */
	static String sameKey(String a, String b) {
		return a + ".phone_key = " + b + ".phone_key AND " + a + ".account_key = " + b + ".account_key";
	}

	private LatestEntries() {
	}

}
