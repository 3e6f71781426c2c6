package dev.intake.tenant.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The keys of operators ({@code intake.security.operator-keys}, or
 * {@code INTAKE_OPERATOR_KEYS}), kept only as hashes. An operator key opens the
 * instance-wide metrics, which count every tenant's uploads, and nothing of any tenant.
 */
final class OperatorKeys {

	private final List<byte[]> hashes;

	private OperatorKeys(List<byte[]> hashes) {
		this.hashes = hashes;
	}

	/** Reads {@code keyA,keyB}; blank entries are skipped. */
	static OperatorKeys parse(String setting) {
		List<byte[]> hashes = new ArrayList<>();
		if (setting != null) {
			for (String key : setting.split(",")) {
				if (!key.isBlank()) {
					hashes.add(KeyHashes.of(key.strip()));
				}
			}
		}
		return new OperatorKeys(List.copyOf(hashes));
	}

	/** Whether a key with this hash is an operator's; every key is compared. */
	boolean contains(byte[] keyHash) {
		boolean found = false;
		for (byte[] hash : this.hashes) {
			found |= KeyHashes.same(hash, keyHash);
		}
		return found;
	}

	int size() {
		return this.hashes.size();
	}

}
