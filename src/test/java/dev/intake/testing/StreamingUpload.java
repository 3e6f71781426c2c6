package dev.intake.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A raw HTTP/1.1 upload of a CSV over a plain socket, as the test tenant, sent piece by
 * piece, so a test can stop in the middle of the body and vanish (a TCP reset, as when a
 * client crashes or its network goes away).
 */
public final class StreamingUpload implements AutoCloseable {

	private final Socket socket;

	private final OutputStream out;

	private final byte[] body;

	private int sent;

	private StreamingUpload(Socket socket, byte[] body) throws IOException {
		this.socket = socket;
		this.out = socket.getOutputStream();
		this.body = body;
	}

	/**
	 * Sends the request line and headers of {@code POST /api/v1/uploads?filename=...}
	 * with the body's length, and no body yet.
	 */
	public static StreamingUpload post(int port, String filename, byte[] body) {
		return post(port, filename, body, TestTenant.TEST, Map.of());
	}

	/**
	 * The same, as a tenant, with extra request headers such as {@code Idempotency-Key}.
	 */
	public static StreamingUpload post(int port, String filename, byte[] body, TestTenant tenant,
			Map<String, String> headers) {
		try {
			Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
			socket.setSoTimeout(120_000);
			StreamingUpload upload = new StreamingUpload(socket, body);
			StringBuilder extra = new StringBuilder();
			headers.forEach((name, value) -> extra.append(name).append(": ").append(value).append("\r\n"));
			String head = "POST /api/v1/uploads?filename=" + filename + " HTTP/1.1\r\n" + "Host: localhost:" + port
					+ "\r\n" + TestTenant.API_KEY_HEADER + ": " + tenant.key() + "\r\n" + extra
					+ "Connection: close\r\n" + "Content-Type: text/csv\r\n" + "Content-Length: " + body.length
					+ "\r\n\r\n";
			upload.out.write(head.getBytes(StandardCharsets.US_ASCII));
			upload.out.flush();
			return upload;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Sends the request line and headers of {@code PATCH /api/v1/uploads/{id}/content}
	 * with a piece of a file ({@code application/partial-upload}) starting at
	 * {@code offset}, and no body yet.
	 */
	public static StreamingUpload patch(int port, Object id, long offset, boolean complete, byte[] piece) {
		try {
			Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
			socket.setSoTimeout(120_000);
			StreamingUpload upload = new StreamingUpload(socket, piece);
			String head = "PATCH /api/v1/uploads/" + id + "/content HTTP/1.1\r\n" + "Host: localhost:" + port + "\r\n"
					+ TestTenant.API_KEY_HEADER + ": " + TestTenant.TEST.key() + "\r\n" + "Connection: close\r\n"
					+ "Content-Type: application/partial-upload\r\n" + "Upload-Offset: " + offset + "\r\n"
					+ "Upload-Complete: " + (complete ? "?1" : "?0") + "\r\n" + "Content-Length: " + piece.length
					+ "\r\n\r\n";
			upload.out.write(head.getBytes(StandardCharsets.US_ASCII));
			upload.out.flush();
			return upload;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Sends the body up to {@code fraction} of it (0 to 1). */
	public StreamingUpload sendUpTo(double fraction) {
		return sendBytes((int) (this.body.length * fraction));
	}

	/** Sends the body up to byte {@code to} of it. */
	public StreamingUpload sendBytes(int to) {
		try {
			this.out.write(this.body, this.sent, to - this.sent);
			this.out.flush();
			this.sent = to;
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Sends the rest of the body, or as much as the server takes before it answers, and
	 * reads the whole response, to the end; what came before the server closed the
	 * connection if it reset it (empty if it never answered).
	 */
	public String finish() {
		try {
			sendUpTo(1.0);
		}
		catch (UncheckedIOException ex) {
			// The server answered early and closed the connection: read what it said.
		}
		try {
			InputStream in = this.socket.getInputStream();
			ByteArrayOutputStream response = new ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			int read;
			try {
				while ((read = in.read(buffer)) != -1) {
					response.write(buffer, 0, read);
				}
			}
			catch (IOException ex) {
				// Reset by the server: keep what it said before.
			}
			return response.toString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Data rows sent so far, whole or in part. */
	public long linesSent() {
		long lines = 0;
		for (int i = 0; i < this.sent; i++) {
			if (this.body[i] == '\n') {
				lines++;
			}
		}
		return lines;
	}

	/** Drops the connection at once with a TCP reset, as a crashed client would. */
	public void disconnect() {
		try {
			this.socket.setSoLinger(true, 0);
		}
		catch (IOException ex) {
			// Closed already.
		}
		close();
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// Closed already.
		}
	}

}
