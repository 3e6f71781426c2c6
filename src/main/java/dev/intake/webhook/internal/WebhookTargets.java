package dev.intake.webhook.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.stereotype.Component;

/**
 * The SSRF guard of webhooks: which URLs may be targets, and which addresses may be
 * called. A target must be {@code https} ({@code http} only when
 * {@code intake.webhooks.allow-http}), without user info, and its host must resolve only
 * to public addresses: loopback (and the name {@code localhost}), private (RFC 1918, IPv6
 * unique local, shared 100.64/10), link-local (cloud metadata at 169.254.169.254 among
 * them), multicast, unspecified and reserved addresses are refused unless
 * {@code intake.webhooks.allow-private-targets} or an {@code allowed-networks} CIDR
 * allows them. It is checked when an endpoint is created, before every attempt (DNS may
 * have changed), and on the connection itself ({@link #refusal(InetAddress)}), so a name
 * that resolves differently between check and connect is still refused.
 */
@Component
class WebhookTargets {

	static final int MAX_URL_LENGTH = 2048;

	private final WebhookSettings settings;

	private final List<Cidr> allowedNetworks;

	WebhookTargets(WebhookSettings settings) {
		this.settings = settings;
		this.allowedNetworks = settings.allowedNetworks().stream().map(Cidr::parse).toList();
	}

	/**
	 * Checks a URL a client gave: emits it as a URI, or errors with
	 * {@link InvalidWebhook} or {@link WebhookTargetRefused}. The host is resolved on a
	 * bounded-elastic worker, never on an event loop.
	 */
	Mono<URI> accepted(String url) {
		return Mono.fromCallable(() -> parsed(url)).flatMap(this::reachable);
	}

	/**
	 * Checks a stored target again before an attempt: emits it, or errors as
	 * {@link #accepted} does.
	 */
	Mono<URI> reachable(URI target) {
		String host = hostOf(target);
		return Mono.fromCallable(() -> resolve(host))
			.subscribeOn(Schedulers.boundedElastic())
			.doOnNext((addresses) -> refuseAnyOf(host, addresses))
			.thenReturn(target);
	}

	/** Why an address may not be called, if it may not. */
	Optional<String> refusal(InetAddress address) {
		String reason = classOf(address);
		if (reason == null || this.settings.allowPrivateTargets()) {
			return Optional.empty();
		}
		boolean allowed = this.allowedNetworks.stream().anyMatch((network) -> network.contains(address));
		return allowed ? Optional.empty() : Optional.of(reason);
	}

	private URI parsed(String url) {
		if (url == null || url.isBlank()) {
			throw InvalidWebhook.url("url is required");
		}
		if (url.length() > MAX_URL_LENGTH) {
			throw InvalidWebhook.url("url is longer than " + MAX_URL_LENGTH + " characters");
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw InvalidWebhook.url("url is not a valid URL: " + ex.getReason());
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		boolean schemeAllowed = scheme.equals("https") || (scheme.equals("http") && this.settings.allowHttp());
		if (!schemeAllowed) {
			throw InvalidWebhook.url(this.settings.allowHttp() ? "url must start with https:// or http://"
					: "url must start with https:// (http is allowed only with intake.webhooks.allow-http)");
		}
		if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
			throw InvalidWebhook.url("url must name a host, without user info or fragment");
		}
		return uri;
	}

	private InetAddress[] resolve(String host) {
		if (isLocalhostName(host) && !this.settings.allowPrivateTargets()) {
			throw new WebhookTargetRefused(host, "loopback", "the name localhost");
		}
		try {
			return InetAddress.getAllByName(host);
		}
		catch (UnknownHostException ex) {
			throw InvalidWebhook.unresolvable(host);
		}
	}

	private void refuseAnyOf(String host, InetAddress[] addresses) {
		for (InetAddress address : addresses) {
			refusal(address).ifPresent((reason) -> {
				throw new WebhookTargetRefused(host, reason, address.getHostAddress());
			});
		}
	}

	static String hostOf(URI target) {
		String host = target.getHost();
		return (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
	}

	private static boolean isLocalhostName(String host) {
		String name = host.toLowerCase(Locale.ROOT);
		if (name.endsWith(".")) {
			name = name.substring(0, name.length() - 1);
		}
		return name.equals("localhost") || name.endsWith(".localhost");
	}

	/** The kind of non-public address this is, or {@code null} for a public one. */
	static String classOf(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (address.isAnyLocalAddress() || (address instanceof Inet4Address && bytes[0] == 0)) {
			return "unspecified";
		}
		if (address.isLoopbackAddress()) {
			return "loopback";
		}
		if (address.isLinkLocalAddress()) {
			return "link-local";
		}
		if (address.isMulticastAddress()) {
			return "multicast";
		}
		if (address.isSiteLocalAddress()) {
			return "private";
		}
		if (address instanceof Inet4Address) {
			int first = bytes[0] & 0xff;
			int second = bytes[1] & 0xff;
			if (first == 100 && second >= 64 && second < 128) {
				return "private";
			}
			if (first >= 240) {
				return "reserved";
			}
		}
		if (address instanceof Inet6Address && (bytes[0] & 0xfe) == 0xfc) {
			return "private";
		}
		return null;
	}

}
