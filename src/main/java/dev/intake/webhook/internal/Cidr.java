package dev.intake.webhook.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A network in CIDR notation ({@code 10.1.0.0/16}, {@code fd00::/8}, or one address), as
 * {@code intake.webhooks.allowed-networks} lists them. Only address literals are read,
 * never names, so reading one never asks DNS.
 */
record Cidr(byte[] network, int prefix) {

	static Cidr parse(String text) {
		String value = text.trim();
		int slash = value.indexOf('/');
		String address = (slash >= 0) ? value.substring(0, slash) : value;
		if (!address.matches("[0-9a-fA-F:.]+")) {
			throw new IllegalArgumentException("Not a CIDR of address literals: " + text);
		}
		try {
			byte[] network = InetAddress.getByName(address).getAddress();
			int prefix = (slash >= 0) ? Integer.parseInt(value.substring(slash + 1)) : network.length * 8;
			if (prefix < 0 || prefix > network.length * 8) {
				throw new IllegalArgumentException("Prefix out of range: " + text);
			}
			return new Cidr(network, prefix);
		}
		catch (UnknownHostException | NumberFormatException ex) {
			throw new IllegalArgumentException("Not a CIDR: " + text, ex);
		}
	}

	boolean contains(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (bytes.length != this.network.length) {
			return false;
		}
		for (int bit = 0; bit < this.prefix; bit++) {
			int mask = 0x80 >>> (bit % 8);
			if ((bytes[bit / 8] & mask) != (this.network[bit / 8] & mask)) {
				return false;
			}
		}
		return true;
	}

}
