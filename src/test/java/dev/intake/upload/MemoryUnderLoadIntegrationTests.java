package dev.intake.upload;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.intake.testing.ChildIntake;
import dev.intake.testing.HugeCsv;
import dev.intake.testing.TestTenant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worst legal uploads, many at once, in an instance with a 256 MB heap: 8 concurrent
 * uploads (two tenants) of records just under the 1,000,000-character limit, ten huge
 * unknown columns in the header and six row errors in every other row, then 3 concurrent
 * full-page lists of uploads with huge headers. The instance stays alive, answers each
 * correctly (an upload that waited too long for its bytes is refused with 503
 * {@code server-busy} and {@code Retry-After}, and is retried), and its heap and direct
 * memory are back near where they started.
 * <p>
 * Sized to run in the suite; the full volume is
 * {@code -Dintake.memory-test.rows=60 -Dintake.memory-test.header-only-uploads=120}.
 */
class MemoryUnderLoadIntegrationTests {

	static final int CONCURRENT_UPLOADS = 8;

	static final int ROWS = Integer.getInteger("intake.memory-test.rows", 16);

	static final int HEADER_ONLY_UPLOADS = Integer.getInteger("intake.memory-test.header-only-uploads", 30);

	static final long MB = 1024 * 1024;

	static final JsonMapper JSON = JsonMapper.builder().build();

	final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@Test
	void survivesConcurrentUploadsOfHugeRowsAndFullPageListsWithItsHeapBackToBaseline() throws Exception {
		try (ChildIntake child = ChildIntake.start(Map.of("intake.ingest.admission-timeout", "3m"))) {
			long heapBefore = heapAfterGc(child);
			long directBefore = metric(child, "jvm.buffer.memory.used", "id:direct");
			HugeCsv file = HugeCsv.rows(ROWS);

			List<Map<String, Object>> uploaded = concurrently(CONCURRENT_UPLOADS,
					(i) -> upload(child, (i % 2 == 0) ? TestTenant.TEST : TestTenant.OTHER, file));

			assertThat(uploaded)
				.allSatisfy((summary) -> assertThat(summary).containsEntry("status", "COMPLETED_WITH_ERRORS")
					.containsEntry("rowsSucceeded", file.storedRows())
					.containsEntry("rowsFailed", file.rejectedRows())
					.containsEntry("unknownColumnCount", HugeCsv.HUGE_COLUMNS)
					.containsEntry("unknownColumnsTruncated", true));
			concurrently(4, (i) -> {
				for (int n = i; n < HEADER_ONLY_UPLOADS; n += 4) {
					upload(child, TestTenant.TEST, HugeCsv.rows(0));
				}
				return null;
			});
			List<String> pages = concurrently(3, (i) -> get(child, "/api/v1/uploads?limit=1000"));

			assertThat(pages).allSatisfy((page) -> {
				assertThat(items(page)).hasSizeGreaterThanOrEqualTo(HEADER_ONLY_UPLOADS + CONCURRENT_UPLOADS / 2);
				assertThat((long) page.length()).as("a full page's bytes").isLessThan(4 * MB);
			});
			assertThat(child.isAlive()).isTrue();
			assertThat(upload(child, TestTenant.TEST, HugeCsv.rows(2))).containsEntry("rowsFailed", 1);
			long heapAfter = heapAfterGc(child);
			long directAfter = metric(child, "jvm.buffer.memory.used", "id:direct");
			System.out.printf("Heap after GC: %d MB before, %d MB after; direct: %d MB before, %d MB after%n",
					heapBefore / MB, heapAfter / MB, directBefore / MB, directAfter / MB);
			assertThat(heapAfter).as("heap after a full GC, bytes").isLessThan(heapBefore + 32 * MB);
			assertThat(directAfter).as("direct buffers, bytes").isLessThan(directBefore + 16 * MB);
			assertThat(metric(child, "intake.ingest.in.flight.bytes", null)).as("bytes still reserved").isZero();
		}
	}

	private Map<String, Object> upload(ChildIntake child, TestTenant tenant, HugeCsv file) throws Exception {
		for (int attempt = 1;; attempt++) {
			HttpRequest request = HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + child.port() + "/api/v1/uploads?filename=huge.csv"))
				.header(TestTenant.API_KEY_HEADER, tenant.key())
				.header("Content-Type", "text/csv")
				.timeout(Duration.ofMinutes(5))
				.POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(file::stream),
						file.length()))
				.build();
			HttpResponse<String> response = send(request);
			if ((response.statusCode() == 503 || response.statusCode() == 429) && attempt < 10) {
				assertThat(response.headers().firstValue("Retry-After")).as("Retry-After of a refused upload")
					.isPresent();
				Thread.sleep(Duration.ofSeconds(2).toMillis());
				continue;
			}
			assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
			return JSON.readValue(response.body(), Map.class);
		}
	}

	private String get(ChildIntake child, String path) throws Exception {
		return get(child, path, TestTenant.TEST.key());
	}

	// The metrics need the operator key, the API a tenant's.
	private String get(ChildIntake child, String path, String key) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + child.port() + path))
			.header(TestTenant.API_KEY_HEADER, key)
			.timeout(Duration.ofMinutes(2))
			.build();
		HttpResponse<String> response = send(request);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private long heapAfterGc(ChildIntake child) throws Exception {
		child.collectGarbage();
		return metric(child, "jvm.memory.used", "area:heap");
	}

	private long metric(ChildIntake child, String name, String tag) throws Exception {
		String body = get(child, "/actuator/metrics/" + name + ((tag != null) ? "?tag=" + tag : ""),
				TestTenant.OPERATOR_KEY);
		Matcher value = Pattern.compile("\"statistic\"\\s*:\\s*\"VALUE\"\\s*,\\s*\"value\"\\s*:\\s*([0-9.E+-]+)")
			.matcher(body);
		assertThat(value.find()).as(body).isTrue();
		return (long) Double.parseDouble(value.group(1));
	}

	@SuppressWarnings("unchecked")
	private static List<Object> items(String page) {
		return (List<Object>) JSON.readValue(page, Map.class).get("items");
	}

	private static <T> List<T> concurrently(int count, Work<T> work) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(count);
		try {
			List<CompletableFuture<T>> running = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				int n = i;
				running.add(CompletableFuture.supplyAsync(() -> {
					try {
						return work.run(n);
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
				}, threads));
			}
			List<T> results = new ArrayList<>();
			for (CompletableFuture<T> future : running) {
				results.add(future.get());
			}
			return results;
		}
		finally {
			threads.shutdownNow();
		}
	}

	@FunctionalInterface
	interface Work<T> {

		T run(int n) throws Exception;

	}

}
