package dev.intake.idempotency;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;

/**
 * The identity of an upload request: a SHA-256 over what it did, its file name and, for a
 * request that carries content, the content's bytes exactly as received. Each part is
 * length-prefixed, so no two different requests run together into the same input.
 * <p>
 * The content is digested as it streams past ({@link #digesting}): nothing is buffered,
 * whatever the body's size.
 */
public final class RequestDigest {

	private final MessageDigest sha256;

	private byte[] value;

	private RequestDigest(RequestKind kind, String filename) {
		this.sha256 = newSha256();
		updateField(kind.label());
		updateField((filename != null) ? filename : "");
	}

	/** A digest of a request that carries content; feed the content through it. */
	public static RequestDigest ofContent(String filename) {
		return new RequestDigest(RequestKind.CONTENT, filename);
	}

	/** The digest of a request that only creates an upload to send content to later. */
	public static byte[] ofCreate(String filename) {
		return new RequestDigest(RequestKind.CREATE, filename).value();
	}

	/**
	 * Emits the body's buffers unchanged, each digested as it passes; whoever consumes
	 * the buffers releases them. The digest is complete once the returned flux completes.
	 */
	public Flux<DataBuffer> digesting(Flux<DataBuffer> body) {
		return body.doOnNext(this::update);
	}

	/** The digest: call only once the content has been read to its end. */
	public synchronized byte[] value() {
		if (this.value == null) {
			this.value = this.sha256.digest();
		}
		return this.value.clone();
	}

	private synchronized void update(DataBuffer buffer) {
		if (this.value != null) {
			throw new IllegalStateException("The request digest is already complete");
		}
		try (DataBuffer.ByteBufferIterator buffers = buffer.readableByteBuffers()) {
			while (buffers.hasNext()) {
				this.sha256.update(buffers.next());
			}
		}
	}

	private void updateField(String field) {
		byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
		this.sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(0, bytes.length));
		this.sha256.update(bytes);
	}

	private static MessageDigest newSha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

}
