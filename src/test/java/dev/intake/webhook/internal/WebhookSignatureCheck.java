package dev.intake.webhook.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a receiver verifies {@code Intake-Signature}, written as the README's snippet,
 * independently of the code that signs: some {@code v1} of the header must be the HMAC of
 * {@code "<t>.<body>"}, and {@code t} recent.
 */
final class WebhookSignatureCheck {

	private WebhookSignatureCheck() {
	}

	static boolean verifies(String secret, String header, String body, long toleranceSeconds) throws Exception {
		long timestamp = -1;
		java.util.List<String> signatures = new java.util.ArrayList<>();
		for (String part : header.split(",")) {
			String[] pair = part.split("=", 2);
			if (pair[0].equals("t")) {
				timestamp = Long.parseLong(pair[1]);
			}
			else if (pair[0].equals("v1")) {
				signatures.add(pair[1]);
			}
		}
		if (Math.abs(System.currentTimeMillis() / 1000 - timestamp) > toleranceSeconds) {
			return false;
		}
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		byte[] expected = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
		for (String signature : signatures) {
			if (MessageDigest.isEqual(expected, HexFormat.of().parseHex(signature))) {
				return true;
			}
		}
		return false;
	}

}
