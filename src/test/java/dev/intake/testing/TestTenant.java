package dev.intake.testing;

import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The tenants every test instance knows, each with its API key (made up for tests; they
 * open nothing anywhere else). Every auto-configured {@link WebTestClient} sends the key
 * of {@link #TEST}; {@link #on} switches a client to another tenant.
 */
public enum TestTenant {

	/** The tenant of every test that does not say otherwise. */
	TEST("test", "test-key-3f0d6c2a9b7e41d58c1f0a2b3c4d5e6f"),

	/** A second tenant, for isolation tests. */
	OTHER("other", "other-key-8a1b2c3d4e5f60718293a4b5c6d7e8f9"),

	/** A tenant of its own for tests that fill its concurrency limit. */
	BUSY("busy", "busy-key-0f1e2d3c4b5a69788796a5b4c3d2e1f0"),

	/** A tenant of its own for tests that fill its uploads awaiting content. */
	IDLE("idle", "idle-key-5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a"),

	/**
	 * A tenant of its own for tests that kill an instance and count the tenant's uploads.
	 */
	FAILOVER("failover", "failover-key-7e6d5c4b3a2918f7e6d5c4b3a2918f7e");

	public static final String API_KEY_HEADER = "X-API-Key";

	/** The operator key of every test instance: it opens the metrics endpoints. */
	public static final String OPERATOR_KEY = "operator-key-6c3b1a9f0e2d47c8b5a4f3e2d1c0b9a8";

	/** The secret that signs access tokens on every test instance. */
	public static final String TOKEN_SECRET = "test-token-secret-5b2e9c71d4a84f06";

	private final String id;

	private final String key;

	TestTenant(String id, String key) {
		this.id = id;
		this.key = key;
	}

	public String id() {
		return this.id;
	}

	public String key() {
		return this.key;
	}

	/** A copy of the client that sends this tenant's key instead. */
	public WebTestClient on(WebTestClient client) {
		return client.mutate().defaultHeaders((headers) -> headers.set(API_KEY_HEADER, this.key)).build();
	}

	/** A copy of the client that sends the operator key instead of a tenant's. */
	public static WebTestClient operator(WebTestClient client) {
		return client.mutate().defaultHeaders((headers) -> headers.set(API_KEY_HEADER, OPERATOR_KEY)).build();
	}

	/** A copy of the client that sends no key at all. */
	public static WebTestClient anonymous(WebTestClient client) {
		return client.mutate().defaultHeaders((headers) -> headers.remove(API_KEY_HEADER)).build();
	}

	/** Every test tenant and key, as {@code intake.security.api-keys} takes them. */
	public static String apiKeys() {
		StringBuilder keys = new StringBuilder();
		for (TestTenant tenant : values()) {
			keys.append((keys.length() > 0) ? "," : "").append(tenant.id).append('=').append(tenant.key);
		}
		return keys.toString();
	}

}
