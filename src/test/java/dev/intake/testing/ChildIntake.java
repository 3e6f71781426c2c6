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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Intake running in a child JVM on a free port, so a test can stop or kill it for real:
 * either from the test classpath ({@link #start}) or as users run it, the packaged jar
 * with {@code java -jar} configured only by environment variables ({@link #startJar}).
 * Its output goes to {@code target/child-intake-<port>.log}. Both wait until the instance
 * is ready and fail with the end of its log when it exits or never gets ready.
 */
public final class ChildIntake implements RunningIntake {

	static final Duration STARTUP = Duration.ofMinutes(3);

	private final Process process;

	private final int port;

	private final Path log;

	private ChildIntake(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * Starts {@code dev.intake.IntakeApplication} from the test classpath against this
	 * JVM's servers, with these extra settings (which override the test defaults), and
	 * waits until it is ready.
	 */
	public static ChildIntake start(Map<String, ?> settings) {
		int port = freePort();
		List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), "dev.intake.IntakeApplication"));
		// One argument per setting: Spring joins repeated arguments with commas.
		Map<String, Object> arguments = new LinkedHashMap<>(Services.applicationProperties());
		arguments.putAll(settings);
		arguments.forEach((name, value) -> command.add("--" + name + "=" + value));
		command.add("--server.port=" + port);
		return launch(new ProcessBuilder(command), port);
	}

	/**
	 * Starts the packaged jar with {@code java -Xmx256m -jar}, as the Docker image does,
	 * with no arguments and an environment of nothing but these variables (plus
	 * {@code SERVER_PORT} and {@code PATH}), and waits until it is ready.
	 */
	public static ChildIntake startJar(Path jar, Map<String, String> environment) {
		int port = freePort();
		ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-Xmx256m", "-jar",
				jar.toAbsolutePath().toString());
		Map<String, String> childEnvironment = builder.environment();
		String path = childEnvironment.get("PATH");
		childEnvironment.clear();
		if (path != null) {
			childEnvironment.put("PATH", path);
		}
		childEnvironment.putAll(environment);
		childEnvironment.put("SERVER_PORT", Integer.toString(port));
		return launch(builder, port);
	}

	@Override
	public int port() {
		return this.port;
	}

	/**
	 * Asks the child for a full GC, as {@code jcmd <pid> GC.run} does, and waits for it.
	 */
	public void collectGarbage() {
		try {
			Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
					Long.toString(this.process.pid()), "GC.run")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			jcmd.waitFor(60, TimeUnit.SECONDS);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	public long pid() {
		return this.process.pid();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/** The processes the child started itself, still running. */
	public List<ProcessHandle> descendants() {
		return this.process.descendants().filter(ProcessHandle::isAlive).toList();
	}

	/**
	 * Sends SIGTERM, as {@code kill} and {@code docker stop} do, and waits at most
	 * {@code patience} for the child to exit.
	 * @return the exit code, or {@code null} if it was still running after that
	 */
	public Integer terminate(Duration patience) {
		this.process.destroy();
		try {
			return this.process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS) ? this.process.exitValue() : null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
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
		descendants().forEach(ProcessHandle::destroyForcibly);
		if (this.process.isAlive()) {
			kill();
		}
	}

	/** The last lines the child wrote. */
	public String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex + ")";
		}
	}

	private static ChildIntake launch(ProcessBuilder builder, int port) {
		try {
			Path log = Path.of("target", "child-intake-" + port + ".log");
			Files.createDirectories(log.getParent());
			Process process = builder.directory(new File(System.getProperty("user.dir")))
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			ChildIntake child = new ChildIntake(process, port, log);
			child.awaitReady();
			return child;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void awaitReady() {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest readiness = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(5))
			.build();
		long deadline = System.nanoTime() + STARTUP.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("The child Intake exited on startup:\n" + logTail());
			}
			try {
				if (client.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
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
		throw new IllegalStateException("The child Intake was not ready within " + STARTUP + ":\n" + logTail());
	}

	private static int freePort() {
		try {
			return Services.freePort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
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
