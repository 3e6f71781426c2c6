package dev.intake.browser;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.intake.testing.Csv;
import dev.intake.testing.IntakeIntegrationTest;
import dev.intake.testing.TestTenant;
import dev.intake.testing.Timeouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the dashboard at {@code /} in a real headless Chromium against the running
 * application: a file picked on the page, an upload started by an API client, a rejected
 * file, the errors of an upload and a customer's history.
 */
@IntakeIntegrationTest
class DashboardBrowserIntegrationTests {

	/** At most this long for one thing to show; the machine running CI may be busy. */

	static final Path SCREENSHOTS = Path.of("target", "browser");

	/** The key of the test tenant. */
	static final String API_KEY = TestTenant.TEST.key();

	@LocalServerPort
	int port;

	@TempDir
	Path temp;

	Path downloads;

	ChromeDriver browser;

	@BeforeEach
	void openBrowser() throws IOException {
		this.downloads = Files.createDirectories(this.temp.resolve("downloads"));
		this.browser = Chromium.start(Files.createDirectories(this.temp.resolve("profile")), this.downloads);
	}

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			try {
				assertThat(Chromium.scriptErrors(this.browser)).as("errors in the page's console").isEmpty();
			}
			finally {
				Chromium.quit(this.browser);
			}
		}
	}

	@Test
	void uploadsPickedFilesWithLiveProgressThenShowsErrorsChangesAndACustomersHistory() throws Exception {
		CustomersFile first = CustomersFile.write(this.temp.resolve("cycle-1-" + UUID.randomUUID() + ".csv"), 10_000);
		openDashboard();

		String id = uploadThroughThePage(first);

		WebElement upload = openRecentUpload(id, "COMPLETED_WITH_ERRORS");
		List<WebElement> errors = until(() -> sizedList(upload, ".errors-table tbody tr", first.rowsFailed()));
		assertThat(errors.get(0).findElements(By.tagName("td")).get(0).getText()).isEqualTo("250");
		assertThat(texts(upload, ".errors-table tbody td:nth-child(3)")).hasSize(first.rowsFailed())
			.containsOnlyElementsOf(CustomersFile.ERROR_CODES)
			.containsAll(CustomersFile.ERROR_CODES);

		upload.findElement(By.xpath(".//button[normalize-space()='Download errors as CSV']")).click();
		Path report = this.downloads.resolve(id + "-errors.csv");
		until(() -> Files.exists(report) && Files.readAllLines(report).size() == first.rowsFailed() + 1);
		assertThat(Files.readAllLines(report, StandardCharsets.UTF_8).get(0))
			.startsWith("error_row,error_column,error_code,error_message,full_name");

		CustomersFile second = first.nextCycle(this.temp.resolve("cycle-2-" + UUID.randomUUID() + ".csv"));
		String secondId = uploadThroughThePage(second);
		WebElement secondUpload = openRecentUpload(secondId, "COMPLETED_WITH_ERRORS");
		until(() -> texts(secondUpload, ".kinds .kind-count").equals(List.of("1", "1", "9,958", "1")));
		List<WebElement> changed = until(() -> sizedList(secondUpload, ".changes-table tbody tr", 1));
		assertThat(texts(changed.get(0), "td"))
			.containsSequence("+91" + (first.firstPhone + 1), "LN-2", "Customer 2", "2,000.00")
			.contains("amount due: 1500.00 → 2000.00");
		secondUpload.findElement(By.xpath(".//button[normalize-space()='Download changed as CSV']")).click();
		Path changes = this.downloads.resolve(secondId + "-changes.csv");
		until(() -> Files.exists(changes) && Files.readAllLines(changes).size() == 2);
		assertThat(Files.readAllLines(changes, StandardCharsets.UTF_8).get(1)).startsWith("changed,");

		this.browser.findElement(By.id("phone")).sendKeys("+91 " + first.firstPhone);
		this.browser.findElement(By.cssSelector("#customer-form button[type=submit]")).click();
		List<WebElement> history = until(
				() -> sizedList(this.browser.findElement(By.id("customer-result")), ".history-table tbody tr", 2));
		assertThat(texts(history.get(0), "td")).containsSequence(second.path.getFileName().toString(), "Customer 1",
				"1,500.00");
		assertThat(texts(history.get(1), "td"))
			.containsSequence(first.path.getFileName().toString(), "Customer 1", "1,500.00")
			.contains("LN-1", "XXXX XXXX " + CustomersFile.NATIONAL_ID.substring(8));

		Chromium.screenshot(this.browser, SCREENSHOTS.resolve("dashboard.png"));
		this.browser.manage().window().setSize(new Dimension(390, 844));
		until(() -> number("return window.innerWidth") <= 390);
		assertThat(number("return document.documentElement.scrollWidth")).as("no sideways scrolling on a phone")
			.isLessThanOrEqualTo(number("return window.innerWidth"));
		Chromium.screenshot(this.browser, SCREENSHOTS.resolve("dashboard-phone.png"));
	}

	/**
	 * Picks the file on the page and waits until both its bars are full and it is
	 * processed; returns the upload's id.
	 */
	private String uploadThroughThePage(CustomersFile file) {
		String filename = file.path.getFileName().toString();
		this.browser.findElement(By.id("file")).sendKeys(file.path.toAbsolutePath().toString());
		WebElement card = until(() -> cardNamed(filename));
		until(() -> "COMPLETED_WITH_ERRORS".equals(card.getDomAttribute("data-status")));
		assertThat(valueOf(card.findElement(By.cssSelector("progress.sent")))).isEqualTo(100.0);
		assertThat(card.findElement(By.cssSelector(".meter:has(progress.sent) .meter-text")).getText())
			.as("bytes sent of all")
			.matches("([0-9.]+ KB) of \\1");
		assertThat(valueOf(card.findElement(By.cssSelector("progress.processed")))).isEqualTo(100.0);
		assertThat(texts(card, ".counts dd")).startsWith("10,000", "9,960", "40");
		assertThat(texts(card, ".counts dd").get(3)).as("rows/s").matches("[1-9][0-9,]*");
		return card.getDomAttribute("data-upload-id");
	}

	private WebElement openRecentUpload(String id, String status) {
		WebElement upload = until(() -> recentUpload(id, status));
		upload.findElement(By.tagName("summary")).click();
		return upload;
	}

	@Test
	void showsUploadsStartedByApiClients() throws Exception {
		openDashboard();
		// Server data is shown as text, never parsed as markup.
		String filename = "<img src=x onerror=window.injected=1>api-client-" + UUID.randomUUID() + ".csv";
		byte[] body = Csv.standard()
			.row("Asha Rao,9876543210,,LN-1,1500,2024-11-15,,,")
			.row("Ravi Kumar,12345,,LN-2,1500,2024-11-15,,,")
			.bytes();

		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(withKey(HttpRequest.newBuilder(URI
				.create(base() + "/api/v1/uploads?filename=" + URLEncoder.encode(filename, StandardCharsets.UTF_8))))
				.header("Content-Type", "text/csv")
				.POST(HttpRequest.BodyPublishers.ofByteArray(body))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(201);
		String id = JsonMapper.shared().readTree(response.body()).get("id").asString();
		WebElement card = until(() -> this.browser.findElement(By.cssSelector("li.card[data-upload-id='" + id + "']")));
		until(() -> "COMPLETED_WITH_ERRORS".equals(card.getDomAttribute("data-status")));
		assertThat(card.findElement(By.cssSelector(".filename")).getText()).isEqualTo(filename);
		assertThat(texts(card, ".counts dd")).startsWith("2", "1", "1");
		WebElement listed = until(() -> recentUpload(id, "COMPLETED_WITH_ERRORS"));
		assertThat(listed.findElement(By.cssSelector(".filename")).getText()).isEqualTo(filename);
		assertThat(this.browser.findElements(By.cssSelector("main img"))).isEmpty();
		assertThat(this.browser.executeScript("return window.injected === undefined")).isEqualTo(true);
	}

	@Test
	void downloadsTheTemplateAndASampleThatUploadsThroughThePage() throws Exception {
		openDashboard();

		this.browser.findElement(By.linkText("CSV template")).click();
		this.browser.findElement(By.linkText("sample file")).click();

		Path template = this.downloads.resolve("customers.csv");
		Path sample = this.downloads.resolve("sample.csv");
		until(() -> Files.exists(template) && Files.exists(sample) && Files.size(sample) > 0);
		assertThat(Files.readAllLines(template, StandardCharsets.UTF_8)).hasSize(1)
			.first()
			.asString()
			.startsWith("full_name,primary_phone");
		Path renamed = Files.copy(sample, this.temp.resolve("sample-" + UUID.randomUUID() + ".csv"));
		this.browser.findElement(By.id("file")).sendKeys(renamed.toAbsolutePath().toString());
		WebElement card = until(() -> cardNamed(renamed.getFileName().toString()));
		until(() -> "COMPLETED_WITH_ERRORS".equals(card.getDomAttribute("data-status")));
		assertThat(texts(card, ".counts dd")).startsWith("6", "4", "2");
	}

	@Test
	void showsWhyAFileIsRejected() throws Exception {
		Path file = Files.writeString(this.temp.resolve("no-phone-" + UUID.randomUUID() + ".csv"),
				"name,amount\nAsha Rao,1500\n");
		openDashboard();

		this.browser.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());

		WebElement card = until(() -> cardNamed(file.getFileName().toString()));
		until(() -> "FAILED".equals(card.getDomAttribute("data-status")));
		WebElement problem = until(() -> card.findElement(By.cssSelector(".problem")));
		until(problem::isDisplayed);
		assertThat(problem.findElement(By.tagName("strong")).getText()).isEqualTo("The CSV header is not usable");
		assertThat(problem.getText()).contains("primary_phone");
	}

	/** Opens the page, enters the API key once and waits for the live feed. */
	private void openDashboard() {
		this.browser.get(base() + "/");
		assertThat(this.browser.getTitle()).startsWith("Intake");
		WebElement settings = this.browser.findElement(By.id("settings"));
		if (settings.getDomAttribute("open") == null) {
			settings.findElement(By.tagName("summary")).click();
		}
		this.browser.findElement(By.id("api-key")).sendKeys(API_KEY, Keys.ENTER);
		until(() -> settings.getDomAttribute("open") == null);
		until(() -> "open".equals(this.browser.findElement(By.id("feed-state")).getDomAttribute("data-state")));
	}

	private HttpRequest.Builder withKey(HttpRequest.Builder request) {
		return request.header("X-API-Key", API_KEY);
	}

	private String base() {
		return "http://localhost:" + this.port;
	}

	private WebElement cardNamed(String filename) {
		return this.browser.findElements(By.cssSelector("li.card"))
			.stream()
			.filter((card) -> filename.equals(card.findElement(By.cssSelector(".filename")).getText()))
			.findFirst()
			.orElse(null);
	}

	private WebElement recentUpload(String id, String status) {
		return this.browser
			.findElement(By.cssSelector("li.recent-item[data-upload-id='" + id + "'][data-status='" + status + "']"));
	}

	private static List<WebElement> sizedList(WebElement scope, String css, int size) {
		List<WebElement> found = scope.findElements(By.cssSelector(css));
		return (found.size() == size) ? found : null;
	}

	private static List<String> texts(WebElement scope, String css) {
		return scope.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
	}

	private static double valueOf(WebElement progress) {
		return Double.parseDouble(progress.getDomProperty("value"));
	}

	private long number(String script) {
		return ((Number) this.browser.executeScript(script)).longValue();
	}

	/**
	 * Waits for a non-null, non-false answer, polling the page every 100 ms. On timeout
	 * it saves a screenshot and adds the page's console to the failure.
	 */
	private <T> T until(Condition<T> condition) {
		try {
			return new WebDriverWait(this.browser, Timeouts.PATIENCE, Duration.ofMillis(100))
				.ignoring(StaleElementReferenceException.class)
				.until((driver) -> {
					try {
						return condition.get();
					}
					catch (IOException ex) {
						return null;
					}
				});
		}
		catch (TimeoutException ex) {
			throw new AssertionError("Timed out; " + Chromium.diagnose(this.browser, SCREENSHOTS), ex);
		}
	}

	/**
	 * What to wait for: a value, or {@code null} or {@code false} while not there yet.
	 */
	@FunctionalInterface
	interface Condition<T> {

		T get() throws IOException;

	}

}
