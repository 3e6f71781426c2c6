package dev.intake.browser;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard with API keys on: it asks for the key, never puts the key in an address,
 * and follows the live feed with short-lived access tokens that it renews before they
 * expire. Tokens live 10 s here, so the page renews after 5 s.
 */
@IntakeIntegrationTest
@TestPropertySource(properties = "intake.security.token-ttl=10s")
class FeedTokenBrowserIntegrationTests {

	static final String API_KEY = TestTenant.TEST.key();

	@LocalServerPort
	int port;

	@TempDir
	Path temp;

	ChromeDriver browser;

	@BeforeEach
	void openBrowser() throws IOException {
		this.browser = Chromium.start(Files.createDirectories(this.temp.resolve("profile")),
				Files.createDirectories(this.temp.resolve("downloads")));
		Chromium.recordEventSources(this.browser);
	}

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			Chromium.quit(this.browser);
		}
	}

	@Test
	void asksForTheKeyThenFollowsTheFeedWithTokensRenewedBeforeTheyExpire() throws Exception {
		this.browser.get("http://localhost:" + this.port + "/");
		WebElement settings = this.browser.findElement(By.id("settings"));
		until(() -> "unauthorized".equals(feedState()) && settings.getDomAttribute("open") != null);

		this.browser.findElement(By.id("api-key")).sendKeys(API_KEY, Keys.ENTER);
		until(() -> "open".equals(feedState()));
		until(() -> feedAddresses().stream().filter((address) -> address.contains("access_token=")).count() >= 2);
		until(() -> "open".equals(feedState()));

		assertThat(feedAddresses()).allSatisfy((address) -> assertThat(address).doesNotContain(API_KEY));
		assertThat(feedAddresses().stream()
			.filter((address) -> address.contains("access_token="))
			.map((address) -> address.replaceAll(".*access_token=([^&]*).*", "$1"))
			.distinct()).as("a fresh token for every connection").hasSizeGreaterThanOrEqualTo(2);
		String id = uploadAsAnApiClient();
		WebElement card = until(() -> this.browser.findElement(By.cssSelector("li.card[data-upload-id='" + id + "']")));
		until(() -> "COMPLETED".equals(card.getDomAttribute("data-status")));
		assertThat(Chromium.scriptErrors(this.browser)).isEmpty();
	}

	private String uploadAsAnApiClient() throws IOException, InterruptedException {
		byte[] body = Csv.standard().row("Asha Rao,9876543210,,LN-1,1500,2024-11-15,,,").bytes();
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/uploads?filename=renewed-"
						+ UUID.randomUUID() + ".csv"))
				.header(TestTenant.API_KEY_HEADER, API_KEY)
				.header("Content-Type", "text/csv")
				.POST(HttpRequest.BodyPublishers.ofByteArray(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(201);
		return JsonMapper.shared().readTree(response.body()).get("id").asString();
	}

	private String feedState() {
		return this.browser.findElement(By.id("feed-state")).getDomAttribute("data-state");
	}

	@SuppressWarnings("unchecked")
	private List<String> feedAddresses() {
		return ((List<Object>) this.browser.executeScript("return window.eventSources")).stream()
			.map(String::valueOf)
			.filter((address) -> address.contains("/api/v1/uploads/events"))
			.toList();
	}

	private <T> T until(java.util.function.Supplier<T> condition) {
		try {
			return new WebDriverWait(this.browser, Timeouts.PATIENCE, Duration.ofMillis(100))
				.ignoring(StaleElementReferenceException.class)
				.until((driver) -> condition.get());
		}
		catch (TimeoutException ex) {
			throw new AssertionError("Timed out; " + Chromium.diagnose(this.browser, Path.of("target", "browser")), ex);
		}
	}

}
