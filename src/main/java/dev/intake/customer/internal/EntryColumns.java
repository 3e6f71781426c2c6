package dev.intake.customer.internal;

import java.util.HexFormat;
import java.util.List;

import dev.intake.customer.CustomerEntry;

/** A batch of entries turned column-wise into arrays, to bind for {@code unnest}. */
record EntryColumns(Long[] rows, String[] names, String[] phones, String[] last4s, String[] hmacs, String[] accounts,
		String[] amounts, String[] dates, String[] states, String[] languages, String[] emails, String[] fingerprints) {

	private static final HexFormat HEX = HexFormat.of();

	static EntryColumns of(List<CustomerEntry> entries) {
		int size = entries.size();
		EntryColumns columns = new EntryColumns(new Long[size], new String[size], new String[size], new String[size],
				new String[size], new String[size], new String[size], new String[size], new String[size],
				new String[size], new String[size], new String[size]);
		for (int i = 0; i < size; i++) {
			columns.set(i, entries.get(i));
		}
		return columns;
	}

	private void set(int i, CustomerEntry entry) {
		this.rows[i] = entry.rowNumber();
		this.names[i] = entry.fullName();
		this.phones[i] = entry.primaryPhone();
		this.last4s[i] = entry.nationalIdLast4();
		this.hmacs[i] = (entry.nationalIdHmac() != null) ? HEX.formatHex(entry.nationalIdHmac()) : null;
		this.accounts[i] = entry.loanAccount();
		this.amounts[i] = entry.amountDue().toPlainString();
		this.dates[i] = entry.dueDate().toString();
		this.states[i] = entry.state();
		this.languages[i] = entry.preferredLanguage();
		this.emails[i] = entry.email();
		this.fingerprints[i] = entry.fingerprint().toString();
	}

}
