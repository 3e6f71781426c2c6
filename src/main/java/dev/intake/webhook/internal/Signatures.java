package dev.intake.webhook.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Intake-Signature} header, as Stripe spells it: {@code t=<unix seconds>} and
 * one {@code v1=<hex HMAC-SHA256 of "<t>.<body>">} per secret that signs (two during a
 * rotation's grace period).
 */
final class Signatures {

	static final String HEADER = "Intake-Signature";

	private Signatures() {
	}

	static String header(long timestamp, String body, List<String> secrets) {
		StringBuilder header = new StringBuilder("t=").append(timestamp);
		for (String secret : secrets) {
			header.append(",v1=").append(sign(secret, timestamp + "." + body));
		}
		return header.toString();
	}

	static String sign(String secret, String payload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
