package dev.intake.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the system's headless Chromium through its chromedriver, both at their Debian
 * paths, so that Selenium never looks for (or downloads) a browser of its own. Without
 * them a test fails on CI ({@code CI=true}, where {@code .ci/run} installs them) and is
 * skipped elsewhere, saying what to install.
 */
final class Chromium {

	static final Path BINARY = Path.of("/usr/bin/chromium");

	static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	private Chromium() {
	}

	/**
	 * @param profile an empty directory for the browser's profile
	 * @param downloads where downloaded files go
	 */
	/**
	 * Quits the browser, waiting at most 20 s: a Chromium child that outlives its
	 * chromedriver keeps the driver's output pipe open, and Selenium's quit then waits on
	 * it for ever. After the wait, the Chromium and chromedriver processes this JVM
	 * started are killed, so a test never hangs in its clean-up.
	 */
	static void quit(ChromeDriver browser) {
		CompletableFuture<Void> quitting = CompletableFuture.runAsync(browser::quit);
		try {
			quitting.get(20, TimeUnit.SECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			// Killed below.
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			ProcessHandle.current()
				.descendants()
				.filter((process) -> process.info().command().map((command) -> command.contains("chrom")).orElse(false))
				.forEach(ProcessHandle::destroyForcibly);
		}
	}

	static ChromeDriver start(Path profile, Path downloads) {
		requireInstalled();
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(BINARY.toFile());
		// Without the networking switches Chromium reaches for the internet at start.
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--no-default-browser-check", "--disable-dev-shm-usage", "--window-size=1280,900",
				"--user-data-dir=" + profile);
		// The page's console, so that a test can see its script errors.
		options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
		options.setExperimentalOption("prefs",
				Map.of("download.default_directory", downloads.toString(), "download.prompt_for_download", false));
		return new ChromeDriver(service, options);
	}

	/**
	 * Makes every page of this browser record the address of each {@code EventSource} it
	 * opens, in {@code window.eventSources}, before the page's own scripts run.
	 */
	static void recordEventSources(ChromeDriver driver) {
		String script = """
				window.eventSources = [];
				window.EventSource = class extends window.EventSource {
				  constructor(url, init) {
				    super(url, init);
				    window.eventSources.push(String(url));
				  }
				};""";
		driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", script));
	}

	private static void requireInstalled() {
		boolean installed = Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
		if (!installed && !"true".equalsIgnoreCase(System.getenv("CI"))) {
			Assumptions.abort("Skipping the browser test: no " + BINARY + " or " + DRIVER
					+ " here (apt-get install chromium chromium-driver). With CI=true it fails instead.");
		}
		assertThat(BINARY).as("Chromium (apt-get install chromium chromium-driver)").isExecutable();
		assertThat(DRIVER).as("chromedriver (apt-get install chromium-driver)").isExecutable();
	}

	/**
	 * What the page's scripts reported as errors since the last call: uncaught exceptions
	 * and console errors, but not failed requests (the page handles those, such as a
	 * 404).
	 */
	static List<String> scriptErrors(ChromeDriver driver) {
		return driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
			.map(LogEntry::getMessage)
			.filter((message) -> !message.contains("Failed to load resource"))
			.toList();
	}

	/**
	 * Saves a screenshot of the window as {@code failed-<n>.png} in the directory and
	 * returns where, with the feed's state and the page's console, for a failure message.
	 */
	static String diagnose(ChromeDriver driver, Path directory) {
		StringBuilder found = new StringBuilder();
		try {
			Files.createDirectories(directory);
			Path shot = directory.resolve("failed-" + System.nanoTime() + ".png");
			Files.write(shot, driver.getScreenshotAs(OutputType.BYTES));
			found.append("screenshot ").append(shot);
			Object state = driver.executeScript("return document.getElementById('feed-state')?.textContent");
			found.append("; feed: ").append(state).append("; console:");
			driver.manage()
				.logs()
				.get(LogType.BROWSER)
				.forEach((
						entry) -> found.append("\n  ").append(entry.getLevel()).append(' ').append(entry.getMessage()));
		}
		catch (IOException | RuntimeException ex) {
			found.append(" (no more: ").append(ex).append(')');
		}
		return found.toString();
	}

	/** Saves the whole page, also what lies below the window, as PNG. */
	static void screenshot(ChromeDriver driver, Path file) throws IOException {
		// The capture grows the window to the page, so its scroll bar goes: take its
		// width too.
		Number width = (Number) driver
			.executeScript("return Math.max(document.documentElement.scrollWidth, window.innerWidth)");
		Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight");
		Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1);
		Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
				Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
		Files.createDirectories(file.getParent());
		Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
	}

}
