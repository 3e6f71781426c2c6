package dev.intake.ingest;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How uploads are ingested.
 *
 * @param batchSize how many rows are written to the database in one go
 * @param nationalIdKey the secret key national IDs are HMACed with; {@code null} falls
 * back to a well-known development key
 */
@ConfigurationProperties(prefix = "intake.ingest")
public record IngestSettings(@DefaultValue("5000") int batchSize, String nationalIdKey) {

	// Public on purpose: anyone can read it here, so HMACs made with it protect nothing.
	static final String DEV_NATIONAL_ID_KEY = "intake-dev-national-id-key-do-not-use-in-production";

	private static final Log logger = LogFactory.getLog(IngestSettings.class);

	private static final AtomicBoolean devKeyWarned = new AtomicBoolean();

	public IngestSettings {
		if (batchSize < 1) {
			throw new IllegalArgumentException("intake.ingest.batch-size must be at least 1, not " + batchSize);
		}
	}

	/**
	 * Returns the key national IDs are HMACed with, falling back (with one warning) to
	 * the development key when none is configured.
	 * @return the key's bytes, a fresh copy
	 */
	public byte[] nationalIdKeyBytes() {
		if (usesDevNationalIdKey()) {
			if (devKeyWarned.compareAndSet(false, true)) {
				logger.warn("National IDs are HMACed with the built-in development key; set a secret key "
						+ "through INTAKE_INGEST_NATIONAL_ID_KEY in production");
			}
			return DEV_NATIONAL_ID_KEY.getBytes(StandardCharsets.UTF_8);
		}
		return this.nationalIdKey.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Tells whether no key is configured, so the development key is used.
	 * @return whether the development key is used
	 */
	public boolean usesDevNationalIdKey() {
		return this.nationalIdKey == null || this.nationalIdKey.isBlank();
	}

	// The record's own toString would print the secret key.
	@Override
	public String toString() {
		return "IngestSettings[batchSize=" + this.batchSize + ", nationalIdKey="
				+ (usesDevNationalIdKey() ? "<dev key>" : "******") + "]";
	}

}
