package dev.intake.webhook.internal;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookTargetsUnitTests {

	@ParameterizedTest(name = "{0} is {1}")
	@CsvSource({ "127.0.0.1, loopback", "127.9.9.9, loopback", "::1, loopback", "10.0.0.1, private",
			"172.16.5.4, private", "192.168.0.1, private", "100.64.0.1, private", "fd12:3456::1, private",
			"169.254.169.254, link-local", "fe80::1, link-local", "224.0.0.251, multicast", "ff02::1, multicast",
			"0.0.0.0, unspecified", "0.1.2.3, unspecified", "::, unspecified", "255.255.255.255, reserved",
			"::ffff:10.0.0.1, private", "::ffff:169.254.169.254, link-local" })
	void namesTheKindOfEveryNonPublicAddress(String address, String kind) throws Exception {
		assertThat(WebhookTargets.classOf(InetAddress.getByName(address))).isEqualTo(kind);
	}

	@ParameterizedTest
	@CsvSource({ "93.184.215.14", "8.8.8.8", "2606:4700::1111", "172.32.0.1", "100.128.0.1", "11.0.0.1" })
	void letsPublicAddressesThrough(String address) throws Exception {
		assertThat(WebhookTargets.classOf(InetAddress.getByName(address))).isNull();
	}

	@Test
	void allowsOnlyTheListedNetworksWhenPrivateTargetsAreRefused() throws Exception {
		WebhookTargets targets = new WebhookTargets(settings(false, List.of("127.0.0.1/32", "10.1.0.0/16")));
		assertThat(targets.refusal(InetAddress.getByName("127.0.0.1"))).isEmpty();
		assertThat(targets.refusal(InetAddress.getByName("10.1.200.3"))).isEmpty();
		assertThat(targets.refusal(InetAddress.getByName("10.2.0.1"))).contains("private");
		assertThat(targets.refusal(InetAddress.getByName("127.0.0.2"))).contains("loopback");
		assertThat(targets.refusal(InetAddress.getByName("::1"))).contains("loopback");
	}

	@Test
	void allowsEveryAddressWhenPrivateTargetsAreAllowed() throws Exception {
		WebhookTargets targets = new WebhookTargets(settings(true, List.of()));
		assertThat(targets.refusal(InetAddress.getByName("169.254.169.254"))).isEmpty();
		StepVerifier.create(targets.accepted("http://localhost:9/hook"))
			.expectNext(URI.create("http://localhost:9/hook"))
			.verifyComplete();
	}

	@Test
	void refusesTheNameLocalhostEvenWhenItsAddressIsListed() {
		WebhookTargets targets = new WebhookTargets(settings(false, List.of("127.0.0.0/8", "::1/128")));
		StepVerifier.create(targets.accepted("http://app.localhost:9/hook"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(WebhookTargetRefused.class,
					(refused) -> assertThat(refused.reason()).isEqualTo("loopback")))
			.verify();
	}

	@Test
	void refusesPlainHttpUnlessAllowed() {
		WebhookSettings httpsOnly = new WebhookSettings(false, true, List.of(), Duration.ofSeconds(10),
				Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofHours(24), Duration.ofSeconds(1), 16, 20,
				Duration.ofHours(24));
		StepVerifier.create(new WebhookTargets(httpsOnly).accepted("http://127.0.0.1/hook"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(InvalidWebhook.class,
					(invalid) -> assertThat(invalid.code()).isEqualTo("invalid-webhook-url")))
			.verify();
	}

	@Test
	void readsCidrsOfAddressLiteralsOnly() {
		assertThat(Cidr.parse("10.0.0.0/8").contains(ipv4(10, 255, 0, 1))).isTrue();
		assertThat(Cidr.parse("10.0.0.0/8").contains(ipv4(11, 0, 0, 1))).isFalse();
		assertThat(Cidr.parse("192.168.1.7").contains(ipv4(192, 168, 1, 7))).isTrue();
		assertThat(Cidr.parse("0.0.0.0/0").contains(ipv4(8, 8, 8, 8))).isTrue();
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> Cidr.parse("example.com/8"));
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> Cidr.parse("10.0.0.0/33"));
	}

	private static InetAddress ipv4(int a, int b, int c, int d) {
		try {
			return InetAddress.getByAddress(new byte[] { (byte) a, (byte) b, (byte) c, (byte) d });
		}
		catch (java.net.UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static WebhookSettings settings(boolean allowPrivate, List<String> networks) {
		return new WebhookSettings(true, allowPrivate, networks, Duration.ofSeconds(2), Duration.ofMillis(100),
				Duration.ofHours(1), Duration.ofHours(24), Duration.ofSeconds(1), 16, 20, Duration.ofHours(24));
	}

}
