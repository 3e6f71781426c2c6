package dev.intake.tenant.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.intake.tenant.TenantId;

/**
 * The API keys given in configuration ({@code intake.security.api-keys}, or
 * {@code INTAKE_API_KEYS}), kept only as hashes.
 */
final class ConfiguredApiKeys {

	private final List<Entry> entries;

	private ConfiguredApiKeys(List<Entry> entries) {
		this.entries = entries;
	}

	/**
	 * Reads {@code tenantA=keyA,tenantB=keyB}; a tenant may have several keys. A
	 * malformed entry is an {@link IllegalArgumentException} that never shows the key.
	 */
	static ConfiguredApiKeys parse(String setting) {
		List<Entry> entries = new ArrayList<>();
		if (setting != null) {
			int position = 0;
			for (String pair : setting.split(",")) {
				position++;
				if (pair.isBlank()) {
					continue;
				}
				int equals = pair.indexOf('=');
				String key = (equals > 0) ? pair.substring(equals + 1).strip() : "";
				if (key.isEmpty()) {
					throw new IllegalArgumentException(
							"Entry " + position + " of intake.security.api-keys (INTAKE_API_KEYS) is not tenant=key");
				}
				entries.add(new Entry(KeyHashes.of(key), TenantId.of(pair.substring(0, equals).strip())));
			}
		}
		return new ConfiguredApiKeys(List.copyOf(entries));
	}

	/** The tenant whose key has this hash; every entry is compared, in constant time. */
	Optional<TenantId> tenantOf(byte[] keyHash) {
		TenantId found = null;
		for (Entry entry : this.entries) {
			if (KeyHashes.same(entry.hash(), keyHash) && found == null) {
				found = entry.tenant();
			}
		}
		return Optional.ofNullable(found);
	}

	int size() {
		return this.entries.size();
	}

	private record Entry(byte[] hash, TenantId tenant) {

	}

}
