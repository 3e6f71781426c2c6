package dev.intake.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * HTTP/1.1 over a plain socket, for what an HTTP client library will not do: announce a
 * body it never sends, or drip a body byte by byte.
 */
public final class RawHttp implements AutoCloseable {

	private final Socket socket;

	private final OutputStream out;

	private RawHttp(Socket socket) throws IOException {
		this.socket = socket;
		this.out = socket.getOutputStream();
	}

	/** Connects; every read gives up after {@code readTimeout}. */
	public static RawHttp connect(int port, Duration readTimeout) throws IOException {
		Socket socket = new Socket("localhost", port);
		socket.setSoTimeout((int) readTimeout.toMillis());
		return new RawHttp(socket);
	}

	/**
	 * Sends the request line and headers, with the test tenant's API key, ending them
	 * with an empty line.
	 */
	public RawHttp head(String requestLine, String... headers) throws IOException {
		StringBuilder head = new StringBuilder(requestLine).append("\r\nHost: localhost\r\n")
			.append(TestTenant.API_KEY_HEADER)
			.append(": ")
			.append(TestTenant.TEST.key())
			.append("\r\n");
		for (String header : headers) {
			head.append(header).append("\r\n");
		}
		write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
		return this;
	}

	/** Sends bytes as one chunk of a chunked body. */
	public RawHttp chunk(byte[] bytes) throws IOException {
		write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
		write(bytes);
		write("\r\n".getBytes(StandardCharsets.US_ASCII));
		return this;
	}

	public RawHttp write(byte[] bytes) throws IOException {
		this.out.write(bytes);
		this.out.flush();
		return this;
	}

	/**
	 * Reads until the server closes the connection (or the read times out), and returns
	 * what arrived.
	 */
	public Response readToEnd() throws IOException {
		ByteArrayOutputStream received = new ByteArrayOutputStream();
		InputStream in = this.socket.getInputStream();
		boolean closed = false;
		byte[] chunk = new byte[8192];
		try {
			int read;
			while ((read = in.read(chunk)) != -1) {
				received.write(chunk, 0, read);
			}
			closed = true;
		}
		catch (SocketTimeoutException ex) {
			// The server kept the connection open: report what arrived.
		}
		catch (IOException ex) {
			closed = true;
		}
		return new Response(received.toString(StandardCharsets.UTF_8), closed);
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	/**
	 * What the server sent, and whether it closed the connection.
	 *
	 * @param text the status line, headers and body as text
	 * @param closed whether the server closed the connection
	 */
	public record Response(String text, boolean closed) {

		public int status() {
			if (!this.text.startsWith("HTTP/1.1 ")) {
				return -1;
			}
			return Integer.parseInt(this.text.substring(9, 12));
		}

		public String body() {
			int at = this.text.indexOf("\r\n\r\n");
			if (at < 0) {
				return "";
			}
			String body = this.text.substring(at + 4);
			boolean chunked = this.text.substring(0, at)
				.toLowerCase(java.util.Locale.ROOT)
				.contains("transfer-encoding: chunked");
			return chunked ? dechunked(body) : body;
		}

		private static String dechunked(String body) {
			StringBuilder joined = new StringBuilder();
			int at = 0;
			while (at < body.length()) {
				int lineEnd = body.indexOf("\r\n", at);
				if (lineEnd < 0) {
					break;
				}
				int size = Integer.parseInt(body.substring(at, lineEnd).strip(), 16);
				if (size == 0) {
					break;
				}
				joined.append(body, lineEnd + 2, Math.min(body.length(), lineEnd + 2 + size));
				at = lineEnd + 2 + size + 2;
			}
			return joined.toString();
		}

	}

}
