package dev.intake.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import static org.awaitility.Awaitility.await;

/**
 * A real HTTP server on {@code 127.0.0.1} and a free port that receives webhook
 * deliveries: it records every request (arrival time, headers, body) and answers each as
 * its script says, one {@link Answer} per request in turn ({@link Answer#OK} once the
 * script is used up, or what {@link #otherwise} says).
 */
public final class WebhookReceiver implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private volatile Function<Integer, Answer> otherwise = (index) -> Answer.OK;

	private WebhookReceiver(HttpServer server) {
		this.server = server;
	}

	/** Starts a receiver that answers the given answers first, then 200. */
	public static WebhookReceiver start(Answer... first) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			WebhookReceiver receiver = new WebhookReceiver(server);
			receiver.script.addAll(List.of(first));
			server.createContext("/", receiver::handle);
			server.setExecutor(receiver.executor);
			server.start();
			return receiver;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Answers every request past the script with what this says (given its index). */
	public WebhookReceiver otherwise(Function<Integer, Answer> answers) {
		this.otherwise = answers;
		return this;
	}

	/** The URL of a path on this receiver, such as {@code http://127.0.0.1:4711/hook}. */
	public String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	public List<Received> received() {
		return new ArrayList<>(this.received);
	}

	/** Waits until at least {@code count} requests arrived; emits them all. */
	public List<Received> awaitReceived(int count, Duration patience) {
		await().atMost(patience).alias(count + " webhook requests").until(() -> this.received.size() >= count);
		return received();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			Instant at = Instant.now();
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			Map<String, String> headers = new TreeMap<>();
			exchange.getRequestHeaders()
				.forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT),
						String.join(",", values)));
			Answer scripted = this.script.poll();
			Answer answer = (scripted != null) ? scripted : this.otherwise.apply(this.received.size());
			this.received.add(new Received(at, headers, body, answer.status()));
			if (!answer.delay().isZero()) {
				sleep(answer.delay());
			}
			exchange.sendResponseHeaders(answer.status(), -1);
		}
	}

	private static void sleep(Duration delay) {
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/** How the receiver answers one request. */
	public record Answer(int status, Duration delay) {

		public static final Answer OK = new Answer(200, Duration.ZERO);

		public static Answer status(int status) {
			return new Answer(status, Duration.ZERO);
		}

		/**
		 * Answers 200 only after {@code delay}: past the sender's timeout, it is a
		 * timeout.
		 */
		public static Answer after(Duration delay) {
			return new Answer(200, delay);
		}

	}

	/**
	 * A request as received.
	 *
	 * @param at when it arrived
	 * @param headers its headers, names in lower case
	 * @param body its body, as UTF-8
	 * @param answered the status it was answered with
	 */
	public record Received(Instant at, Map<String, String> headers, String body, int answered) {

		public String header(String name) {
			return this.headers.get(name.toLowerCase(java.util.Locale.ROOT));
		}

	}

}
