package dev.intake.tenant.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.intake.tenant.AccessToken;
import dev.intake.tenant.EventAccess;
import dev.intake.tenant.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Mints and checks event-stream access tokens:
 * {@code base64url(1|tenant|scope|expiry) "." base64url(HMAC-SHA256)}. The scope is
 * {@code upload:<id>} or {@code feed}. A token says nothing secret; it is only
 * unforgeable, and short-lived.
 */
@Component
class AccessTokens implements EventAccess {

	private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);

	private static final String ALGORITHM = "HmacSHA256";

	private static final String VERSION = "1";

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private final SecretKeySpec key;

	private final SecuritySettings settings;

	private final Clock clock;

	@Autowired
	AccessTokens(SecuritySettings settings, StoredTokenSecret stored) {
		this(settings, Clock.systemUTC(), configuredOr(settings, stored::secret));
	}

	AccessTokens(SecuritySettings settings) {
		this(settings, Clock.systemUTC());
	}

	AccessTokens(SecuritySettings settings, Clock clock) {
		this(settings, clock, configuredOr(settings, AccessTokens::randomSecret));
	}

	private AccessTokens(SecuritySettings settings, Clock clock, byte[] secret) {
		this.settings = settings;
		this.clock = clock;
		this.key = new SecretKeySpec(secret, ALGORITHM);
	}

	@Override
	public AccessToken forUpload(TenantId tenant, UUID uploadId) {
		return mint(tenant, EventScope.upload(uploadId));
	}

	@Override
	public AccessToken forFeed(TenantId tenant) {
		return mint(tenant, EventScope.FEED);
	}

	private AccessToken mint(TenantId tenant, String scope) {
		Instant expiresAt = this.clock.instant().plus(this.settings.tokenTtl());
		String payload = String.join("|", VERSION, tenant.value(), scope, Long.toString(expiresAt.getEpochSecond()));
		byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
		return new AccessToken(ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(sign(bytes)),
				Instant.ofEpochSecond(expiresAt.getEpochSecond()));
	}

	/**
	 * The grant of a token whose signature is right and that has not expired; empty for
	 * anything else, API keys included.
	 */
	Optional<TokenGrant> verify(String token) {
		try {
			int dot = token.indexOf('.');
			if (dot < 1 || token.length() > 1024) {
				return Optional.empty();
			}
			byte[] payload = decodeCanonical(token.substring(0, dot));
			byte[] signature = decodeCanonical(token.substring(dot + 1));
			if (!KeyHashes.same(sign(payload), signature)) {
				return Optional.empty();
			}
			String[] fields = new String(payload, StandardCharsets.UTF_8).split("\\|", -1);
			if (fields.length != 4 || !VERSION.equals(fields[0])) {
				return Optional.empty();
			}
			Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(fields[3]));
			if (!this.clock.instant().isBefore(expiresAt)) {
				return Optional.empty();
			}
			return Optional.of(new TokenGrant(TenantId.of(fields[1]), fields[2]));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Decodes one part of a token, refusing any spelling but the one minted: unpadded
	 * Base64 leaves unused bits in its last character, and a decoder that ignores them
	 * would take several strings for the same token.
	 */
	private static byte[] decodeCanonical(String part) {
		byte[] decoded = DECODER.decode(part);
		if (!ENCODER.encodeToString(decoded).equals(part)) {
			throw new IllegalArgumentException("Not the minted spelling of a token part");
		}
		return decoded;
	}

	private byte[] sign(byte[] payload) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			return mac.doFinal(payload);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Every JVM has " + ALGORITHM, ex);
		}
	}

	// A configured secret wins; otherwise the deployment's stored one (or, outside
	// Spring, a
	// random one of this process).
	private static byte[] configuredOr(SecuritySettings settings, Supplier<byte[]> otherwise) {
		if (settings.tokenSecret() != null && !settings.tokenSecret().isBlank()) {
			return settings.tokenSecret().getBytes(StandardCharsets.UTF_8);
		}
		return otherwise.get();
	}

	private static byte[] randomSecret() {
		log.warn("Event-stream access tokens are signed with a random secret of this process");
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		return random;
	}

	/**
	 * What a valid token grants.
	 *
	 * @param tenant whose events
	 * @param scope which stream: {@code upload:<id>} or {@code feed}
	 */
	record TokenGrant(TenantId tenant, String scope) {

	}

}
