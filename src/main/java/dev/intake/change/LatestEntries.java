package dev.intake.change;

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
	 * SQL expression) names, with its row number, key and compared fields. Sorting by
	 * byte order ({@code COLLATE "C"}) is enough to group keys, and much cheaper than the
	 * database's language-aware order.
	 */
	static String of(String uploadId) {
		return """
				SELECT DISTINCT ON (primary_phone COLLATE "C", coalesce(loan_account, '') COLLATE "C")
				  row_number, primary_phone, loan_account, %s
				FROM customers
				WHERE upload_id = %s
				ORDER BY primary_phone COLLATE "C", coalesce(loan_account, '') COLLATE "C", row_number DESC"""
			.formatted(String.join(", ", ComparedFields.COLUMNS.values()), uploadId);
	}

	/**
	 * A boolean SQL expression: whether entry {@code e} is the last of its customer in
	 * its upload, the same rule as {@link #of}, for one entry at a time.
	 */
	static String isLast(String e) {
		return "NOT EXISTS (SELECT 1 FROM customers later WHERE " + sameCustomer("later", e) + " AND later.upload_id = "
				+ e + ".upload_id AND later.row_number > " + e + ".row_number)";
	}

	private LatestEntries() {
	}

}
