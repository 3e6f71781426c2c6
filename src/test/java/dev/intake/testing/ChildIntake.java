package dev.intake.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Intake running in a child JVM (the test classpath,
 * {@code dev.intake.IntakeApplication}) against this JVM's PostgreSQL and Redis, on a
 * free port, so a test can kill it for real. Its output goes to
 * {@code target/child-intake-<port>.log}.
 */
public final class ChildIntake implements AutoCloseable {

	static final Duration STARTUP = Duration.ofMinutes(3);

	private final Process process;

	private final int port;

	private final Path log;

	private ChildIntake(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/** Starts a child Intake with these extra settings and waits until it is healthy. */
	public static ChildIntake start(Map<String, String> settings) {
		try {
			int port = Services.freePort();
			List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
					"-cp", System.getProperty("java.class.path"), "dev.intake.IntakeApplication"));
			Services.applicationProperties().forEach((name, value) -> command.add("--" + name + "=" + value));
			settings.forEach((name, value) -> command.add("--" + name + "=" + value));
			command.add("--server.port=" + port);
			Path log = Path.of("target", "child-intake-" + port + ".log");
			Files.createDirectories(log.getParent());
			Process process = new ProcessBuilder(command).directory(new File(System.getProperty("user.dir")))
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			ChildIntake child = new ChildIntake(process, port, log);
			child.awaitHealthy();
			return child;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return this.port;
	}

	/**
	 * Kills the child with SIGKILL, as {@code kill -9} does, and waits until it is gone.
	 */
	public void kill() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			kill();
		}
	}

	private void awaitHealthy() {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health"))
			.timeout(Duration.ofSeconds(5))
			.build();
		long deadline = System.nanoTime() + STARTUP.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("The child Intake exited on startup:\n" + logTail());
			}
			try {
				if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			sleep(Duration.ofMillis(250));
		}
		close();
		throw new IllegalStateException("The child Intake was not healthy within " + STARTUP + ":\n" + logTail());
	}

	private String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex + ")";
		}
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
