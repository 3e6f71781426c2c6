package dev.intake.customer.internal;

import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import dev.intake.customer.CustomerEntry;

/** Renders entries in COPY's text format: tab-separated, {@code \N} for null, escaped. */
final class CopyText {

	private static final HexFormat HEX = HexFormat.of();

	/** A guess of one encoded row's size, to size the builder once per batch. */
	private static final int ROW_SIZE_GUESS = 192;

	private final StringBuilder text;

	CopyText(int rows) {
		this.text = new StringBuilder(rows * ROW_SIZE_GUESS);
	}

	CopyText entries(UUID uploadId, List<CustomerEntry> entries) {
		String upload = uploadId.toString();
		for (CustomerEntry entry : entries) {
			row(upload, entry);
		}
		return this;
	}

	StringBuilder text() {
		return this.text;
	}

	private void row(String upload, CustomerEntry entry) {
		this.text.append(upload).append('\t').append(entry.rowNumber()).append('\t');
		escaped(entry.fullName()).append('\t');
		escaped(entry.primaryPhone()).append('\t');
		escaped(entry.nationalIdLast4()).append('\t');
		bytea(entry.nationalIdHmac()).append('\t');
		escaped(entry.loanAccount()).append('\t');
		this.text.append(entry.amountDue().toPlainString()).append('\t');
		this.text.append(entry.dueDate()).append('\t');
		escaped(entry.state()).append('\t');
		escaped(entry.preferredLanguage()).append('\t');
		escaped(entry.email()).append('\t');
		this.text.append(entry.fingerprint()).append('\n');
	}

	private StringBuilder bytea(byte[] value) {
		if (value == null) {
			return this.text.append("\\N");
		}
		return this.text.append("\\\\x").append(HEX.formatHex(value));
	}

	private StringBuilder escaped(String value) {
		if (value == null) {
			return this.text.append("\\N");
		}
		if (!needsEscaping(value)) {
			return this.text.append(value);
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> this.text.append("\\\\");
				case '\t' -> this.text.append("\\t");
				case '\n' -> this.text.append("\\n");
				case '\r' -> this.text.append("\\r");
				default -> this.text.append(c);
			}
		}
		return this.text;
	}

	private static boolean needsEscaping(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
				return true;
			}
		}
		return false;
	}

}
