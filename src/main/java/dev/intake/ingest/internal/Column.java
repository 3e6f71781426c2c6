package dev.intake.ingest.internal;

import java.util.List;

/**
 * The columns Intake understands, with the other names lenders' files give them.
 * <p>
 * Aliases are written as people write them; {@link dev.intake.ingest.ColumnMapping}
 * compares them by their letters and digits only, so {@code Mobile No.} matches
 * {@code mobile_no}.
 */
public enum Column {

	FULL_NAME("full_name", true, "name", "customer_name", "customername", "fullname", "borrower_name", "borrower",
			"customer", "client_name", "applicant_name"),

	PRIMARY_PHONE("primary_phone", true, "phone", "mobile", "mobile_number", "mobile_no", "phone_number", "phone_no",
			"contact", "contact_number", "contact_no", "msisdn", "primary_mobile", "mobile_phone", "cell_phone"),

	AMOUNT_DUE("amount_due", true, "amount", "due_amount", "outstanding", "amount_outstanding", "outstanding_amount",
			"emi", "emi_amount", "total_due", "overdue_amount", "amount_inr", "amount_rs"),

	DUE_DATE("due_date", true, "due", "duedate", "due_on", "emi_date", "emi_due_date", "payment_due_date"),

	NATIONAL_ID("national_id", false, "aadhaar", "aadhar", "aadhaar_number", "aadhaar_no", "aadhar_number", "aadhar_no",
			"aadhaar_id", "uid", "uid_number", "national_id_number"),

	LOAN_ACCOUNT("loan_account", false, "loan_account_number", "loan_account_no", "account", "account_number",
			"account_no", "loan_id", "loan_no", "loan_number", "lan"),

	STATE("state", false, "region", "state_name"),

	PREFERRED_LANGUAGE("preferred_language", false, "language", "lang", "preferred_lang"),

	EMAIL("email", false, "email_address", "mail", "e_mail", "email_id", "mail_id");

	private final String canonicalName;

	private final boolean required;

	private final List<String> aliases;

	Column(String canonicalName, boolean required, String... aliases) {
		this.canonicalName = canonicalName;
		this.required = required;
		this.aliases = List.of(aliases);
	}

	/**
	 * Returns the column's name in Intake's own files and messages, like
	 * {@code full_name}.
	 * @return the snake_case name
	 */
	public String canonicalName() {
		return this.canonicalName;
	}

	public boolean required() {
		return this.required;
	}

	public List<String> aliases() {
		return this.aliases;
	}

}
