package dev.intake.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How uploads are ingested.
 *
 * @param batchSize the most rows written to the database in one go
 * @param batchBytes the most bytes (estimated on the heap) of the rows of one batch: a
 * batch is cut by rows or by bytes, whichever comes first, so a few huge rows never make
 * a huge batch
 * @param maxInFlightBytes the most bytes all uploads of this instance may hold at once;
 * each upload reserves its worst case ({@link Ingestion#footprint()}) before its body is
 * read; {@code null} means a third of the maximum heap
 * @param admissionTimeout how long an upload waits for its bytes to be reserved before it
 * is failed with 503 {@code server-busy} and {@code Retry-After}
 * @param nationalIdKey the secret key national IDs are HMACed with; {@code null} falls
 * back to a well-known development key
 */
@ConfigurationProperties(prefix = "intake.ingest")
record IngestSettings(@DefaultValue("5000") int batchSize, @DefaultValue("4MB") DataSize batchBytes,
		DataSize maxInFlightBytes, @DefaultValue("60s") Duration admissionTimeout, String nationalIdKey) {

	// Public on purpose: anyone can read it here, so HMACs made with it protect nothing.
	static final String DEV_NATIONAL_ID_KEY = "intake-dev-national-id-key-do-not-use-in-production";

	private static final Log logger = LogFactory.getLog(IngestSettings.class);

	private static final AtomicBoolean devKeyWarned = new AtomicBoolean();

	@ConstructorBinding
	public IngestSettings {
		if (batchSize < 1) {
			throw new IllegalArgumentException("intake.ingest.batch-size must be at least 1, not " + batchSize);
		}
		if (batchBytes == null || batchBytes.toBytes() < 1) {
			throw new IllegalArgumentException("intake.ingest.batch-bytes must be at least 1B, not " + batchBytes);
		}
		if (maxInFlightBytes != null && maxInFlightBytes.toBytes() < 1) {
			throw new IllegalArgumentException(
					"intake.ingest.max-in-flight-bytes must be at least 1B, not " + maxInFlightBytes);
		}
		if (admissionTimeout == null || admissionTimeout.isNegative()) {
			throw new IllegalArgumentException(
					"intake.ingest.admission-timeout must not be negative, not " + admissionTimeout);
		}
	}

	/** The defaults with a batch size and key, for code that runs without Spring. */
	IngestSettings(int batchSize, String nationalIdKey) {
		this(batchSize, DataSize.ofMegabytes(4), null, Duration.ofSeconds(60), nationalIdKey);
	}

	/**
	 * Returns the most bytes all uploads of this instance may hold at once.
	 * @return the configured bound, or a third of the maximum heap
	 */
	public long inFlightBytes() {
		return (this.maxInFlightBytes != null) ? this.maxInFlightBytes.toBytes() : Runtime.getRuntime().maxMemory() / 3;
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
		return "IngestSettings[batchSize=" + this.batchSize + ", batchBytes=" + this.batchBytes + ", maxInFlightBytes="
				+ this.maxInFlightBytes + ", admissionTimeout=" + this.admissionTimeout + ", nationalIdKey="
				+ (usesDevNationalIdKey() ? "<dev key>" : "******") + "]";
	}

}
