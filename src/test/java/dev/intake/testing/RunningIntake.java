package dev.intake.testing;

import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * An Intake instance a test started besides its own, on this machine, and the clients
 * that talk to it: {@link InProcessIntake} in this JVM, {@link ChildIntake} in a JVM of
 * its own that the test can kill. Both start with the test servers' settings
 * ({@link Services#applicationProperties()}) and the test's on top.
 */
public interface RunningIntake extends AutoCloseable {

	/** The port it listens on. */
	int port();

	/** A client of it as {@link TestTenant#TEST}, waiting {@link Timeouts#PATIENCE}. */
	default WebTestClient http() {
		return http(TestTenant.TEST);
	}

	/** A client of it as this tenant, waiting {@link Timeouts#PATIENCE}. */
	default WebTestClient http(TestTenant tenant) {
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + port())
			.responseTimeout(Timeouts.PATIENCE)
			.defaultHeader(TestTenant.API_KEY_HEADER, tenant.key())
			.build();
	}

	/** The upload client of it as {@link TestTenant#TEST}. */
	default UploadClient uploads() {
		return UploadClient.of(http());
	}

	/**
	 * A client of it as {@link TestTenant#TEST} that opens a connection per request, for
	 * event streams and bodies sent as they come (see {@link EventStreams#client}).
	 */
	default WebClient client() {
		return EventStreams.client(port());
	}

	/** Stops it. */
	@Override
	void close();

}
