package dev.intake.tenant;

import java.util.regex.Pattern;

/**
 * A tenant: the lender an API key belongs to. Every upload, entry, error and event
 * belongs to exactly one tenant.
 *
 * @param value the tenant's id: 1 to 64 letters, digits, {@code .}, {@code _} or
 * {@code -}
 */
public record TenantId(String value) {

	private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	public TenantId {
		if (value == null || !VALID.matcher(value).matches()) {
			throw new IllegalArgumentException(
					"A tenant id is 1 to 64 letters, digits, '.', '_' or '-', not '" + value + "'");
		}
	}

	public static TenantId of(String value) {
		return new TenantId(value);
	}

	@Override
	public String toString() {
		return this.value;
	}

}
