package dev.intake.tenant.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import dev.intake.tenant.AccessToken;
import dev.intake.tenant.TenantId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AccessTokensUnitTests {

	static final Instant NOW = Instant.parse("2026-11-29T09:00:00Z");

	static final TenantId TENANT = TenantId.of("lender-a");

	AccessTokens tokens = at(NOW);

	@Test
	void grantsItsTenantAndScopeUntilItExpires() {
		UUID upload = UUID.randomUUID();
		AccessToken token = this.tokens.forUpload(TENANT, upload);

		assertThat(token.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
		assertThat(this.tokens.verify(token.accessToken()))
			.contains(new AccessTokens.TokenGrant(TENANT, "upload:" + upload));
		assertThat(at(NOW.plus(Duration.ofMinutes(4))).verify(token.accessToken())).isPresent();
		assertThat(at(NOW.plus(Duration.ofMinutes(5))).verify(token.accessToken())).isEmpty();
	}

	@Test
	void grantsTheFeed() {
		assertThat(this.tokens.verify(this.tokens.forFeed(TENANT).accessToken()))
			.contains(new AccessTokens.TokenGrant(TENANT, "feed"));
	}

	@Test
	void rejectsATokenWhosePayloadWasChanged() {
		String token = this.tokens.forFeed(TENANT).accessToken();
		String payload = token.substring(0, token.indexOf('.'));
		String otherPayload = this.tokens.forFeed(TenantId.of("lender-b")).accessToken().split("\\.")[0];

		assertThat(this.tokens.verify(otherPayload + token.substring(payload.length()))).isEmpty();
	}

	@Test
	void rejectsATokenWhoseSignatureIsSpelledAnotherWay() {
		String token = this.tokens.forFeed(TENANT).accessToken();
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
		int last = alphabet.indexOf(token.charAt(token.length() - 1));
		// A 32-byte signature takes 43 characters: the last one has two unused bits.
		String sameBytes = token.substring(0, token.length() - 1) + alphabet.charAt(last ^ 1);

		assertThat(this.tokens.verify(token)).isPresent();
		assertThat(this.tokens.verify(sameBytes)).isEmpty();
	}

	@Test
	void rejectsTokensSignedWithAnotherSecretAndAnythingMalformed() {
		AccessTokens other = new AccessTokens(new SecuritySettings(null, "another-secret", Duration.ofMinutes(5), null),
				Clock.fixed(NOW, ZoneOffset.UTC));

		assertThat(this.tokens.verify(other.forFeed(TENANT).accessToken())).isEmpty();
		assertThat(this.tokens.verify("")).isEmpty();
		assertThat(this.tokens.verify(".")).isEmpty();
		assertThat(this.tokens.verify("abc")).isEmpty();
		assertThat(this.tokens.verify("!!!.???")).isEmpty();
		assertThat(this.tokens.verify("a".repeat(5000))).isEmpty();
	}

	private static AccessTokens at(Instant now) {
		return new AccessTokens(new SecuritySettings(null, "unit-test-secret", Duration.ofMinutes(5), null),
				Clock.fixed(now, ZoneOffset.UTC));
	}

}
