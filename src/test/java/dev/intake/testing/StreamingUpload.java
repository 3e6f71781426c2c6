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

import static org.assertj.core.api.Assertions.assertThat;

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
		StringBuilder extra = new StringBuilder();
		headers.forEach((name, value) -> extra.append(name).append(": ").append(value).append("\r\n"));
		return open(port,
				"POST /api/v1/uploads?filename=" + filename + " HTTP/1.1\r\n" + "Host: localhost:" + port + "\r\n"
						+ TestTenant.API_KEY_HEADER + ": " + tenant.key() + "\r\n" + extra + "Connection: close\r\n"
						+ "Content-Type: text/csv\r\n" + "Content-Length: " + body.length + "\r\n\r\n",
				body);
	}

	/**
	 * Posts a generated file of 20,000 rows, sends 30% of it and waits until its first
	 * batch is committed ({@link StoredUploads#awaitFirstBatch}), so that a fault
	 * injected next catches the upload in the middle.
	 */
	public static StreamingUpload postUntilFirstBatch(int port, String filename, String alias) {
		StreamingUpload upload = post(port, filename, GeneratedCsv.of(20_000, 1000).bytes());
		try {
			upload.sendUpTo(0.3);
			StoredUploads.awaitFirstBatch(filename, alias);
			return upload;
		}
		catch (RuntimeException | Error ex) {
			upload.close();
			throw ex;
		}
	}

	/**
	 * Sends the request line and headers of {@code PATCH /api/v1/uploads/{id}/content}
	 * with a piece of a file ({@code application/partial-upload}) starting at
	 * {@code offset}, and no body yet.
	 */
	public static StreamingUpload patch(int port, Object id, long offset, boolean complete, byte[] piece) {
		return open(port,
				"PATCH /api/v1/uploads/" + id + "/content HTTP/1.1\r\n" + "Host: localhost:" + port + "\r\n"
						+ TestTenant.API_KEY_HEADER + ": " + TestTenant.TEST.key() + "\r\n" + "Connection: close\r\n"
						+ "Content-Type: application/partial-upload\r\n" + "Upload-Offset: " + offset + "\r\n"
						+ "Upload-Complete: " + (complete ? "?1" : "?0") + "\r\n" + "Content-Length: " + piece.length
						+ "\r\n\r\n",
				piece);
	}

	/** Connects and sends the request line and headers, and no body yet. */
	private static StreamingUpload open(int port, String head, byte[] body) {
		try {
			Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
			socket.setSoTimeout(120_000);
			StreamingUpload upload = new StreamingUpload(socket, body);
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

	/**
	 * Asserts that a response {@link #finish()} read is empty (the server closed the
	 * connection without answering) or starts with this status.
	 */
	public static void assertNoAnswerOr(int status, String response) {
		assertThat(response).as("the answer, if the server answered before closing the connection")
			.satisfiesAnyOf((answer) -> assertThat(answer).isEmpty(),
					(answer) -> assertThat(answer).startsWith("HTTP/1.1 " + status));
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
